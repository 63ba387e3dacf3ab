"""``fazhi-kg matrix``: the responsibility matrix (责任分工表) officials circulate.

One row per task: document, number, title, lead units, responsible units, cooperating units,
targets, deadlines.  Written by :mod:`kg.render.output` in any of its formats; the xlsx has one
sheet per document and one per unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.views.model import GraphData, Target

from kg.render.output import Output
from kg.vocab import COMPARATOR

HEADER = ("文件 document", "序号 number", "路径 path", "任务 task", "牵头单位 lead", "责任单位 responsible",
          "配合单位 cooperating", "目标 targets", "时限 deadlines")


@dataclass
class Row:
    task: str
    document: str
    source: str
    number: int
    path: str
    title: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)

    def cells(self) -> list[object]:
        return [self.document, self.number, self.path, self.title, "、".join(self.lead), "、".join(self.responsible),
                "、".join(self.cooperating), "; ".join(self.targets), "; ".join(self.deadlines)]


def rows(data: GraphData) -> list[Row]:
    """One row per task of the read model, in document and outline order."""
    out: dict[str, Row] = {}
    for t in data.tasks:
        doc = data.document_by_iri.get(t.document)
        out[t.iri] = Row(task=t.iri, document=(doc.title if doc else "") or t.source or t.document, source=t.source,
                         number=t.ordinal or 0, path=t.path, title=t.title,
                         targets=[_target_text(x) for x in t.targets],
                         deadlines=sorted(f"{d.date} ({d.text})" if d.text else d.date for d in t.deadlines))
    names = {u.iri: u.name for u in data.units}
    for a in sorted(data.assignments, key=lambda a: (a.task, a.role, a.position, names.get(a.unit, ""))):
        row = out.get(a.task)
        if row is not None and a.unit in names:
            cell = getattr(row, a.role)
            if names[a.unit] not in cell:
                cell.append(names[a.unit])
    return sorted(out.values(), key=lambda x: (x.document, x.source, _outline_order(x.task), x.task))


def _target_text(t: Target) -> str:
    if t.op and t.value:
        return f"{t.metric_label or '?'} {COMPARATOR[t.op].symbol} {t.value}{t.unit}"
    return t.clause


def _outline_order(task_iri: str) -> tuple:
    """…/task/p2-s1-i10 → (("p", 2), ("s", 1), ("i", 10)): document order, numbers compared as numbers."""
    key = task_iri.rsplit("/", 1)[-1]
    return tuple((m.group(1), int(m.group(2))) for m in re.finditer(r"([a-z]+)(\d+)", key))


WIDTHS = (24, 8, 12, 40, 30, 30, 24, 30, 24)


def output(data: list[Row]) -> Output:
    """The matrix in every format: one table of rows; the workbook has a sheet of all tasks, one
    per document and one per unit."""
    return Output(HEADER, [row.cells() for row in data], own={"xlsx": lambda: to_xlsx(data)},
                  offers=("csv", "xlsx", "tsv", "json", "table"), summary=f"{len(data)} tasks")


def to_xlsx(data: list[Row]) -> bytes:
    from kg.render.workbook import Sheet, workbook

    def sheet(name: str, rows: list[Row]) -> Sheet:
        return Sheet(name, HEADER, [r.cells() for r in rows], WIDTHS, freeze="E2")

    sheets = [sheet("全部 all tasks", data)]
    by_doc: dict[str, list[Row]] = {}
    for row in data:
        by_doc.setdefault(row.document, []).append(row)
    sheets += [sheet(doc, by_doc[doc]) for doc in sorted(by_doc)]
    by_unit: dict[str, list[Row]] = {}
    for row in data:
        for name in dict.fromkeys(row.lead + row.responsible + row.cooperating):
            by_unit.setdefault(name, []).append(row)
    sheets += [sheet(unit, by_unit[unit]) for unit in sorted(by_unit)]
    return workbook(sheets)
