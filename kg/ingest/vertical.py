"""Tables printed one cell per line, put back together as rows: the header's cells are short
lines whose words name columns, each row follows at its number (or, in a table with no number
column, a header's width of cells, or up to the empty cell that closes it), merged cells printed
once."""

from __future__ import annotations

import re

from kg.ingest.lines import HEAD_MAX, OUTLINE_LABEL, Line, cell_text, is_task_table_header
from kg.ingest.patterns import owner_cell
from kg.vocab import ROLE_KEYS, WORK_KINDS, column_kind


def vertical_tables(lines: list[Line], text: str | None = None) -> list[Line]:
    """Tables printed one cell per line (序号 / 2022年预期目标 / 责任单位 / 1 / 地区生产总值增长5.5%左右 /
    区发展改革委 …): the header's cells are short lines whose words name columns; the rows follow,
    each at its number (1, 2, 3 …).  Merged cells make rows of other lengths: a group's heading
    cells (领域, 一级指标) stand before the number in its first row only, and a cell shared by
    several rows is printed once.  So a row runs from its number to the next one, the cells past a
    full row being the next row's group headings.  Group headings numbered as the outline numbers
    its parts (一、… / (一)…) come back as lines of their own, so that the rows nest under them.
    An owner cell may list its units one per line: see :func:`_stacked` (``text`` is the document
    the lines were cut from, for such a cell's exact text)."""
    ends = _row_ends(lines)
    lines = [x for x in lines if cell_text(x)]  # a lone "|" between cells
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if (grid := _grid(lines, i, text)):  # (a target split: indicators by area, no number column)
            out.extend(grid[0])
            i = grid[1]
            continue
        width, number_at = vertical_header(lines, i, ends)
        if not width:
            out.append(lines[i])
            i += 1
            continue
        out.append(_row(lines[i: i + width]))
        heads = [head_text(x) for x in lines[i: i + width]]
        i += width
        if number_at == -3:  # no number column, each row closed by an empty cell: a row to each close
            out[-1].padded = True  # (its last row, cut by the page's end, as far as it goes)
            while i < len(lines) and (seg := _closed(lines, i, width, ends) or (
                    lines[i:] if len(lines) - i < width and len(cell_text(lines[i])) >= 2 else None)):
                if len(seg) == 1 and OUTLINE_LABEL.match(cell_text(seg[0])):
                    out.append(seg[0])  # 一、年底前专项工作任务: a group's heading, a row of its own
                elif len(seg) == width or seg[-1] is lines[-1] and seg[-1].start not in ends:
                    out.append(_row(seg))
                elif (short := _short_row(lines, i, heads, ends)):
                    out.append(_row(short))
                elif not ("group" in map(column_kind, heads) and len(seg) < width and all(
                        len(cell_text(x)) <= HEAD_MAX for x in seg)):
                    break  # (效益指标 / 经济效益指标 with no indicator filled: a group's empty row, passed over)
                i += len(seg)
            continue
        if number_at == -2:  # no number column: a row each header's width of cells, while they read as rows
            while i < len(lines):
                if lines[i - 1].start in ends and (short := _short_row(lines, i, heads, ends)):
                    out.append(_row(short))  # (a row set off by an empty cell, its merged cells at the left not printed)
                    i += len([x for x in short if x.text])  # (the lines it took, not the empty cells)
                elif _unnumbered_row(lines[i: i + width], heads, bool(ends)) or len(lines) - i < width and len(cell_text(lines[i])) >= 8:
                    out.append(_row(lines[i: i + width]))  # (the last, cut by the page's end, as far as it goes)
                    i += width
                else:
                    break
            continue
        most_pre = 0 if number_at == 0 else 2
        pre = _pre_cells(lines, i, most_pre)
        full = _row_values(width, number_at, pre)  # the cells after the number in a full row
        expected = _number(lines[i + pre])
        if number_at == -1 and pre and all(OUTLINE_LABEL.match(cell_text(x)) for x in lines[i: i + pre]) and next(
                (d for d in range(width + 1) if i + pre + 1 + d < len(lines) and _is_number(lines[i + pre + 1 + d])
                 and _number(lines[i + pre + 1 + d]) == expected + 1), None) == width - 1:
            full = width - 1  # headings numbered as the outline's stand in the first column: the rest follow the number
        last: list[Line] = []  # the last full row's values
        while True:
            j = i + pre
            if j >= len(lines) or not _is_number(lines[j]) or _number(lines[j]) != expected:
                break
            k = j + 1  # the next row's number, if it comes within a full row and its headings
            while k < min(len(lines), j + 2 + full + most_pre) and not (
                    _is_number(lines[k]) and _number(lines[k]) == expected + 1):
                k += 1
            found = k < len(lines) and _is_number(lines[k]) and _number(lines[k]) == expected + 1
            if not found:  # (an extract of a longer table: a full row, part headings, then row 68 after row 3)
                k = j + 1 + full
                while k < len(lines) and OUTLINE_LABEL.match(cell_text(lines[k])) and len(cell_text(lines[k])) <= 40:
                    k += 1
                found = k < len(lines) and _is_number(lines[k]) and _number(lines[k]) > expected
            over = None if found else next((n for n in range(j + 2 + full, min(len(lines) - 1, j + 2 + 3 * full)) if _is_number(lines[n])
                                            and _number(lines[n]) == expected + 1 and len(cell_text(lines[n + 1])) > 4), None)
            k, found = (over, True) if over else (k, found)  # (sub-rows under its number: the row's lines up to the next)
            stacked = None if number_at != 0 or pre else _stacked(lines, j, heads, expected, text)
            if stacked is not None:
                out.append(stacked[0])
                i, expected = stacked[1], expected + 1
                continue
            values = min(full, k - j - 1) if found else min(full, len(lines) - j - 1)
            row = lines[i: j + 1 + values]
            merged = found and 0 < values < full and len(last) == full and len(cell_text(row[-1])) > 20 and all(
                column_kind(h) in _OWNER_CELLS for h in heads[values - full:])  # (its last cell a task's words)
            if merged:
                row = row + last[values - full:]  # its owner cells merged with the row above's: printed once, above
            elif values == full:
                last = lines[j + 1: j + 1 + values]
            out.extend(_with_headings(row, j - i))
            if over:
                out[-1].end, values = lines[over - 1].end, over - j - 1
            i, pre, expected = j + 1 + values, (k - j - 1 - values) if found else 0, _number(lines[k]) if found else expected + 1
            if not found:
                if values < full and not merged and i >= len(lines) and out[-1].cells:  # the page ends inside the row
                    out[-1].cells += [("", out[-1].end)] * (full - values)
                break
    return out


