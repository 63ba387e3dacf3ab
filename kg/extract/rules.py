"""Every rule that can give a fact, with a short stable id and the confidence the fact gets.

The ids go into the JSON (``rule``, ``confidence`` on each unit in a role, target, deadline and
figure) and into the graph, so a user can see why the tool believes a fact and filter the weak
ones.  The confidences are the project's estimate of how often the rule is right on real
documents (they are not learned); OCR'd text lowers them (see :func:`confidence`).
"""

from __future__ import annotations

RULES: dict[str, tuple[float, str]] = {
    # assignments
    "note.label": (0.95, "a labelled note: 牵头单位: X"),
    "note.verb": (0.9, "a role verb after the units: X牵头, Y配合"),
    "note.huitong": (0.85, "X会同Y: X leads, Y cooperates"),
    "note.first-leads": (0.85, "the stated convention that the first unit listed leads"),
    "note.table": (0.95, "a task table's role column"),
    "note.bare": (0.7, "a bracket of unit names only, read as responsible"),
    "note.standing": (0.75, "以下各任务均需X落实: X is responsible for every later task"),
    "note.marked": (0.9, "a unit a list marks as leading: 县发改局(牵头)、县财政局"),
    "note.shared": (0.85, "a line after items naming the owners of the last N: 4项目标的责任单位均为X"),
    "note.heading": (0.8, "a note on the section above a task without one: (一)深化…(牵头单位:X); 一、X牵头工作; 一、县司法局"),
    "note.opener": (0.8, "a unit that opens a task's text before a colon: 县市场监管局:全面推行…"),
    # targets
    "target.comparator": (0.9, "a number after a comparator: 不低于70%"),
    "target.bound": (0.9, "a number with a bound after it: 95%以上, 5%左右"),
    "target.amount": (0.7, "a number a plan commits to without a comparator: 新增100项, 3亿元"),
    "target.qualitative": (0.8, "a fixed phrase of a qualitative goal: 全覆盖, 双下降"),
    # deadlines
    "deadline.date": (0.95, "a date phrase: 2023年年底前, 6月底前, 10月31日前"),
    "deadline.within": (0.8, "年内: by the end of the document's year"),
    # report figures
    "figure.metric": (0.9, "a figure in a form known to state a metric: 出庭应诉率100%"),
    "figure.label": (0.75, "a figure whose phrase names a metric counted in its unit: 会前学法12次"),
    "figure.plain": (0.85, "a number with its measure word: 办理案件1234件"),
    "figure.change": (0.85, "from one value to another: 从29.4%升至91.11%"),
    "figure.table": (0.8, "a value under a statistics table's column of what was done: 完成率 | 82%"),
}

OCR_FACTOR = 0.8  # facts read from OCR'd text are less certain


def confidence(rule: str, *, ocr: bool = False) -> float:
    value = RULES[rule][0]
    return round(value * OCR_FACTOR, 2) if ocr else value
