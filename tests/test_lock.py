"""The hashed lock (requirements/lock.txt) agrees with the pins it was made from, and with the venv.

`make install` installs from the lock with --require-hashes and then sitrep itself with --no-deps,
so a pin changed in pyproject.toml, requirements/dev.txt or requirements/build.txt without
`make lock` would silently not be installed. These tests catch that.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
REQS = ROOT / "requirements"
LOCK = REQS / "lock.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]*))?"
)


def lock_entries() -> dict[str, tuple[str, str | None, list[str]]]:
    """Locked name → (version, environment marker, sha256 hashes), from requirements/lock.txt."""
    entries: dict[str, tuple[str, str | None, list[str]]] = {}
    name = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if m := ENTRY.match(line):
            name = canonicalize_name(m["name"])
            assert name not in entries, f"{name} locked twice"
            marker = m["marker"].strip() if m["marker"] else None
            entries[name] = (m["version"], marker, [])
        elif line.strip().startswith("--hash=sha256:"):
            entries[name][2].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        else:
            assert not line or line.startswith((" ", "#")), f"unexpected line in {LOCK.name}: {line!r}"
    return entries


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a pip requirements file (comments and blank lines dropped)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def pinned_inputs() -> list[tuple[str, Requirement]]:
    """Every pin the lock is made from: (where it is written, requirement)."""
    project = PYPROJECT["project"]
    rows = [("pyproject dependencies", Requirement(r)) for r in project["dependencies"]]
    for extra, pins in project["optional-dependencies"].items():
        rows += [(f"pyproject [{extra}]", Requirement(r)) for r in pins]
    for name in ("dev.txt", "build.txt"):
        rows += [(f"requirements/{name}", Requirement(r)) for r in requirement_lines(REQS / name)]
    return rows


LOCKED = lock_entries()


def test_every_entry_is_pinned_and_hashed() -> None:
    assert len(LOCKED) > 50
    for name, (version, _, hashes) in LOCKED.items():
        assert hashes, f"{name}=={version} has no hash"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name


@pytest.mark.parametrize(("where", "req"), pinned_inputs(), ids=lambda v: str(v))
def test_pin_is_locked_at_its_version(where: str, req: Requirement) -> None:
    (spec,) = req.specifier  # every input is an exact pin
    assert spec.operator == "==", f"{where}: {req} is not an exact pin"
    name = canonicalize_name(req.name)
    assert name in LOCKED, f"{where}: {req.name} is not in {LOCK.name} (run `make lock`)"
    assert LOCKED[name][0] == spec.version, (
        f"{where} pins {req}, {LOCK.name} has {LOCKED[name][0]} (run `make lock`)"
    )
    for extra in req.extras:  # psycopg[binary] → psycopg-binary, locked too
        assert canonicalize_name(f"{req.name}-{extra}") in LOCKED, f"{req} needs its extra locked"


def test_build_backend_is_the_locked_setuptools() -> None:
    (backend,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert canonicalize_name(backend.name) == "setuptools"
    assert SpecifierSet(str(backend.specifier)).contains(LOCKED["setuptools"][0])


def test_the_venv_is_installed_from_the_lock() -> None:
    from packaging.markers import Marker

    wrong = {}
    for name, (version, marker, _) in LOCKED.items():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"locked vs installed (run `make install`): {wrong}"