_OWNER_CELLS = (*ROLE_KEYS, "person", "time")  # the cells a row shares with the one above when merged
_NOT_A_NAME = re.compile(r"[。;,]|\d|月|年底|前$")
_LINE_GAP = re.compile(r"[ \t\u3000]*\n\s*")


def _stacked(lines: list[Line], j: int, heads: list[str], expected: int, text: str | None) -> tuple[Line, int] | None:
    """A row at line j with more short lines than it has cells before the next number: its one owner
    cell listing its units a line each (1 / 启动建设…工程。 / 县水务局 / 县住建局 / 县护城河指挥部 /
    12月底前 / 2), or a second sub-row under its merged number.  The row, and where the next starts."""
    owners = [c for c, h in enumerate(heads) if column_kind(h) in ROLE_KEYS]
    full = len(heads) - 1
    if len(owners) != 1:
        return None
    k = j + 1
    while k < min(len(lines), j + 1 + full + 8) and not (_is_number(lines[k]) and _number(lines[k]) == expected + 1):
        if k > j + 1 and len(cell_text(lines[k])) > 20:
            return None  # a unit's name, or a time, is short
        k += 1
    extra = k - j - 1 - full
    if k >= len(lines) or not _is_number(lines[k]) or extra <= 0:
        return None
    at = j + owners[0]  # the owner cell's first line (the number is the row's first cell)
    merged = lines[at: at + extra + 1]
    if any(_NOT_A_NAME.search(cell_text(x)) for x in merged):
        # a sentence or a time among them: a second sub-row under merged cells (开工建设老年大学。 /
        # 12月底前), part of this row's task; its cells are the first ones
        return Line(lines[j].start, lines[k - 1].end, " | ".join(cell_text(x) for x in lines[j: j + 1 + full]),
                    cells=[(cell_text(x), x.start) for x in lines[j: j + 1 + full]]), k
    # one unit a line is a list: each break becomes a 、 (and spaces), so the cell keeps its length and
    # every name its place in the document
    joined = _LINE_GAP.sub(lambda m: "、" + " " * (len(m.group(0)) - 1),
                           text[merged[0].start: merged[-1].end] if text is not None else "\n".join(cell_text(x) for x in merged))
    cells = [(cell_text(x), x.start) for x in lines[j: at]] + [(joined, merged[0].start)] + \
        [(cell_text(x), x.start) for x in lines[at + extra + 1: k]]
    return Line(lines[j].start, lines[k - 1].end, " | ".join(c for c, _ in cells), cells=cells), k


