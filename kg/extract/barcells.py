"""A statistics table printed a cell a line with a line of a bar alone between its cells, each cell
perhaps over two lines (同比 / (%), a sign on its own line before its value: + / 100), and turned on
its side: the places or categories across its first row (县市 | 楚雄市 | 禄丰市 | …), then a row each
measure (起数 | 2 | 2 | 4 | …, 同比(%) | -60 | -50 | …), as a prefecture's accident analysis or a
disclosure report prints a region table on a portal."""

from __future__ import annotations

from kg.extract.gridlines import GridCell
from kg.ingest.statheads import MAX_WIDTH, VALUE, is_head

Grid = list[tuple[int, list[GridCell] | None]]


def _bar_cells(lines: Grid, i: int):
    """The cells from line i on, one by one with the line after it, a cell being the lines between two bars
    (joined; a lone + before a value dropped); read lazily, so a run that is no such table costs only the
    cells looked at."""
    cell: GridCell | None = None
    j, bars, pieces = i, 0, 0
    while j < len(lines) and lines[j][1] is not None and len(lines[j][1]) <= 1:
        got = lines[j][1][0] if lines[j][1] else GridCell("", lines[j][0], lines[j][0])
        j += 1
        if not got.text:  # a bar alone: the cell before it is closed
            bars += 1
            if cell is not None:
                yield cell, j, bars
            cell, pieces = None, 0
        elif pieces >= 3:
            break  # (lines one after another with no bar between: no cell of this layout)
        elif cell is None or cell.text in ("+", "+"):
            cell, pieces = got, pieces + 1  # (+ / 100: a rise written with its sign on a line of its own)
        else:
            cell, pieces = GridCell(cell.text + got.text, cell.start, got.end), pieces + 1  # (同比 / (%))
    if cell is not None:
        yield cell, j, bars
    yield None, j, bars  # (the run's end)


def across_in_cells(lines: Grid, i: int) -> tuple[list[str], list[str], list[list[GridCell]], int] | None:
    """(heads, kinds, rows, the line after them) of such a table whose first cell is at line i, or None."""
    cells: list[GridCell] = []
    end = bars = 0
    stream = _bar_cells(lines, i)
    for cell, end, bars in stream:  # the header: the corner, the categories, then the first row's measure and first value
        if cell is None:
            break
        cells.append(cell)
        if VALUE.match(cell.text) or len(cells) > MAX_WIDTH + 2:
            break
    first = len(cells) - 1
    if not cells or not VALUE.match(cells[-1].text) or not 4 <= first <= MAX_WIDTH + 1 or bars < first:
        return None  # (cells one a line with no bars between: other readers' layouts)
    width = first - 1  # the corner and the categories; each row a measure and a value under each category
    if not all(is_head(c.text) and not VALUE.match(c.text) for c in cells[:first]):
        return None

    def upto(n: int | None) -> None:  # (the run read only as far as its rows go: a run that is no table costs little)
        nonlocal bars, end
        while (n is None or len(cells) < n) and (got := next(stream, None)) is not None:
            end, bars = got[1], got[2]
            if got[0] is not None:
                cells.append(got[0])

    rows: list[list[GridCell]] = []
    k = width
    upto(k + width)
    while k < len(cells) and not VALUE.match(cells[k].text) and is_head(cells[k].text):
        values = cells[k + 1: k + width]
        taken = next((n for n, c in enumerate(values) if not VALUE.match(c.text)), len(values))
        upto(k + width + 1)  # (whether the page goes on after this row)
        if not taken or taken < width - 1 and k + 1 + taken < len(cells):
            break  # (values that stop short of the categories, but where the page ends: no row of the table)
        rows.append([cells[k], *values[:taken]])
        k += 1 + taken
        upto(k + width)
    if not rows:
        return None
    upto(None)  # (a table: the rest of its run is read, as the run's cells are the table's)
    if bars * 2 < len(cells) or len(cells) < 8:
        return None
    return [c.text for c in cells[:width]], ["across"] * width, rows, end
