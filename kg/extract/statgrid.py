"""Figures a report prints in a statistics table rather than in sentences.

A completion table (序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成 | 完成率 | 备注) or a data
release (一级指标 | 二级指标 | 计量单位 | 1-3月) states its figures in bare cells: ``7356``, ``82%``,
``-3.92``.  No sentence names them, so the column's head and the row's name do.  The table is found
by its header: a column of values achieved (完成, 实际, 累计, a period such as 1-3月 or 2023年) and a
column that names what was counted.  The values under a target's column (目标任务, 计划) are what
was asked, not what was done: they are left out.

Pages print such tables one row per line (cells joined by ``|``), one cell per line (with bars or
without), or one cell per paragraph (the 政府信息公开 annual report's template tables: 信息内容 /
本年制发件数 / … / 规章 / 4 / 0 …), and merged cells are left out of the rows they cover, so a row
may be shorter than the header and shifted.  Each row is placed under the header where its cells
fit the columns best: a number under 序号, a measure under 计量单位, a unit's name under 责任单位,
values under the value columns.  A table turned on its side (categories across the header,
measures such as 数量 / 占比 down its first column) gives each category's value of each measure.
A table set apart by spaces is written with bars by the normalizer (:mod:`kg.ingest.statheads`
tells its header).
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.barcells import across_in_cells
from kg.extract.figure_metric import label_metric
from kg.extract.gridlines import HEAD_UNIT as _HEAD_UNIT, GridCell, grid_lines
from kg.extract.quantities import quantities
from kg.extract.unitnames import looks_like_unit
from kg.model import Achievement
from kg.ingest.statheads import MAX_WIDTH, SPACES, VALUE, head_kind, is_head, measure_named, stat_header

_RATE_HEAD = re.compile(r"率|%|比重|占比")
_RATE_NAME = re.compile(r"率(?:\([^()]*\))?$")
_MEASURE = re.compile(r"^(?:%|‰|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})?)$")
_DATE_LIKE = re.compile(r"(?:19|20)\d{2}\s*[.年/-]\s*\d{1,2}|\d{1,2}\s*月|年底|年内|季度|半年|全年|长期|持续|常态")
_ORDINAL = re.compile(r"^\s*\d{1,3}\s*[.、．]\s*")
_FOOTNOTE = re.compile(r"\[\d{1,2}\]")
_EMPTY_CELL = re.compile(r"[-—–/]{1,2}")  # a cell with no value to give: - (a change from nothing)
_CAPTION_MEASURE = re.compile(r"[((](?:单位[::])?(?P<m>件|宗|人|人次|次|个|项|家|户|场|期)[))][ \t|]*\n[\s|]*\Z")


def _tables(text: str) -> list[tuple[list[str], list[str | None], list[list[GridCell]], int]]:
    """(heads, kinds, rows, where its header starts) of every statistics table of the text."""
    out = []
    lines = grid_lines(text)
    i = 0
    while i < len(lines):
        cells = lines[i][1] or []
        at = lines[i][0]
        if len(cells) >= 2 and (kinds := stat_header([c.text for c in cells])):  # one row a line
            rows = []
            i += 1
            while i < len(lines) and lines[i][1] and len(lines[i][1]) >= 2 and not _next_header(lines[i][1]):
                rows.append(lines[i][1])
                i += 1
            out.append(([c.text for c in cells], kinds, rows, at))
            continue
        if len(cells) >= 3 and i + 1 < len(lines) and _measure_row(lines[i + 1][1], len(cells)) \
                and sum(1 for c in cells if c.text) >= 3 and all(is_head(c.text) for c in cells if c.text):
            # categories across, measures down
            rows = []
            i += 1
            while i < len(lines) and _measure_row(lines[i][1], len(cells)):
                rows.append(lines[i][1])
                i += 1
            out.append(([c.text for c in cells], ["across"] * len(cells), rows, at))
            continue
        if len(cells) == 1 and cells[0].text and (found := across_in_cells(lines, i)):  # (县市 / | / 楚雄市 / | / …)
            heads, kinds, rows, i = found
            out.append((heads, kinds, rows, at))
            continue
        # one cell a line: from 序号, or with no 序号 from a name's head (a name and its values a row)
        kind = head_kind(cells[0].text) if len(cells) == 1 else None
        named = kind in ("name", "done") or kind == "unit" and SPACES.sub("", cells[0].text) == "单位"  # (单位 / 2019受理量: bodies)
        reader = _vertical if kind == "number" else _vertical_named if named and is_head(cells[0].text) else None
        found = reader(lines, i) if reader else _heads_then_values(lines, i) if len(cells) == 1 else None
        if found:
            heads, kinds, rows, i = found
            out.append((heads, kinds, rows, at))
            continue
        i += 1
    return out


def _next_header(cells: list[GridCell]) -> bool:
    """A row that is the next table's header (信息内容 | 本年收费金额(单位:万元) under the rows of 信息内容 |
    本年处理决定数量): heads only, no value."""
    texts = [c.text for c in cells]
    return not any(VALUE.match(t) for t in texts) and stat_header(texts) is not None


def _measure_row(cells: list[GridCell] | None, width: int) -> bool:
    """A row of a table turned on its side: a measure's name (数量, 占比) and a value under each
    category of the header (数量 | 75件 | 16件 | 0 | …)."""
    if not cells or not 3 <= len(cells) <= width + 1 or not is_head(cells[0].text):
        return False
    values = [c for c in cells[1:] if c.text]
    return len(values) >= 2 and all(VALUE.match(c.text) for c in values)


def _across(heads: list[str], rows: list[list[GridCell]], text: str, offset: int, written) -> list[Achievement]:
    """The figures of a table turned on its side: each category's value of each measure, its unit its
    own, else the rate a measure names (占比, 比例), else the one its row's other values share."""
    out = []
    for row in rows:
        measure = SPACES.sub("", row[0].text)
        units = {q.unit for c in row[1:] if c.text for q in quantities(c.text)[:1] if q.unit}
        shared = units.pop() if len(units) == 1 else None
        for c, cell in enumerate(row[1:], start=1):
            value = VALUE.match(cell.text)
            if not value or c >= len(heads) or _no_quantity(value, cell.text):
                continue
            name = f"{SPACES.sub('', heads[c])} {measure}"
            fig = _figure(cell, value, name, measure, {}, [], _quote(text, row[0], cell), offset, written)
            if fig.unit is None:
                fig.unit = "%" if re.search(r"比例|占比|比重|率", measure) else shared
            out.append(fig)
    return out


