"""The public names of the package are pinned."""

import sitrep


def test_all_is_pinned() -> None:
    assert sorted(sitrep.__all__) == [
        "Article",
        "Event",
        "Evidence",
        "Place",
        "RawDocument",
        "Rejected",
        "Result",
        "Settings",
        "Source",
        "Toponym",
        "load_settings",
        "open_store",
        "process_document",
        "run_batch",
    ]
    for name in sitrep.__all__:
        assert getattr(sitrep, name) is not None