def _with_headings(cells: list[Line], at: int) -> list[Line]:
    """A row (its group headings, number and values, the number at ``at``) as lines: headings and a
    first value numbered as outline parts or sections on their own, the rest one row (a heading that lost its
    label is left out: as a line of its own it would end the table)."""
    out, first = [], 0
    while first < at and _heading_cell(cells, first):
        out.extend(cells[first: first + 1] if OUTLINE_LABEL.match(cell_text(cells[first])) else [])
        first += 1
    rest = cells[first:]
    k = at - first  # the number's place in rest
    if k + 1 < len(rest) and OUTLINE_LABEL.match(cell_text(rest[k + 1])) and len(cell_text(rest[k + 1])) <= 40:
        out.append(rest[k + 1])  # 1 / (一)围绕国家重大战略任务落实做好信息公开 / …: the section over the row
        rest = rest[: k + 1] + rest[k + 2:]
    out.append(_row(rest))
    return out


def _row(cells: list[Line]) -> Line:  # (a merged cell from a row above ends before the row's own)
    return Line(cells[0].start, max(x.end for x in cells), " | ".join(cell_text(x) for x in cells),
                cells=[(cell_text(x), x.start) for x in cells])


def _is_number(line: Line) -> bool:
    text = cell_text(line).rstrip(".、．")  # 1. / 2、: a number cell that keeps its punctuation
    return text.isdigit() and len(text) <= 4 and len(cell_text(line)) - len(text) <= 1


def _number(line: Line) -> int:
    return int(cell_text(line).rstrip(".、．"))


def _row_values(width: int, number_at: int, pre: int) -> int:
    """The cells after a row's number in a full row of a header ``width`` wide: the pre cells before the
    number are group columns, unless the number column comes first (then they are outline headings)."""
    return width - (0 if number_at == 0 else pre) - (1 if number_at >= 0 else 0)


def _pre_cells(lines: list[Line], i: int, most: int) -> int:
    """How many group-heading cells (short, not a number) stand before a row's number at line i (with
    the number column first, where no group column can stand, only headings numbered as the outline
    numbers its parts: 一、对标先进优化提升专项行动 / (一)市场准入(牵头单位:市市场监管局) / 1 / …)."""
    n = 0
    while n < (most or 2) and i + n < len(lines) and not _is_number(lines[i + n]) and (most or _heading_cell(lines, i + n)) \
            and len(cell_text(lines[i + n])) <= (120 if OUTLINE_LABEL.match(cell_text(lines[i + n])) else 40):
        n += 1
    return n if i + n < len(lines) and _is_number(lines[i + n]) else 0


def _heading_cell(lines: list[Line], k: int) -> bool:
    """A group row's heading: labelled as the outline labels its parts, or a sentence whose label the page
    lost (强化科技创新支撑能力。) right above a labelled one."""
    return bool(OUTLINE_LABEL.match(cell_text(lines[k])) or cell_text(lines[k]).endswith("。")
                and k + 1 < len(lines) and OUTLINE_LABEL.match(cell_text(lines[k + 1])))


_UNKNOWN_HEAD = re.compile(r"[\u4e00-\u9fff]{2,6}(?:\([\u4e00-\u9fff%]{1,4}\))?")  # 年度投资金额(万元): its measure in brackets


