"""Filled ledgers read back: every row a unit filled in, checked against the plan in the store,
and each return (one unit's rows of one day in one file) as a named graph with its provenance.

A row is found by its headers, not its place: a unit may reorder the columns, add its own, add
rows or sheets.  The plan is the one the workbook names (its properties, or the explaining
sheet).  A row counts when any of the units' columns other than 填报单位 and 更新日期 holds
something.  Each such row must name a task of the plan (序号, and 工作任务 where the 序号 is not
enough), a 填报单位 that owns the task (牵头, 责任 or 配合, as the plan writes it or by its full
name) or is a member of a collective owner (燕子矶街道 for 各街道: :mod:`kg.ledger.members`), a status from the list and dates that are dates.  One bad row rejects the whole file: each
problem is one line naming the file, the sheet and the row, and nothing of the file is stored.

The graph of a return is named by the plan, the unit, the date and the file's contents, so that
importing the same file again writes the same graph (nothing changes), and a later return of the
same unit for the same task is another graph: both stay, and readers take the latest
(:func:`kg.views.readmodel.ledger_entries`).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import LedgerRejected
from kg.ledger import members
from kg.ledger.dates import BadDate, parse_date
from kg.ledger.export import PLAN_CELL, TITLE_CELL
from kg.ledger.layout import BY_HEAD, REPORTED_KEYS, STATUSES
from kg.views.model import Document, GraphData, Task


@dataclass(frozen=True)
class Entry:
    """One row of a return."""

    task: str  # IRI
    task_number: str
    unit: str  # IRI
    unit_written: str  # 填报单位 as the unit wrote it
    status: str
    progress: str
    completed: str  # ISO date or ""
    problems: str
    next_steps: str
    evidence: str
    updated: str  # ISO date
    sheet: str
    row: int


@dataclass
class Return:
    plan: str
    unit: str
    unit_name: str
    updated: str  # ISO date
    file: str  # its name
    sha256: str
    entries: list[Entry] = field(default_factory=list)
    member_of: str = ""  # where the unit is not named in the plan: the collective owner it reports as a member of

    @property
    def graph(self) -> str:
        from kg import ids
        from kg.vocab import BASE

        key = ids.digest(self.plan, self.unit, self.updated, self.sha256, n=16)
        return f"{BASE}ledger/{ids.document_key_of(self.plan)}/{key}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _squash(head: object) -> str:
    return "".join(_text(head).split())


def _header(ws) -> tuple[int, dict[str, int]] | None:
    """The header row (within the first ten) and the column of each known head."""
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        cols: dict[str, int] = {}
        for i, value in enumerate(row):
            head = _squash(value)
            if head in BY_HEAD and head not in cols:
                cols[head] = i
        if "序号" in cols and "完成状态" in cols:
            return r, cols
    return None


def plan_of(wb, path: Path) -> tuple[str, str]:
    """The plan the workbook was exported for: its IRI, and its title (to find it by when a
    rebuilt store gave the plan another IRI), either "" where the workbook does not say."""
    ident, title = (wb.properties.identifier or "").strip(), ""
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
            if row and len(row) > 1 and _text(row[1]):
                if _text(row[0]) == PLAN_CELL and not ident:
                    ident = _text(row[1])
                elif _text(row[0]) == TITLE_CELL and not title:
                    title = _text(row[1])
    if not ident and not title:
        raise LedgerRejected(f"{path.name}: does not say which plan it is the ledger of (no plan in its properties "
                             f"or in a '{PLAN_CELL}' row); export the ledger with `fazhi-kg ledger export`")
    return ident, title


def _owners(data: GraphData, task: str) -> dict[str, str]:
    """Every name a unit of the task goes by → its IRI."""
    names: dict[str, str] = {}
    for a in data.assignments:
        if a.task != task:
            continue
        unit = data.unit_by_iri.get(a.unit)
        for name in (a.written, unit.name if unit else "", *(unit.written if unit else ())):
            if name:
                names.setdefault(_squash(name), a.unit)
    return names


def _collectives(data: GraphData, task: str) -> list[tuple[str, str]]:
    """The task's collective owners (各街道, 区政府各有关部门): (IRI, as the plan writes it)."""
    out = []
    for a in data.assignments:
        unit = data.unit_by_iri.get(a.unit)
        if a.task == task and unit is not None and unit.collective:
            out.append((a.unit, a.written or unit.name))
    return list(dict.fromkeys(out))


