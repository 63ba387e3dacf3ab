"""A page's lines as a statistics table's cells: a line of bars (| 12 | 3 |) as its cells, a short
paragraph of words alone (a cell a paragraph, its head perhaps broken over two lines) as one cell,
other text as none — what :mod:`kg.extract.statgrid` and :mod:`kg.extract.valuerows` read tables from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.lines import Line, cells_of

HEAD_UNIT = re.compile(r"[((](?:单位[::])?([^()()]{1,6})[))]\s*$")  # 年度投资(万元): a head's measure

@dataclass
class GridCell:
    text: str
    start: int
    end: int


def grid_lines(text: str) -> list[tuple[int, list[GridCell] | None]]:
    """Each line of the text that holds a table's bar, as its cells (the closing bar's empty cell
    dropped); a short paragraph of words alone (a cell of a table printed a cell a paragraph, its
    head perhaps broken over two lines: 本年新 / 制作数量) as one cell; other text as None."""
    out: list[tuple[int, list[GridCell] | None]] = []
    raws, pos = [], 0
    for raw in text.split("\n"):
        raws.append((pos, raw))
        pos += len(raw) + 1
    i = 0
    while i < len(raws):
        pos, raw = raws[i]
        if "|" in raw:
            cells = [GridCell(t, at, at + len(t)) for t, at in cells_of(Line(pos, pos + len(raw), raw), 1)]
            if raw.rstrip().endswith("|") and len(cells) > 1 and not cells[-1].text:
                cells.pop()
            out.append((pos, cells))
        elif raw.strip():
            j = i
            # (a cell a paragraph, cells apart by blank lines: a head broken over two lines is one cell;
            # where cells stand on lines one after another, each line is one)
            if i > 0 and not raws[i - 1][1].strip() and i + 1 < len(raws) and raws[i + 1][1].strip() \
                    and "|" not in raws[i + 1][1] and (i + 2 >= len(raws) or not raws[i + 2][1].strip()):
                j = i + 1
            words = "".join(r.strip() for _, r in raws[i: j + 1])
            if len(words) <= 24 and not _SENTENCE.search(HEAD_UNIT.sub("", words)):  # ((单位:万元): a head's measure)
                lead = len(raw) - len(raw.lstrip())
                out.append((pos, [GridCell(words, pos + lead, raws[j][0] + len(raws[j][1].rstrip()))]))
                i = j + 1
                continue
            out.append((pos, None))  # a line of text: the table (if any) has ended
        i += 1
    return out


_SENTENCE = re.compile(r"[。;:,!?]")
