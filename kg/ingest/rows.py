"""Task tables printed as text, row by row (cells joined by " | "): rows whose cell ran over a line
break, tables with no number column, and the outline node each row becomes; and the title of a
body item (:func:`first_sentence`), which a row's task cell shares with an outline item."""

from __future__ import annotations

import re

from kg.ingest.lines import OUTLINE_LABEL, Line, cells_of, is_task_table_header
from kg.ingest.patterns import ROLE_LABEL, SENTENCE_END
from kg.model import OutlineNode
from kg.vocab import WORK_KINDS, column_kind

TITLE_MAX = 40  # a first "sentence" longer than this lost its full stop


def join_broken_rows(lines: list[Line], text: str) -> list[Line]:
    """Rows of a task table printed as text whose cell went on over a line break: after a header
    of n cells, a row with fewer separators takes the next lines (that start no row) until it has
    its n cells."""
    out: list[Line] = []
    width = 0  # separators of the current table's header
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        cells = None if line.cells is not None else cells_of(line)
        if cells is not None and is_task_table_header([c for c, _ in cells]):
            width = line.text.count("|")
        elif width and "|" in line.text and line.cells is None and line.text.count("|") < width:
            joined = 0
            while i < len(lines) and joined < 4 and line.text.count("|") < width and lines[i].text.strip() \
                    and lines[i].cells is None and not starts_row(lines[i]) \
                    and line.text.count("|") + lines[i].text.count("|") <= width:  # (索引号: | … |: a row of its own)
                line = Line(line.start, lines[i].end, text[line.start: lines[i].end])
                i += 1
                joined += 1
        elif "|" not in line.text and line.cells is None and not line.text.strip():
            width = 0
        out.append(line)
    return out


# 3.及时反馈…: a row whose number leads its task's cell (or, OUTLINE_LABEL, a group's heading its first)
_ITEM_FIRST = re.compile(r"\d{1,3}[.、](?!\d)\S")


def starts_row(line: Line) -> bool:
    """A line that opens a row: a number or a group's heading first (执法监督 | 4 | …), or a work cell numbered as an
    item among its first cells (信息公开形式 | 2.建立…: the row's merged cells at the left print
    nothing, or only a group's name)."""
    cells = line.text.split("|")
    head = cells[0].strip()
    return "|" in line.text and (head.rstrip(".、").isdigit() or bool(_ITEM_FIRST.match(head) or OUTLINE_LABEL.match(head))
                                 or any(_ITEM_FIRST.match(c.strip()) for c in cells[1:3])
                                 or len(cells) > 2 and cells[1].strip().isdigit() and len(cells[1].strip()) <= 3)


def unnumbered_row(cells: list[tuple[str, int]], header: list[str], *, padded: bool = False,
                   ) -> tuple[list[tuple[str, int]], list[str]] | None:
    """A row of a table whose header has no number column (工作任务 | 牵头单位 | 完成时限): as many
    cells as heads (``padded``: at most as many, as labelled records give), the task's cell filled;
    the row is numbered by its place (its number cell left empty) — or, where its work cell opens
    with an item number (1.制定…), by that number (see :func:`numbered_cell_row`)."""
    if any(column_kind(h) == "number" for h in header):
        return None
    while cells and not cells[-1][0]:
        cells = cells[:-1]
    numbered = numbered_cell_row(cells, header)
    if numbered is not None:
        return numbered
    if padded and len(cells) < len(header):
        cells = cells + [("", cells[-1][1] if cells else 0)] * (len(header) - len(cells))
    heads = list(header)
    while heads and not heads[-1]:
        heads = heads[:-1]
    short = len(heads) - len(cells)
    if 0 < short < len(heads) and all(column_kind(h) == "group" for h in heads[:short]):
        # (质量指标 | 验收合格率 | … under 一级指标 | 二级指标 | 三级指标 …: the group cells merged above print nothing)
        cells = [("", cells[0][1])] * short + cells
    # (the task's cell filled — or, a group's cell merged above left empty, another work cell)
    if len(cells) != len(heads) or _work_col(cells, [column_kind(h) for h in heads]) is None \
            or is_task_table_header([c for c, _ in cells]):
        return None
    return [("", cells[0][1])] + cells, ["序号"] + heads


def _work_col(cells: list[tuple[str, int]], kinds: list[str | None]) -> int | None:
    """The row's own work cell: the task's cell, or where it is merged with the row above (empty),
    the next work cell that is filled (a target's, a measure's); None if none is."""
    return next((i for k in WORK_KINDS for i, kind in enumerate(kinds) if kind == k and i < len(cells) and cells[i][0].strip()),
                None)


