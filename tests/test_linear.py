"""Extraction runs in time proportional to its input, on the shapes that made earlier patterns
quadratic: a number without end after a comparator, a note whose list never ends, a run of rate
names with no figure, one rate repeated, 和 between names, brackets that never close.

Each shape is extracted at two sizes in one run and the CPU times compared (never an absolute
time): four times the text may take about four times as long, not sixteen."""

import time

import pytest

from kg.extract.pipeline import extract_text

PLAN = "某某区2022年法治政府建设工作计划\n一、重点工作\n1.推进工作。"
REPORT = "某某区2022年法治政府建设情况报告\n一、主要工作\n(一)推进依法行政。"

SHAPES = {
    "digits after a comparator": lambda n: PLAN + "不低于" + "7" * n,
    "a note's list that never ends": lambda n: PLAN + "(牵头单位:" + "区司法局、" * n,
    "rate names with no figure": lambda n: REPORT + "一是" + "听证率、" * n,
    "one target repeated": lambda n: PLAN + "听证率不低于70%。" * n,
    "names joined by 和": lambda n: PLAN + "(牵头单位:" + "区司法局和" * n + ")",
    "brackets that never close": lambda n: PLAN + "(" * n,
    "years without a deadline": lambda n: PLAN + "2023年" * n,
    "a number without end": lambda n: PLAN + "1" * n + "件",
    "one long line": lambda n: PLAN + "工作" * n,
    "figures one after another": lambda n: REPORT + "办理案件12件," * n,
    "notes one after another": lambda n: PLAN + "(责任单位:区司法局)" * n,
    "emphasis that never closes": lambda n: PLAN + " __重点" * n,
    "emphasis pairs one after another": lambda n: PLAN + " __重点__" * n,
}
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
