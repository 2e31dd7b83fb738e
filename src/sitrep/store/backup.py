"""``sitrep db backup`` / ``sitrep db restore``: the whole store as one portable archive.

A backup is a gzipped tar: ``manifest.json`` (format, sitrep version, the backend it came from,
its applied migrations, each table's row count and a SHA-256 of its rows) and one
``tables/<name>.jsonl`` per table (a header line of column names, then one JSON array per row,
in primary-key order). It is read inside one snapshot (SQLite's read transaction, PostgreSQL's
repeatable read), so ingests may run meanwhile. Search indexes (SQLite's FTS5 tables) and
generated columns (PostGIS ``geom``) are not copied: the target rebuilds them as rows arrive.

A restore goes into an empty store of either backend (so it also moves a store from SQLite to
PostgreSQL): the target is migrated up to the backup's last migration, the rows are inserted in
an order that satisfies every foreign key, each table is checked against the manifest's count
and hash, and then the remaining migrations bring it to the current schema. Restoring an
older backup is how an old store is upgraded with every row intact.

Why hand-written: pg_dump and SQLite's backup API each serve one backend and one version; this
format is the same for both and survives schema upgrades.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, StoreError
from .backend import Backend

FORMAT = 1
PAGE = 5000
# Parents before children (foreign keys); tables not listed follow, by name.
ORDER = (
    "articles",
    "article_bands",
    "article_sources",
    "events",
    "rejects",
    "dedup_pending",
    "canonical_events",
    "canonical_members",
    "canonical_versions",
    "canonical_stats",
    "feeds",
    "feed_items",
    "reviews",
    "review_mentions",
)
# Not data: search indexes, PostGIS's own table, and the generation counter (017), which a
# restore's own inserts move.
SKIP_PREFIXES = ("sqlite_", "canonical_text", "canonical_actors", "spatial_ref_sys", "data_generation")


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What a backup or a restore covered."""

    path: str
    tables: dict[str, int]
    migrations: list[str]


def _tables(db: Backend) -> list[str]:
    if db.dialect == "sqlite":
        rows = db.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    else:
        rows = db.rows(
            "SELECT table_name AS name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    names = {r["name"] for r in rows} - {"migrations"}
    names = {n for n in names if not n.startswith(SKIP_PREFIXES)}
    return [t for t in ORDER if t in names] + sorted(names - set(ORDER))


def _columns(db: Backend, table: str) -> list[str]:
    if db.dialect == "sqlite":
        return [r["name"] for r in db.rows(f"PRAGMA table_xinfo({table})") if r["hidden"] == 0]
    rows = db.rows(
        "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position",
        (table,),
    )
    return [r["name"] for r in rows]


def _key(db: Backend, table: str, columns: list[str]) -> str:
    """An ORDER BY that makes the dump deterministic: the primary key, else every column."""
    if db.dialect == "sqlite":
        pk = [
            r["name"]
            for r in sorted(db.rows(f"PRAGMA table_info({table})"), key=lambda r: r["pk"])
            if r["pk"]
        ]
    else:
        pk = [
            r["name"]
            for r in db.rows(
                "SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary",
                (table,),
            )
        ]
    return ", ".join(pk or columns)


def _rows(db: Backend, table: str, columns: list[str]) -> Iterator[list[Any]]:
    cols, order = ", ".join(columns), _key(db, table, columns)
    offset = 0
    while True:  # pages in key order, inside the caller's snapshot; ends at the table's end
        page = db.rows(f"SELECT {cols} FROM {table} ORDER BY {order} LIMIT {PAGE} OFFSET {offset}")
        for r in page:
            yield [r[c] for c in columns]
        if len(page) < PAGE:
            return
        offset += PAGE


def backup_store(db: Backend, out: str | Path) -> BackupReport:
    """Write every table of ``db`` to the archive ``out`` (see the module docstring)."""
    from .. import __version__

    out = Path(out)
    tmp = out.with_name(out.name + ".partial")
    counts: dict[str, int] = {}
    hashes: dict[str, str] = {}
    with db.snapshot(), tarfile.open(tmp, "w:gz") as tar:
        migrations = [r["name"] for r in db.rows("SELECT name FROM migrations ORDER BY name")]
        for table in _tables(db):
            columns = _columns(db, table)
            buf, digest, n = io.BytesIO(), hashlib.sha256(), 0
            buf.write((json.dumps(columns) + "\n").encode())
            for row in _rows(db, table, columns):
                line = (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode()
                buf.write(line)
                digest.update(line)
                n += 1
            _add(tar, f"tables/{table}.jsonl", buf.getvalue())
            counts[table], hashes[table] = n, digest.hexdigest()
        manifest = {
            "format": FORMAT,
            "sitrep": __version__,
            "dialect": db.dialect,
            "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "migrations": migrations,
            "tables": counts,
            "sha256": hashes,
        }
        _add(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
    tmp.replace(out)
    return BackupReport(str(out), counts, migrations)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of a backup archive (checked to be one)."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            manifest: dict[str, Any] = json.loads(member.read()) if member else {}
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise ConfigError(
            f"not a sitrep backup: {path}: {exc}", hint="make one with `sitrep db backup`"
        ) from exc
    if manifest.get("format") != FORMAT:
        raise ConfigError(f"{path}: backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def restore_store(url: str, path: str | Path) -> BackupReport:
    """Restore the archive ``path`` into the empty store at ``url``, then migrate it to now.

    Raises:
        ConfigError: not a backup, a backup from a newer sitrep, or a target that holds data.
        StoreError: a table's rows do not match the manifest (nothing is committed).
    """
    from .migrations import MIGRATIONS
    from .open import open_store

    manifest = read_manifest(path)
    known = {name for name, _, _ in MIGRATIONS}
    unknown = [m for m in manifest["migrations"] if m not in known]
    if unknown:
        raise ConfigError(f"the backup needs newer migrations: {unknown}", hint="restore with a newer sitrep")
    last = max(manifest["migrations"]) if manifest["migrations"] else None
    db: Any = open_store(url, upto=last)
    try:
        filled = [t for t in _tables(db) if db.rows(f"SELECT 1 AS x FROM {t} LIMIT 1")]
        if filled:
            raise ConfigError(
                f"the target store is not empty: {', '.join(filled)}", hint="restore into a new database"
            )
        with tarfile.open(path, "r:gz") as tar, db.transaction():
            for table in [t for t in ORDER if t in manifest["tables"]] + sorted(
                set(manifest["tables"]) - set(ORDER)
            ):
                _load(db, tar, table, manifest)
        applied = db.migrate()
    finally:
        db.close()
    return BackupReport(str(path), dict(manifest["tables"]), list(manifest["migrations"]) + applied)


def _load(db: Backend, tar: tarfile.TarFile, table: str, manifest: dict[str, Any]) -> None:
    member = tar.extractfile(f"tables/{table}.jsonl")
    if member is None:
        raise StoreError(f"backup has no rows file for {table}")
    lines = iter(member)
    columns = json.loads(next(lines))
    digest, n, batch = hashlib.sha256(), 0, []
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for line in lines:
        digest.update(line)
        batch.append(json.loads(line))
        n += 1
        if len(batch) >= PAGE:
            db.executemany(sql, batch)
            batch = []
    if batch:
        db.executemany(sql, batch)
    if n != manifest["tables"][table] or digest.hexdigest() != manifest["sha256"][table]:
        raise StoreError(
            f"backup table {table}: {n} rows do not match the manifest", hint="the archive is damaged"
        )
