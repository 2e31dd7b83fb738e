#!/usr/bin/env python3
"""Evaluate the sentence classifier alone (sitrep.events.model) on the internal evaluation sets.

    .venv/bin/python scripts/eval_sentence_model.py [--shared ../shared] [--weights PATH]
        [--append BENCHMARKS.md]

Reads ../shared when it is present and says so when it is absent (exit 0, nothing measured).
Nothing here trains or tunes: these sets are evaluation data, and the model never saw them.

- CASE 2021 Task 2 dev (rows with an ACLED sub-type): the model's top sub-type for each whole
  snippet, whatever its p_event; accuracy and weighted F1 as score_case.py computes them (F1 per
  gold label, weighted by its support). Also the share of snippets the model would call "not an
  event" at each threshold (every snippet is an event, so that is recall lost).
- news-dev (24 real articles): every line of the text is split into sentences by the pipeline's
  spaCy model. A sentence is an event if it overlaps the evidence of a gold event. Scored two
  ways: "required" (positives: evidence of a required event; sentences whose only evidence is
  optional or background are left out, as the event scorer leaves optional events neutral) and
  "any" (evidence of any gold event is positive). Precision and recall of "event vs not" at each
  threshold on p_event, and the sub-type accuracy on event sentences (right when the top sub-type
  is the gold one or one of its also_accept types, for any gold event in the sentence).
- Speed: load time, and sentences per second of predict() on the news-dev sentences, against
  spaCy's nlp.pipe on the same articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sitrep.events.model import SentenceModel  # noqa: E402

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)
CASE = Path("data/events/case2021-task2-acled/dev.jsonl")
NEWS = Path("eval/news-dev.jsonl")


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(weighted F1, macro F1) over the gold labels, as ../shared/eval/score_case.py computes them."""
    weighted = macro = 0.0
    labels = sorted(set(gold))
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        weighted += f1 * (tp + fn)
        macro += f1
    return weighted / len(gold), macro / len(labels)


def case_figures(model: SentenceModel, path: Path) -> dict[str, Any]:
    """Top sub-type accuracy and weighted F1 on the CASE dev snippets with an ACLED sub-type."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("acled_sub_event_type")]
    preds = model.predict([r["text"] for r in rows])
    gold = [r["acled_sub_event_type"] for r in rows]
    pred = [p.sub_event_type for p in preds]
    weighted, macro = weighted_f1(gold, pred)
    return {
        "n": len(rows),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows),
        "weighted_f1": weighted,
        "macro_f1": macro,
        "vetoed": {t: sum(p.p_event < t for p in preds) / len(rows) for t in THRESHOLDS},
    }


def evidence_spans(doc: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, gold event) of every occurrence of every evidence string in the text."""
    spans = []
    for event in doc["events"]:
        for evidence in event["evidence"]:
            start = doc["text"].find(evidence)
            while start >= 0:
                spans.append((start, start + len(evidence), event))
                start = doc["text"].find(evidence, start + 1)
    return spans


