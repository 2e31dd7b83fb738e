"""A ``Report`` as Markdown, one self-contained HTML file, or PDF.

Markdown and HTML come from Jinja2 templates in ``report/templates``. The HTML template is
autoescaped and carries its figures as ``data:`` URIs, so it is one file. The PDF is that HTML
laid out by WeasyPrint (which needs the system's Pango); its fetcher takes ``data:`` URLs only,
so rendering reads nothing from the network or the disk.
"""

from __future__ import annotations

import base64
import functools
import re
import urllib.parse
from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import ConfigError
from ..records import Report
from .figures import DAILY_MAX_DAYS, TYPE_COLORS, color_of, map_png, timeline_png

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


@functools.cache
def _env(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitrep.report", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_text
    env.filters["md_url"] = md_url
    env.filters["color"] = color_of
    env.tests["http_url"] = is_http_url
    return env


def md_text(value: Any) -> str:
    """Text made inert in Markdown: HTML's ``<``, ``>``, ``&`` as entities, Markdown's own marks
    escaped, line breaks folded (a quote cannot open a heading or a raw HTML block)."""
    text = " ".join(str("" if value is None else value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def is_http_url(value: Any) -> bool:
    """Whether a source's URL may be a link (http or https; never ``javascript:`` and the like)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def md_url(value: Any) -> str:
    """A URL as a Markdown autolink: ``<``, ``>``, quotes and spaces percent-encoded (escapes do
    not work inside an autolink), and only http(s) links (others as inert text)."""
    url = str(value or "")
    if not is_http_url(url):
        return md_text(url)
    return "<" + urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~-._") + ">"


def _context(report: Report) -> dict[str, Any]:
    types: Counter[str] = Counter()
    type_deaths: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    area_deaths: Counter[str] = Counter()
    for c in report.by_type:
        types[c.event_type] += c.events
        type_deaths[c.event_type] += c.fatalities
        areas[c.admin1] += c.events
        area_deaths[c.admin1] += c.fatalities
    type_order = sorted(types, key=lambda t: (t not in TYPE_COLORS, -types[t], t))
    return {
        "r": report,
        "types": [(t or "(no type)", types[t], type_deaths[t]) for t in type_order],
        "areas": [(a or "(area unknown)", n, area_deaths[a]) for a, n in areas.most_common()],
        "type_names": [t for t in type_order],
        "timeline_daily": _days(report) <= DAILY_MAX_DAYS,
        "cross": {(c.admin1 or "(area unknown)", c.event_type): c.events for c in report.by_type},
    }


def _days(report: Report) -> int:
    return (date.fromisoformat(report.until) - date.fromisoformat(report.since)).days + 1


def render_markdown(report: Report, images: Mapping[str, str] | None = None) -> str:
    """The report in Markdown. ``images`` maps "map" and "timeline" to where their PNGs are
    (a path or URL the reader can open); without it the figures are left out, with a note."""
    text = _env(False).get_template("report.md.j2").render(**_context(report), images=dict(images or {}))
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def figures(report: Report) -> dict[str, bytes]:
    """The figures' PNG bytes: {"map": ..., "timeline": ...}."""
    return {"map": map_png(report), "timeline": timeline_png(report)}


def render_html(report: Report, *, for_print: bool = False) -> str:
    """The report as one HTML file (figures inline as ``data:`` URIs, every text escaped)."""
    uris = {
        name: Markup("data:image/png;base64," + base64.b64encode(png).decode("ascii"))
        for name, png in figures(report).items()
    }
    return (
        _env(True).get_template("report.html.j2").render(**_context(report), images=uris, for_print=for_print)
    )


def render_pdf(report: Report) -> bytes:
    """The report as PDF: the HTML laid out for A4 by WeasyPrint.

    Raises:
        ConfigError: WeasyPrint cannot load the system's Pango library (a machine without it).
    """
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # WeasyPrint loads Pango through cffi when imported
        raise ConfigError(
            f"PDF reports need the system's Pango library: {exc}",
            hint="apt-get install libpango-1.0-0 libpangoft2-1.0-0, or ask for --format html or md",
        ) from None

    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), timeout=1)  # nothing off the page
    doc = weasyprint.HTML(string=render_html(report, for_print=True), url_fetcher=fetcher)
    pdf: bytes = doc.write_pdf()
    return pdf
