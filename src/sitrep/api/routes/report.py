"""``GET /api/report``: a situation report of a country or admin1 area as Markdown, HTML or PDF.

Public: the same events as ``GET /api/events`` (rejected ones left out), and nothing private.
It only reads: the snapshot that lets the next report say what changed is kept by the CLI
(``sitrep report``), not by a public GET. Not a kept answer (``since=7d`` moves with the clock).
A process draws one report at a time; a request that waits more than ``WAIT_S`` for it gets 503
with ``Retry-After`` (anyone may ask, and a PDF costs about a second of CPU).
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ...errors import Busy, ConfigError
from ...report import build_report, parse_region, parse_since, render_html, render_markdown, render_pdf
from ..params import AppState, app_state

router = APIRouter()
WAIT_S = 5.0  # how long a request waits for the report being drawn before it is answered 503
_drawing = threading.Semaphore(1)  # a public route that costs a second: never many at once

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


@router.get("/api/report", summary="A situation report of a country or admin1 area (Markdown, HTML or PDF)")
def report(
    state: Annotated[AppState, Depends(app_state)],
    region: Annotated[
        str, Query(min_length=1, max_length=120, description="ISO2 country (ML), a country name, or ML.Ségou")
    ],
    since: Annotated[
        str, Query(max_length=40, description="first day: a span back from now (7d, 48h, 2w) or an ISO date")
    ] = "7d",
    until: Annotated[
        str | None, Query(max_length=40, description="last day, an ISO date (default today)")
    ] = None,
    format: Annotated[Literal["md", "html", "pdf"], Query(description="md, html (one file) or pdf")] = "html",
) -> Response:
    """Summary by type and area, map, timeline, key events with evidence and sources, risk levels,
    advisories, and what changed since the last report the CLI kept."""
    where = parse_region(region, state.countries)
    first = parse_since(since)
    try:
        last = date.fromisoformat(until) if until else None
    except ValueError:
        raise ConfigError(f"until: not a date: {until!r}", hint="use an ISO date, e.g. 2024-03-08") from None
    if not _drawing.acquire(timeout=WAIT_S):
        raise Busy("another report is being drawn on this server", hint="try again in a few seconds")
    try:  # one report at a time per process: its figures and PDF cost about a second of CPU
        with state.reads() as store:
            rep = build_report(store, region=where, since=first, until=last, gazetteer=state.countries)
        name = f"sitrep-report-{where.key}-{rep.until}.{format}".replace("/", "-")
        headers = {"Content-Disposition": f'inline; filename="{_ascii(name)}"'}
        if format == "pdf":
            return Response(render_pdf(rep), media_type=MEDIA_TYPES["pdf"], headers=headers)
        body = render_html(rep) if format == "html" else render_markdown(rep)
        return Response(body.encode("utf-8"), media_type=MEDIA_TYPES[format], headers=headers)
    finally:
        _drawing.release()


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "_" for c in name)
