"""Task tables wherever they are published: Excel workbooks (.xlsx, .xls), CSV/TSV files, tables
in Word files and on PDF pages (the readers are in :mod:`~kg.ingest.sheets`,
:mod:`~kg.ingest.office` and :mod:`~kg.ingest.pdf_tables`).

Every source is turned into a :class:`Cell` grid that remembers merges (a cell carried down from
the merged cell above, or covered by a merged cell on its left), and :func:`render_table` writes
the grid as the lines the rest of the pipeline already reads: one line per row, cells joined by
" | ".  The segmenter finds the header by its words and the assignment parser reads the role
columns, so a table yields the same tasks and units as the same plan written as text.

What the rendering settles, so that the segmenter never has to:

* the header is found by its words (序号, 工作任务, 牵头单位 …), in the first rows of the table;
  a two-row header (责任单位 spanning 牵头 | 配合 below) becomes one line of column heads;
* a header repeated further down (on each printed page) is dropped;
* a merged 牵头单位 (or 完成时限) cell is carried down to every row it spans, while a cell
  merged across columns counts once (its text in its first column, the others empty);
* rows that share a merged 序号 cell, or that have no number of their own under a numbered
  row, are one task: their cells are joined to the row above;
* a row holding a single text (一、依法全面履行政府职能) is a heading line of its own;
* empty rows and columns are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DocumentTooLarge
from kg.ingest.lines import is_task_table_header
from kg.numerals import cn_number
from kg.vocab import ROLE_KEYS, column_kind

#: the most rows one table (one sheet) may have: a task table has tens to a few hundred
MAX_ROWS = 10_000
#: the most cells one file's tables may hold together
MAX_CELLS = 200_000
#: how far down a table its header may stand (after a title row, a "填报单位" row …)
HEADER_SEARCH = 12

_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|表)\s*\d*$", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"^(\d{1,4})\s*[.、．]?$")
_CN_NUMBER_CELL = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[.、．]?$")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_OUTLINE_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（〔][一二三四五六七八九十]{1,3}[)）〕])")
_LIST_END = ("、", ",", "，", ";", "；", "。")


@dataclass
class Cell:
    text: str
    #: "" a cell of its own; "down": covered by a merged cell above (its text carried down);
    #: "right": covered by a merged cell on its left (its text counted there only)
    span: str = ""


Grid = list[list[Cell]]


class Budget:
    """Counts the rows and cells a file's tables hold, and stops reading past the limits."""

    def __init__(self, path: Path):
        self.path = path
        self.cells = 0

    def row(self, rows_so_far: int, width: int, where: str) -> None:
        if rows_so_far >= MAX_ROWS:
            raise DocumentTooLarge(
                f"{where} has more than {MAX_ROWS} rows (the limit for one table): a task table has a few "
                f"hundred at most; this looks like a data export, not a plan", path=self.path)
        self.add(width, where)

    def add(self, cells: int, where: str) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise DocumentTooLarge(
                f"more than {MAX_CELLS} cells in its tables (the limit for one file, reached in {where}): "
                f"a plan's task tables hold a few thousand; split the file", path=self.path)


# --- rendering ------------------------------------------------------------------------------------


def render_tables(tables: list[tuple[str | None, Grid]], *, soft_wraps: bool = False) -> list[str]:
    """Lines for several tables in order (a workbook's sheets): the name of each table after the
    first, when it says something (not Sheet2), as a line of its own before its rows.  The first
    sheet's name is left out: its rows start with the document's title, which must stay the
    document's first line."""
    lines: list[str] = []
    for name, grid in tables:
        if not has_text(grid):
            continue
        if lines and name and not _DEFAULT_SHEET.match(name.strip()):
            lines.append(_flat(name))
        lines.extend(render_table(grid, soft_wraps=soft_wraps))
    return lines