def _vertical_named(lines, i):
    """A table printed one cell per line with no number column (信息内容 / 本年制发件数 / 本年废止件数 /
    规章 / 4 / 0 …): heads from a name's head over value heads, then rows each a name and the values
    after it (empty cells, printed as bare bars, are left out: a row ends where its values do)."""
    flat: list[GridCell] = []
    after: list[int] = []  # the line after each cell's
    j = i

    def upto(n: int) -> None:  # (the run read only as far as the table goes: read from every line, it costs little)
        nonlocal j
        while len(flat) < n and j < len(lines) and lines[j][1] is not None and (
                len(lines[j][1]) <= 1 or not any(c.text for c in lines[j][1])):
            if lines[j][1] and lines[j][1][0].text:  # (a line of bars only is empty cells: |||)
                flat.append(lines[j][1][0])
                after.append(j + 1)
            j += 1

    upto(MAX_WIDTH + 1)
    k = 1
    while k < len(flat) and k < MAX_WIDTH and is_head(flat[k].text) and head_kind(flat[k].text) in ("done", "target", "unit"):
        k += 1
    heads = [c.text for c in flat[:k]]
    kinds = ["name"] + [head_kind(h) for h in heads[1:]]  # (the first the rows' names, 单位 too)
    half = k // 2
    if k >= 4 and k % 2 == 0 and head_kind(heads[0]) == "done" and heads[:half] == heads[half:]:
        # 收案数 / 受理数 / 收案数 / 受理数: two records a printed row, their names' column unheaded
        heads, kinds = ["", *heads[:half]], ["name", *(head_kind(h) for h in heads[:half])]
    if "done" not in kinds:
        return None
    rows = []
    while True:
        upto(k + len(heads) + 3)
        if not (k < len(flat) and not VALUE.match(flat[k].text) and not _is_start(flat[k].text)):
            break
        name = flat[k]
        if k + 2 < len(flat) and len(flat[k + 1].text) <= 8 and not VALUE.match(flat[k + 1].text) and VALUE.match(flat[k + 2].text):
            name, k = GridCell(name.text + flat[k + 1].text, name.start, flat[k + 1].end), k + 1  # (市场监督 / 管理局: one name)
        m = k + 1
        while m < len(flat) and m - k < len(heads) and (VALUE.match(flat[m].text) or _EMPTY_CELL.fullmatch(flat[m].text)):
            m += 1
        if m == k + 1:
            break  # a name with no value: the table has ended
        rows.append([name, *flat[k + 1:m]] + [GridCell("", flat[m - 1].end, flat[m - 1].end)] * (len(heads) - (m - k)))
        k = m
    if not rows:
        return None
    return heads, kinds, rows, after[k - 1]  # (the lines after the last row are read again)


