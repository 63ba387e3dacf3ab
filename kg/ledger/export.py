"""The ledger workbook of one plan: a sheet with every task, one per lead unit (the tasks that
unit leads, its name already in 填报单位), and a sheet explaining the columns.  Header repeated on
every printed page, landscape, filters on; the plan's columns protected (no password), the
units' columns unlocked, with a drop-down on 完成状态 and date checks on the two dates; rows may be
inserted, and twenty unlocked rows below the tasks take the rows a unit adds.  The same
plan gives the same bytes."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from kg.ledger.layout import ALL_TASKS_SHEET, COLUMNS, EXPLAIN_SHEET, HEADS, STATUSES
from kg.views.model import Document, GraphData, Task

SPARE_ROWS = 20  # unlocked rows below the tasks, for rows a unit adds
PLAN_CELL = "计划 plan"  # the rows of the explaining sheet that name the plan, read back on import
TITLE_CELL = "计划标题 title"


@dataclass
class LedgerRow:
    task: str  # IRI
    values: dict[str, str]  # column key → text
    lead: list[str]  # IRIs of the lead units


def _without_note(text: str) -> str:
    """The task's text without the assignment note that closes it: (牵头单位:区卫健委,责任单位:…)."""
    body = text.rstrip().rstrip("。.;；").rstrip()
    if body.endswith((")", "）")):
        start = max(body.rfind("("), body.rfind("（"))
        if start != -1 and any(w in body[start:] for w in ("牵头", "责任", "配合", "负责")):
            return text[:start].rstrip()
    return text


def _measures(task: Task) -> str:
    """The task's text after its number and title: what is to be done."""
    text = task.text.strip()
    if task.number and text.startswith(task.number):
        text = text[len(task.number):].lstrip()
    if task.title and text.startswith(task.title):
        text = text[len(task.title):].lstrip("。.;；,，:： ")
    text = _without_note(text)  # the owners have their own columns
    return text or task.text


def _written(data: GraphData, task: str, role: str) -> str:
    names = []
    for a in data.assignments:
        if a.task == task and a.role == role:
            name = a.written or data.unit_by_iri[a.unit].name if a.unit in data.unit_by_iri else a.written
            if name and name not in names:
                names.append(name)
    return "、".join(names)


def ledger_rows(data: GraphData, plan: Document) -> list[LedgerRow]:
    """One row per task of ``plan``, in document order."""
    rows = []
    for task in (t for t in data.tasks if t.document == plan.iri):
        values = {
            "number": task.number, "task": task.title, "measures": _measures(task),
            "lead": _written(data, task.iri, "lead"), "responsible": _written(data, task.iri, "responsible"),
            "cooperating": _written(data, task.iri, "cooperating"),
            "deadline": "；".join(d.text for d in task.deadlines),
            "target": "；".join(t.clause for t in task.targets if t.clause),
        }
        rows.append(LedgerRow(task.iri, values, data.units_of(task.iri, "lead")))
    return rows


def _unit_label(data: GraphData, unit: str) -> str:
    """A lead unit's sheet is named as the plan writes it (its first written form)."""
    written = [a.written for a in data.assignments if a.unit == unit and a.role == "lead" and a.written]
    return written[0] if written else data.unit_by_iri[unit].name


def _sheet(wb, title: str, rows: list[LedgerRow], unit_name: str | None, first: bool):
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(HEADS))
    fill = PatternFill("solid", fgColor="FFF2CC")
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if col.filled_by_unit:
            cell.fill = fill
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for r, row in enumerate(rows, start=2):
        for i, col in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=i)
            value = row.values.get(col.key, "")
            if col.key == "unit" and unit_name:
                value = unit_name
            if value:
                cell.value = value
                cell.data_type = "s"  # document text is data, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if col.filled_by_unit:
                cell.protection = Protection(locked=False)
                if col.key in ("completed", "updated"):
                    cell.number_format = "yyyy-mm-dd"
    # spare rows below the tasks, every cell unlocked: a unit may add a row (a sub-item, a note)
    for r in range(len(rows) + 2, len(rows) + 2 + SPARE_ROWS):
        for i, col in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=i)
            cell.protection = Protection(locked=False)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if col.key in ("completed", "updated"):
                cell.number_format = "yyyy-mm-dd"
    last = len(rows) + 1 + SPARE_ROWS
    letter = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="完成状态", error="请从列表中选择：" + "、".join(STATUSES),
                            promptTitle="完成状态", prompt="、".join(STATUSES), showInputMessage=True)
    status.add(f"{letter['status']}2:{letter['status']}{last}")
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                           allow_blank=True, showErrorMessage=True, errorStyle="warning", errorTitle="日期",
                           error="请填写日期，如 2024-06-30")
    dates.add(f"{letter['completed']}2:{letter['completed']}{last}")
    dates.add(f"{letter['updated']}2:{letter['updated']}{last}")
    ws.add_data_validation(status)
    ws.add_data_validation(dates)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # protected without a password: the plan's columns cannot be changed by mistake, while
    # filtering, sorting and resizing stay allowed
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    return ws


def _explain(wb, title: str, plan: Document) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet()
    ws.title = title
    lines = [("说明 about", "本台账由 fazhi-kg 根据计划生成；黄色表头的列由各单位填写，其余列照计划原文，已保护（无密码）。"),
             (PLAN_CELL, plan.iri), (TITLE_CELL, plan.title), ("文号 number", plan.number),
             ("", ""), ("列 column", "填写说明 how to fill it")]
    lines += [(c.head, ("【单位填写】" if c.filled_by_unit else "【照计划】") + c.explains) for c in COLUMNS]
    lines += [("", ""), ("工作表 sheets", f"“{ALL_TASKS_SHEET}”列出全部任务；其余以牵头单位命名的工作表列出该单位牵头的任务，"
                                          "填报单位已预填。同一任务同一单位只需在一处填报。")]
    for a, b in lines:
        ws.append([a or None, b or None])
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value is not None:
                cell.data_type = "s"
    for r in (1, 6):
        ws.cell(row=r, column=1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    ws.protection.sheet = True


def workbook(data: GraphData, plan: Document) -> tuple[bytes, int, int]:
    """The ledger's bytes, the number of tasks and of lead-unit sheets."""
    from openpyxl import Workbook

    from kg.render.workbook import fixed_zip, sheet_name

    rows = ledger_rows(data, plan)
    wb = Workbook()
    fixed = datetime.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "fazhi-kg"
    wb.properties.title = f"{plan.title} 工作台账"
    wb.properties.identifier = plan.iri
    used: set[str] = set()
    _sheet(wb, sheet_name(ALL_TASKS_SHEET, used), rows, None, True)
    leads: dict[str, None] = {}
    for row in rows:
        for unit in row.lead:
            leads.setdefault(unit, None)
    for unit in leads:
        label = _unit_label(data, unit)
        _sheet(wb, sheet_name(label, used), [r for r in rows if unit in r.lead], label, False)
    _explain(wb, sheet_name(EXPLAIN_SHEET, used), plan)
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip(buf.getvalue()), len(rows), len(leads)
