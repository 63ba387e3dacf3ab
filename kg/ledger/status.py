"""What the ledger returns say, per task and unit, and what needs chasing: the latest return of
each unit for each task (earlier ones superseded, still in the store), the tasks nobody reported
on, the overdue ones (a deadline passed as of the day given and no return says 已完成; a task
without a deadline of its own is due at the end of its plan's year or period), and the returns the
year-end report of the plan's area contradicts (:func:`kg.views.evidence.task_in_report`): 已完成
where no sentence of the report says the work is done, or short of it where one does."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from kg.ledger.layout import STATUS_EN
from kg.render.output import Output
from kg.views.model import Document, GraphData, LedgerEntry


@dataclass
class StatusRow:
    plan_title: str
    task: str  # 序号 as printed
    task_title: str
    lead: str  # the lead units as the plan writes them
    unit: str  # who reported (its full name); "" where nobody did
    status: str  # the latest status, or 未报送 (not reported)
    updated: str
    completed: str
    deadline: str  # the task's last deadline, ISO
    overdue: bool
    superseded: int  # earlier returns of this unit for this task
    file: str
    task_iri: str
    latest: bool = True  # False: a return a later one of the same unit superseded (shown with --history)
    report_says: str = ""  # where the year-end report disagrees with the return: what it says, or the nearest sentences

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


NOT_REPORTED = "未报送"


def status_rows(data: GraphData, entries: list[LedgerEntry], plans: list[Document],
                as_of: datetime.date, history: bool = False) -> list[StatusRow]:
    """Per task of ``plans`` and unit, the latest return (with ``history``, every return, oldest
    first, the earlier ones marked ``latest=False``); a 未报送 row for a task nobody reported on."""
    rows: list[StatusRow] = []
    readings: dict[tuple[str, int], object] = {}
    for plan in plans:
        for task in (t for t in data.tasks if t.document == plan.iri):
            mine = [e for e in entries if e.task == task.iri]
            latest: dict[str, LedgerEntry] = {}
            earlier: dict[str, int] = {}
            for e in sorted(mine, key=lambda e: (e.updated, e.graph)):
                if e.unit in latest:
                    earlier[e.unit] = earlier.get(e.unit, 0) + 1
                latest[e.unit] = e
            # a task without a deadline of its own is due when the plan's period ends
            due = max((d.date[:10] for d in task.deadlines if d.date),
                      default=f"{plan.years[-1]}-12-31" if plan.years else "")
            done = any(e.status == "已完成" for e in latest.values())
            overdue = bool(due) and due < as_of.isoformat() and not done
            lead = "、".join(dict.fromkeys(a.written or (data.unit_by_iri[a.unit].name if a.unit in data.unit_by_iri else a.unit)
                                           for a in data.assignments if a.task == task.iri and a.role == "lead"))
            base = dict(plan_title=plan.title, task=task.number, task_title=task.title, lead=lead, deadline=due,
                        overdue=overdue, task_iri=task.iri)
            if not latest:
                rows.append(StatusRow(unit="", status=NOT_REPORTED, updated="", completed="", superseded=0, file="", **base))
                continue
            for unit, e in sorted(latest.items(), key=lambda kv: (_unit_order(data, task.iri, kv[0]), kv[0])):
                name = data.unit_by_iri[unit].name if unit in data.unit_by_iri else (e.written or unit)
                if history:
                    rows += [StatusRow(unit=name, status=old.status, updated=old.updated, completed=old.completed,
                                       superseded=0, file=old.file, latest=False, **base)
                             for old in sorted(mine, key=lambda x: (x.updated, x.graph)) if old.unit == unit and old is not e]
                rows.append(StatusRow(unit=name, status=e.status, updated=e.updated, completed=e.completed,
                                      superseded=earlier.get(unit, 0), file=e.file,
                                      report_says=_against_report(data, task, plan, e, readings), **base))
    return rows


def _against_report(data: GraphData, task, plan: Document, e: LedgerEntry, readings: dict) -> str:
    """Where the year-end report of the plan's area contradicts the return: 已完成 that the report
    does not say is done, or a return short of 已完成 for work the report says is done."""
    from kg.views.evidence import task_in_report

    if not e.status:
        return ""
    year = int(e.updated[:4]) if e.updated[:4].isdigit() and int(e.updated[:4]) in plan.years else \
        (plan.years[-1] if plan.years else 0)
    key = (task.iri, year)
    if key not in readings:
        readings[key] = task_in_report(data, task, year)
    said = readings[key]
    where = said.report.title if said.report is not None else ""
    if e.status == "已完成" and said.verdict == "not said":
        return f"{where} does not say it was done; nearest: {said.sentence or 'none'}"
    if e.status != "已完成" and said.verdict == "done":
        return f"{where} says it was done ({said.score:.2f}): {said.sentence}"
    return ""


def _unit_order(data: GraphData, task: str, unit: str) -> int:
    units = data.units_of(task)
    return units.index(unit) if unit in units else len(units)


FIELDS = ("plan_title", "task", "task_title", "lead", "unit", "status", "updated", "completed", "deadline",
          "overdue", "superseded", "latest", "file", "report_says", "task_iri")


def output(rows: list[StatusRow]) -> Output:
    import json

    from kg.render.text import table

    def as_table() -> str:
        heads = ["序号 task", "工作任务 title", "牵头 lead", "填报单位 unit", "状态 status", "更新 updated",
                 "完成 completed", "时限 deadline", "逾期 overdue", "报告 report says"]
        body = [[r.task, r.task_title, r.lead, r.unit or "—",
                 f"{r.status} {STATUS_EN.get(r.status, 'not reported')}" + ("" if r.latest else " (superseded)"),
                 r.updated, r.completed, r.deadline, "逾期 overdue" if r.overdue else "", r.report_says] for r in rows]
        return table(heads, body, max_width=30)

    rows_latest = [r for r in rows if r.latest]
    reported = len({r.task_iri for r in rows_latest if r.status != NOT_REPORTED})
    silent = len({r.task_iri for r in rows if r.status == NOT_REPORTED})
    overdue = len({r.task_iri for r in rows if r.overdue})
    return Output(FIELDS, [[getattr(r, f) for f in FIELDS] for r in rows],
                  own={"table": as_table,
                       "json": lambda: json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1) + "\n"},
                  title="ledger status",
                  summary=f"{reported} tasks reported on, {silent} not, {overdue} overdue")
