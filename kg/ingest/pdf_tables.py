"""Ruled tables on PDF pages (pdfplumber), read as tables: the page's other lines keep their
reading order around them, and a table that runs over a page break is one table."""

from __future__ import annotations

import io
import re
from pathlib import Path

from kg.errors import FazhiError
from kg.ingest.common import require
from kg.ingest.tables import Budget, Cell, Grid, render_table
from kg.vocab import TABLE_COLUMNS

# The column heads that make a page worth looking at for a table (short words such as 牵头 also stand
# in running text, so only the longer heads count); the page after a table's page is looked at too.
_PDF_HEADS = tuple(sorted({w for kind, words in TABLE_COLUMNS if kind in ("lead", "responsible", "cooperating", "time")
                           for w in words if len(w) >= 4}))
# A page number or running head (the document's title) between the parts of a table split by a
# page: short, no full stop, not an outline heading (一、… between two tables belongs to the second).
_FURNITURE_MAX = 30
_OUTLINE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.]|[(（〔][一二三四五六七八九十]{1,3}[)）〕]|第[一二三四五六七八九十]{1,3}部分)")
# A path operator after its numbers: "x y w h re" (a rectangle), "x y l" (a line).  A ruled table
# draws many; a page of running text draws none or a few (an underline, a frame).
_DRAWING = re.compile(rb"[\d.]\s+(?:re|l)\s")
_RULED_MIN = 4


def _ruled_pages(data: bytes, count: int) -> list[bool]:
    """Which pages draw enough lines to hold a ruled table, read from their content streams with
    pypdf, which is many times quicker than laying the page out; True where it cannot tell."""
    import pypdf

    try:
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        out = []
        for page in pages:
            try:
                contents = page.get_contents()
                stream = contents.get_data() if contents is not None else b""
            except Exception:
                out.append(True)
                continue
            found = 0
            for _ in _DRAWING.finditer(stream):
                found += 1
                if found >= _RULED_MIN:
                    break
            out.append(found >= _RULED_MIN)
        return out if len(out) == count else [True] * count
    except Exception:
        return [True] * count


def pdf_pages_with_tables(path: Path, data: bytes, texts: list[str]) -> list[str]:
    """The pages' texts (from pypdf), with each page that holds a ruled table read again by
    pdfplumber: its lines outside tables in reading order, each table as rendered rows.  A table
    that runs on over the next page is one table, its repeated header dropped."""
    # a head in a narrow column wraps (牵头 / 单位): look for the words with the breaks taken out
    squeezed = ["".join(t.split()) for t in texts]
    wanted = [any(w in t for w in _PDF_HEADS) for t in squeezed]
    if not any(wanted):
        return texts
    ruled = _ruled_pages(data, len(texts))
    wanted = [w and r for w, r in zip(wanted, ruled)]
    if not any(wanted):
        return texts
    pdfplumber = require("pdfplumber", "pdfplumber", path)
    found: dict[int, list[tuple[float, object]]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            previous = False
            for index, page in enumerate(pdf.pages):
                if not (wanted[index] or previous and ruled[index]):
                    previous = False
                    continue
                try:
                    items = _page_items(page)
                except Exception:  # pdfplumber could not lay this page out: keep pypdf's text
                    items = None
                finally:
                    page.close()
                previous = bool(items)
                if items:
                    found[index] = items
    except FazhiError:
        raise
    except Exception:  # pypdf read the file; pdfplumber failing on it costs only the tables
        return texts
    if not found:
        return texts
    budget = Budget(path)
    chunks: list[list[object]] = []  # per page: lines (str) and tables (Grid), in order
    for index, text in enumerate(texts):
        chunks.append([text] if index not in found else [item for _, item in found[index]])
    _join_split_tables(chunks)
    out = []
    for chunk in chunks:
        lines: list[str] = []
        for item in chunk:
            if isinstance(item, str):
                lines.append(item)
            else:
                for n, row in enumerate(item):
                    budget.row(n, len(row), "a table")
                lines.extend(render_table(item, soft_wraps=True))
        out.append("\n".join(lines))
    return out


def _join_split_tables(chunks: list[list[object]]) -> None:
    """A table that ends one page and one of the same width that starts the next (past a page
    number or running head) are one table: the second's rows join the first, over as many pages
    as it runs."""
    open_table: list | None = None  # the table the last page with content ended with
    for chunk in chunks:
        content = [k for k, item in enumerate(chunk) if not _furniture(item)]
        if not content:
            continue
        first = chunk[content[0]]
        if open_table is not None and isinstance(first, list) and first \
                and max(map(len, open_table)) == max(map(len, first)):
            open_table.extend(first)
            del chunk[content[0]]
            content = [k for k, item in enumerate(chunk) if not _furniture(item)]
            if not content:
                continue  # the whole page was the table's: it may run on
        last = chunk[content[-1]]
        open_table = last if isinstance(last, list) and last else None


def _furniture(item: object) -> bool:
    if not isinstance(item, str):
        return False
    text = "".join(item.split())
    return len(text) <= _FURNITURE_MAX and "。" not in text and not _OUTLINE.match(text)


def _page_items(page) -> list[tuple[float, object]] | None:
    """A page's text lines outside its tables and its tables, ordered by their top; None when the
    page holds no table with at least two rows and two columns of text."""
    tables = []
    for table in page.find_tables():
        grid = _pdf_grid(table)
        if sum(1 for r in grid if any(c.text.strip() for c in r)) >= 2 and max(
                sum(1 for c in r if c.text.strip() and c.span == "") for r in grid) >= 2:
            tables.append((table.bbox, grid))
    if not tables:
        return None
    boxes = [bbox for bbox, _ in tables]

    def outside(obj) -> bool:
        if "x0" not in obj or "top" not in obj:
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    items: list[tuple[float, object]] = [(line["top"], line["text"]) for line in
                                         page.filter(outside).extract_text_lines() if line["text"].strip()]
    items.extend((bbox[1], grid) for bbox, grid in tables)
    items.sort(key=lambda item: item[0])
    return items


def _pdf_grid(table) -> Grid:
    """A pdfplumber table as a grid.  pdfplumber leaves None where a merged cell covers a place:
    covered from the left when the nearest cell on the left reaches into the column, else from
    above."""
    values = table.extract()
    boxes = [row.cells for row in table.rows]
    width = max((len(r) for r in boxes), default=0)
    starts = []
    for c in range(width):
        xs = [r[c][0] for r in boxes if c < len(r) and r[c] is not None]
        starts.append(min(xs) if xs else None)
    grid: Grid = []
    for cells, texts in zip(boxes, values):
        row: list[Cell] = []
        for c, box in enumerate(cells):
            if box is not None:
                row.append(Cell((texts[c] if c < len(texts) else None) or ""))
                continue
            left = next((k for k in range(c - 1, -1, -1) if cells[k] is not None), None)
            above = grid[-1][c] if grid and c < len(grid[-1]) else None
            from_left = left is not None and (starts[c] is None or cells[left][2] > starts[c] + 1)
            if above is not None and above.span == "right" and row and row[-1].span == "down":
                from_left = True  # the lower row of a cell merged both ways
            if from_left and row:
                row.append(Cell(row[-1].text, "right"))
            elif above is not None:
                row.append(Cell(above.text, "down"))
            else:
                row.append(Cell(""))
        grid.append(row)
    return grid
