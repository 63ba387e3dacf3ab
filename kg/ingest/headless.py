"""Task tables whose header is not on the page: rows 1 | 加强… | 县司法局 | 2023年底 … printed with
no header before them (the header was an image, or on the page before).  A run of two rows or more
that number on from each other gets a header of its own, made from what its columns hold: the
number, the task (the first long cell), and after it times, owners (short cells) or measures (long
ones).  The header is a line of no length at the first row, as a run-together header's is
(:func:`kg.ingest.records.flattened_rows`), so every span still points into the document."""

from __future__ import annotations

import re

from kg.ingest.lines import Line, cells_of, is_task_table_header
from kg.ingest.patterns import owner_cell

# a time cell: a date, a month, a season, or a time word (持续推进, 长期坚持)
_TIME = re.compile(r"(?:19|20)\d{2}[年.\-/]|\d{1,2}月|季度|年底|年内|全年|长期|持续|常态|每年|每季|每月")
_SHORT = 60  # an owner cell lists names: longer, or with a full stop, it is a measure


def headless_rows(lines: list[Line]) -> list[Line]:
    """The lines, with a made header before each run of numbered rows that has none."""
    out: list[Line] = []
    headed = False  # a header seen: later rows are its table's (part headings, page breaks between)
    i = 0
    while i < len(lines):
        line = lines[i]
        cells = line.cells if line.cells is not None else cells_of(line)
        headed = headed or cells is not None and is_task_table_header([c for c, _ in cells])
        run = [] if headed else _run(lines, i)
        heads = _heads(run) if len(run) >= 2 else []
        if not is_task_table_header(heads):  # (no owner's or time's column: no task table)
            out.extend(lines[i: i + max(1, len(run))])  # the run's later rows make no other header:
            i += max(1, len(run))  # each line is looked at once (linear)
            continue
        at = lines[i].start
        raw = [c for c, _ in cells_of(lines[i]) or []]
        lead = len(raw) - len(raw[next((k for k, c in enumerate(raw) if c), 0):])
        trail = len(raw) - lead - len(run[0])
        names = [""] * lead + heads + [""] * max(0, trail)  # as the rows print the page's edges
        out.append(Line(at, at, " | ".join(names), cells=[(n, at) for n in names], padded=True))
        out.extend(lines[i: i + len(run)])
        i += len(run)
        headed = True
    return out


def _row(line: Line) -> list[str] | None:
    """A row's cells when it opens with its number and holds three cells or more, else None."""
    if line.cells is not None or "|" not in line.text:
        return None
    cells = cells_of(line)
    if cells is None:
        return None
    names = [c for c, _ in cells]
    while names and not names[0]:  # | 1 | … |: the page's edge
        names = names[1:]
    while names and not names[-1]:
        names = names[:-1]
    if len(names) < 3 or not names[0].rstrip(".、").isdigit() or len(names[0]) > 4:
        return None
    return names


def _run(lines: list[Line], i: int) -> list[list[str]]:
    """The rows from line i on that number on from each other (1, 2, 3 … or n, n+1 …)."""
    run: list[list[str]] = []
    for k in range(i, len(lines)):  # (no slice: a copy of the rest at every line would be quadratic)
        row = _row(lines[k])
        if row is None or run and int(row[0].rstrip(".、")) != int(run[-1][0].rstrip(".、")) + 1:
            break
        run.append(row)
    return run


def _heads(run: list[list[str]]) -> list[str]:
    """A header for the run: 序号, 工作任务, then each later column by what its cells hold.  Two
    columns of owners or more name the lead first and then those responsible (牵头单位 | 责任单位,
    the genre's usual pair)."""
    width = max(len(r) for r in run)
    columns = [[r[j] for r in run if j < len(r) and r[j]] for j in range(width)]
    owners = [j for j in range(2, width) if columns[j] and all(map(owner_cell, columns[j]))]
    owner_names = iter(("牵头单位", "责任单位", "配合单位") if len(owners) >= 2 else ())
    names = ["序号", "工作任务"]
    for j in range(2, width):
        column = columns[j]
        if column and all(_TIME.search(c) and len(c) <= 20 for c in column):
            names.append("完成时限")
        elif j in owners[:3] and len(owners) >= 2:
            names.append(next(owner_names))
        elif column and all(len(c) <= _SHORT and "。" not in c for c in column) and "责任单位" not in names:
            names.append("责任单位")
        else:
            names.append("具体措施")
    return names
