"""Task tables in HTML: a web page's 责任分工表, and the HTML many systems export under the .xls
name.  A table's rowspan and colspan become the merges of a :mod:`kg.ingest.tables` grid, so a
牵头单位 spanning several rows is carried down to each of them as in a workbook."""

from __future__ import annotations

from kg.ingest.tables import HEADER_SEARCH, Budget, Cell, Grid, find_header, render_table

_CELLS = ("td", "th")
_SECTIONS = ("thead", "tbody", "tfoot")
_BREAKS = ("p", "div", "li", "tr")
MAX_ROWSPAN = 1000  # a rowspan of 65534 over a two-row table must not make 65534 rows
MAX_COLSPAN = 100


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def cell_text(el) -> str:
    """A cell's text with its line breaks (<br>, paragraphs) as newlines; inline elements
    (<span>, <font>) join their text without a break: 区<span>司法局</span> is one name."""
    out: list[str] = []

    def walk(node) -> None:
        out.append(node.text or "")
        for child in node:
            tag = _tag(child)
            if tag == "br":
                out.append("\n")
            elif tag in _BREAKS:
                out.append("\n")
                walk(child)
                out.append("\n")
            elif tag:
                walk(child)
            out.append(child.tail or "")

    walk(el)
    return "".join(out)


def _rows(table):
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in _SECTIONS:
            yield from (row for row in child if _tag(row) == "tr")


def _span(el, name: str, most: int) -> int:
    try:
        return max(1, min(int(el.get(name, "1").strip() or 1), most))
    except ValueError:
        return 1


def html_grid(table, budget: Budget, first: int | None = None) -> Grid:
    """A <table> as a grid (its ``first`` rows only, if given): a cell under a rowspan is covered
    from above (its text carried down), one under a colspan is covered from the left."""
    rows: Grid = []
    above: dict[int, list] = {}  # column → [rows still covered, text, covered from the left]
    for tr in _rows(table):
        if first is not None and len(rows) >= first:
            break
        row: list[Cell] = []

        def covered() -> None:
            while len(row) in above:
                left, text, from_left = above[len(row)]
                row.append(Cell(text, "right" if from_left else "down"))
                if left <= 1:
                    del above[len(row) - 1]
                else:
                    above[len(row) - 1][0] = left - 1

        for cell in (c for c in tr if _tag(c) in _CELLS):
            covered()
            text = cell_text(cell)
            down, across = _span(cell, "rowspan", MAX_ROWSPAN), _span(cell, "colspan", MAX_COLSPAN)
            start = len(row)
            row.append(Cell(text))
            row.extend(Cell(text, "right") for _ in range(across - 1))
            if down > 1:
                for k in range(across):
                    above[start + k] = [down - 1, text, k > 0]
        covered()
        budget.row(len(rows), len(row), "a table")
        rows.append(row)
    return rows


def set_tables_aside(root, budget: Budget) -> dict[str, list[str]]:
    """Take each task table out of a parsed page (one whose header names its columns and that
    holds no table inside it: a layout table stays) and leave a placeholder paragraph in its
    place; returns placeholder → the table's rendered rows, for :func:`put_tables_back`.

    The page's text extractor never sees the table: trafilatura drops a table's empty cells in
    some versions (shifting 配合单位 under 责任单位) and flattens a table nested in a layout cell
    into one line, and neither knows merged cells."""
    from lxml import html as lxml_html

    aside: dict[str, list[str]] = {}
    for table in list(root.iter("table")):
        if next(table.iterdescendants("table"), None) is not None:
            continue
        if find_header(html_grid(table, Budget(budget.path), HEADER_SEARCH + 1))[0] is None:
            continue  # not a task table (its first rows name no columns): left to the page reader
        grid = html_grid(table, budget)
        token = f"FAZHIKGTABLE{len(aside)}X"
        aside[token] = render_table(grid)
        holder = lxml_html.Element("p")
        holder.text = token
        holder.tail = table.tail
        table.getparent().replace(table, holder)
    return aside


def put_tables_back(text: str, aside: dict[str, list[str]]) -> str | None:
    """The extracted text with each placeholder replaced by its table's rows, each on lines of its
    own; None when the extractor dropped a placeholder (the caller reads the page another way)."""
    for token, lines in aside.items():
        at = text.find(token)
        if at < 0:
            return None
        text = text[:at].rstrip(" ") + "\n" + "\n".join(lines) + "\n" + text[at + len(token):].lstrip(" ")
    return text
