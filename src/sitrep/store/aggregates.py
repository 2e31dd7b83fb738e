"""Maintained counts of the live canonical events, so ``/api/stats`` answers fast at a million.

``canonical_stats`` holds, for every country and for all countries (``*``), how many live
events (and their summed toll) fall under each key of each group: type, sub_type, admin1,
day, actor (``actor1`` and ``actor2``) and, for ``*`` only, country. ``write_canonical`` keeps
it exact: it reads the rows it is about to touch before and after writing them, and applies the
difference (``delta``), in the same transaction. ``stats`` then answers a request filtered by
nothing or by a country from this table, and any other filter from the events themselves
(``reads.SQLReads.stats``); both give the same answer (``tests/test_store_contract.py``).

Why hand-written: a few lines of portable SQL; triggers would need one dialect each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from .backend import Backend, chunks, marks

COLUMNS = "event_id, country, event_type, sub_event_type, admin1, date, actor1, actor2, fatalities"
ALL = "*"
Key = tuple[str, str, str]  # (country or ALL, group, key)


def contributions(rows: Iterable[dict[str, Any]]) -> tuple[Counter[Key], Counter[Key]]:
    """(event counts, toll sums) that ``rows`` (live events, ``COLUMNS``) add to the table."""
    n: Counter[Key] = Counter()
    toll: Counter[Key] = Counter()
    for r in rows:
        country = r["country"] or "?"
        groups = [
            ("type", r["event_type"]),
            ("sub_type", r["sub_event_type"]),
            ("admin1", r["admin1"]),
            ("day", r["date"]),
        ]
        actors = {a for a in (r["actor1"], r["actor2"]) if a}
        keys = [(g, k or "?") for g, k in groups] + [("actor", a) for a in sorted(actors)]
        for scope in (country, ALL):
            for group, key in keys:
                n[(scope, group, key)] += 1
                toll[(scope, group, key)] += r["fatalities"] or 0
        n[(ALL, "country", country)] += 1
        toll[(ALL, "country", country)] += r["fatalities"] or 0
    return n, toll


def live_rows(store: Backend, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The live (not superseded) events among ``event_ids``, with the columns the counts need."""
    out: list[dict[str, Any]] = []
    for part in chunks(sorted(set(event_ids))):
        where = f"superseded_by IS NULL AND event_id IN ({marks(len(part))})"
        out += store.rows(f"SELECT {COLUMNS} FROM canonical_events WHERE {where}", part)
    return out


def apply_delta(store: Backend, before: list[dict[str, Any]], after: list[dict[str, Any]]) -> None:
    """Move ``canonical_stats`` from the rows as they were to the rows as they are."""
    n_new, toll_new = contributions(after)
    n_old, toll_old = contributions(before)
    keys = set(n_new) | set(n_old)
    changes = [
        (*k, n_new[k] - n_old[k], toll_new[k] - toll_old[k])
        for k in sorted(keys)
        if n_new[k] != n_old[k] or toll_new[k] != toll_old[k]
    ]
    if not changes:
        return
    store.executemany(
        "INSERT INTO canonical_stats (country, grp, k, n, fatalities) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (country, grp, k) DO UPDATE SET n = canonical_stats.n + excluded.n,"
        " fatalities = canonical_stats.fatalities + excluded.fatalities",
        changes,
    )
    store.execute("DELETE FROM canonical_stats WHERE n = 0")


def rebuild(store: Backend) -> None:
    """Recount ``canonical_stats`` from every live event (a migration, or a repair)."""
    store.execute("DELETE FROM canonical_stats")
    for rows in store.event_pages(f"{COLUMNS}, superseded_by"):  # in pages: memory stays flat
        apply_delta(store, [], [r for r in rows if r["superseded_by"] is None])


def grouped(store: Backend, country: str | None) -> dict[str, list[dict[str, Any]]]:
    """The counted rows of one country (or all), by group: ``{group: [{"k", "n", "fatalities"}]}``."""
    rows = store.rows(
        "SELECT grp, k, n, fatalities FROM canonical_stats WHERE country = ?",
        (country.upper() if country else ALL,),
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r["grp"], []).append(r)
    return out
