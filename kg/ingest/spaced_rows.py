"""Task tables with no header whose cells are set one space apart, as a page's text gives a table
whose header was an image or sat on the page before:

    1.健全重大行政决策程序制度 县司法局 县政府办 2024年6月底前
    2.全面推行行政执法公示制度 县司法局 县直各执法单位 2024年12月底前
    3.加强行政复议规范化建设 县司法局 持续推进

A row is a numbered line whose last words are owners (names that end as a body's name does, or a
list of them) and, at its very end, perhaps a time; the words before them are the task.  Two rows
or more numbered on from each other (part headings and wrapped lines may stand between) are
written with `` | `` between their cells, the owners' columns filled from the left (the lead is
named first), so that :func:`kg.ingest.headless.headless_rows` gives them a header.  Everything
else stays as it is; each line is looked at once.

A table set in spaces under its header (序号  工作任务  牵头单位  完成时限) is written with bars too
(:func:`spaced_cells`), each gap of two spaces or more a cell's edge."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.ingest.forms import ONE_BLANK
from kg.ingest.offsets import Offsets, cells_text, rewrite, substitute
from kg.ingest.patterns import DEBRIS_LINE, owner_cell
from kg.vocab import OWNER_KINDS, WORK_KINDS, column_kind

_BLANK = re.compile(r"[ \u3000\xa0]+")
_ROW = re.compile(r"^[ \u3000\xa0]*(?P<num>\d{1,3})(?![\d年月日%])(?:[.、.](?!\d)[ \u3000\xa0]*|[ \u3000\xa0]*)(?=\S)")
_TIME = re.compile(r"^(?:(?:19|20)\d{2}年|\d{1,2}月|[上下]半年|第[一二三四]季度|年底|年内|全年|长期|持续|常态|每年|每季|每月)"
                   r"[^。;,,]{0,18}$")
_LIST_JOIN = "、,,"
_GAP = 3  # lines that may stand between two rows of a run (a part heading, a wrapped task)
_MOST_OWNERS = 3


def _cells(line: str) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """(the number's span, the spans of the task, each owner and the time) of a row, or None."""
    m = _ROW.match(line)
    if m is None or "|" in line or len(line) > 400 or DEBRIS_LINE.match(line.strip()):
        return None  # (a page's numbered fields: 2. [发文机构] 中共北京市委)
    words: list[tuple[int, int]] = []
    pos = m.end()
    for gap in _BLANK.finditer(line, pos):
        if gap.start() > pos:
            words.append((pos, gap.start()))
        pos = gap.end()
    if pos < len(line):
        words.append((pos, len(line)))
    joined: list[tuple[int, int]] = []
    for a, b in words:  # 县司法局、 县法院: a stray space inside a list of names
        if joined and (line[a] in _LIST_JOIN or line[joined[-1][1] - 1] in _LIST_JOIN):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    end = len(joined)
    time = None
    if end > 2 and _TIME.match(line[joined[end - 1][0]:joined[end - 1][1]]):
        end -= 1
        time = joined[end]
    owners: list[tuple[int, int]] = []
    while end > 1 and len(owners) < _MOST_OWNERS and owner_cell(line[joined[end - 1][0]:joined[end - 1][1]]):
        end -= 1
        owners.insert(0, joined[end])
    if not owners:
        return None
    task = (joined[0][0], joined[end - 1][1])
    return m.span("num"), [task, *owners, *([time] if time else [])]


def headerless_spaced_rows(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Rows of a header-less, single-spaced task table written with `` | `` between their cells."""
    if " " not in text and "\u3000" not in text:
        return text, offsets
    runs: list[list[tuple[int, int, tuple[int, int], list[tuple[int, int]], bool]]] = []
    last: tuple[int, int] | None = None  # (line index, number) of the row before
    pos = 0
    for index, line in enumerate(text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        row = _cells(line)
        if row is None:
            continue
        (a, b), spans = row
        number = int(line[a:b])
        timed = bool(_TIME.match(line[spans[-1][0]:spans[-1][1]]))
        if last is None or index - last[0] > _GAP or number not in (last[1] + 1, 1):
            runs.append([])
        runs[-1].append((start, index, (a, b), spans, timed))
        last = (index, number)
    runs = [run for run in runs if len(run) >= 2]
    if not runs:
        return text, offsets
    edits = []
    for run in runs:
        # the columns: as many owners as the run's widest row names, and a time if a row has one
        width = max(len(spans) - 1 - timed for *_, spans, timed in run)
        with_time = any(timed for *_, timed in run)
        for start, _, number, spans, timed in run:
            owners = spans[1:len(spans) - timed]
            cells = [number, spans[0], *owners] + [(owners[-1][1], owners[-1][1])] * (width - len(owners))
            if with_time:
                cells.append(spans[-1] if timed else (spans[-1][1], spans[-1][1]))
            edits.append((start, start + spans[-1][1], *cells_text(text, offsets, start, [[c] for c in cells])))
    return rewrite(text, offsets, edits)


_ITEM_WORD = re.compile(r"(?P<num>\d{1,3})[.、.](?!\d)\S")


def rows_on_one_line(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Such rows run on in one line (1.健全… 县司法局 2024年6月底前 2.全面推行… 县司法局 …): the
    space before each row's number (1., 2., 3. … in turn, each after an owner or a time) becomes a
    line break, so that :func:`headerless_spaced_rows` reads them.  Same length: the offsets stay."""
    out = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) <= 40 or "|" in line or " " not in line:
            continue
        cuts, expected, prev = [], 1, None  # (prev: the word before, as a span)
        at = 0
        for word in line.split(" "):
            m = _ITEM_WORD.match(word)
            if m and int(m["num"]) == expected and (expected == 1 or prev is not None and (
                    _TIME.match(line[prev[0]:prev[1]]) or owner_cell(line[prev[0]:prev[1]]))):
                cuts.extend([at - 1] if at else [])  # (the first row may open the line)
                expected += 1
            if word:
                prev = (at, at + len(word))
            at += len(word) + 1
        if expected > 2 and cuts:  # two rows or more
            out = out if out is not None else list(text)
            for cut in cuts:
                out[start + cut] = "\n"
    return ("".join(out), offsets) if out is not None else (text, offsets)


_BARE_ONE = re.compile(r"^[ \u3000\xa0]*1[.、]?[ \u3000\xa0]*$")


def header_over_cells(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A header set on one line, one space between its heads, over a table printed one cell per
    line (序号 工作任务 牵头单位 完成时限, then 1 / 健全… / 县司法局 / …): its heads go on lines of
    their own, as the table's cells are, so that :func:`kg.ingest.vertical.vertical_tables` reads it.
    Same length: the offsets stay."""
    from kg.ingest.lines import is_task_table_header

    lines = text.split("\n")
    out = None
    pos = 0
    for i, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        if len(line) > 80 or "|" in line or not _BLANK.search(line.strip()):
            continue
        names = _BLANK.split(line.strip())
        if not 3 <= len(names) <= 12 or any(column_kind(n) is None for n in names) or not is_task_table_header(names):
            continue
        after = next((x for x in lines[i + 1: i + 4] if x.strip()), "")
        if _BARE_ONE.match(after):
            out = out if out is not None else list(text)
            for m in _BLANK.finditer(line, len(line) - len(line.lstrip(" \u3000\xa0"))):
                if m.end() < len(line.rstrip(" \u3000\xa0")):
                    out[start + m.start()] = "\n"
    return ("".join(out), offsets) if out is not None else (text, offsets)


# --- a task table set in spaces, under its header -------------------------------------------------
# two spaces or more (ASCII, full width, no-break) between words: a column gap of a table set in
# spaces, as text taken from a PDF or a fixed-width page prints it
_SPACE_GAP = re.compile(r"(?<=\S)[ \u3000\xa0]{2,}(?=\S)")


# a page's line of labelled fields set apart by spaces (来源:  X  发布时间:  2026-02-12): no table's header
_FIELD_LINE = re.compile(r"[\u4e00-\u9fff][::]|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")


def spaced_cells(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A task table set in spaces (序号  工作任务  牵头单位  完成时限 over rows with the same
    gaps) is written with ``|`` between its cells, as a table row is elsewhere: from a header line
    whose gaps cut it into three or more column heads naming a task and an owner or a time, over
    the lines after it that have gaps too. Gaps anywhere else stay as they are.  A row one gap
    short of its header, whose work cell and owner cell stand one space apart (跟进细化…标准 法制大队
    2010年底), is cut at that space too."""
    from kg.ingest.lines import is_task_table_header
    from kg.ingest.statheads import stat_header

    if "  " not in text and "\u3000\u3000" not in text:
        return text, offsets
    starts, rows, pos, inside, kinds = [], [], 0, False, []
    narrow: set[int] = set()  # where a row's one-space gap between its work and its owners stands
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
        parts = _SPACE_GAP.split(line.strip(" \u3000\xa0"))
        if len(parts) >= 3 and not _FIELD_LINE.search(line) and (
                is_task_table_header(parts) or "|" not in line and stat_header(parts)):
            inside = True  # (or a table of figures: 序号  项目名称  目标任务  完成情况  完成率)
            kinds = [column_kind(p) for p in parts]
        elif inside and len(parts) < 2 and line.strip() and not (_ROW_ITEM.match(line) and _ends_in_gap(line)):
            inside = False  # (a blank line between rows, or a numbered row whose last cells are empty, stays in)
        elif inside and (at := _narrow_gap(line, kinds)) is not None:
            narrow.add(starts[-1] + at)
            if _ends_in_gap(line):  # (its last cell left empty: a gap before it all the same)
                narrow.add(starts[-1] + len(line.rstrip(" \u3000\xa0\r")))
        rows.append(inside)
    if not any(rows):
        return text, offsets

    def bar(m: re.Match[str]) -> str:
        at_end = m.end() == len(text) or text[m.end()] in "\r\n"
        if rows[bisect_right(starts, m.start()) - 1] and (m.start() in narrow or len(m.group(0)) >= 2 and not at_end):
            return " |" if at_end else " | "
        return m.group(0)

    return substitute(_SPACE_GAP if not narrow else _ANY_GAP, bar, text, offsets)




def _ends_in_gap(line: str) -> bool:
    """Whether the line ends in two blanks or more (an empty last cell's gap)."""
    line = line.rstrip("\r")
    return len(line) - len(line.rstrip(" \u3000\xa0")) >= 2

_ANY_GAP = re.compile(r"(?<=\S)[ \u3000\xa0]+(?=\S|\r|\n|$)")

_ROW_ITEM = re.compile(r"\s*\d{1,3}(?:[、.．](?!\d)|[ \u3000])")
_CELL_RUN = re.compile(r"\S+(?:[ \u3000\xa0]\S+)*")


def _narrow_gap(line: str, kinds: list[str | None]) -> int | None:
    """Where, in a numbered row of a spaced table that is one cell short of its header (``kinds``),
    the work cell meets the owner cell after it across a single space (None if that is not clear)."""
    cells = [(m.start(), m.end()) for m in _CELL_RUN.finditer(line)]  # (each a run without a wide gap)
    if not _ROW_ITEM.match(line) or not cells:
        return None
    filled = len(cells) + (1 if _ends_in_gap(line) and kinds and kinds[-1] == "time" else 0)
    if filled != len(kinds) - 1:
        return None
    at = next((i for i in range(len(kinds) - 1) if kinds[i] in WORK_KINDS and kinds[i + 1] in OWNER_KINDS), None)
    if at is None or at >= len(cells):
        return None
    a, b = cells[at]
    blanks = [m.start() for m in ONE_BLANK.finditer(line, a, b)]
    return blanks[0] if len(blanks) == 1 else None