def render_table(grid: Grid, *, soft_wraps: bool = False) -> list[str]:
    """One table's lines (see the module's notes).  ``soft_wraps``: a line break inside a cell is
    where the text wrapped on the page (PDF), not one the author typed (Excel, Word)."""
    rows = [r for r in grid if any(c.text.strip() and c.span != "down" for c in r)]
    if not rows:
        return []
    # the columns that hold text anywhere, found without padding every row to the widest one
    keep = sorted({c for r in rows for c, cell in enumerate(r) if cell.text.strip()})
    blank = Cell("")
    rows = [[r[c] if c < len(r) else blank for c in keep] for r in rows]
    at, depth, heads = find_header(rows)
    if at is None:
        return [line for line in (_plain_row(r, soft_wraps) for r in rows) if line]
    out = [line for line in (_plain_row(r, soft_wraps) for r in rows[:at]) if line]
    header_rows = {_texts(r) for r in rows[at: at + depth]}
    kinds = [column_kind(h) for h in heads]
    number = kinds.index("number") if "number" in kinds else None
    # A table without a 序号 column still lists tasks: its rows are numbered in order.  So are the
    # rows of a 序号 column left empty (Word numbers them itself, and the text holds no number).
    blank_numbers = number is not None and not any(
        r[number].text.strip() and sum(1 for c in r if c.span == "" and c.text.strip()) > 1 for r in rows[at + depth:])
    if blank_numbers:
        number = None
    counted = number is None and any(k in ("task", "measure", "target") for k in kinds)
    out.append(" | ".join((["序号"] if counted and not blank_numbers else []) + heads))
    pending: list[list[str]] | None = None  # the data row being put together, cell by cell
    count = 0

    def flush() -> None:
        nonlocal pending, count
        if pending is not None:
            cells = [_cell_text(parts, kinds[c], soft_wraps) for c, parts in enumerate(pending)]
            if counted:
                count += 1
                if blank_numbers:
                    cells[kinds.index("number")] = str(count)
                else:
                    cells.insert(0, str(count))
            out.append(" | ".join(cells))
            pending = None

    for row in rows[at + depth:]:
        if _texts(row) in header_rows:
            continue  # the header again, at the top of a printed page
        own = [(c, cell) for c, cell in enumerate(row) if cell.span == "" and cell.text.strip()]
        if not own:
            continue
        if _is_heading(row, own):
            flush()
            out.append(_flat(own[0][1].text))
            continue
        if number is not None and pending is not None and (row[number].span == "down" or not row[number].text.strip()):
            # The same task: rows under one merged 序号 (each row's cell a part of its own), or on
            # a PDF the rest of a row that a page break split (its cells continue the texts).
            split = soft_wraps and row[number].span != "down"
            for c, cell in own:
                text = cell.text.strip()
                if split and pending[c]:
                    pending[c][-1] += "\n" + text
                elif not pending[c] or pending[c][-1] != text:
                    pending[c].append(text)
            continue
        flush()
        pending = [[] if cell.span == "right" or not cell.text.strip() else [cell.text.strip()] for cell in row]
        if number is not None and pending[number]:
            m = _NUMBER_CELL.match(pending[number][0])
            if m:
                pending[number] = [m.group(1)]
            elif (m := _CN_NUMBER_CELL.match(pending[number][0])) and cn_number(m.group(1)):
                others = [(c, cell) for c, cell in own if c != number]
                if len(others) == 1 and kinds[others[0][0]] not in (*ROLE_KEYS, "time"):
                    # 一 | 依法全面履行政府职能 | | : a group's heading written in the number column
                    out.append(f"{m.group(1)}、{_flat(others[0][1].text)}")
                    pending = None
                    continue
                pending[number] = [str(cn_number(m.group(1)))]
    flush()
    return out


def has_text(grid: Grid) -> bool:
    return any(c.text.strip() for r in grid for c in r)


def _texts(row: list[Cell]) -> tuple[str, ...]:
    return tuple(_flat(c.text) for c in row)


def _flat(text: str) -> str:
    """A short text (a head, a heading) on one line: wrapped pieces joined without a space."""
    return "".join(part.strip() for part in text.splitlines()).replace("|", "/")


def _cell_text(parts: list[str], kind: str | None, soft_wraps: bool) -> str:
    """A data cell on one line.  ``parts``: its own text, and that of the rows joined to it.
    Inside a part, a line break is a wrap (PDF: joined, with a space only between non-Chinese
    text) or typed (one unit a line: a 、 list; other text: a space).  Parts are joined with 、
    under a role column, else with ;."""

    def listed(pieces: list[str]) -> str:
        text = ""
        for piece in pieces:
            if text and not text.endswith(_LIST_END):
                text += "、"
            text += piece
        return text

    texts = []
    for part in parts:
        pieces = [p.strip() for p in part.splitlines() if p.strip()]
        if soft_wraps:
            text = ""
            for piece in pieces:
                if text and not (_CJK.match(text[-1]) or _CJK.match(piece[0])):
                    text += " "
                text += piece
        elif kind in ROLE_KEYS:
            text = listed(pieces)
        else:
            text = " ".join(" ".join(p.split()) for p in pieces)
        if text:
            texts.append(text)
    joined = listed(texts) if kind in ROLE_KEYS else ";".join(texts)
    return joined.replace("|", "/")