def vertical_header(lines: list[Line], i: int, ends: set[int] = frozenset()) -> tuple[int, int]:
    """The number of columns of a one-cell-per-line table whose header starts at line i (0 if none
    does), and the place of its number column (序号), -1 if it names none; the header stops where the
    table marks a row's end (``ends``, see :func:`_row_ends`)."""
    first = head_text(lines[i])
    if column_kind(first) is None or "|" in first or len(first) > HEAD_MAX or OUTLINE_LABEL.match(first):
        return 0, -1  # (一、主要预期目标 over the table: the part it stands in, not a column's head)
    if i + 1 < len(lines) and not lines[i].text.rstrip().endswith("|") and lines[i + 1].text.rstrip().endswith("|"):
        return 0, -1  # (…责任分工分解表 / 序号 | / 工作任务 | …: a title's last line over cells that each close with a bar)
    number_at = 0 if column_kind(first) == "number" else -1
    width = 1
    while i + width < len(lines) and width < 12 and lines[i + width - 1].start not in ends:
        cell = head_text(lines[i + width])
        kind = column_kind(cell)
        if kind is None and _UNKNOWN_HEAD.fullmatch(cell) and i + width + 1 < len(lines) \
                and column_kind(head_text(lines[i + width + 1])) not in (None, "number"):
            kind = "other"  # 公开载体: a head no column kind names, between heads that are
        elif kind is None and number_at == 0 and _last_heads(lines, i + width):
            kind = "other"  # 序号 | … | 会议审议 | 决策结果 / 1: the last heads before the first row's number
        if len(cell) > HEAD_MAX or kind is None or (kind == "number" and number_at >= 0) or OUTLINE_LABEL.match(cell):
            break
        if kind == "number":
            number_at = width
        width += 1
    heads = [head_text(x) for x in lines[i: i + width]]
    if width < 3 or not is_task_table_header(heads):
        return 0, -1
    rest = lines[i + width:]
    pre = _pre_cells(rest, 0, 0 if number_at == 0 else 2)
    ok = len(rest) > pre + 1 and _is_number(rest[pre]) and _row_values(width, number_at, pre) >= 1
    if not ok and number_at < 0 and lines[i + width - 1].start in ends:
        return width, -3  # (no number column, each row closed by an empty cell: read to each close)
    if not ok and number_at < 0 and _unnumbered_row(rest[:width], heads, bool(ends)):
        return width, -2  # (no number column: rows a header's width each, see vertical_tables)
    return (width, number_at) if ok else (0, -1)


def _last_heads(lines: list[Line], k: int) -> bool:
    """Whether the lines from k up to the first row's number (1), at most four, are all heads' words."""
    n = k
    while n < min(len(lines), k + 4) and not _is_number(lines[n]) and _UNKNOWN_HEAD.fullmatch(head_text(lines[n])):
        n += 1
    return k < n < len(lines) and _is_number(lines[n]) and _number(lines[n]) == 1


_ITEM_START = re.compile(r"^(?:\d{1,3}\s*[.、．]|[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十\d]{1,3}[)〕])")


def _unnumbered_row(cells: list[Line], heads: list[str], grouped: bool = False) -> bool:
    """A full row of a table printed a cell a line with no number column: its task's cell a sentence's
    words (not a head, not an outline heading), every other cell short."""
    if len(cells) != len(heads):
        return False
    return _reads_as_row([cell_text(x) for x in cells], heads, grouped)


def _reads_as_row(texts: list[str], heads: list[str], grouped: bool) -> bool:
    """Cells under these heads make a row: its task's cell a sentence's words (or, in a table whose
    rows are marked off (``grouped``) and whose task column holds a group's short name, the next
    work cell's), every other cell short."""
    kinds = [column_kind(h) for h in heads]
    task = next((kinds.index(k) for k in ("task", "measure", "target") if k in kinds), None)
    if grouped and task is not None and len(texts[task]) <= HEAD_MAX:  # (工作任务 | 具体内容: a group, then its work)
        task = next((c for c in range(task + 1, len(kinds)) if kinds[c] in WORK_KINDS
                     and len(texts[c]) > HEAD_MAX), task)
    # (a performance-target form's indicator, 雾炮车风炮射程 under 一级指标 | 二级指标 | 三级指标: short words are its work)
    levels = grouped and task is not None and "group" in kinds[:task] and 2 <= len(texts[task])
    # (a work cell that opens with its item number, 1.始终做到…, numbers its row: read the usual way)
    return task is not None and (len(texts[task]) > HEAD_MAX or levels) and not _ITEM_START.match(texts[task]) \
        and all(len(t) <= 200 for i, t in enumerate(texts) if i != task)


_SPACED_HEAD = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def head_text(line: Line) -> str:
    """A column head's words, without the spaces a page sets between them (具 体 要 求)."""
    text = cell_text(line)
    return _SPACED_HEAD.sub("", text) if len(text) <= 2 * HEAD_MAX else text


def _row_ends(lines: list[Line]) -> set[int]:
    """Where (the start of its last cell's line) each row ends in a table a cell a line that closes
    its rows with an empty cell: two lines of bars alone after it (| / |), or one of several (||)."""
    ends, bars, last = set(), 0, None
    for x in lines:
        if cell_text(x):
            bars, last = 0, x
        elif "|" in x.text:
            bars += x.text.count("|")
            if bars >= 2 and last is not None:
                ends.add(last.start)
    return ends


