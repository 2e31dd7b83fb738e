"""Event dedup: extracted events (``records.Mention``) from many articles → clusters, one per happening.

Two mentions report the same happening when all of these hold (``compatible``):

- same **blocking key**: country and type family (``family``), and dates within a window;
- **type**: same family, and for territory and strategic developments a compatible sub-type;
- **date**: closer than the wider window of the two time precisions (``DATE_WINDOW``);
- **place**: closer than the wider radius of the two geo precisions (``PLACE_RADIUS_KM``);
- **actors**: each side unknown, unidentified, or the same (either order for armed clashes);
- **different documents**: one article's extractor already merged its own mentions.

Clustering is greedy complete-linkage over mentions in *report order* (published, doc, event id),
so it does not depend on the order the mentions arrive in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from ..geodesy import distance_km
from ..records import Event, Mention
from ..taxonomy import STRICT_FAMILIES, SYMMETRIC_SUBTYPES, WILDCARD_SUBTYPES, family

# Days two dates may differ, by time_precision (1 the day, 2 within a week, 3 vaguer).
DATE_WINDOW: dict[int, int] = {1: 1, 2: 7, 3: 31}
# Kilometres two points may differ, by geo_precision (1 the place, 2 near it, 3 region/country).
PLACE_RADIUS_KM: dict[int, float] = {1: 15.0, 2: 60.0, 3: 300.0}
UNLOCATED_KM = math.inf
MAX_WINDOW = max(DATE_WINDOW.values())


def family_of(m: Mention) -> str:
    """Type family of a mention (blocking key)."""
    return family(m.event.event_type, m.event.sub_event_type)


def block(m: Mention) -> tuple[str, str]:
    """Blocking key: (country, type family)."""
    return (m.event.country or "", family_of(m))


def _radius(e: Event) -> float:
    if e.latitude is None or e.longitude is None:
        return UNLOCATED_KM
    return PLACE_RADIUS_KM.get(e.geo_precision or 3, PLACE_RADIUS_KM[3])


def _actor(value: str | None) -> str | None:
    """Normalised actor name; None for unknown or unidentified (they match anyone)."""
    if not value:
        return None
    v = " ".join(value.casefold().split())
    return None if v.startswith("unidentified") else v


def _same_side(a: str | None, b: str | None) -> bool:
    x, y = _actor(a), _actor(b)
    return x is None or y is None or x == y


def actors_compatible(a: Event, b: Event) -> bool:
    """Each side unknown or the same; armed clashes and riots may name the sides in either order."""
    if _same_side(a.actor1, b.actor1) and _same_side(a.actor2, b.actor2):
        return True
    symmetric = a.sub_event_type in SYMMETRIC_SUBTYPES and b.sub_event_type in SYMMETRIC_SUBTYPES
    return symmetric and _same_side(a.actor1, b.actor2) and _same_side(a.actor2, b.actor1)


def types_compatible(a: Event, b: Event) -> bool:
    """Same family; strict families also need the same sub-type (or a wildcard one)."""
    fa = family(a.event_type, a.sub_event_type)
    if fa != family(b.event_type, b.sub_event_type):
        return False
    if fa not in STRICT_FAMILIES or a.sub_event_type == b.sub_event_type:
        return True
    return a.sub_event_type in WILDCARD_SUBTYPES or b.sub_event_type in WILDCARD_SUBTYPES


def date_gap(a: Mention, b: Mention) -> float | None:
    """Days between the two mentions, as a fraction of the allowed window (None: too far apart)."""
    da, db = a.day, b.day
    if da is None or db is None:
        return 1.0  # undated: compatible, but the weakest match
    ta, tb = a.event.time_precision, b.event.time_precision
    window = max(DATE_WINDOW.get(ta, MAX_WINDOW), DATE_WINDOW.get(tb, MAX_WINDOW))
    gap = abs((da - db).days)
    return gap / window if gap <= window else None


def place_gap(a: Event, b: Event) -> float | None:
    """Distance as a fraction of the allowed radius (None: too far apart)."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        if a.admin1 and b.admin1 and a.admin1 != b.admin1 and a.geo_precision == b.geo_precision == 1:
            return None
        return 1.0
    radius = max(_radius(a), _radius(b))
    d = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    return d / radius if d <= radius else None