def news_sentences(nlp: Any, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every sentence of every article (split per line by spaCy) with the gold events it overlaps."""
    out = []
    for doc in docs:
        spans = evidence_spans(doc)
        lines, starts, pos = [], [], 0
        for line in doc["text"].split("\n"):
            if line.strip():
                lines.append(line)
                starts.append(pos)
            pos += len(line) + 1
        for parsed, base in zip(nlp.pipe(lines, batch_size=64), starts, strict=True):
            for sent in parsed.sents:
                a, b = base + sent.start_char, base + sent.end_char
                events = [e for s, t, e in spans if s < b and a < t]
                if sent.text.strip():
                    out.append({"doc": doc["id"], "text": sent.text.strip(), "events": events})
    return out


def optional(event: dict[str, Any]) -> bool:
    return event.get("required") is False or event.get("background") is True


def accepted(events: list[dict[str, Any]]) -> set[str]:
    subs = {e["sub_event_type"] for e in events}
    return subs | {a["sub_event_type"] for e in events for a in e.get("also_accept", [])}


def sentence_scores(sents: list[dict[str, Any]], preds: list[Any], mode: str) -> dict[str, Any]:
    """P/R/F1 of "event vs not" per threshold and the sub-type accuracy on event sentences."""
    gold: list[bool] = []
    kept = []
    for sent, pred in zip(sents, preds, strict=True):
        required = [e for e in sent["events"] if not optional(e)]
        if mode == "required" and sent["events"] and not required:
            continue  # only optional evidence: neutral
        gold.append(bool(required if mode == "required" else sent["events"]))
        kept.append((sent, pred))
    by_threshold = {}
    for t in THRESHOLDS:
        tp = sum(g and p.p_event >= t for g, (_, p) in zip(gold, kept, strict=True))
        fp = sum(not g and p.p_event >= t for g, (_, p) in zip(gold, kept, strict=True))
        fn = sum(g and p.p_event < t for g, (_, p) in zip(gold, kept, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        by_threshold[t] = {"precision": prec, "recall": rec, "f1": f1, "predicted": tp + fp}
    positives = [(s, p) for g, (s, p) in zip(gold, kept, strict=True) if g]
    right = sum(p.sub_event_type in accepted(s["events"]) for s, p in positives)
    return {
        "sentences": len(kept),
        "events": len(positives),
        "thresholds": by_threshold,
        "subtype_accuracy": right / len(positives) if positives else 0.0,
    }


def speed(model: SentenceModel, nlp: Any, docs: list[dict[str, Any]], sents: list[str]) -> dict[str, float]:
    """Best of three: predict() on the sentences and spaCy nlp.pipe on the articles."""
    predict = min(_timed(lambda: model.predict(sents)) for _ in range(3))
    spacy_s = min(_timed(lambda: list(nlp.pipe([d["text"] for d in docs], batch_size=32))) for _ in range(2))
    return {"predict_s": predict, "per_s": len(sents) / predict, "spacy_s": spacy_s}


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def report(
    case: dict[str, Any], news: dict[str, dict[str, Any]], fast: dict[str, float], meta: dict[str, Any]
) -> str:
    """The BENCHMARKS.md section."""
    lines = [
        f"## Sentence classifier alone (`events.sentence_model.v1`) — {meta['date']} UTC\n",
        f"- machine: {meta['machine']}",
        f"- command: `{meta['command']}`",
        f"- model: {meta['features']}, C = {meta['C']:g}; trained on data/events-corpus only "
        f"(corpus sha256 {meta['corpus'][:16]}…); these sets were never used to train or choose it",
        f"- its cross-validation on the corpus (folds grouped by country): {meta['cv']}",
        "",
        "| CASE 2021 Task 2 dev, 25 ACLED types, top sub-type of the whole snippet | figure |",
        "|---|---|",
        f"| n | {case['n']} |",
        f"| accuracy | {case['accuracy']:.3f} |",
        f"| weighted F1 (rules today: 0.794) | **{case['weighted_f1']:.3f}** |",
        f"| macro F1 | {case['macro_f1']:.3f} |",
        "| snippets it would call not-an-event at p_event < "
        + " / ".join(f"{t:g}" for t in THRESHOLDS)
        + " | "
        + " / ".join(f"{v:.3f}" for v in case["vetoed"].values())
        + " |",
        "",
        "news-dev, sentence level (24 real articles; spaCy sentences per line; a sentence is an event "
        "when a gold event's evidence lies in it):",
        "",
        "| positives | threshold on p_event | precision | recall | F1 | sentences called events |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for mode, res in news.items():
        label = f"{mode} ({res['events']} of {res['sentences']} sentences)"
        for t, r in res["thresholds"].items():
            cells = f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['predicted']}"
            lines.append(f"| {label} | {t:g} | {cells} |")
            label = ""
    lines += [
        "",
        "Sub-type accuracy on event sentences (top sub-type is the gold one or an also-accepted one): "
        + ", ".join(f"{m} {r['subtype_accuracy']:.3f} (n {r['events']})" for m, r in news.items())
        + ".",
        "",
        f"Speed (one process): load {meta['load_s'] * 1000:.0f} ms; "
        f"predict() {fast['per_s']:,.0f} sentences/s "
        f"({fast['predict_s']:.3f} s for the {news['any']['sentences']} news-dev sentences), against "
        f"{fast['spacy_s']:.2f} s for spaCy `nlp.pipe` on the same 24 articles: "
        f"**{100 * fast['predict_s'] / fast['spacy_s']:.1f} % of spaCy's time**.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--weights", type=Path, help="weights.npz (default: the packaged model)")
    ap.add_argument("--append", type=Path, help="append the section to this file (BENCHMARKS.md)")
    args = ap.parse_args()
    if not (args.shared / CASE).exists() or not (args.shared / NEWS).exists():
        print(f"{args.shared} is absent (or incomplete): nothing evaluated")
        return 0
    import spacy

    from sitrep.settings import Settings

    started = time.perf_counter()
    model = SentenceModel.load(args.weights)
    load_s = time.perf_counter() - started
    nlp = spacy.load(Settings().spacy_model)
    case = case_figures(model, args.shared / CASE)
    docs = [
        json.loads(line) for line in (args.shared / NEWS).read_text(encoding="utf-8").splitlines() if line
    ]
    sents = news_sentences(nlp, docs)
    preds = model.predict([s["text"] for s in sents])
    news = {mode: sentence_scores(sents, preds, mode) for mode in ("required", "any")}
    fast = speed(model, nlp, docs, [s["text"] for s in sents])
    meta = {
        "date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; spaCy model {Settings().spacy_model}",
        "command": "python scripts/eval_sentence_model.py"
        + (" --append BENCHMARKS.md" if args.append else ""),
        "features": model.metadata.get("features", "?"),
        "C": float(model.metadata.get("C", 0)),
        "corpus": str(model.metadata.get("corpus_sha256", "?")),
        "load_s": load_s,
        "cv": ", ".join(f"{k} {v:.3f}" for k, v in model.metadata.get("cv", {}).items()),
    }
    text = report(case, news, fast, meta)
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
