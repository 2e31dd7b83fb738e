"""``GET /api/report``: a situation report of a country or admin1 area as Markdown, HTML or PDF.

Public: the same events as ``GET /api/events`` (rejected ones left out), and nothing private.
It only reads: the snapshot that lets the next report say what changed is kept by the CLI
(``sitrep report``), not by a public GET. Not a kept answer (``since=7d`` moves with the clock).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ...errors import ConfigError
from ...report import build_report, parse_region, parse_since, render_html, render_markdown, render_pdf
from ..params import AppState, app_state

router = APIRouter()

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
    with state.reads() as store:
        rep = build_report(store, region=where, since=first, until=last, gazetteer=state.countries)
    name = f"sitrep-report-{where.key}-{rep.until}.{format}".replace("/", "-")
    headers = {"Content-Disposition": f'inline; filename="{_ascii(name)}"'}
    if format == "pdf":
        return Response(render_pdf(rep), media_type=MEDIA_TYPES["pdf"], headers=headers)
    body = render_html(rep) if format == "html" else render_markdown(rep)
    return Response(body.encode("utf-8"), media_type=MEDIA_TYPES[format], headers=headers)


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "_" for c in name)
