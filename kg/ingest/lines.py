"""A document's lines as the outline reads them: non-blank lines with their offsets, table rows
cut into cells, and the words of a task table's header (tables printed one cell per line are put
back together in :mod:`kg.ingest.vertical`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.patterns import owner_cell
from kg.vocab import ROLE_KEYS, YEAR_HEAD, column_kind


@dataclass
class Line:
    start: int
    end: int
    text: str
    cells: list[tuple[str, int]] | None = None  # a table row printed one cell per line, put together
    padded: bool = False  # a header whose rows may leave their last cells out (kg.ingest.records)


# 一、… / (一)…: a part's or a section's label, as a group's heading in a table's cell
OUTLINE_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(〔][一二三四五六七八九十]{1,3}[)〕])")


_EDGE = re.compile(r"^[\s|]+|[\s|]+$")


def cell_text(line: Line) -> str:
    """A cell's text without the pipes and spaces a page prints around it ("责任单位 | |")."""
    return _EDGE.sub("", line.text)


HEAD_MAX = 12  # a column head is a few words (重点工作目标任务); a title that names 任务 is longer
HEADING_MAX = 40  # a heading longer than this reads as a sentence


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def cells_of(line: Line, least: int = 3) -> list[tuple[str, int]] | None:
    """A table row as the docx loader writes it: cells joined by " | " (at least ``least``)."""
    if " | " not in line.text and "|" not in line.text:
        return None
    out, pos = [], 0
    for part in line.text.split("|"):
        lead = len(part) - len(part.lstrip())
        out.append((part.strip(), line.start + pos + lead))
        pos += len(part) + 1
    return out if len(out) >= least else None


def cells_or_pair(line: Line, pairs: bool) -> list[tuple[str, int]] | None:
    """:func:`cells_of` a line of a task table's text, where a line of two cells is a row only
    where ``pairs`` (a table that has such rows) or it is a two-column table's header."""
    cells = cells_of(line, 2)
    if cells is not None and len(cells) == 2 and not pairs and not two_column_header([c for c, _ in cells]):
        return None
    return cells


def two_column_header(names: list[str]) -> bool:
    """A header of a table of two columns (工作任务 | 责任单位): two heads, each a few words and no
    more (a numbered item and its measure, 4.编制事项清单 | 明确抽查主体, are a row of a wider table)."""
    return len(names) == 2 and all(len(n) <= HEAD_MAX and not re.search(r"[\d。,;:.、]", n) for n in names) \
        and is_task_table_header(names)


def is_task_table_header(names: list[str]) -> bool:
    """A header row: a task (or goal) column and a column of owners or times (words, not positions).
    A table whose only work column is its measures (序号 | 具体措施 | 牵头单位) is one too."""
    if any(len(n) > 20 or n.isdigit() and not YEAR_HEAD.fullmatch(n) for n in names):  # a data row: a sentence, a number
        return False
    kinds = [column_kind(n) for n in names]
    if set(kinds) & {"task", "target", "measure"} and set(kinds) & {"lead", "responsible", "cooperating", "time"}:
        return True
    # an indicators' table, whose rows are targets with no owner: 指标名称 | 目标值, 指标 | 2021年 | 2022年; a
    # numbered list of projects and the standard each is to meet (序号 | 项目名称 | 工作标准); a performance-target
    # form, its indicators grouped by level (一级指标 | 二级指标 | 三级指标 | 指标值)
    # (and a target letter's two columns, 工作任务 | 目标及质量要求: each task with the goals it is held to)
    return kinds.count("target") >= 2 and kinds[0] == "number" or {"number", "task", "target"} <= set(kinds) \
        or {"group", "task", "target"} <= set(kinds) \
        or len(heads := [n for n in names if n]) == 2 and "任务" in heads[0] and "目标" in heads[1]


def is_lower_header(names: list[str]) -> bool:
    """The second row of a two-row header printed as text: every cell it fills names a column
    (牵头单位 | 配合单位 under 责任单位; 责任领导 | 责任人 | 责任处室 under 责任清单)."""
    filled = [n for n in names if n]
    return len(filled) >= 2 and all(len(n) <= 12 and not any(ch.isdigit() for ch in n) and column_kind(n) is not None
                                    or len(n) <= 8 and not any(ch.isdigit() for ch in n) for n in filled) \
        and sum(column_kind(n) is not None for n in filled) * 2 >= len(filled)


