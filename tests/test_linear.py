"""Extraction runs in time proportional to its input, on the shapes that made earlier patterns
quadratic: a number without end after a comparator, a note whose list never ends, a run of rate
names with no figure, one rate repeated, 和 between names, brackets that never close, a list of places
named bare that never reaches its organ.

Each shape is extracted at two sizes in one run and the CPU times compared (never an absolute
time): four times the text may take about four times as long, not sixteen."""

import sys
import time
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the shapes live beside the benchmark of them
from benchmarks.hostile import PLAN, REPORT, SHAPES  # noqa: E402

SMALL, FACTOR = 1500, 4


def cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract_text(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


@pytest.fixture(scope="module", autouse=True)
def warm():
    extract_text(PLAN + "(牵头单位:区司法局)不低于70%。")  # the lexicon and jieba load once
    extract_text(REPORT + "办理案件12件,听证率70%。")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_grows_linearly(shape):
    small, large = cpu(SHAPES[shape](SMALL)), cpu(SHAPES[shape](SMALL * FACTOR))
    # linear: about FACTOR; quadratic: about FACTOR ** 2
    assert large / small < FACTOR * 2.5 or large < 0.05, f"{shape}: {small:.4f}s → {large:.4f}s"
