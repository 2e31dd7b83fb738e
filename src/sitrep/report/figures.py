"""The report's two figures as PNG bytes (matplotlib, Agg backend): the map of the events over
country outlines (``basemap``), and the timeline of events per day by type."""

from __future__ import annotations

import io
import math
import threading
from collections import Counter, defaultdict
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .. import taxonomy as tx  # noqa: E402
from ..records import Report  # noqa: E402
from .basemap import ATTRIBUTION, country_rings, numeric_code  # noqa: E402

#: The dashboard's colours (web/static/js/util.js), so the report reads like the map.
TYPE_COLORS = {
    tx.BATTLES: "#c0392b",
    tx.EXPLOSIONS: "#e67e22",
    tx.VIOLENCE_AGAINST_CIVILIANS: "#8e44ad",
    tx.PROTESTS: "#2e86c1",
    tx.RIOTS: "#d4ac0d",
    tx.STRATEGIC: "#229954",
}
OTHER_COLOR = "#7f8c8d"
LAND, REGION_LAND, BORDER, SEA = "#f3f1ec", "#e0d6b8", "#8f897a", "#dde9f0"
MAX_LABELS = 12
DAILY_MAX_DAYS = 92  # longer windows are drawn week by week
MAX_DAYS = 3660
DPI = 150


def color_of(event_type: str) -> str:
    return TYPE_COLORS.get(event_type, OTHER_COLOR)


#: matplotlib is not thread-safe (its font and text caches are shared); the API renders reports
#: on its worker threads, so one figure is drawn at a time.
_DRAWING = threading.Lock()


def map_png(report: Report) -> bytes:
    """The map as PNG bytes (``_map_png``)."""
    with _DRAWING:
        return _map_png(report)


def timeline_png(report: Report) -> bytes:
    """The timeline as PNG bytes (``_timeline_png``)."""
    with _DRAWING:
        return _timeline_png(report)


def _map_png(report: Report) -> bytes:
    """The events as dots (area by toll, colour by type) over the country outlines, the busiest
    places labelled; framed on the events, or on the country when none is located."""
    fig = Figure(figsize=(7.2, 5.4), dpi=DPI)
    ax = fig.add_subplot()
    west, south, east, north = _frame(report)
    ax.set_facecolor(SEA)
    rings = country_rings()
    own = numeric_code(report.country)
    for code, country in (rings or {}).items():
        for ring in country:
            if not _overlaps(ring, west, south, east, north):
                continue
            face = REGION_LAND if code == own else LAND
            ax.add_patch(
                Polygon(ring, closed=True, facecolor=face, edgecolor=BORDER, linewidth=0.6, zorder=1)
            )
    by_type: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for p in report.points:
        by_type[p.event_type].append((p.longitude, p.latitude, p.fatalities))
    for etype in sorted(by_type, key=lambda t: (t not in TYPE_COLORS, t)):
        pts = by_type[etype]
        ax.scatter(
            [x for x, _, _ in pts],
            [y for _, y, _ in pts],
            s=[28 + 18 * math.sqrt(n) for _, _, n in pts],
            c=color_of(etype),
            alpha=0.85,
            edgecolors="#222222",
            linewidths=0.5,
            label=f"{etype or '(no type)'} ({len(pts)})",
            zorder=3,
        )
    for name, (x, y) in _labels(report):
        ax.annotate(
            name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7, color="#333333", zorder=4
        )
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((south + north) / 2))))
    ax.grid(True, color="#ffffff", linewidth=0.5, zorder=0)
    ax.tick_params(labelsize=7)
    if by_type:
        ax.legend(loc="lower left", fontsize=7, framealpha=0.9)
    else:
        ax.text(0.5, 0.5, "no located events", transform=ax.transAxes, ha="center", color="#555555")
    credit = ATTRIBUTION if rings is not None else "Country outlines not installed (scripts/install_web.sh)"
    ax.set_title(f"Events in {report.region_name}, {report.since} to {report.until}", fontsize=9)
    fig.text(0.99, 0.01, credit, ha="right", va="bottom", fontsize=6, color="#666666")
    fig.tight_layout()
    return _png(fig)


def _timeline_png(report: Report) -> bytes:
    """Events per day (per week when the window is longer than ``DAILY_MAX_DAYS``), stacked by
    type, over the whole window."""
    fig = Figure(figsize=(7.2, 2.8), dpi=DPI)
    ax = fig.add_subplot()
    first, last = date.fromisoformat(report.since), date.fromisoformat(report.until)
    n_days = min((last - first).days + 1, MAX_DAYS)
    width = 1 if n_days <= DAILY_MAX_DAYS else 7
    bins = [first + timedelta(days=i) for i in range(0, n_days, width)]
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for c in report.daily:
        offset = (date.fromisoformat(c.day) - first).days
        if 0 <= offset < n_days:
            counts[c.event_type][offset // width] += c.events
    bottom = [0] * len(bins)
    for etype in sorted(counts, key=lambda t: (t not in TYPE_COLORS, t)):
        heights = [counts[etype][i] for i in range(len(bins))]
        ax.bar(
            range(len(bins)),
            heights,
            bottom=bottom,
            color=color_of(etype),
            label=etype or "(no type)",
            width=0.8,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("events per day" if width == 1 else "events per week", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    step = max(1, math.ceil(len(bins) / 14))  # at most 14 dated ticks
    ticks = list(range(0, len(bins), step))
    ax.set_xticks(ticks, [bins[i].isoformat() for i in ticks])
    ax.set_xlim(-0.6, len(bins) - 0.4)
    ax.set_ylim(0, max(bottom, default=0) * 1.1 + 0.5)
    if counts:  # above the plot, where it hides no bar
        ax.legend(fontsize=7, ncols=3, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0))
    fig.autofmt_xdate()
    fig.tight_layout()
    return _png(fig)


def _frame(report: Report) -> tuple[float, float, float, float]:
    """West, south, east, north: for a country report the country's outline and its events, for
    an admin1 report its events (with a margin, at least 3 degrees across); the world when
    neither is known."""
    xs = [p.longitude for p in report.points]
    ys = [p.latitude for p in report.points]
    if report.admin1 is None or not xs:
        rings = (country_rings() or {}).get(numeric_code(report.country) or "", [])
        xs += [x for r in rings for x, _ in r]
        ys += [y for r in rings for _, y in r]
    if not xs:
        return -180.0, -60.0, 180.0, 80.0
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half_w = max((max(xs) - min(xs)) * 0.55, 1.5)
    half_h = max((max(ys) - min(ys)) * 0.55, 1.5)
    return cx - half_w, max(cy - half_h, -89.0), cx + half_w, min(cy + half_h, 89.0)


def _overlaps(ring: list[tuple[float, float]], w: float, s: float, e: float, n: float) -> bool:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return bool(xs) and min(xs) <= e and max(xs) >= w and min(ys) <= n and max(ys) >= s


def _labels(report: Report) -> list[tuple[str, tuple[float, float]]]:
    """The busiest places' names at the mean of their events' points."""
    spots: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in report.points:
        if p.place:
            spots[p.place].append((p.longitude, p.latitude))
    busiest = sorted(spots.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_LABELS]
    return [
        (name, (sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)))
        for name, pts in busiest
    ]


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()