def merge_header(upper: list[str], lower: list[str]) -> list[str]:
    """One row of column heads from a two-row header printed as text.

    Where the lower row keeps its blanks under the heads that span both rows (| | 牵头单位 | 配合单位 |),
    the rows align by position.  Where the blanks were dropped (责任领导 | 责任人 | 责任处室 | … under
    序号 | 内容清单 | 责任清单 | 措施清单), each upper head takes none or at least two lower heads, in
    order, chosen so that the heads share the most characters with the head above them."""
    if len(lower) == len(upper) and lower and not lower[0]:
        out = []
        for u, low in zip(upper, lower):
            # a head broken over the two rows (牵头 / 单位, 完成 / 时限) is one head, not a parent and child
            broken = low and u and column_kind(low) in (None, "unit") and column_kind(u + low) not in (None, "unit")
            out.append(u + low if broken else low or u)
        return out
    ups, lows = [u for u in upper if u], [x for x in lower if x]

    def fit(parent: str, child: str) -> float:
        shared = len(set(parent) & set(child))
        kin = column_kind(parent) is not None and column_kind(parent) == column_kind(child)
        return shared + (2 if kin else 0) - (0.5 if not shared else 0)

    n, m = len(ups), len(lows)
    best: dict[tuple[int, int], tuple[float, list[str]]] = {(0, 0): (0.0, [])}
    for i in range(n):
        for j in range(m + 1):
            if (i, j) not in best:
                continue
            score, heads = best[(i, j)]
            options = [(score, heads + [ups[i]], j)]  # this head spans both rows
            for k in range(2, m - j + 1):  # this head spans the next k lower heads
                group = lows[j: j + k]
                options.append((score + sum(fit(ups[i], c) for c in group), heads + group, j + k))
            for sc, hs, nj in options:
                if (i + 1, nj) not in best or sc > best[(i + 1, nj)][0]:
                    best[(i + 1, nj)] = (sc, hs)
    found = best.get((n, m))
    return found[1] if found else ups


_PERSON_LIKE = re.compile(r"[\u4e00-\u9fff·]{2,4}(?<![局委办厅院部室所站队会处科组])")  # 冯冬昌, not 区农业农村局
_NUMBER_CELL = re.compile(r"(?<=^\d)[.、．]$|(?<=^\d\d)[.、．]$|(?<=^\d\d\d)[.、．]$")