def _heads_then_values(lines, i):
    """A table of one row printed a cell a line: its heads (警告 / 罚款 / … / 罚没金额(元)), then as many
    values (0 / 0 / … / 0), lines of bars alone between them left out."""
    if i > 0 and lines[i - 1][1] is not None and any(c.text for c in lines[i - 1][1]):
        return None  # (inside a run of cells: its first head stands after text or a line of bars)
    cells: list[GridCell] = []
    j = i
    while j < len(lines) and lines[j][1] is not None and len(cells) <= 2 * MAX_WIDTH:
        filled = [c for c in lines[j][1] if c.text]
        if len(filled) > 1 or filled and len(lines[j][1]) > 1:
            break  # (a row of several cells on one line: another layout)
        cells += filled
        j += 1
    heads = next((k for k, c in enumerate(cells) if VALUE.match(c.text)), len(cells))
    if not 3 <= heads <= MAX_WIDTH or len(cells) < 2 * heads or not all(is_head(c.text) for c in cells[:heads]) \
            or not all(VALUE.match(c.text) for c in cells[heads: 2 * heads]) \
            or {"target", "owner", "time", "number"} & {head_kind(c.text) for c in cells[:heads]}:
        return None  # (a plan's targets, or a row's number: another table)
    while j > i and lines[j - 1][0] > cells[2 * heads - 1].start:  # (the lines after the values are read again)
        j -= 1
    return [c.text for c in cells[:heads]], ["done"] * heads, [cells[heads: 2 * heads]], j


def _is_start(cell: str) -> bool:
    """A cell that starts a table of its own: a name's head over value heads (信息内容)."""
    return cell in ("信息内容", "项目", "指标", "类别", "名称", "内容", "事项") or len(cell) <= 6 and cell.endswith("名称")


def _vertical(lines, i):
    """A table printed one cell per line from its 序号 head at line i: heads up to the first row's
    number 1, then rows from each number to the next (a longer run is sub-rows, a header's width each)."""
    flat: list[GridCell] = []
    breaks: list[int] = []  # where a line of bars alone (||||||) closed a row: a header of several rows
    j = i
    while j < len(lines) and lines[j][1] is not None and (len(lines[j][1]) == 1 or not any(c.text for c in lines[j][1])):
        flat += lines[j][1][:1] if len(lines[j][1]) == 1 else []
        breaks += [] if len(lines[j][1]) == 1 else [len(flat)]
        j += 1
    first = next((k for k, c in enumerate(flat) if c.text == "1"), None)
    if first is None or first < 3:
        return None
    heads = [c.text for c in flat[:first]]
    top = next((b for b in breaks if 3 <= b < first), first)  # (the header's first row)
    kinds = stat_header(heads[:top])
    if kinds is None:
        return None
    kinds = kinds + [None] * (len(heads) - top)
    rows, expected, k = [], 1, first
    width = len(heads)
    while k < len(flat):
        nxt = next((m for m in range(k + 1, len(flat)) if flat[m].text == str(expected + 1)), len(flat))
        group = flat[k:nxt]
        rows += [group[s: s + width] for s in range(0, len(group), width)]
        k, expected = nxt, expected + 1
    widths = Counter(len(r) for r in rows)
    wide = max(widths, key=lambda w: (widths[w], w)) if rows else 0
    if 2 < wide < len(heads) and top < first and kinds[0] == "number" and kinds[1] in ("name", "unit"):
        # a header of several rows (派遣案件总数 over 总计 | 12345热线 over 按时办结 | 超时办结 …): its heads
        # do not line up with a row's values, each then a figure of the row's name alone
        heads, kinds = heads[:2] + [""] * (wide - 2), ["number", "name"] + ["done"] * (wide - 2)
    elif len(heads) > MAX_WIDTH:
        return None
    return heads, kinds, rows, j


