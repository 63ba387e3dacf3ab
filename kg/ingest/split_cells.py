"""Cells a page printed over two lines, put back together before tables printed one cell per line
are read: a head broken after its level (市政府 / 分管领导, one column of leaders) and a group row's
label printed in the number column with its heading in the next (（一） / 加强战略科技力量建设。)."""

from __future__ import annotations

import re

from kg.ingest.lines import OUTLINE_LABEL, Line, cell_text
from kg.vocab import column_kind

# the level a leaders' column is named for, printed above the rest of its head
_LEVEL_HEAD = re.compile(r"^(?:省|市|州|盟|县|区|旗)(?:人民政府|政府|委)?$")
_GAP = re.compile(r"\s+")
HEADING_MAX = 40


def rejoin_cells(lines: list[Line], text: str) -> list[Line]:
    """The lines with each such pair made one line; the line break between its halves becomes spaces, so
    the joined line keeps its length and every character its place in the document."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and _pair(cell_text(line), cell_text(nxt)):
            joined = _GAP.sub(lambda m: " " * len(m.group(0)), text[line.start: nxt.end])
            out.append(Line(line.start, nxt.end, joined))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _pair(first: str, second: str) -> bool:
    if _LEVEL_HEAD.match(first):
        return column_kind(second) == "person"
    if OUTLINE_LABEL.fullmatch(first):  # a group row's label alone (一、 / (一)); its heading: words, no number or label
        return 2 <= len(second) <= HEADING_MAX and not second.isdigit() and not OUTLINE_LABEL.fullmatch(second) \
            and "|" not in second
    return False
