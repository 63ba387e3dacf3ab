"""Owners in task tables: a row's cells under the 牵头/责任/配合 columns, the owner cells of a table
printed one cell a line, and the cells and lines that name units the tables' heads do not place
(kept as unparsed notes, never guessed)."""

from __future__ import annotations

import re

from kg.extract.notes import Note, parse_note
from kg.extract.unitnames import looks_like_unit, split_units, surely_whole
from kg.ingest.lines import Line, cells_of
from kg.ingest.patterns import ROLE_VERB
from kg.model import Extraction, Task, UnparsedNote
from kg.vocab import ROLE_KEYS as ROLES, column_kind


_CELL_MARK = re.compile(r"^(?:[★☆▲△●○◆◇※]+|\*(?!\*))")  # (one star: a mark; a run of them masks a name: ****分局)


def owner_cells(text: str, offset: int, roles: tuple[str, ...]) -> list[Note]:
    """The owner cells of a task in a table printed one cell per line whose header names its owner
    columns (…| 牵头领导 | 责任单位, or 牵头单位 | 责任单位): a line that only lists units (★区发改委、
    统计局) is an owner cell; a line of people (钱 宇) or of words is not one. With one owner column
    every such line has its role; with several, the lines fill them in the header's order when there
    is one line for each, or more (a cell broken over lines: the last column's goes on) — fewer, and an
    empty cell may have shifted them: then none is guessed."""
    found: list[tuple[str, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cell = line.strip().strip("|").strip()
        mark = _CELL_MARK.match(cell)
        body = cell[mark.end():] if mark else cell
        # commas may separate the names (区发改委,统计局); every piece must then be a whole name, as
        # 各部门要结合工作实际,将… is a sentence, not a cell of names
        if names_only(body, whole="," in body):
            found.append((body, offset + start + line.index(body)))
    if len(roles) > 1 and len(found) < len(roles):
        return []
    out: list[Note] = []
    for i, (body, at) in enumerate(found):
        note, _ = parse_note(body, at, label_role=roles[min(i, len(roles) - 1)])
        if not note.empty() and not note.unread:
            note.start, note.end = at, at + len(body)
            out.append(note)
    return out


def continued_owners(task: Task) -> list[Note]:
    """The owner cells of the rows that go on a task's row under its merged cells (1.城市人居环境提升项目 |
    … | 建设局 / 2021.8 | 城投集团 | / 2021年11月 | 经开区 |): each row placed under the header where
    its cells fit, and its cells under owner columns read with their column's role."""
    from kg.extract.statgrid import place_cells

    header = task.table_header or []
    roles = [k if k in ROLES else None for k in row_kinds(header)]  # (the columns as the row above reads them)
    row_end = task.table_cells[-1][1] + len(task.table_cells[-1][0]) if task.table_cells else task.start
    newline = task.text.find("\n", row_end - task.start)
    if not any(roles) or newline < 0:
        return []
    out: list[Note] = []
    pos = task.start + newline + 1
    for line in task.text[newline + 1:].split("\n"):
        start, pos = pos, pos + len(line) + 1
        if "|" not in line or len(line) > 2000:
            continue
        cells = cells_of(Line(start, start + len(line), line), 1)
        while cells and not cells[-1][0]:
            cells.pop()
        if not 1 < len(cells) < len(header):
            continue  # (a row of its own width is a row of its own, not a continuation)
        for col, i in place_cells([c for c, _ in cells], header).items():
            body, where = cells[i]
            if roles[col] and body and names_only(body, whole="," in body):
                note, _ = parse_note(body, where, label_role=roles[col])
                if not note.empty() and not note.unread:
                    note.start, note.end = where, where + len(body)
                    out.append(note)
    return out


def table_owner_roles(result: Extraction) -> tuple[str, ...]:
    """The owner columns (牵头单位 / 责任单位 / 配合单位), in order, that a cell-per-line table header
    before the first task names."""
    if not result.tasks:
        return ()
    head = result.text[: result.tasks[0].start]
    cells = [c.strip().strip("|").strip() for c in head.split("\n")[-40:]]
    kinds = [column_kind(c) for c in cells if c and len(c) <= 12]
    if "task" not in kinds and "target" not in kinds:
        return ()
    return tuple(dict.fromkeys(k for k in kinds if k in ROLES))


def names_only(text: str, *, whole: bool) -> bool:
    """Whether a cell holds only unit names, without a role verb (``whole``: every name surely whole)."""
    if not text or len(text) > 120 or re.search(r"[。:]", text) or ROLE_VERB.search(text):
        return False
    names = split_units(text, 0)
    return bool(names) and all(looks_like_unit(n.text) and (not whole or surely_whole(n.text)) for n in names)


def bare_cell(text: str) -> bool:
    """A cell holding only whole unit names (办公室, 县司法局、县财政局), short and without a ;."""
    return len(text) <= 80 and ";" not in text and names_only(text, whole=True)


def row_kinds(header: list[str]) -> list[str | None]:
    """The kinds of a task table's columns; a bare 单位 where no other column holds owners or
    values (序号 | 工作任务 | 单位 | 完成时限) is the owners' column, not a measure; beside a 第一责任单位,
    a 主要责任单位 is responsible."""
    kinds = [column_kind(h) for h in header]
    if "unit" in kinds and "target" not in kinds and not any(k in ROLES for k in kinds):
        kinds = ["responsible" if k == "unit" else k for k in kinds]
    if kinds.count("lead") > 1 and any(h.strip().startswith("第一") for h, k in zip(header, kinds) if k == "lead"):
        # 第一责任单位 | 主要责任单位: the first named leads, the other is responsible
        kinds = ["responsible" if k == "lead" and not h.strip().startswith("第一") else k for h, k in zip(header, kinds)]
    return kinds


def parse_table_row(cells: list[tuple[str, int]], header: list[str], *, end: int | None = None,
                    named: set[str] | None = None) -> Note | None:
    """A task-table row: each cell under a 牵头/责任/配合 column is a unit list (its own verbs win); a
    name in a cell the page's ``end`` cuts is dropped where it is only the start of a name the rows above
    gave (``named``: 市科 of 市科技局; a cell a file's table ends with is whole)."""
    note = None
    for (cell, start), role in zip(cells, row_kinds(header)):
        if role not in ROLES or not cell.strip():
            continue
        if note is None:
            note = Note(cells[0][1], cells[-1][1] + len(cells[-1][0]))
        mark = _CELL_MARK.match(cell)
        if mark:  # ★区发改委: a mark the table prints, not part of the name
            cell, start = cell[mark.end():], start + mark.end()
        part, _ = parse_note(cell, start, label_role=role)
        for r in ROLES:
            note.roles[r].extend((m, "note.table" if rule == "note.label" else rule) for m, rule in part.roles[r])
        note.first_leads = note.first_leads or part.first_leads
        if end is not None and start + len(cell.rstrip()) >= end:
            note.drop_cut_off(named or set())
    return note


_NO_CELL = re.compile(r"^[-—–/\\无\s、,.。]*$")  # ——, /, 无: a cell that says there is none


def unread_cells(cells: list[tuple[str, int]], header: list[str], row: Note | None, end: int) -> list[UnparsedNote]:
    """A table row's cells that hold owners the row's note did not read: an owner column's cell that
    gave no unit, and, in a table with no owner column, a cell of unit names under another head (a
    cell the page cuts at ``end``, the text's end, is not judged)."""
    kinds = row_kinds(header)
    named = [m.start for r in ROLES for m, _ in (row.roles[r] if row else [])]
    out = [UnparsedNote(m.text, m.start, m.end, "a piece of a note that names no unit") for m in (row.unread if row else [])]
    owners = any(k in ROLES for k in kinds)
    for (cell, start), kind in zip(cells, kinds):
        text = cell.strip()
        if not text or _NO_CELL.match(text) or start + len(cell.rstrip()) >= end or \
                any(start <= at < start + len(cell) for at in named):
            continue
        if kind in ROLES and len(text) <= 60 and "。" not in text:  # (a longer cell is a row shifted by merged cells)
            out.append(UnparsedNote(text, start, start + len(cell), "an owner cell whose units could not be read"))
        elif not owners and kind not in ("task", "number", "time", "target", "person", "measure") \
                and names_only(text, whole=True):
            out.append(UnparsedNote(text, start, start + len(cell),
                                    "a cell of unit names under a head not read as an owner's"))
    return out


def name_lines(task: Task) -> list[UnparsedNote]:
    """Lines of a task with no owner, after its first, that hold only whole unit names (an owner
    cell printed a line to itself, with no head that gives its role): shown, not guessed."""
    out, pos = [], 0
    for line in task.text.split("\n"):
        cell = line.strip(" |\t")
        if pos and cell and bare_cell(cell):
            at = task.start + pos + line.index(cell)
            out.append(UnparsedNote(cell, at, at + len(cell), "unit names on a line of their own, with no role word"))
        pos += len(line) + 1
    return out