def has_stat_table(text: str) -> bool:
    """Whether the text holds a statistics table of what was done: a value column beside what it
    counts, and no column of targets, owners or times (a plan's indicator table has those)."""
    return any(rows and not {"target", "owner", "time"} & set(kinds) for _, kinds, rows, _ in _tables(text))


def _fit(cell: str, kind: str | None, head: str) -> float:
    """How well a cell's text fits a column of this kind (0 for an empty cell)."""
    if not cell:
        return 0
    value = VALUE.match(cell)
    if kind == "number":
        return 2 if cell.isdigit() and len(cell) <= 3 else -2
    if kind == "name":
        return -2 if value or _MEASURE.match(cell) else 1
    if kind == "unit":
        return 2 if _MEASURE.match(cell) and len(cell) <= 4 else -2
    if kind == "owner":
        return -2 if value else 2 if looks_like_unit(cell) else 0
    if kind == "time":
        return 2 if _DATE_LIKE.search(cell) and len(cell) <= 40 else -2 if looks_like_unit(cell) else 0
    if kind in ("done", "target"):
        if not value:
            return -1
        return 3 if _RATE_HEAD.search(head) and value["unit"] in ("%", "‰") else 2
    return 0


def place_cells(cells: list[str], heads: list[str]) -> dict[int, int]:
    """Where a table row that left its merged cells out goes under the header: {column: cell} at the
    shift where the cells fit the columns best (2021.8 | 城投集团 under 计划完成时间 | 牵头单位)."""
    kinds = [head_kind(h) for h in heads]
    row = [GridCell(c, i, i) for i, c in enumerate(cells)]
    return {col: cell.start for col, cell in _place(row, heads, kinds).items()}


def _place(row: list[GridCell], heads: list[str], kinds: list[str | None]) -> dict[int, GridCell]:
    """The row's cells under the header's columns, at the shift where they fit best."""
    n, m = len(row), len(heads)
    best, best_shift = None, 0
    for shift in range(-(n - 1), m):
        score = 0.0
        for c, cell in enumerate(row):
            col = c + shift
            if not cell.text:
                continue
            if col < 0:
                score -= 1  # a merged parent cell left over on the left
            elif col >= m:
                score -= 3  # a value with no column
            else:
                score += _fit(cell.text, kinds[col], heads[col])
        if best is None or score > best:
            best, best_shift = score, shift
    return {c + best_shift: cell for c, cell in enumerate(row) if 0 <= c + best_shift < m}


def _label(placed: dict[int, GridCell], kinds: list[str | None], row: list[GridCell]) -> tuple[str, GridCell | None]:
    """The row's name (the last name column it fills: 二级指标 over 一级指标), and its cell."""
    names = [placed[c] for c in sorted(placed) if kinds[c] == "name" and placed[c].text]
    if not names:  # (a row whose name fell under another column: its first cell of words)
        names = [c for c in row if c.text and not VALUE.match(c.text) and not c.text.isdigit()][:1]
    if not names:
        return "", None
    return _FOOTNOTE.sub("", _ORDINAL.sub("", names[-1].text)).strip(), names[-1]


