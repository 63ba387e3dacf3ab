"""A task table printed as labelled records: one field a line, each record opening with its task.

    工作任务:深入学习宣传贯彻习近平法治思想……
    牵头单位:县司法局
    责任单位:县委宣传部、县教育局
    完成时限:2023年6月底前
    工作任务:……

Some portals print each row of a 责任分工表 this way, and a Word table pasted as text gives the
same.  A run of such records becomes one header line (the field names, in the order they first
come) and one row per record, so that the table reader takes them as it takes any task table: the
task, each role's units, the time, the target.  A record's task may go on over more lines until
its first other field; a line that is neither a field nor such a continuation ends the run.
"""

from __future__ import annotations

import re

from kg.ingest.lines import OUTLINE_LABEL, Line, cells_of, cells_or_pair, is_task_table_header
from kg.ingest.patterns import ITEM, PART, SECTION, TIME_AT_END, owner_cell
from kg.vocab import OWNER_KINDS, ROLE_KEYS, column_kind

# 工作任务:…  牵头单位 : …  — a short label of words, a colon, the value (possibly empty)
_FIELD = re.compile(r"[ \t]*(?:•[ \t]*-?[ \t]*)?(?P<label>[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,12}){0,3})[ \t]*[::][ \t]*")
_TITLED_NUMBER = re.compile(r"\s*(?:任务|事项|项目|工作)\s*(?P<n>\d{1,4})\s*$")
_OPENS = ("task", "measure")  # the field a record starts with
_FIELDS = (*ROLE_KEYS, "time", "target", "remark", "person", "progress")


def opens_field(text: str) -> bool:
    """Whether a line starts with a table field's label (工作任务:, 完成时限:)."""
    m = _FIELD.match(text)
    return m is not None and column_kind(m["label"]) is not None


def _field(line: Line) -> tuple[str, str, int] | None:
    """(label, value, offset of the value) of a field line, if its label names a table column."""
    m = _FIELD.match(line.text)
    if m is None or column_kind(m["label"]) is None:
        return None
    rest = line.text[m.end():]  # (重点工作: | 135.统筹… |: the value in a cell of its own)
    return m["label"], rest.strip(" \t|"), line.start + m.end() + len(rest) - len(rest.lstrip(" \t|"))


def _opens(line: Line, opener: str | None) -> bool:
    field = _field(line)
    return field is not None and column_kind(field[0]) in _OPENS and opener in (None, field[0])


