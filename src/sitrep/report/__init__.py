"""Situation reports: a region's events, map, timeline, key events with their evidence, risk
levels, advisories and what changed since the last report, as Markdown, HTML or PDF.

``build_report`` makes the ``Report`` record; ``render_markdown``, ``render_html`` and
``render_pdf`` lay it out; ``save_snapshot`` keeps its key facts for the next report's changes.
The CLI (``sitrep report``) and the API (``GET /api/report``) are thin callers.
"""

from __future__ import annotations

from .build import MAX_EVENTS, build_report, save_snapshot
from .render import figures, render_html, render_markdown, render_pdf
from .window import Region, parse_region, parse_since

__all__ = [
    "MAX_EVENTS",
    "Region",
    "build_report",
    "figures",
    "parse_region",
    "parse_since",
    "render_html",
    "render_markdown",
    "render_pdf",
    "save_snapshot",
]
