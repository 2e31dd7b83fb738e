"""A per-document time budget: the work inside stops with ``DocumentTimeout`` when time runs out.

One bad document (a pathological parse, a rule that loops) must never stall a batch or a
stream. ``time_budget(seconds)`` raises ``DocumentTimeout`` in the running Python code once the
time is up, which unwinds the document's analysis; the caller rejects the document with the
reason and goes on. Native code (a spaCy parse) finishes its current call first, and it is
bounded by the document size limit.

- In a process's main thread: a real-time interval timer (``signal.setitimer``) whose handler
  raises the timeout (the local runner and the process pool).
- In any other thread (a Dask worker's task thread, a server's thread): a watchdog thread
  waits out the budget and, if the block is still running, sets the timeout as the thread's
  asynchronous exception (``PyThreadState_SetAsyncExc``), which Python raises at the thread's
  next bytecode. Leaving the block in time cancels the watchdog, and a timeout set in the
  instant the block ended is cleared, so it never surfaces after the block.

Why hand-written: no library bounds a CPU-bound Python call in-process; a subprocess per
document would cost more than the analysis itself.
"""

from __future__ import annotations

import ctypes
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
    if seconds <= 0:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout(f"over its {seconds:g} s time budget")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = ctypes.c_ulong(threading.get_ident())
    message = f"over its {seconds:g} s time budget"
    # An asynchronous exception is raised from its class, without arguments: a class that says it.
    timeout = type(
        "DocumentTimeout", (DocumentTimeout,), {"__init__": lambda self: Exception.__init__(self, message)}
    )
    lock = threading.Lock()
    state = {"done": False, "fired": False}
    finished = threading.Event()

    def watch() -> None:
        if finished.wait(seconds):
            return
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(timeout))

    threading.Thread(target=watch, name="sitrep-time-budget", daemon=True).start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # set in the instant the block ended: drop it (NULL clears)
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
        finished.set()