def labelled_records(lines: list[Line]) -> list[Line]:
    """The lines, with every run of two or more labelled records (at least one naming an owner or
    a time) given as a header line and one row line per record."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end, records = _run(lines, i)
        # (one record alone, a page's row of a split: 重点工作: … / 牵头单位: … / 年度阶段性工作目标: …, if it names
        # its owners and one more field)
        if len(records) < 2 and not (records and len(records[0]) >= 3 and set(ROLE_KEYS) & {column_kind(k) for k in records[0]}) \
                or not any(len(r) > 1 for r in records):
            out.append(lines[i])
            i += 1
            continue
        heads: list[str] = []
        for record in records:
            heads += [label for label in record if label not in heads]
        titled = _TITLED_NUMBER.match(lines[0].text) if len(records) == 1 and lines else None
        if titled and not any(column_kind(h) == "number" for h in heads):  # 任务163 / 重点工作:…: the page's one record, numbered
            heads.insert(0, "序号")
            records[0]["序号"] = (titled["n"], lines[0].start + titled.start("n"), lines[0].end)
        first = lines[i]
        out.append(Line(first.start, first.start, " | ".join(heads), cells=[(h, first.start) for h in heads],
                        padded=True))
        for record in records:
            start = min(at for _, at, _ in record.values())
            stop = max(e for _, _, e in record.values())
            cells = [(record[h][0], record[h][1]) if h in record else ("", start) for h in heads]
            out.append(Line(start, stop, " | ".join(c for c, _ in cells), cells=cells))
        i = end
    return out


def _run(lines: list[Line], i: int) -> tuple[int, list[dict[str, tuple[str, int, int]]]]:
    """The records from line i on: where the run ends, and each record's fields
    (label → value, its offset, the end of its last line)."""
    records: list[dict[str, tuple[str, int, int]]] = []
    opener = None
    j = i
    while j < len(lines):
        line = lines[j]
        field = _field(line)
        kind = column_kind(field[0]) if field else None
        if kind == "number" and (records or j + 1 < len(lines) and _opens(lines[j + 1], opener)):
            pass  # 序号:2 — the place of the record it stands before, kept by the rows' order
        elif field and kind in _OPENS and (opener is None or field[0] == opener):
            opener = field[0]
            records.append({opener: (field[1], field[2], line.end)})
        elif field and kind in _FIELDS and records and field[0] not in records[-1]:
            records[-1][field[0]] = (field[1], field[2], line.end)
        elif field is None and records and len(records[-1]) == 1 \
                and not any(p.match(line.text) for p in (PART, SECTION, ITEM)):
            value, at, _ = records[-1][opener]  # the task's text goes on over a line break
            records[-1][opener] = (value + line.text.strip(), at, line.end)
        elif field is None and records and not (last := list(records[-1]))[-1:] == [opener] \
                and not records[-1][last[-1]][0] and line.text.strip():
            value = line.text.strip(" \t|")  # (进展情况: | / 已完成。…: a field whose value is the next line)
            records[-1][last[-1]] = (value, line.start + len(line.text) - len(line.text.lstrip(" \t|")), line.end)
        else:
            break
        j += 1
    return j, records


# 一、做好财政信息公开。 / (一)加强涉及市场主体的信息公开。 — a group's heading in a table's first cells
_GROUP_HEADING = re.compile(OUTLINE_LABEL.pattern + r"[^|]{0,40}$")
_ITEM_CELL = re.compile(r"(?P<num>\d{1,3})[.、](?!\d)\s*(?=\S)")


def grouped_rows(lines: list[Line]) -> list[Line]:
    """Rows of a task table whose first columns group them under merged heading cells
    (一、做好财政信息公开。 | 1.积极推进…。 | 财务科 |, the group's next rows printed without it:
    3.及时反馈…。 | 各科室 | |): each heading comes back as a line of its own, so that the rows nest
    under it as the outline nests items under a part, and a row whose task cell starts with its item
    number (1.积极推进…) gets that number as its first cell.  Only rows after a task table's header."""
    out: list[Line] = []
    in_table = False
    for line in lines:
        # (in a table, a row of two cells too: 3.及时反馈… | 各科室, its merged cells not printed; and
        # a table of two columns: 工作任务 | 责任单位)
        cells = line.cells if line.cells is not None else cells_or_pair(line, in_table)
        if cells is None:
            in_table = in_table and bool(_GROUP_HEADING.match(line.text.strip()))
            out.append(line)
            continue
        if is_task_table_header([c for c, _ in cells]):
            in_table = True
            out.append(line)
            continue
        if not in_table:
            out.append(line)
            continue
        k = 0
        while k < len(cells) - 1 and _GROUP_HEADING.match(cells[k][0]) and not _ITEM_CELL.match(cells[k][0]):
            k += 1
        item = _ITEM_CELL.match(cells[k][0])
        if not k and not item:
            out.append(line)
            continue
        for text, at in cells[:k]:
            out.append(Line(at, at + len(text), text))
        row = cells[k:]
        if item:
            text, at = row[0]
            row = [(item["num"], at), (text[item.end():], at + item.end())] + row[1:]
        start = row[0][1]
        out.append(Line(start, line.end, " | ".join(c for c, _ in row), cells=row))
    return out


# 序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给…: a table whose cells a
# document-sharing site's preview ran together, header and rows on one line
_FLAT_HEADER = re.compile(r"序号(?P<heads>[\u4e00-\u9fff]{4,60}?(?:单位|部门|时限|期限|时间)(?:备注|说明)?)(?=1[\u4e00-\u9fff])")
_ROW_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?=[\u4e00-\u9fff])")
# after a count, not a row's number: 12个, 8家, 2021年
_MEASURE = "个人名家户项件次万亿年月日天岁所座处条期场元位批种类"


