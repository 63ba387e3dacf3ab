"""Items grouped under a line that only names their unit:

    各部门、各单位具体承建任务如下:
    宣传部
    1、对整个创建活动进行跟踪报道…
    2、在全市主要街道统一悬挂创建卫生城市宣传标语。7月25日前完成。
    卫生局
    1、…

The unit is responsible for each item of the run its line opens (numbered from 1), up to the next
such line.  A name only counts where the lexicon knows it or it opens with its level (县卫生局),
so that a short heading ending as a body's name does (工作部署) is not taken for one; and a unit
line before a later item of a run (the owners' cell of the row above, printed on a line of its
own) says nothing of the item after it."""

from __future__ import annotations

import re

from kg.extract.notes import Note, parse_note
from kg.extract.unitnames import known_unit, looks_like_unit, split_units
from kg.ingest.patterns import owner_cell
from kg.model import Task

_NAMES = re.compile(r"[\u4e00-\u9fff()()、]{2,30}")


def unit_headed(text: str, tasks: list[Task]) -> dict[int, Note]:
    """The note each task (by its place in ``tasks``) takes from the unit line over its run."""
    out: dict[int, Note] = {}
    current: Note | None = None
    for i, task in enumerate(tasks):
        if task.table_cells:
            current = None
            continue
        end = max(text.rfind("\n", 0, task.start), 0)  # the line before the task's (blank lines read past)
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end] if end > 0 else ""
        note = _unit_line(line.strip(), start + len(line) - len(line.lstrip())) if line.strip() else None
        if task.number == 1:
            current = note
        elif note is not None:
            current = None  # (a unit line before item 3: the row above's owners, not a heading)
        if current is not None:
            out[i] = current
    return out


def _unit_line(line: str, at: int) -> Note | None:
    if not _NAMES.fullmatch(line):
        return None
    names = split_units(line, at)
    if not names or not all(looks_like_unit(m.text) and (owner_cell(m.text) or known_unit(m.text)) for m in names):
        return None
    note, _ = parse_note(line, at, bare_ok=True)
    return None if note.empty() or note.unread else note