def _closed(lines: list[Line], i: int, width: int, ends: set[int]) -> list[Line] | None:
    """The lines from i to the close of their row (at most ``width``), or None where no close comes."""
    for k in range(i, min(len(lines), i + width)):
        if lines[k].start in ends:
            return lines[i: k + 1]
    return None


def _short_row(lines: list[Line], i: int, heads: list[str], ends: set[int]) -> list[Line] | None:
    """The row from line i up to the end the table marks, if it is shorter than the header and reads
    as a row once empty cells stand at its left for the merged ones (a group's cell printed in its
    first row only); its work cell, the first filled, a sentence's words."""
    seg = []
    for x in lines[i: i + len(heads)]:
        seg.append(x)
        if x.start in ends:
            break
    if not 0 < len(seg) < len(heads) or seg[-1].start not in ends:
        return None
    cells = [Line(seg[0].start, seg[0].start, "")] * (len(heads) - len(seg)) + seg
    return cells if _reads_as_row([cell_text(x) for x in cells], heads, True) else None


_GRID_VALUE = re.compile(r"[-≥≤<>]?\d+(?:\.\d+)?[%‰]?")
_GRID_ENDS = (*ROLE_KEYS, "score", "time", "remark")  # the columns a target split's header ends with


def _grid(lines: list[Line], i: int, text: str | None) -> tuple[list[Line], int] | None:
    """A target split printed a cell a line with no number column (考核项目及内容 | 全市 | 巴州区 | … | 分值 |
    考核实施单位, then 地区生产总值(亿元) / 466 / 112 / … / 市发改委、市统计局): its header, ending at its last
    owner, score or time head, and its rows, each an indicator's name and the values after it, then its owner
    cells (a unit's name may go on over a line: 市对外开放办 / 及相关部门); the category cells between rows
    (评分目标 / 主要经济指标) are left out.  The lines it read, as the header's line and the rows', and where
    the table ends; None if the lines are no such table."""
    if column_kind(head_text(lines[i])) not in WORK_KINDS:
        return None
    kinds: list[str | None] = []
    while i + len(kinds) < len(lines) and len(kinds) < 16:
        head = head_text(lines[i + len(kinds)])
        if len(head) > HEAD_MAX or _GRID_VALUE.fullmatch(head):
            break
        kinds.append(column_kind(head))
    width = max((n + 1 for n, kind in enumerate(kinds) if kind in _GRID_ENDS), default=0)
    if width < 4 or "task" not in kinds[:width] or kinds[:width].count("target") < 1 or "number" in kinds[:width]:
        return None
    task = kinds.index("task")
    owner = next((c for c in range(width) if kinds[c] in ROLE_KEYS), None)
    values_at = [c for c in range(task + 1, width) if kinds[c] not in ROLE_KEYS]
    rows, k = [], i + width
    while k < len(lines):
        m = k  # the categories and the name, up to the first value
        while m < min(len(lines), k + 4) and not _GRID_VALUE.fullmatch(cell_text(lines[m])):
            m += 1
        if m == k or m >= len(lines) or not _GRID_VALUE.fullmatch(cell_text(lines[m])) or len(cell_text(lines[m - 1])) > 40:
            break
        n = m
        while n < len(lines) and n - m < len(values_at) and _GRID_VALUE.fullmatch(cell_text(lines[n])):
            n += 1
        o = n  # its owners: unit names, up to the next row's name
        while owner is not None and o < len(lines) and o - n < 4 and not (o + 1 < len(lines) and _GRID_VALUE.fullmatch(
                cell_text(lines[o + 1]))) and owner_cell(cell_text(lines[o]).lstrip("及和与、")):
            o += 1
        name = lines[m - 1]
        cells = [("", name.start)] * width
        cells[task] = (cell_text(name), name.start)
        for c, x in zip(values_at, lines[m:n]):
            cells[c] = (cell_text(x), x.start)
        if o > n:
            joined = _LINE_GAP.sub(lambda g: " " * len(g.group(0)), text[lines[n].start: lines[o - 1].end]) \
                if text is not None else " ".join(cell_text(x) for x in lines[n:o])
            cells[owner] = (joined, lines[n].start)
        end = lines[o - 1].end
        rows.append(Line(name.start, end, " | ".join(c for c, _ in cells), cells=cells))
        k = o
    if len(rows) < 2:
        return None
    header = _row(lines[i: i + width])
    header.padded = True  # (a row leaves its merged cells at the right empty)
    return [header] + rows, k
