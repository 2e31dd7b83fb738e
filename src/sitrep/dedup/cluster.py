"""Event dedup: extracted events (``records.Mention``) from many articles → clusters, one per happening.

Whether two mentions can be one happening is ``match``'s to say. Clustering runs three passes,
each over mentions in *report order* (published, doc, event id), so it does not depend on the
order the mentions arrive in:

1. **placed** mentions (geo_precision 1–2): greedy complete linkage. Each joins the closest
   cluster whose every member matches it (``match.score``), or starts a new one.
2. **vague** mentions (a country or region, or no coordinates): each joins the placed cluster it
   fits (``match.fits`` every placed member) when exactly one such cluster exists. With none, or
   with several (which one it reports cannot be told), it is left for the third pass.
3. the vague mentions left: greedy complete linkage among themselves (a vague-place event).

Every decision looks only at mentions ``match.compatible`` with the one being placed, so the
clusters of a connected set of mentions are the same whether it is clustered alone or inside a
larger store: the reduce step re-clusters whole connected sets and so equals a full rebuild.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from ..records import Event, Mention
from ..taxonomy import FAMILIES
from .match import (
    DATE_WINDOW,
    PLACE_RADIUS_KM,
    block,
    common,
    compatible,
    family_of,
    fits,
    is_vague,
    score,
    window,
)

Block = tuple[str, str]

Cell = tuple[int, int] | None
CELL_DEGREES = 3.0  # 333 km of latitude: wider than the widest radius (300 km)
_LON_CELLS = int(360 / CELL_DEGREES)


def _cell(e: Event) -> Cell:
    """Grid cell of a located event (None when unlocated)."""
    if e.latitude is None or e.longitude is None:
        return None
    return (math.floor(e.latitude / CELL_DEGREES), math.floor(e.longitude / CELL_DEGREES) % _LON_CELLS)


def _neighbours(cell: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells that can hold a point within the widest radius of any point in ``cell``.

    Longitude cells narrow toward the poles, so more of them are taken there (all near a pole).
    """
    lat_c, lon_c = cell
    edge = min(89.0, max(abs(lat_c - 1), abs(lat_c + 2)) * CELL_DEGREES)  # worst latitude reached
    width_km = 111.19 * CELL_DEGREES * math.cos(math.radians(edge))
    span = min(_LON_CELLS // 2, math.ceil(max(PLACE_RADIUS_KM.values()) / max(width_km, 1e-6)))
    return [(lat_c + a, (lon_c + b) % _LON_CELLS) for a in (-1, 0, 1) for b in range(-span, span + 1)]


class _Index:
    """The clusters of one block, by member's time precision, then (day, grid cell) or day alone.

    Only clusters with a member inside the day window (by both time precisions) and, for a
    placed mention, in a nearby grid cell are compared, so the work grows with local density
    rather than with the size of the block.
    """

    def __init__(self) -> None:
        self.by_cell: dict[int, dict[tuple[date, Cell], set[int]]] = defaultdict(lambda: defaultdict(set))
        self.by_day: dict[int, dict[date, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.undated: set[int] = set()
        self.by_story: dict[str, set[int]] = defaultdict(set)  # updates match whatever the day or place
        self.size = 0

    def add(self, i: int, m: Mention) -> None:
        """Record that cluster ``i`` holds ``m``."""
        self.size = max(self.size, i + 1)
        if m.story:
            self.by_story[m.story].add(i)
        if m.day is None:
            self.undated.add(i)
            return
        tp = m.event.time_precision if m.event.time_precision in DATE_WINDOW else max(DATE_WINDOW)
        self.by_cell[tp][(m.day, _cell(m.event))].add(i)
        self.by_day[tp][m.day].add(i)

    def near(self, m: Mention, *, anywhere: bool = False) -> list[int]:
        """Clusters that may hold a match for ``m`` (any place when ``anywhere`` or unlocated)."""
        if m.day is None:
            return list(range(self.size))
        day = m.day
        own = None if anywhere else _cell(m.event)
        found = self.undated | self.by_story.get(m.story or "", set())
        for tp, theirs in DATE_WINDOW.items():
            reach = max(window(m), theirs)
            days = [day + timedelta(days=k) for k in range(-reach, reach + 1)]
            if own is None:
                by_day = self.by_day.get(tp, {})
                if len(days) <= len(by_day):
                    found.update(i for d in days for i in by_day.get(d, ()))
                else:
                    found.update(
                        i for d, hits in by_day.items() if abs((d - day).days) <= reach for i in hits
                    )
                continue
            cells: list[Cell] = [None, *_neighbours(own)]
            by_cell = self.by_cell.get(tp, {})
            if len(days) * len(cells) <= len(by_cell):
                found.update(i for d in days for c in cells for i in by_cell.get((d, c), ()))
            else:
                near_cells = set(cells)
                found.update(
                    i
                    for (d, c), hits in by_cell.items()
                    if c in near_cells and abs((d - day).days) <= reach
                    for i in hits
                )
        return sorted(found)


Clusters = dict[Block, list[list[Mention]]]
Indexes = dict[Block, _Index]


def _closest(m: Mention, members: Sequence[list[Mention]], candidates: list[int]) -> int:
    """The candidate cluster whose every member matches ``m`` with the best worst score, or -1."""
    best, best_score = -1, math.inf
    for i in candidates:
        worst = 0.0
        for x in members[i]:
            s = score(m, x)
            if s is None:
                break
            worst = max(worst, s)
        else:
            if worst < best_score:
                best, best_score = i, worst
    return best


def _linkage(ordered: Iterable[Mention], clusters: Clusters, indexes: Indexes) -> None:
    """Greedy complete linkage: each mention joins its closest matching cluster or starts one."""
    for m in ordered:
        key = block(m)
        members, idx = clusters[key], indexes[key]
        best = _closest(m, members, idx.near(m))
        if best < 0:
            best = len(members)
            members.append([m])
        else:
            members[best].append(m)
        idx.add(best, m)


def _fits_all(v: Mention, members: Sequence[Mention]) -> bool:
    """A vague mention fits a cluster: it fits every placed member, and no vague one is its document's."""
    return all((common(v, x) if is_vague(x.event) else fits(v, x) is not None) for x in members)


def _attach(vague: Iterable[Mention], clusters: Clusters, indexes: Indexes) -> list[Mention]:
    """Join each vague mention to the one placed cluster it fits; return those that fit none or several."""
    left = []
    for v in vague:
        key = block(v)
        members = clusters[key]
        fitting = [i for i in indexes[key].near(v, anywhere=True) if _fits_all(v, members[i])]
        if len(fitting) == 1:
            members[fitting[0]].append(v)
        else:
            left.append(v)
    return left


def cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Group mentions into happenings; each cluster is in report order; independent of input order."""
    unique = {m.event_id: m for m in mentions}
    ordered = sorted(unique.values(), key=Mention.report_key)
    placed: Clusters = defaultdict(list)
    indexes: Indexes = defaultdict(_Index)
    _linkage((m for m in ordered if not is_vague(m.event)), placed, indexes)
    left = _attach((m for m in ordered if is_vague(m.event)), placed, indexes)
    vague: Clusters = defaultdict(list)
    _linkage(left, vague, defaultdict(_Index))
    out = [sorted(ms, key=Mention.report_key) for group in (placed, vague) for ms in _flat(group)]
    out.sort(key=lambda ms: ms[0].report_key())
    return out


def _flat(clusters: Clusters) -> Iterable[list[Mention]]:
    return (members for block_clusters in clusters.values() for members in block_clusters)


Span = tuple[str | None, tuple[int, int] | None, date | None, date | None]
"""Country (None: unknown), time precisions (an inclusive range; None: any), first and last day."""


def _merged(ranges: list[tuple[date, date]]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def spans(frontier: Sequence[Mention]) -> list[Span]:
    """Where a mention compatible with one of ``frontier`` can be, as (country, precisions, days).

    A stored mention of time precision k is within max(the frontier mention's window, k's
    window) days of it, so each precision gets its own ranges (most mentions are day-precise and
    reach one day, not a month); overlapping ranges are merged. A mention with no day at all
    reaches its whole country.
    """
    ranges: dict[tuple[str | None, int], list[tuple[date, date]]] = defaultdict(list)
    whole: set[str | None] = set()
    top = max(DATE_WINDOW)
    for m in frontier:
        country = m.event.country or None
        if m.day is None:
            whole.add(country)
            continue
        for tp, theirs in DATE_WINDOW.items():
            pad = timedelta(days=max(window(m), theirs))
            ranges[(country, tp)].append((m.day - pad, m.day + pad))
    out: list[Span] = [(c, None, None, None) for c in sorted(whole, key=lambda c: c or "")]
    for country, tp in sorted(ranges, key=lambda k: (k[0] or "", k[1])):
        if country not in whole:
            precisions = (tp, tp) if tp < top else (tp, 99)  # the widest window takes vaguer codes too
            out += [(country, precisions, a, b) for a, b in _merged(ranges[(country, tp)])]
    return out


def sub_types(frontier: Sequence[Mention]) -> list[str]:
    """The sub-types a mention compatible with one of ``frontier`` can have: their families'."""
    families = {family_of(m) for m in frontier}
    own = {m.event.sub_event_type for m in frontier}
    return sorted(own | {sub for sub, fam in FAMILIES.items() if fam in families})


def touching(candidates: Iterable[Mention], frontier: Sequence[Mention]) -> list[Mention]:
    """The candidates ``match.compatible`` with at least one mention of ``frontier``."""
    by_block: dict[Block, list[Mention]] = defaultdict(list)
    for f in frontier:
        by_block[block(f)].append(f)
    return [c for c in candidates if any(compatible(c, f) for f in by_block.get(block(c), ()))]
