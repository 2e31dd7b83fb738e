"""``count_documents``: a quick count of what ``read_sources`` will give, for the progress bar's ETA."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

import pytest

from sitrep.ingest import count_documents, read_sources
from sitrep.settings import Settings
from test_ingest_warc import build_warc

STORY = "Gunmen attacked a market in a northern town on Monday, residents said.\n"


def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "one.txt").write_text(STORY)
    (root / "two.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (root / "notes.txt~").write_text(STORY)  # a backup: not read
    (root / "README.md").write_text("What these files are.\n")  # the folder's own docs: not read
    (root / ".hidden" / "x.txt").write_text(STORY)
    (root / "picture.png").write_bytes(b"\x89PNG")  # read_sources rejects it: one result
    rows = [json.dumps({"id": f"r{i}", "text": STORY}) for i in range(3)]
    (root / "sub" / "feed.jsonl").write_text(
        rows[0] + "\n\n" + "\n".join(rows[1:])
    )  # a blank line, no final newline
    (root / "sub" / "crawl.warc.gz").write_bytes(build_warc())
    return root


def test_the_count_matches_what_read_sources_gives(tmp_path: Path, settings: Settings) -> None:
    root = corpus(tmp_path)
    missing = str(tmp_path / "missing.txt")
    paths = [str(root), str(root / "one.txt"), missing]
    assert count_documents(paths) == len(list(read_sources(paths, settings)))


def test_stdin_and_a_spent_time_limit_give_no_count(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    assert count_documents([str(root), "-"]) is None
    assert count_documents([str(root)], seconds=-1) is None
    assert count_documents([str(root)]) is not None


@pytest.mark.model
def test_a_terminal_gets_a_bar_with_total_and_eta_then_a_summary(tmp_path: Path, resources: Any) -> None:
    root = corpus(tmp_path)
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))  # a terminal has a size
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep", "extract", str(root)],
        stdout=subprocess.PIPE,
        stderr=child,
        timeout=300,
        check=False,
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    text = seen.decode("utf-8", "replace")
    total = count_documents([str(root)])
    assert f"/{total} [" in text, text  # the bar knows the total ...
    assert "<" in text  # ... and so shows time left (elapsed<remaining)
    assert "skipped" in text and "picture.png" in text  # a reject said as it happened
    assert f"sitrep: {total} documents," in text  # the summary
    assert proc.returncode == 0