def _plain_row(row: list[Cell], soft_wraps: bool) -> str:
    own = [cell for cell in row if cell.span == "" and cell.text.strip()]
    if len(own) == 1:
        return _flat(own[0].text) if soft_wraps else " ".join(own[0].text.split())
    cells = ["" if cell.span == "right" else _cell_text([cell.text], None, soft_wraps) for cell in row]
    return " | ".join(cells) if any(cells) else ""


def _is_heading(row: list[Cell], own: list[tuple[int, Cell]]) -> bool:
    """A row that is a heading inside the table: one text, spanning the row or in its first column."""
    if len(own) != 1:
        return False
    c, cell = own[0]
    if any(other.span == "down" and other.text.strip() for other in row):
        return False  # a merged cell runs through it: it is part of a task's rows
    spans_rest = all(other.span == "right" for other in row[c + 1:]) and len(row) - c > 1
    return c == 0 or spans_rest


def _head(text: str) -> str:
    """A column head without the spaces that spread it over its cell (责 任 单 位)."""
    return "".join(text.split()).replace("|", "/")


def _header_like(row: list[Cell], *, strict: bool) -> bool:
    names = [_head(c.text) for c in row if c.text.strip()]
    if not names or any(len(n) > 20 or n.isdigit() for n in names):
        return False
    if strict:  # the lower row of a two-row header: every cell of its own names a column
        if any(_OUTLINE_START.match(n) for n in names):
            return False  # 一、重点工作任务: a section row under a one-row header
        return all(column_kind(_head(c.text)) for c in row if c.text.strip() and c.span == "")
    return any(column_kind(n) for n in names)


def find_header(rows: Grid) -> tuple[int | None, int, list[str]]:
    """Where the header starts, how many rows it takes (1 or 2) and its column heads."""
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        if not _header_like(row, strict=False):
            continue
        top = [_head(c.text) for c in row]
        # A second header row names the columns under a head spanning them (责任单位 over 牵头 |
        # 配合): some of its places are empty or covered from above, and the row over it has heads
        # of its own, not one line of text (a title, a note on the convention).
        lower = rows[i + 1] if i + 1 < len(rows) else None
        if lower is not None and _header_like(lower, strict=True) \
                and any(c.span == "" and c.text.strip() for c in lower) \
                and any(c.span == "down" or not c.text.strip() for c in lower) \
                and sum(1 for c in row if c.span == "" and c.text.strip()) >= 2:
            below = [_head(c.text) for c in lower]
            heads = [low or up for up, low in zip(top, below)]
            if is_task_table_header(heads):
                return i, 2, heads
        if is_task_table_header(top):
            return i, 1, top
    return None, 0, []


# --- Word -----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_grid(table_element, parent, budget: Budget) -> Grid:
    """A Word table as a grid, from its XML: w:gridSpan is a cell merged across columns,
    w:vMerge="continue" one merged with the cell above (its text is carried down).  Read row by
    row, so a long table costs time in proportion to its cells."""
    from docx.text.paragraph import Paragraph

    rows: Grid = []
    for tr in table_element.iterchildren(_W + "tr"):
        row: list[Cell] = []
        pr = tr.find(_W + "trPr")
        before = pr.find(_W + "gridBefore") if pr is not None else None
        if before is not None:
            row.extend(Cell("") for _ in range(_int(before.get(_W + "val"), 0)))
        for tc in tr.iterchildren(_W + "tc"):
            props = tc.find(_W + "tcPr")
            span, merge = 1, None
            if props is not None:
                grid_span = props.find(_W + "gridSpan")
                if grid_span is not None:
                    span = max(1, min(_int(grid_span.get(_W + "val"), 1), 64))
                v_merge = props.find(_W + "vMerge")
                if v_merge is not None:
                    merge = v_merge.get(_W + "val") or "continue"
            col = len(row)
            if merge == "continue" and rows and col < len(rows[-1]):
                first = Cell(rows[-1][col].text, "down")
            else:
                text = "\n".join(Paragraph(p, parent).text for p in tc.iter(_W + "p"))
                first = Cell(text)
            row.append(first)
            row.extend(Cell(first.text, "right") for _ in range(span - 1))
        budget.row(len(rows), len(row), "a table")
        rows.append(row)
    return rows


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


