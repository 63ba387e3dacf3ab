"""The extractor against the hand-written gold files, with the goals the project set itself."""

from pathlib import Path

import pytest

from kg.extract.evaluate import GOALS, evaluate

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SAMPLES = ROOT / "kg" / "samples"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(GOLD, SAMPLES)


@pytest.mark.parametrize("field", sorted(GOALS))
def test_goal_met(evaluation, field):
    score = evaluation.system[field]
    assert score.f1 >= GOALS[field], (score.misses, score.extras)


def test_every_task_is_found_with_its_number(evaluation):
    score = evaluation.system["tasks"]
    assert score.tp == 98 and score.fp == 0 and score.fn == 0


def test_metadata_matches(evaluation):
    score = evaluation.system["metadata"]
    assert score.fn == 0, score.misses


def test_baseline_is_measured_on_the_same_documents(evaluation):
    base = evaluation.baseline["units"]
    assert base.tp + base.fn == evaluation.system["units"].tp + evaluation.system["units"].fn
    assert evaluation.system["units"].f1 > base.f1


def test_unit_order_within_roles_is_kept():
    import json

    from kg.extract.pipeline import extract_path

    gold = json.loads((GOLD / "000_fbb961a89fe9d432.json").read_text(encoding="utf-8"))
    result = extract_path(SAMPLES / gold["source"])
    for g, t in zip(gold["tasks"], result.tasks):
        assert g["lead"] == [u.text for u in t.lead]
        assert g["responsible"] == [u.text for u in t.responsible]