def score(a: Mention, b: Mention) -> float | None:
    """How far apart two mentions are (0 = identical), or None when they cannot be one happening."""
    if a.doc_id == b.doc_id or block(a) != block(b):
        return None
    ea, eb = a.event, b.event
    if not types_compatible(ea, eb) or not actors_compatible(ea, eb):
        return None
    dg = date_gap(a, b)
    if dg is None:
        return None
    pg = place_gap(ea, eb)
    if pg is None:
        return None
    return dg + pg + (0.0 if ea.sub_event_type == eb.sub_event_type else 0.5)


def compatible(a: Mention, b: Mention) -> bool:
    """True when two mentions can report the same happening."""
    return score(a, b) is not None


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


def cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Group mentions into happenings; each cluster is in report order; independent of input order.

    Mentions are taken in report order; each joins the closest existing cluster of its block
    whose every member is compatible with it (complete linkage), or starts a new one. Only
    clusters with a member inside the day window (by both time precisions) and in a nearby grid
    cell are compared, so the work grows with local density rather than with the block size.
    """
    unique = {m.event_id: m for m in mentions}
    ordered = sorted(unique.values(), key=Mention.report_key)
    blocks: dict[tuple[str, str], list[list[Mention]]] = defaultdict(list)
    # Per block: cluster indices by (member's time precision, day, grid cell); undated apart.
    index: dict[tuple[str, str], dict[tuple[int, date, Cell], set[int]]] = defaultdict(
        lambda: defaultdict(set)
    )
    undated: dict[tuple[str, str], set[int]] = defaultdict(set)
    for m in ordered:
        key = block(m)
        clusters = blocks[key]
        own = _cell(m.event)
        if m.day is None:
            candidates: set[int] = set(range(len(clusters)))
        else:
            candidates = set(undated[key])
            idx = index[key]
            cells: list[Cell] = [None] + (_neighbours(own) if own is not None else [])
            mine = DATE_WINDOW.get(m.event.time_precision, MAX_WINDOW)
            for tp, theirs in DATE_WINDOW.items():
                reach = max(mine, theirs)
                for k in range(-reach, reach + 1):
                    d = m.day + timedelta(days=k)
                    for c in cells:
                        candidates.update(idx.get((tp, d, c), ()))
            if own is None:  # unlocated: compatible with any place, so any cell of a close enough day
                for (tp, d, _), hits in idx.items():
                    if abs((d - m.day).days) <= max(mine, DATE_WINDOW.get(tp, MAX_WINDOW)):
                        candidates.update(hits)
        best, best_score = -1, math.inf
        for i in sorted(candidates):
            worst = 0.0
            for x in clusters[i]:
                s = score(m, x)
                if s is None:
                    break
                worst = max(worst, s)
            else:
                if worst < best_score:
                    best, best_score = i, worst
        if best < 0:
            best = len(clusters)
            clusters.append([m])
        else:
            clusters[best].append(m)
        if m.day is None:
            undated[key].add(best)
        else:
            tp = m.event.time_precision if m.event.time_precision in DATE_WINDOW else max(DATE_WINDOW)
            index[key][(tp, m.day, own)].add(best)
    out = [members for block in blocks.values() for members in block]
    out.sort(key=lambda ms: ms[0].report_key())
    return out


def neighbourhood(mentions: Sequence[Mention]) -> tuple[set[tuple[str, str]], date | None, date | None]:
    """Blocks and the date range (padded by two windows) a re-cluster around ``mentions`` must read."""
    days = [d for d in (m.day for m in mentions) if d is not None]
    if not days:
        return {block(m) for m in mentions}, None, None
    pad = timedelta(days=2 * MAX_WINDOW)
    return {block(m) for m in mentions}, min(days) - pad, max(days) + pad
