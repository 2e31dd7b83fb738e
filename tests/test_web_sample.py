"""The bundled sample, ingested by the real pipeline, on the dashboard in headless Chromium.

What `make run` shows a new user: every located sample event is a marker, nothing errors, and a
screenshot is saved to tests/artifacts/sample-map.png. Needs the model, the gazetteer and Chromium.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright")
from test_web_browser import (  # noqa: E402  tests/ is on sys.path (pytest's default import mode)
    ARTIFACTS,
    COUNT_MARKERS,
    _free_port,
    _open,
    browser,  # noqa: F401  (fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.model]
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory, settings: Any, resources: Any) -> Iterator[str]:
    import uvicorn

    from conftest import public_events
    from sitrep.api import create_app
    from sitrep.runners import ingest_paths
    from sitrep.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("sample") / "sample.db"))
    report = ingest_paths([str(SAMPLES)], settings, store, resources=resources)
    assert report.documents == 15 and not report.rejected
    # two stories are retold (a second outlet, an updated wire copy): each is one event, two sources
    retold = [e for e in public_events(store) if e["n_sources"] == 2]
    assert sorted((e["location"], e["fatalities"], e["version"]) for e in retold) == [
        ("Maiduguri", 22, 2),
        ("Niono", 15, 2),
    ]
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    # the dashboard hides background reports (earlier incidents) unless asked to show them
    located = sum(1 for e in public_events(store) if e["latitude"] is not None and not e["background"])
    try:
        yield f"http://127.0.0.1:{port}|{located}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_sample_events_are_on_the_map(browser: Any, sample_url: str) -> None:  # noqa: F811
    url, located = sample_url.split("|")
    assert int(located) >= 15, "the sample's stories should give at least fifteen located events"
    page, problems = _open(browser, url)
    assert page.evaluate(COUNT_MARKERS) == int(located)
    assert "Mali" in page.inner_text("#f-country") or "ML" in page.inner_text("#f-country")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sample-map.png"))
    problems.check()
    page.close()
