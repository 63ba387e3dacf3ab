"""Targets of a task table's row whose values leave their measure to a column, a head or the indicator's
name (指标名称 | 单位 | 2023年目标, 年度投资金额(万元), 培训执法人员(人次) | 2000, 全市 | 巴州区 …)."""

from __future__ import annotations

import re

from kg.extract.rules import confidence
from kg.extract.targets import _GE, _LE, find_targets
from kg.model import Target
from kg.vocab import column_kind

# a value cell of an indicator table: ≤8, 不低于95, 6以上 — its measure stands in a column of its own
_VALUE_CELL = re.compile(rf"\s*(?P<pre>{_GE}|{_LE}|达到|≥|≤|>=|<=|>|<)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<post>以上|以下|以内|左右)?\s*")


# a head that names its cells' measure in brackets: 年度投资金额(万元), 新增就业(人), 完成率(%)
_HEAD_MEASURE = re.compile(r"\((?P<unit>万元|亿元|元|万人次|万人|人次|人|个|项|件|次|场|期|卷|学时|个工作日|工作日|天|公里|亩|万亩|户|座|所|家|%)\)$")
_BARE_NUMBER = re.compile(r"\d{1,9}(?:\.\d{1,4})?")
# a value cell with its own measure: ≥10%, 100%, 8‰ (a count's measure word needs the name's noun)
_MEASURED_CELL = re.compile(rf"\s*(?:{_GE}|{_LE}|达到|≥|≤|>=|<=|>|<)?\s*\d{{1,4}}(?:\.\d{{1,3}})?\s*[%‰]\s*(?:以上|以下|以内|左右)?\s*")


def table_targets(cells: list[tuple[str, int]], header: list[str]) -> list[Target]:
    """Targets of a task table's row whose values leave their measure to a column of its own
    (指标名称 | 单位 | 2023年目标 → 地区生产总值增长 | % | 6): each value read as if written with its
    measure after the indicator's name (地区生产总值增长6%); the span is the value's cell."""
    kinds = [column_kind(h) for h in header]
    measured = [(cell, start, h, m["unit"]) for (cell, start), h in zip(cells, header)
                if (m := _HEAD_MEASURE.search(h)) and _BARE_NUMBER.fullmatch(cell.strip())]
    if measured and len(cells) == len(header):  # 年度投资金额(万元) | 300: the head gives the measure
        return [_amount(_HEAD_MEASURE.sub("", h) or None, cell, start, unit) for cell, start, h, unit in measured]
    if len(cells) != len(header):
        return []
    named = [c for (c, _), k in zip(cells, kinds) if k in ("task", "target", "measure") and c.strip() and not re.search(r"\d", c)]
    name = named[0].strip() if named else ""
    own = _HEAD_MEASURE.search(name) if "unit" not in kinds else None
    if own:  # 指标 | 目标值 → 培训执法人员(人次) | 2000: the indicator's name holds the measure in brackets
        name, unit = name[: own.start()], own["unit"]
    elif "unit" not in kinds:
        # 指标名称 | 目标值 → 行政复议纠错率 | ≥10%: a value that holds its measure, read after the name; a bare
        # value under an indicator whose brackets lost their measure (城镇居民人均可支配收入() | 21400) has none
        lost = name.endswith("()")
        return [t for (cell, start), kind in zip(cells, kinds) if kind == "target" and name
                for t in (_as_stated(f"{name}{cell.strip()}", cell, start) if _MEASURED_CELL.fullmatch(cell) else
                          [_amount(name[:-2], cell, start, None)] if lost and _BARE_NUMBER.fullmatch(cell.strip()) else [])]
    else:
        unit = cells[kinds.index("unit")][0].strip()
        if not unit or len(unit) > 5 or any(ch.isdigit() for ch in unit):
            return []
    out = []
    for (cell, start), kind in zip(cells, kinds):
        m = _VALUE_CELL.fullmatch(cell) if kind == "target" else None
        if m is None:
            continue
        out += _as_stated(f"{name}{m['pre'] or ''}{m['num']}{unit}{m['post'] or ''}", cell, start)
    return out


def _amount(label: str | None, cell: str, start: int, unit: str | None) -> Target:
    return Target(metric=None, metric_label=label, op="=", value=cell.strip(), unit=unit, text=cell.strip(), start=start,
                  end=start + len(cell), rule="target.amount", confidence=confidence("target.amount"))


def _as_stated(stated: str, cell: str, start: int) -> list[Target]:
    """The targets of a value read with its indicator's name, spanning the value's cell."""
    out = []
    for t in find_targets(stated):
        if not t.qualitative:
            t.start, t.end, t.text = start, start + len(cell), stated
            out.append(t)
    return out
