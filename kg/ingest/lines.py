"""A document's lines as the outline reads them: non-blank lines with their offsets, tables
printed one cell per line put back together as rows, and table rows cut into cells."""

from __future__ import annotations

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
    as many lines each, each starting with its number.  They come back as rows with their cells."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        width = vertical_header(lines, i)
        if not width:
            out.append(lines[i])
            i += 1
            continue
        head = lines[i: i + width]
        out.append(Line(head[0].start, head[-1].end, " | ".join(cell_text(x) for x in head),
                         cells=[(cell_text(x), x.start) for x in head]))
        i += width
        while i + width <= len(lines) and cell_text(lines[i]).isdigit():
            row = lines[i: i + width]
            out.append(Line(row[0].start, row[-1].end, " | ".join(cell_text(x) for x in row),
                             cells=[(cell_text(x), x.start) for x in row]))
            i += width
    return out


def cell_text(line: Line) -> str:
    return line.text.strip().rstrip("|").strip()


def vertical_header(lines: list[Line], i: int) -> int:
    """The number of columns of a one-cell-per-line table whose header starts at line i, or 0."""
    if column_kind(cell_text(lines[i])) != "number" or "|" in lines[i].text.strip().rstrip("|"):
        return 0
    width = 1
    while i + width < len(lines) and width < 12:
        cell = cell_text(lines[i + width])
        if len(cell) > 20 or column_kind(cell) in (None, "number"):
            break
        width += 1
    heads = [cell_text(x) for x in lines[i: i + width]]
    if width < 3 or not is_task_table_header(heads):
        return 0
    first_row = lines[i + width: i + 2 * width]
    return width if len(first_row) == width and cell_text(first_row[0]).isdigit() else 0


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
    kinds = {column_kind(n) for n in names}
    return bool(kinds & {"task", "target"}) and bool(kinds & {"lead", "responsible", "cooperating", "time"})


def align_row(cells: list[tuple[str, int]], header: list[str]) -> tuple[list[tuple[str, int]], list[str]] | None:
    """A data row under a task table's header, as (cells, their heads) starting with its number.

    The simple case: as many cells as heads, the first a number.  Tables whose merged cells were
    flattened give rows of other lengths: the group's heading cells stand before the number in
    its first row only, and a header may name no number column.  The values after the number
    then belong to the last heads, right-aligned."""
    names = [c for c, _ in cells]
    if len(cells) == len(header) and names[0].isdigit():
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