def align_row(cells: list[tuple[str, int]], header: list[str], *, cut: bool = False
              ) -> tuple[list[tuple[str, int]], list[str]] | None:
    """A data row under a task table's header, as (cells, their heads) starting with its number.

    The simple case: as many cells as heads, the first a number.  Tables whose merged cells were
    flattened give rows of other lengths: the group's heading cells stand before the number in
    its first row only, and a header may name no number column.  The values after the number
    then belong to the last heads, right-aligned — unless the row was ``cut`` (the page ended
    inside it): its values are then the first columns after the number."""
    # a number cell may keep its punctuation: | 1. | 2、 |
    cells = [(_NUMBER_CELL.sub("", c), pos) if _NUMBER_CELL.search(c) and c[:1].isdigit() else (c, pos) for c, pos in cells]
    names = [c for c, _ in cells]
    # (a row as wide as the header whose last cell is empty and whose units stand under another head: shifted
    # left by a merged cell, and placed below by its cells' kinds)
    def shifted(values: list[str], heads: list[str]) -> bool:  # (more empty cells at its end than the header has)
        return not cut and 0 < _trailing(values) - _trailing(heads) < len(values) and any(map(_displaced, values, heads))
    if len(cells) == len(header) and names[0].isdigit() and column_kind(header[0]) == "number" \
            and not shifted(names[1:], header[1:]):
        return cells, header
    # a row whose merged cells at the left print nothing, not even their bars (类别 | 序号 | … over
    # 3 | 加强… | 区司法局 | ): it is as wide as the header from the number on, trailing empty cells and all
    num_col = next((i for i, h in enumerate(header) if column_kind(h) == "number"), None)
    # (with no number column, a row's number stands before its work: 466 after 地区生产总值(亿元) is a value)
    work = max((i for i, h in enumerate(header) if column_kind(h) in ("task", "measure")), default=len(names)) \
        if num_col is None else len(names)  # (its last work column: a group's cell may stand before the number)
    at = next((i for i, c in enumerate(names[:work + 1]) if c.isdigit() and len(c) <= 4), None)
    if num_col is not None and at is not None and at <= num_col and len(cells) - at == len(header) - num_col \
            and not shifted(names[at + 1:], header[num_col + 1:]):
        return cells[at:], ["序号", *header[num_col + 1:]]
    heads = [h for h in header if h]
    named = [h for h in heads if column_kind(h) != "number"]
    if at is not None and cells[-1][0] == "" and header[-1] and len(cells) - at - 1 == len(named) and not cut \
            and not any(_misplaced(c, h) for (c, _), h in zip(cells[at + 1:], named)):
        return cells[at:], ["序号", *named]  # (a row printed whole, its last cells empty: 3 | 完善… | 治安大队 | )
    while cells and not cells[-1][0]:  # (trailing empty cells: the number's place stays ``at``)
        cells = cells[:-1]
    if at is None or not heads:
        return None
    values = cells[at + 1:]
    if not values or len(values) > len(named):
        return None
    full = named
    while len(values) < len(named) and column_kind(named[-1]) in ("person", "remark") \
            and not _PERSON_LIKE.fullmatch(values[-1][0]):
        named = named[:-1]  # (its last cell a unit's name, not a leader's: the row left the 责任领导 cell out)
    placed = named[: len(values)] if cut else named[len(named) - len(values):]
    if not cut and (len(values) < len(named) or full is not named) and any(
            _misplaced(c, h) or _displaced(c, h) for (c, _), h in zip(values, placed)):
        # (a merged cell between: 2 | 兴隆公园 | 区园林绿化服务中心 | 2020年10月立项; or a merged work cell, the remark kept)
        placed = _by_kind(values, named) or _by_kind(values, full) or placed
    return [cells[at]] + values, ["序号"] + placed


_TIME_CELL = re.compile(r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月|季度|年底|年内|长期|持续|^按[^|]{0,12}安排(?:完成)?$")  # (按市里统一安排完成)
_ROLE_END = re.compile(r"(?:按职责)?(?:分工)?(?:牵头|负责|配合|落实)$")  # (局人事科、局办公室分工负责: names, then their verb)


def _unit_cell(cell: str) -> bool:
    return owner_cell(cell) or owner_cell(_ROLE_END.sub("", cell))


def _fits(cell: str, kind: str | None) -> bool:
    if kind == "remark":  # (备注(市级安排) | 各级各部门: a remark may name anyone)
        return True
    if kind in ROLE_KEYS:
        return _unit_cell(cell)
    if kind == "time":
        return bool(_TIME_CELL.search(cell)) and len(cell) <= 120
    return not _unit_cell(cell)


def _misplaced(cell: str, head: str) -> bool:
    """A unit list under a head that is no owners' (a cell may name units with its verbs: the other way
    round is no sign); a remark may name anyone."""
    return _unit_cell(cell) and column_kind(head) not in (*ROLE_KEYS, "remark")


def _trailing(cells: list[str]) -> int:
    """How many empty cells close the row."""
    return next((n for n, c in enumerate(reversed(cells)) if c), len(cells))


def _displaced(cell: str, head: str) -> bool:
    """A unit list under another head, or sentences under an owners' (已完成。完成筛查…: the progress cell)."""
    kind = column_kind(head)  # (a head no kind names — 建设地点 — may hold a place's name)
    return kind is not None and (_misplaced(cell, head) or kind in ROLE_KEYS and "。" in cell and not _unit_cell(cell))


def _by_kind(values: list[tuple[str, int]], named: list[str]) -> list[str] | None:
    """The heads of a short row's values placed in order each under the next head its kind fits (the
    owners under an owner column, a time under a time column), skipping the merged ones; None where
    some value fits none."""
    out, k = [], 0
    for cell, _ in values:
        while k < len(named) and not _fits(cell, column_kind(named[k])):
            k += 1
        if k == len(named):
            return None
        out.append(named[k])
        k += 1
    return out
