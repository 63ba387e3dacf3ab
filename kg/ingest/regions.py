"""Where a page prints a table one cell per line, found before the normalizer joins lines a printed
page broke: its cells (a row number, a value, a column head) keep their own lines."""

from __future__ import annotations

import re

from kg.ingest.lines import lines_of
from kg.vocab import column_kind


def table_cell_line(line: str) -> bool:
    """A line that can only be a cell of a table printed one cell per line: a row number, or a
    column head (序号, 责任单位, 完成时限) — words alone, never the end of a sentence (期目标。)
    or of a bracket (律师工作管理处))."""
    if re.fullmatch(r"\d+|[-−]?\d{1,6}(?:\.\d{1,4})?%|[-−]\d{1,6}(?:\.\d{1,4})?|\d{1,6}\.\d{1,4}|[-—–/]", line):
        return not line.isdigit() or len(line) <= 4  # a row number; a value (10.2%, -30.0%) or an empty cell's dash
    return len(line) <= 8 and not re.search(r"[。,;:)]", line) and column_kind(line) is not None


def vertical_table_regions(text: str) -> list[tuple[int, int]]:
    """Where a table is printed one cell per line: from a 序号 line followed by column heads (or
    three heads or more, a task's and an owner's or a time's among them: 工作任务 / 具体要求 /
    责任科室 / 时限要求), over the short lines after it (a cell is never a long paragraph)."""
    regions = []
    cells = [(x.start, x.text.strip()) for x in lines_of(text)]  # (each non-blank line's start and words)
    i = 0
    while i < len(cells):
        first = column_kind(cells[i][1].rstrip("| "))
        if first == "number" and len(cells[i][1]) <= 4 or first in ("task", "measure") and len(cells[i][1]) <= 8:
            heads, kinds = 0, {first}
            while i + 1 + heads < len(cells) and len(cells[i + 1 + heads][1]) <= 20:
                kind = column_kind(cells[i + 1 + heads][1].rstrip("| "))
                if kind in (None, "number"):
                    break
                kinds.add(kind)
                heads += 1
            if heads >= 2 and (first == "number" or kinds & {"lead", "responsible", "cooperating", "time"}):
                j = i + 1 + heads
                while j < len(cells) and len(cells[j][1]) <= 150:
                    j += 1
                end = cells[j - 1][0] + len(cells[j - 1][1])
                regions.append((cells[i][0], end))
                i = j
                continue
        i += 1
    return regions
