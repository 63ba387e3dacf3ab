"""A document's lines as the outline reads them: non-blank lines with their offsets, tables
printed one cell per line put back together as rows, and table rows cut into cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.vocab import column_kind


@dataclass
class Line:
    start: int
    end: int
    text: str
    cells: list[tuple[str, int]] | None = None  # a table row printed one cell per line, put together


def vertical_tables(lines: list[Line]) -> list[Line]:
    """Tables printed one cell per line (序号 / 2022年预期目标 / 责任单位 / 1 / 地区生产总值增长5.5%左右 /
    区发展改革委 …): the header's cells are short lines whose words name columns; the rows follow,
    each starting with its number.  A header may name no number column (工作任务 / 具体要求 / 责任科室 /
    时限要求), the number then standing after a group's heading cell, which only its first row
    carries.  They come back as rows with their cells, the heading cells before the number."""
    lines = [x for x in lines if cell_text(x)]  # a lone "|" between cells
    out: list[Line] = []
    i = 0
    while i < len(lines):
        width, numbered = vertical_header(lines, i)
        if not width:
            out.append(lines[i])
            i += 1
            continue
        head = lines[i: i + width]
        out.append(_row(head))
        i += width
        # the cells that follow a row's number: all but the number, or all but the group headings
        # that stand before the number in the first row (一级指标 / 二级指标 / 1 / 评价指标 / …)
        after = width - 1 if numbered else width - max(1, _pre_cells(lines, i, 2))
        while True:
            pre = _pre_cells(lines, i, 0 if numbered else 2)
            j = i + pre
            if j >= len(lines) - 1 or not _is_number(lines[j]):
                break
            if j + after >= len(lines):  # the page ends inside the last row: its cells, the rest empty
                row = _row(lines[i: len(lines)])
                row.cells = (row.cells or []) + [("", row.end)] * (j + after + 1 - len(lines))
                out.append(row)
                i = len(lines)
                break
            # group headings numbered as the outline numbers its parts (一、… / (一)…) stay lines of
            # their own, so the rows nest under them; unnumbered ones stay cells of the row
            headed = 0
            while headed < j - i and _OUTLINE_LABEL.match(cell_text(lines[i + headed])):
                out.append(lines[i + headed])
                headed += 1
            out.append(_row(lines[i + headed: j + 1 + after]))
            i = j + 1 + after
    return out


def _row(cells: list[Line]) -> Line:
    return Line(cells[0].start, cells[-1].end, " | ".join(cell_text(x) for x in cells),
                cells=[(cell_text(x), x.start) for x in cells])


def _is_number(line: Line) -> bool:
    text = cell_text(line)
    return text.isdigit() and len(text) <= 4


def _pre_cells(lines: list[Line], i: int, most: int) -> int:
    """How many group-heading cells (short, not a number) stand before a row's number at line i."""
    n = 0
    while n < most and i + n < len(lines) and not _is_number(lines[i + n]) and len(cell_text(lines[i + n])) <= 40:
        n += 1
    return n if i + n < len(lines) and _is_number(lines[i + n]) else 0


_OUTLINE_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十]{1,3}[)〕])")
_EDGE = re.compile(r"^[\s|]+|[\s|]+$")


def cell_text(line: Line) -> str:
    """A cell's text without the pipes and spaces a page prints around it ("责任单位 | |")."""
    return _EDGE.sub("", line.text)


HEAD_MAX = 12  # a column head is a few words (重点工作目标任务); a title that names 任务 is longer


def vertical_header(lines: list[Line], i: int) -> tuple[int, bool]:
    """The number of columns of a one-cell-per-line table whose header starts at line i (0 if none
    does), and whether the header names a number column (序号)."""
    first = cell_text(lines[i])
    numbered = column_kind(first) == "number"
    if column_kind(first) is None or "|" in first or len(first) > HEAD_MAX:
        return 0, False
    width = 1
    while i + width < len(lines) and width < 12:
        cell = cell_text(lines[i + width])
        if len(cell) > HEAD_MAX or column_kind(cell) in (None, "number"):
            break
        width += 1
    heads = [cell_text(x) for x in lines[i: i + width]]
    if width < 3 or not is_task_table_header(heads):
        return 0, False
    rest = lines[i + width:]
    if numbered:
        return (width, True) if len(rest) >= width and _is_number(rest[0]) else (0, False)
    pre = _pre_cells(rest, 0, 2)
    return (width, False) if len(rest) > pre + width - 1 and _is_number(rest[pre]) else (0, False)


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def cells_of(line: Line) -> list[tuple[str, int]] | None:
    """A table row as the docx loader writes it: cells joined by " | "."""
    if " | " not in line.text and "|" not in line.text:
        return None
    out, pos = [], 0
    for part in line.text.split("|"):
        lead = len(part) - len(part.lstrip())
        out.append((part.strip(), line.start + pos + lead))
        pos += len(part) + 1
    return out if len(out) >= 3 else None


def is_task_table_header(names: list[str]) -> bool:
    """A header row: a task (or goal) column and a column of owners or times (words, not positions)."""
    if any(len(n) > 20 or n.isdigit() for n in names):  # a data row: a sentence, a number
        return False
    kinds = {column_kind(n) for n in names}
    return bool(kinds & {"task", "target"}) and bool(kinds & {"lead", "responsible", "cooperating", "time"})


def align_row(cells: list[tuple[str, int]], header: list[str]) -> tuple[list[tuple[str, int]], list[str]] | None:
    """A data row under a task table's header, as (cells, their heads) starting with its number.

    The simple case: as many cells as heads, the first a number.  Tables whose merged cells were
    flattened give rows of other lengths: the group's heading cells stand before the number in
    its first row only, and a header may name no number column.  The values after the number
    then belong to the last heads, right-aligned."""
    names = [c for c, _ in cells]
    if len(cells) == len(header) and names[0].isdigit() and column_kind(header[0]) == "number":
        return cells, header
    while cells and not cells[-1][0]:
        cells = cells[:-1]
    at = next((i for i, (c, _) in enumerate(cells) if c.isdigit() and len(c) <= 4), None)
    heads = [h for h in header if h]
    if at is None or not heads:
        return None
    values = cells[at + 1:]
    named = [h for h in heads if column_kind(h) != "number"]
    if not values or len(values) > len(named):
        return None
    return [cells[at]] + values, ["序号"] + named[len(named) - len(values):]