def table_figures(text: str, offset: int, written, find_figures, read: frozenset[int] = frozenset(),
                  ) -> tuple[list[Achievement], list[tuple[int, int]]]:
    """The figures the text's statistics tables state, and the spans of the rows they were read from
    (a sentence finder's figures there are the same ones).  ``written`` gives a span's text as the
    document prints it; ``find_figures(text, offset, written)`` the figures of a cell of words; rows
    whose first cell starts at a place in ``read`` were read already (a template's rows)."""
    out: list[Achievement] = []
    spans: list[tuple[int, int]] = []
    for heads, kinds, rows, at in _tables(text):
        caption = _CAPTION_MEASURE.search(text, max(0, at - 60), at)  # 2014年复议案件审结情况(件): its counts' measure
        if kinds[:1] == ["across"]:
            out += _across(heads, rows, text, offset, written)
            spans += [(offset + row[0].start, offset + row[-1].end) for row in rows]
            continue
        done_cols = [c for c, k in enumerate(kinds) if k == "done"]
        for row in rows:
            if not any(c.text for c in row) or len(row) > 2 * MAX_WIDTH or row[0].start in read:
                continue  # (a line of many bars is no row of this table)
            placed = _place(row, heads, kinds)
            label, named = _label(placed, kinds, row)
            found: list[Achievement] = []
            for c in done_cols:
                cell = placed.get(c)
                if cell is None or not cell.text:
                    continue
                name = f"{label} {SPACES.sub('', heads[c])}".strip() if len(done_cols) > 1 else label
                value = VALUE.match(cell.text)
                if value is not None and _no_quantity(value, cell.text):
                    continue  # (2014年: a year, a head a row was read under, no value)
                if value is None:  # words and figures in a cell: its figures
                    found += find_figures(cell.text, offset + cell.start, written)
                    continue
                fig = _figure(cell, value, name, heads[c], placed, kinds, _quote(text, named, cell), offset, written)
                if fig.unit is None and caption and not _RATE_HEAD.search(heads[c]):
                    fig.unit = caption["m"]
                if len(done_cols) > 1:
                    fig.metric = None  # (本年制发 and 本年废止 of one row: its name's metric fits one column at most)
                found.append(fig)
            notes = [f for c, cell in placed.items() if kinds[c] == "remark" and cell.text
                     for f in find_figures(cell.text, offset + cell.start, written)]
            for f in notes:  # a note that restates a value with its measure (已解决700人 for 700)
                same = [x for x in found if x.value == f.value and (x.unit is None or x.unit == f.unit)]
                for x in same:
                    found.remove(x)
                found.append(f)
            out += found
            spans.append((offset + row[0].start, offset + row[-1].end))
    return out, spans


def _no_quantity(value, cell: str) -> bool:
    """A value cell whose measure no quantity has (2014年: a year)."""
    return bool(value["unit"]) and not quantities(cell)


def _quote(text: str, named: GridCell | None, cell: GridCell) -> str:
    """A value's quote: from its row's name where they share a line (增长率 | % | 7.2), else the cell."""
    if named is not None and named.start < cell.start and "\n" not in text[named.start: cell.start]:
        return text[named.start: cell.end]
    return text[cell.start: cell.end]


def _figure(cell: GridCell, value, name: str, head: str, placed, kinds, quote: str, offset: int, written) -> Achievement:
    """The figure of a value's cell, its measure from the cell, else the column's head (完成率 → %, (万元)
    folded into 元, 件数 → 件), the row's name (讲座次数 → 次), the row's unit cell or a rate's name."""
    sign = "-" if value["sign"] else ""
    found = quantities(cell.text)
    number, unit, metric = sign + value.group(0).lstrip("-−").strip(), None, None
    if found:  # (none: a value no sentence would state bare, the table's cell says what it is)
        q = found[0]
        number, unit = sign + q.value, q.unit
        if unit is not None:
            unit = written(offset + cell.start + q.unit_start, offset + cell.start + q.unit_end) or unit
        if unit is None and ("%" in head or head.rstrip().endswith("率")):
            unit = "%"  # 完成率%, 完成率: a bare number under a rate's head
        head_unit = _HEAD_UNIT.search(head) if unit is None else None
        folded = quantities(q.value + head_unit.group(1)) if head_unit else []
        if head_unit and head_unit.group(1)[:1] in "万亿" and folded:  # 本年收费金额(单位:万元) | 12.5: 125000 元
            number, unit = sign + folded[0].value, folded[0].unit
        else:
            unit = unit or (head_unit.group(1) if head_unit else None)  # 年度投资(万元)
            for named in (head, name.split(" ")[0]):  # the column's head, then the row's name (讲座次数 | 28)
                unit = unit or measure_named(named)
            if unit is None:
                unit = next((placed[c].text for c in placed if kinds[c] == "unit" and _MEASURE.match(placed[c].text)), None)
            if unit is None and kinds and _RATE_NAME.search(name.split(" ")[0]):
                unit = "%"  # 纠错率 | 12.5: a rate's row with no unit column
            metric = label_metric(name, unit) if name else None
    return Achievement(metric=metric, value=number, unit=unit, text=quote, metric_label=name or None,
                       start=offset + cell.start, end=offset + cell.end)