def _label(number: str) -> str:
    """A 序号 as a unit may retype it: 27 for 27. (a spreadsheet turns "27." into a number),
    （十四） for (十四)."""
    return _squash(number).replace("（", "(").replace("）", ")").rstrip(".．、")


def _find_task(tasks: list[Task], number: str, title: str) -> Task | None:
    same = [t for t in tasks if _label(t.number) == _label(number)]
    if len(same) > 1:
        same = [t for t in same if _squash(t.title) == _squash(title)]
    elif same and title and _squash(same[0].title) != _squash(title) and \
            any(_squash(t.title) == _squash(title) for t in tasks):
        return None  # the 序号 of one task beside the title of another
    return same[0] if len(same) == 1 else None


def read_returns(path: Path, data: GraphData, plan: Document, wb=None) -> list[Return]:
    """The returns of one filled ledger; :class:`~kg.errors.LedgerRejected` listing every bad
    row when there is one."""
    from openpyxl import load_workbook

    raw = path.read_bytes()
    if wb is None:
        wb = load_workbook(path, data_only=True)
    tasks = [t for t in data.tasks if t.document == plan.iri]
    year = plan.years[0] if len(plan.years) == 1 else None
    saved = wb.properties.modified
    problems: list[str] = []
    entries: list[Entry] = []
    joined: dict[str, members.Member] = {}  # units that report as members of a collective owner
    for ws in wb.worksheets:
        found = _header(ws)
        if found is None:
            continue
        head_row, cols = found
        for r, row in enumerate(ws.iter_rows(min_row=head_row + 1, values_only=True), start=head_row + 1):
            def get(head: str):
                i = cols.get(head)
                return row[i] if i is not None and i < len(row) else None

            cells = {BY_HEAD[h].key: get(h) for h in cols}
            if not any(_text(cells.get(k)) for k in REPORTED_KEYS):
                continue  # nothing reported on this row
            where = f"{path.name}: sheet {ws.title}, row {r}"
            number, title = _text(cells.get("number")), _text(cells.get("task"))
            task = _find_task(tasks, number, title)
            if task is None:
                problems.append(f"{where}: unknown task 序号 '{number}' 工作任务 '{title}' (not a task of {plan.title or plan.iri})")
                continue
            written = _text(cells.get("unit"))
            owners = _owners(data, task.iri)
            unit = owners.get(_squash(written))
            if unit is None and written:  # 燕子矶街道 for a task of 各街道: a member of a collective owner
                found = members.member(_squash(written), _collectives(data, task.iri), plan.jurisdiction_code)
                if found is not None:
                    unit = found.iri
                    joined.setdefault(found.iri, found)
            if not written:
                problems.append(f"{where}: 填报单位 is empty (task {task.number})")
            elif unit is None:
                shown = "、".join(sorted({a.written or a.unit for a in data.assignments if a.task == task.iri})) or "none"
                problems.append(f"{where}: 填报单位 '{written}' is neither an owner of task {task.number} nor a member of "
                                f"one (its owners: {shown})")
            status = _text(cells.get("status"))
            if status not in STATUSES:
                what = f"'{status}' is not one of" if status else "is empty; choose one of"
                problems.append(f"{where}: 完成状态 {what} {'、'.join(STATUSES)}")
            dates = {}
            for key, head in (("completed", "实际完成日期"), ("updated", "更新日期")):
                try:
                    dates[key] = parse_date(cells.get(key), year)
                except BadDate as exc:
                    problems.append(f"{where}: {head} {exc}")
                    dates[key] = None
            updated = dates["updated"]
            if updated is None and not _text(cells.get("updated")):
                if isinstance(saved, datetime.datetime):
                    updated = saved.date()  # the day the workbook was last saved
                else:
                    problems.append(f"{where}: 更新日期 is empty and the file does not say when it was saved")
            if problems and problems[-1].startswith(where):
                continue
            entries.append(Entry(task.iri, task.number, unit, written, status, _text(cells.get("progress")),
                                 dates["completed"].isoformat() if dates["completed"] else "",
                                 _text(cells.get("problems")), _text(cells.get("next_steps")), _text(cells.get("evidence")),
                                 updated.isoformat(), ws.title, r))
    # the same task and unit filled in twice (on the all-tasks sheet and the unit's own): once if alike
    seen: dict[tuple[str, str, str], Entry] = {}
    for e in entries:
        key = (e.task, e.unit, e.updated)
        other = seen.get(key)
        if other is None:
            seen[key] = e
        elif _said(other) != _said(e):
            problems.append(f"{path.name}: sheet {e.sheet}, row {e.row}: task {e.task_number} by {e.unit_written} on "
                            f"{e.updated} says something else than sheet {other.sheet}, row {other.row}")
    if problems:
        raise LedgerRejected("\n".join(problems), lines=problems)
    sha = hashlib.sha256(raw).hexdigest()
    returns: dict[tuple[str, str], Return] = {}
    for e in seen.values():
        unit = data.unit_by_iri.get(e.unit)
        name = unit.name if unit else joined[e.unit].name if e.unit in joined else e.unit_written
        ret = returns.setdefault((e.unit, e.updated), Return(plan.iri, e.unit, name, e.updated, path.name, sha))
        ret.entries.append(e)
        if e.unit in joined and unit is None:
            ret.member_of = joined[e.unit].collective
    return [returns[k] for k in sorted(returns)]