def flattened_rows(lines: list[Line]) -> list[Line]:
    """A task table run together on one line, as document-sharing sites preview a .docx: its header
    (序号 and the column names, ending in an owner's or a time's) and then rows 1, 2, 3 … each opening
    with its number.  The rows come back one a line, each a task cell and, where the header names the owners
    and the row's last sentence is followed by names only, those names as its owners' cell (where the
    names run on into the work, the owners are not read)."""
    out: list[Line] = []
    for line in lines:
        m = _FLAT_HEADER.search(line.text) if line.cells is None and "|" not in line.text else None
        if m is None:
            out.extend(_header_then_row(line))
            continue
        heads = m["heads"]
        names = [w for w in _HEAD_WORDS if w in heads]
        names = [w for w in names if not any(w != v and w in v for v in names)]  # (责任单位 inside 主要责任单位: one head)
        names.sort(key=heads.index)
        if not any(column_kind(w) in _OPENS for w in names) or not any(column_kind(w) in _FIELDS for w in names):
            out.append(line)
            continue
        if m.start():
            out.append(Line(line.start, line.start + m.start(), line.text[: m.start()]))
        at = line.start + m.start()
        out.append(Line(at, at, " | ".join(names), cells=[(w, at) for w in names], padded=True))
        header = m.group(0)
        owners = [k for k, w in enumerate(names) if column_kind(w) in OWNER_KINDS]
        owner = owners[0] if len(owners) == 1 else None  # (领导 | 牵头单位 | 配合单位 run together: not told apart)
        work = next(k for k, w in enumerate(names) if column_kind(w) in _OPENS)
        when = next((k for k, w in enumerate(names) if column_kind(w) == "time"), None)
        for start, end in _row_spans(line.text, m.end(), header):
            number = _ROW_NUMBER.match(line.text, start)
            cell = line.text[number.end(): end]
            at = line.start + number.end()
            stop = cell.rfind("。") + 1  # (…知晓率达90%以上。市委宣传部、市城管委…: the owners after the last sentence)
            # (its names, perhaps closed by their verbs and time: 镇(街道)、区委组织部等按职责分工负责全年)
            if owner is not None and 0 < stop < len(cell) and owner_cell(re.split(r"[、,,]", cell[stop:].strip())[0]):
                cells = [("", at)] * len(names)
                tail = _TAIL_TIME.search(cell, stop) if when is not None else None  # (…负责全年: the time column's cell)
                last = tail.start() if tail else len(cell)
                cells[work], cells[owner] = (cell[:stop], at), (cell[stop:last], at + stop)
                if tail:
                    cells[when] = (tail.group(0), at + tail.start())
            else:
                cells = [(cell, at)]
            out.append(Line(line.start + start, line.start + end, cell, cells=cells))
    return out


_TAIL_TIME = re.compile(r"(?<=[\u4e00-\u9fff)])" + TIME_AT_END)


def _header_then_row(line: Line) -> list[Line]:
    """A line of cells whose first are a task table's header and whose next is row 1 (序号 | 事项名称 | 承办科室 |
    计划完成时间 | 1 | … |), as two lines: the header and the row; any other line as it is."""
    cells = cells_of(line) if line.cells is None and line.text.count("|") >= 6 else None
    at = next((i for i, (c, _) in enumerate(cells or []) if c == "1"), None)
    if at is None or at < 3 or not is_task_table_header([c for c, _ in cells[:at]]):
        return [line]
    cut = cells[at][1] - line.start
    return [Line(line.start, line.start + cut, line.text[:cut]), Line(line.start + cut, line.end, line.text[cut:])]


def _row_spans(text: str, pos: int, header: str) -> list[tuple[int, int]]:
    """Where rows 1, 2, 3 … start and end, from pos; a repeat of the header (a new page) ends a row."""
    starts = [pos]
    expected = 2
    for m in _ROW_NUMBER.finditer(text, pos + 1):
        if int(m.group(0)) == expected and text[m.end()] not in _MEASURE:
            starts.append(m.start())
            expected += 1
    spans = []
    for a, b in zip(starts, starts[1:] + [len(text)]):
        repeat = text.find(header, a, b)
        spans.append((a, repeat if repeat != -1 else b))
    return spans


# column names a run-together header may hold, longest first (the task's, the roles', the time's)
_HEAD_WORDS = ("工作任务", "重点任务", "主要任务", "任务名称", "项目名称", "主要内容", "工作内容", "具体内容", "目标内容", "具体措施", "内容与要求",
               "工作措施", "牵头单位", "牵头部门", "主要责任单位", "主要责任部门", "责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "完成时限",
               "完成时间", "完成期限")
