"""Task tables printed one cell per line whose rows are items of a group (a 政府工作报告 split's 目标名称
cell over its 工作标准 items):

    序号 / 目标名称 / 工作标准 / 区政府分管领导 / 牵头单位 / 配合单位
    1 / 全区经济社会发展的主要预期目标 / (1)地区生产总值增长6%左右。 / 王旭锋 / 发改局 / 经开区 / 各街道
    (2)一般公共预算收入增长3%以上。 / 财政局 / (3)… / 吴 伟 / 商务局 / … / 2 / 聚焦产业强区… / (8)…

The group's number and name are printed once, each item (1)…(n) is a row of its own, and the cells
merged over several items (a leader, a lead, the cooperating units) only where they change.  So an
item's row is its item and the short lines after it up to the next item: people are the leader's
column, the first unit is the first owner column's (牵头单位) and the rest the last one's (配合单位).
The items are the tasks, numbered as printed, under a header of the columns from the items' on;
the group's number and name, a heading that is not a task, are left out (a heading line would end
the table)."""

from __future__ import annotations

import re

from kg.ingest.lines import Line, cell_text
from kg.ingest.patterns import owner_cell
from kg.ingest.vertical import head_text, vertical_header
from kg.vocab import ROLE_KEYS, WORK_KINDS, column_kind

_ITEM = re.compile(r"[\s|]*[((](\d{1,3})[))]\s*(?=[^\s|])")  # (1)地区生产总值…: its label, then its words
_NUMBER = re.compile(r"^\d{1,3}$")
_PERSON = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}$")  # 王旭锋, 吴 伟
_BRACKET = re.compile(r"^[((][\u4e00-\u9fff、]{1,12}[))]$")  # (邹区镇): the end of the name above, broken off
_PLACE_LAST = "区园镇乡县市村团司"  # 经开区, 高新园, 新运集团: a place or a company, not an organ, yet an owner
_TIME = re.compile(r"(?:19|20)\d{2}年|\d{1,2}月|季度|年底|年内|全年|长期|持续")


def item_rows(lines: list[Line]) -> list[Line]:
    """The lines, with every such table put back as a header, group headings and item rows (the blank lines
    of a table printed a cell a paragraph read past)."""
    out: list[Line] = []
    filled = [k for k, line in enumerate(lines) if cell_text(line)]  # (found once: the page read once)
    view = [lines[k] for k in filled]
    at = {k: n for n, k in enumerate(filled)}
    i = 0
    while i < len(lines):
        found = _table(view, at[i]) if i in at else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        made, used = found
        out.extend(made)
        i = filled[used] if used < len(filled) else len(lines)
    return out


def _table(lines: list[Line], i: int) -> tuple[list[Line], int] | None:
    width, number_at = vertical_header(lines, i)
    if not width or number_at != 0:
        return None
    heads = [head_text(x) for x in lines[i: i + width]]
    kinds = [column_kind(h) for h in heads]
    work = next((k for k, kind in enumerate(kinds) if k > 1 and kind in WORK_KINDS), None)
    owners = [k for k, kind in enumerate(kinds) if kind in ROLE_KEYS and work is not None and k > work]
    j = i + width
    # the first row: its number, one or two group cells, then an item (1)
    if work is None or not owners or j + 2 >= len(lines) or cell_text(lines[j]) != "1":
        return None
    first = next((j + n for n in (2, 3) if j + n < len(lines) and _item(lines[j + n]) == 1), None)
    if first is None or any(_item(x) is not None for x in lines[j + 1: first]):
        return None
    sub = [heads[0], *heads[work:]]
    head = lines[i]
    out = [Line(head.start, head.start, " | ".join(sub), cells=[(h, head.start) for h in sub])]
    k, group, items = j, 1, 0
    while k < len(lines):
        cell = cell_text(lines[k])
        if cell == str(group) and k + 1 < len(lines) and not _item(lines[k + 1]) and len(cell_text(lines[k + 1])) <= 80:
            k += 2  # 1 / 全区经济社会发展的主要预期目标: the group's number and name
            while k < len(lines) and _item(lines[k]) is None and len(cell_text(lines[k])) <= 20 \
                    and not _NUMBER.match(cell_text(lines[k])):
                k += 1  # 聚力攻坚 / 项目“双进”: a sub-group's cells
            group += 1
            continue
        if _item(lines[k]) is None:
            break
        row, k = _item_row(lines, k, heads, work, owners)
        out.append(row)
        items += 1
    return (out, k) if items >= 2 else None


def _item(line: Line) -> int | None:
    m = _ITEM.match(line.text)
    return int(m[1]) if m else None


def _item_row(lines: list[Line], k: int, heads: list[str], work: int, owners: list[int]) -> tuple[Line, int]:
    """An item's row: its item, then its leaders, owners and time up to the next item or group."""
    cells: dict[int, list[Line]] = {}
    person = next((n for n in range(work + 1, len(heads)) if column_kind(heads[n]) == "person"), None)
    when = next((n for n in range(work + 1, len(heads)) if column_kind(heads[n]) == "time"), None)
    units: list[Line] = []
    n = k + 1
    while n < len(lines) and _item(lines[n]) is None and not _NUMBER.match(cell_text(lines[n])):
        cell = cell_text(lines[n])
        if _BRACKET.match(cell) and units and lines[n].start - units[-1].end <= 2:
            units[-1] = Line(units[-1].start, lines[n].end, units[-1].text + " " + lines[n].text)
        elif _PERSON.match(cell) and not _unit(cell) and person is not None:
            cells.setdefault(person, []).append(lines[n])
        elif _TIME.search(cell) and when is not None and len(cell) <= 16:
            cells.setdefault(when, []).append(lines[n])
        elif _unit(cell):
            units.append(lines[n])
        else:
            break
        n += 1
    if units:
        cells[owners[0]] = units[:1]
        if len(units) > 1:
            cells.setdefault(owners[-1], []).extend(units[1:])
    item = _ITEM.match(lines[k].text)
    row = [(item[1], lines[k].start + item.start(1)), (lines[k].text[item.end():].rstrip(" |"), lines[k].start + item.end())]
    for c in range(work + 1, len(heads)):
        got = cells.get(c, [])
        row.append((_joined(got), got[0].start if got else lines[k].end))
    end = max([lines[k].end] + [x.end for got in cells.values() for x in got])
    return Line(lines[k].start, end, " | ".join(c for c, _ in row), cells=row), n


def _joined(cells: list[Line]) -> str:
    """Cells a line each as one cell: each line break between them a 、, so every name keeps its place
    in the document (a bracket broken off its name keeps the space its line break became)."""
    out, end = "", 0
    for x in cells:
        if out:
            out += "、" + " " * (x.start - end - 1)
        out, end = out + x.text, x.end
    return out


def _unit(cell: str) -> bool:
    """A cell of owners: a unit's name, or names parted by 、 and , (a place, a zone or a company too)."""
    if len(cell) > 100 or "。" in cell:
        return False
    names = [x for x in re.split(r"[、,,;;]", cell) if x]
    return bool(names) and all(owner_cell(x) or x[-1] in _PLACE_LAST and 2 <= len(x) <= 20 for x in names)