_SPACER = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]{2,}(?=[\u4e00-\u9fff])")


def table_row(cells: list[tuple[str, int]], header: list[str], line: Line, number: int | None = None) -> OutlineNode:
    number = int(cells[0][0]) if number is None else number
    kinds = [column_kind(n) for n in header]
    task_col = _work_col(cells, kinds)
    if task_col is None:
        task_col = next((i for k in WORK_KINDS for i, kind in enumerate(kinds) if kind == k), 1)
    # a cell may run over a line break, or be rejoined from pieces a narrow column broke (城市用气 / 提升工程):
    # the spaces that keep its offsets are no part of its title
    title = _SPACER.sub("", first_sentence(cells[task_col][0].replace("\n", "")))
    return OutlineNode(kind="item", label=f"{number}.", number=number, title=title, text=line.text,
                       start=line.start, end=line.end, heading=False, cells=cells, table_header=header)


_TASK_LABEL = re.compile(r"\s*(?:工作任务|重点任务|主要任务|任务内容|工作内容|具体任务|工作事项|具体措施|工作措施|主要措施)\s*[::]\s*")


_LEADING_NOTE = re.compile(r"\s*[【〔(\[](?:[^【】〔〕()\[\]]{0,40}(?:牵头|负责|配合|协办)|[^【】〔〕()\[\]]{0,12}(?:单位|部门)\s*[::][^【】〔〕()\[\]]{1,60})[】〕)\]]\s*")


def first_sentence(text: str) -> str:
    """The title of a body item: its text up to the first full stop, without its field label
    (工作任务:…) or a trailing note."""
    label = _TASK_LABEL.match(text)
    if label:
        text = text[label.end():]
    lead = _LEADING_NOTE.match(text)  # 【县司法局牵头】健全…: the note before the task's words is no part of its title
    if lead and lead.end() < len(text):
        text = text[lead.end():]
    text = text.split("|", 1)[0]  # a row the page cut, read as an item: its first cell
    m = SENTENCE_END.search(text)
    title = text[: m.start()] if m else text
    note = ROLE_LABEL.search(title)
    if note:
        cut = title.rfind("(", 0, note.start())
        title = title[: cut if cut != -1 else note.start()]
    title = title.strip(" ,")
    if len(title) > TITLE_MAX and "," in title:
        # a missing full stop (common in scraped text) would make the whole paragraph the title
        title = title[: title.index(",")]
    return title


_CELL_ITEM = re.compile(r"(\d{1,3})[.、](?!\d)")
_SUB_POINTS = re.compile(r"1[.、](?!\d)[^\n|]*?[。;;]\s*2[.、](?!\d)")  # 1.开展…。2.按照…: a cell's own points


def numbered_cell_row(cells: list[tuple[str, int]], header: list[str]) -> tuple[list[tuple[str, int]], list[str]] | None:
    """A row of a table with no number column whose work cell opens with the item's number
    (类别 | 工作任务 | 工作措施 | 责任科室 over rows whose 工作措施 cells read 1.制定…, 2.建立…): the
    number, then the cells placed right-aligned under the heads (merged cells at the left print
    nothing) if the numbered cell then falls under a work column (任务, 措施, 目标), else as far
    left as puts it under one (a row the page cuts at its right). The numbered cell is the row's
    work; the other work columns only group the rows."""
    heads = list(header)
    while heads and not heads[-1]:
        heads.pop()
    work = [column_kind(h) in WORK_KINDS for h in heads]
    at = next((i for i, (c, _) in enumerate(cells) if _CELL_ITEM.match(c)), None)
    # (another cell numbered too leaves the row's number in doubt — unless it lists sub-points 1.… 2.…)
    if at is None or len(cells) > len(heads) or any(_CELL_ITEM.match(c) and not _SUB_POINTS.match(c) for c, _ in cells[at + 1:]):
        return None
    right = len(heads) - len(cells)
    shift = right if work[right + at] else next((k for k in range(right + 1) if work[k + at]), None)
    if shift is None:
        return None
    cell, pos = cells[at]
    label = _CELL_ITEM.match(cell)
    placed = [h if i == at or not work[shift + i] else "类别" for i, h in enumerate(heads[shift: shift + len(cells)])]
    row = cells[:at] + [(cell[label.end():], pos + label.end())] + cells[at + 1:]
    return [(label.group(1), pos)] + row, ["序号"] + placed