def _said(e: Entry) -> tuple:
    return (e.status, e.progress, e.completed, e.problems, e.next_steps, e.evidence)


def quads(ret: Return) -> list[tuple[str, str, str, str]]:
    """The return as a named graph: the bundle (who, when, from which file) and one
    fz:ProgressReport per task."""
    from kg.rdf.terms import A, fz, integer, iri, lit, v, zh
    from kg.vocab import XSD

    g = iri(ret.graph)
    out: list[tuple[str, str, str, str]] = []

    def add(s: str, p: str, o: str | None) -> None:
        if o is not None:
            out.append((s, p, o, g))

    unit = iri(ret.unit)
    add(g, A, fz("LedgerReturn"))
    add(g, A, v("prov", "Bundle"))
    add(g, v("prov", "wasAttributedTo"), unit)
    add(g, v("prov", "generatedAtTime"), lit(ret.updated + "T00:00:00", dtype=XSD + "dateTime"))
    add(g, fz("ledgerOf"), iri(ret.plan))
    add(g, fz("ledgerFile"), lit(ret.file))
    add(g, fz("ledgerSha256"), lit(ret.sha256))
    if ret.member_of:  # a unit the plan does not name: its name, and the collective owner it belongs to
        add(unit, v("skos", "prefLabel"), zh(ret.unit_name))
        add(unit, v("org", "memberOf"), iri(ret.member_of))
    for e in sorted(ret.entries, key=lambda e: (e.task, e.sheet, e.row)):
        node = iri(f"{ret.graph}/{ids_tail(e.task)}")
        add(node, A, fz("ProgressReport"))
        add(node, v("prov", "wasAttributedTo"), unit)
        add(node, v("prov", "generatedAtTime"), lit(ret.updated + "T00:00:00", dtype=XSD + "dateTime"))
        add(node, fz("aboutTask"), iri(e.task))
        add(node, fz("progressStatus"), zh(e.status) if e.status else None)
        add(node, fz("progressText"), zh(e.progress) if e.progress else None)
        add(node, fz("completedOn"), lit(e.completed, dtype=XSD + "date") if e.completed else None)
        add(node, fz("progressProblem"), zh(e.problems) if e.problems else None)
        add(node, fz("progressNextStep"), zh(e.next_steps) if e.next_steps else None)
        add(node, fz("progressEvidence"), zh(e.evidence) if e.evidence else None)
        add(node, fz("reportedAs"), zh(e.unit_written))
        add(node, fz("ledgerSheet"), lit(e.sheet))
        add(node, fz("ledgerRow"), integer(e.row))
    return sorted(set(out))


def ids_tail(task_iri: str) -> str:
    """The task's part of its IRI after the document's (…/task/3 → task/3), made unique by a hash."""
    from kg import ids

    return "progress/" + ids.digest(task_iri, n=12)


def read_workbook(path: Path):
    """The workbook at ``path``; :class:`~kg.errors.LedgerRejected` when there is none to read."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise LedgerRejected(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LedgerRejected(f"{path}: is a directory, not a filled ledger") from None
    except PermissionError:
        raise LedgerRejected(f"{path}: permission denied: cannot read it") from None
    except Exception as exc:  # noqa: BLE001 - whatever a damaged or foreign file makes openpyxl raise
        raise LedgerRejected(f"{path.name}: not an xlsx workbook ({exc.__class__.__name__})") from None


__all__ = ["Entry", "Return", "plan_of", "quads", "read_returns", "read_workbook"]
