"""Task tables printed as text, row by row (cells joined by " | "): rows whose cell ran over a line
break, tables with no number column, and the outline node each row becomes; and the title of a
body item (:func:`first_sentence`), which a row's task cell shares with an outline item."""

from __future__ import annotations

import re

from kg.ingest.lines import OUTLINE_LABEL, Line, cells_of, is_task_table_header
from kg.ingest.patterns import ROLE_LABEL, SENTENCE_END
from kg.model import OutlineNode
from kg.vocab import column_kind

TITLE_MAX = 40  # a first "sentence" longer than this lost its full stop


def join_broken_rows(lines: list[Line], text: str) -> list[Line]:
    """Rows of a task table printed as text whose cell went on over a line break: after a header
    of n cells, a row with fewer separators takes the next lines (that start no row) until it has
    its n cells."""
    out: list[Line] = []
    width = 0  # separators of the current table's header
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        cells = None if line.cells is not None else cells_of(line)
        if cells is not None and is_task_table_header([c for c, _ in cells]):
            width = line.text.count("|")
        elif width and "|" in line.text and line.cells is None and line.text.count("|") < width:
            joined = 0
            while i < len(lines) and joined < 4 and line.text.count("|") < width and lines[i].text.strip() \
                    and lines[i].cells is None and not starts_row(lines[i]):
                line = Line(line.start, lines[i].end, text[line.start: lines[i].end])
                i += 1
                joined += 1
        elif "|" not in line.text and line.cells is None and not line.text.strip():
            width = 0
        out.append(line)
    return out


# 3.及时反馈…: a row whose number leads its task's cell (or, OUTLINE_LABEL, a group's heading its first)
_ITEM_FIRST = re.compile(r"\d{1,3}[.、](?!\d)\S")


def starts_row(line: Line) -> bool:
    head = line.text.split("|", 1)[0].strip()
    return "|" in line.text and (head.rstrip(".、").isdigit() or bool(_ITEM_FIRST.match(head) or OUTLINE_LABEL.match(head)))


def unnumbered_row(cells: list[tuple[str, int]], header: list[str], *, padded: bool = False,
                   ) -> tuple[list[tuple[str, int]], list[str]] | None:
    """A row of a table whose header has no number column (工作任务 | 牵头单位 | 完成时限): as many
    cells as heads (``padded``: at most as many, as labelled records give), the task's cell filled;
    the row is numbered by its place."""
    if any(column_kind(h) == "number" for h in header):
        return None
    while cells and not cells[-1][0]:
        cells = cells[:-1]
    if padded and len(cells) < len(header):
        cells = cells + [("", cells[-1][1] if cells else 0)] * (len(header) - len(cells))
    heads = list(header)
    while heads and not heads[-1]:
        heads = heads[:-1]
    kinds = [column_kind(h) for h in heads]
    task_col = next((kinds.index(k) for k in ("task", "target", "measure") if k in kinds), None)
    if task_col is None or len(cells) != len(heads) or not cells[task_col][0] or is_task_table_header([c for c, _ in cells]):
        return None
    return [("", cells[0][1])] + cells, ["序号"] + heads


def table_row(cells: list[tuple[str, int]], header: list[str], line: Line, number: int | None = None) -> OutlineNode:
    number = int(cells[0][0]) if number is None else number
    kinds = [column_kind(n) for n in header]
    task_col = next((kinds.index(k) for k in ("task", "target", "measure") if k in kinds), 1)
    title = first_sentence(cells[task_col][0].replace("\n", ""))  # a cell may run over a line break
    return OutlineNode(kind="item", label=f"{number}.", number=number, title=title, text=line.text,
                       start=line.start, end=line.end, heading=False, cells=cells, table_header=header)


_TASK_LABEL = re.compile(r"\s*(?:工作任务|重点任务|主要任务|任务内容|工作内容|具体任务|工作事项|具体措施|工作措施|主要措施)\s*[::]\s*")


def first_sentence(text: str) -> str:
    """The title of a body item: its text up to the first full stop, without its field label
    (工作任务:…) or a trailing note."""
    label = _TASK_LABEL.match(text)
    if label:
        text = text[label.end():]
    m = SENTENCE_END.search(text)
    title = text[: m.start()] if m else text
    note = ROLE_LABEL.search(title)
    if note:
        cut = title.rfind("(", 0, note.start())
        title = title[: cut if cut != -1 else note.start()]
    title = title.strip(" ,")
    if len(title) > TITLE_MAX and "," in title:
        # a missing full stop (common in scraped text) would make the whole paragraph the title
        title = title[: title.index(",")]
    return title
