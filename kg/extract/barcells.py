"""A statistics table printed a cell a line with a line of a bar alone between its cells, each cell
perhaps over two lines (同比 / (%), a sign on its own line before its value: + / 100), and turned on
its side: the places or categories across its first row (县市 | 楚雄市 | 禄丰市 | …), then a row each
measure (起数 | 2 | 2 | 4 | …, 同比(%) | -60 | -50 | …), as a prefecture's accident analysis or a
disclosure report prints a region table on a portal."""

from __future__ import annotations

from kg.extract.gridlines import GridCell
from kg.ingest.statheads import MAX_WIDTH, VALUE, is_head

Grid = list[tuple[int, list[GridCell] | None]]


def _bar_cells(lines: Grid, i: int) -> tuple[list[GridCell], int, int]:
    """The cells from line i on, a cell being the lines between two bars (joined; a lone + before a
    value dropped), the line after them, and how many bars stood between."""
    cells: list[GridCell] = []
    bars, open_cell, j = 0, False, i
    while j < len(lines) and lines[j][1] is not None and len(lines[j][1]) <= 1:
        cell = lines[j][1][0] if lines[j][1] else GridCell("", lines[j][0], lines[j][0])
        j += 1
        if not cell.text:  # a bar alone: the cell before it is closed
            bars, open_cell = bars + 1, False
            continue
        if open_cell and cells[-1].text in ("+", "+"):
            cells[-1] = cell  # (+ / 100: a rise written with its sign on a line of its own)
        elif open_cell:
            cells[-1] = GridCell(cells[-1].text + cell.text, cells[-1].start, cell.end)  # (同比 / (%))
        else:
            cells.append(cell)
        open_cell = True
    return cells, j, bars


def across_in_cells(lines: Grid, i: int) -> tuple[list[str], list[str], list[list[GridCell]], int] | None:
    """(heads, kinds, rows, the line after them) of such a table whose first cell is at line i, or None."""
    cells, j, bars = _bar_cells(lines, i)
    if bars * 2 < len(cells) or len(cells) < 8:
        return None  # (cells one a line with no bars between: other readers' layouts)
    first = next((k for k, c in enumerate(cells) if VALUE.match(c.text)), None)
    if first is None or not 4 <= first <= MAX_WIDTH + 1:
        return None
    width = first - 1  # the corner and the categories; each row a measure and a value under each category
    if not all(is_head(c.text) and not VALUE.match(c.text) for c in cells[:first]):
        return None
    rows: list[list[GridCell]] = []
    k = width
    while k < len(cells) and not VALUE.match(cells[k].text) and is_head(cells[k].text):
        values = cells[k + 1: k + width]
        taken = next((n for n, c in enumerate(values) if not VALUE.match(c.text)), len(values))
        if not taken or taken < width - 1 and k + 1 + taken < len(cells):
            break  # (values that stop short of the categories, but where the page ends: no row of the table)
        rows.append([cells[k], *values[:taken]])
        k += 1 + taken
    if not rows:
        return None
    return [c.text for c in cells[:width]], ["across"] * width, rows, j
