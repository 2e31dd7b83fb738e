"""Ingest the made-up report stream into a store, slowly: the process a kill test SIGKILLs.

    python tests/kill_driver.py DB_URL SEED N CHUNK

Runs the ingest's own save-and-dedup loop (``runners.store_results``) over ``dedup_corpus`` with
a short pause per document, so a kill lands anywhere: between documents, inside a save, inside
a dedup. Prints "ready" once it starts on the documents and "done" at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from dedup_corpus import corpus  # noqa: E402
from sitrep.records import Result  # noqa: E402
from sitrep.runners import store_results  # noqa: E402
from sitrep.store import open_store  # noqa: E402


def slowly(results: list[Result]) -> Iterator[Result]:
    for r in results:
        time.sleep(0.004)
        yield r


def main() -> None:
    url, seed, n, chunk = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    store = open_store(url)
    results = corpus(seed, n)
    print("ready", flush=True)
    store_results(slowly(results), store, chunk=chunk)
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
