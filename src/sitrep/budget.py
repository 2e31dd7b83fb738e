"""A per-document time budget: the work inside stops with ``DocumentTimeout`` when time runs out.

One bad document (a pathological parse, a rule that loops) must never stall a batch or a
stream. ``time_budget(seconds)`` arms a real-time interval timer (``signal.setitimer``); when it
fires, the handler raises ``DocumentTimeout`` in the running Python code, which unwinds the
document's analysis; the caller rejects the document with the reason and goes on. Native code
(a spaCy parse) finishes its current call first, and it is bounded by the document size limit.

Signals reach only the main thread, so in any other thread (or where the platform has no
``setitimer``) the work runs without a budget and a debug line says so; the runners call the
pipeline from the main thread of each process.

Why hand-written: no library bounds a CPU-bound Python call in-process; a subprocess per
document would cost more than the analysis itself.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

log = logging.getLogger(__name__)


class DocumentTimeout(Exception):  # noqa: N818 (a budget running out is not an error of the code)
    """A document's analysis ran past its time budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` inside the block once ``seconds`` have passed (0 or less: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        if seconds > 0:
            log.debug("no time budget outside the main thread; running unbounded")
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout(f"over its {seconds:g} s time budget")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
