"""Every CLI command, setting and API route is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import cli
from sitrep.settings import FIELDS, settings_reference

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_settings_reference_is_current() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert settings_reference() in doc, "regenerate docs/settings.md from `sitrep settings`"
    for name in FIELDS:
        assert f"`SITREP_{name.upper()}`" in doc


def test_every_cli_command_is_in_the_readme() -> None:
    for name, cmd in cli.commands.items():
        assert f"sitrep {name}" in README, f"`sitrep {name}` is not in README.md"
        sub = getattr(cmd, "commands", {})
        for subname in sub:
            assert f"sitrep {name} {subname}" in README, f"`sitrep {name} {subname}` is not in README.md"


def test_every_api_route_is_in_the_readme() -> None:
    from sitrep.api.app import create_app

    class Empty:
        def query_events(self, filters: object) -> list[object]:
            return []

        def stats(self) -> dict[str, object]:
            return {}

    app = create_app(Empty())  # type: ignore[arg-type]
    routes = {getattr(r, "path", "") for r in app.routes}
    for path in routes:
        if path.startswith("/api/"):
            assert path in README, f"API route {path} is not in README.md"


def test_event_schema_fields_are_in_the_readme() -> None:
    from datetime import date

    from sitrep.records import Event, Evidence, Source

    e = Event("d", "Battles", "Armed clash", (Evidence("x", 0, 1),), Source("d"), date(2024, 1, 1))
    for key in e.to_dict():
        assert f"`{key}`" in README, f"event field {key} is not described in README.md"


def test_the_readme_gives_real_dask_workers_the_local_cluster_settings() -> None:
    yaml = pytest.importorskip("yaml", reason="the [dask] extra is not installed")
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    from sitrep.runners.dask import WORKER_CONFIG

    block = README.split("~/.config/dask/sitrep.yaml", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]

    def flat(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in tree.items():
            if isinstance(value, dict):
                out.update(flat(value, f"{prefix}{key}."))
            else:
                out[f"{prefix}{key}"] = value
        return out

    assert flat(yaml.safe_load(block)) == WORKER_CONFIG
