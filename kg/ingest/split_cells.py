"""Cells a page printed over two lines, put back together before tables printed one cell per line
are read: a head broken after its level (市政府 / 分管领导, one column of leaders) or in the middle
(建设起 / 止年限, 责任 / 单位), and a group row's label printed in the number column with its heading
in the next (（一） / 加强战略科技力量建设。)."""

from __future__ import annotations

import re

from kg.ingest.lines import HEADING_MAX, OUTLINE_LABEL, Line, cell_text
from kg.ingest.patterns import owner_cell
from kg.vocab import OWNER_KINDS, ROLE_KEYS, YEAR_HEAD, column_kind

# the level a leaders' column is named for, printed above the rest of its head
_LEVEL_HEAD = re.compile(r"^(?:省|市|州|盟|县|区|旗)(?:人民政府|政府|委)?$")
_GAP = re.compile(r"\s+")
_ROW_NUMBER = re.compile(r"\d{1,3}[.、]?")


def rejoin_cells(lines: list[Line], text: str) -> list[Line]:
    """The lines with each such pair made one line; the line break between its halves becomes spaces, so
    the joined line keeps its length and every character its place in the document."""
    out: list[Line] = []
    i = 0
    head = False  # inside a header: after a 序号 line, before the first row's number
    kinds: list[str | None] = []  # the last header's column kinds
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        words = cell_text(line)
        kind = column_kind(words)
        was, head = head, kind == "number" if not head else not _ROW_NUMBER.fullmatch(words)
        kinds = [kind] if head and not was else [*kinds, kind] if head else kinds
        j = i  # 区科技局、 / 投促局、 / 十六里河街道办事处: one owners' cell a unit a line, each but the last closed by 、
        while j + 1 < len(lines) and cell_text(lines[j]).endswith("、") and owner_cell(cell_text(lines[j]).rstrip("、")) \
                and owner_cell(cell_text(lines[j + 1]).rstrip("、")):
            j += 1
        if j > i:
            out.append(Line(line.start, lines[j].end, _GAP.sub(lambda m: " " * len(m.group(0)), text[line.start: lines[j].end])))
            i = j + 1
            continue
        if nxt is not None and (_pair(words, cell_text(nxt), head) or _split_name(kinds, lines, i - 1)
                                or kinds and _split_unit(words, cell_text(nxt))):
            joined = _GAP.sub(lambda m: " " * len(m.group(0)), text[line.start: nxt.end])
            out.append(Line(line.start, nxt.end, joined))
            if head:  # (the head the two make: 重大行政决策 / 事项名称 names the work)
                kinds[-1] = column_kind(words + cell_text(nxt))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _pair(first: str, second: str, head: bool) -> bool:
    if _LEVEL_HEAD.match(first):
        return column_kind(second) == "person"
    if head and _split_head(first, second):
        return True
    if OUTLINE_LABEL.fullmatch(first):  # a group row's label alone (一、 / (一)); its heading: words, no number or label
        return 2 <= len(second) <= HEADING_MAX and not second.isdigit() and not OUTLINE_LABEL.fullmatch(second) \
            and "|" not in second
    return False


_ORGAN_WORD = frozenset(("单位", "部门", "科室", "处室", "领导"))


# the end of a head that stands alone though no column kind names it (决策程序, 会议审议)
_WHOLE_HEAD = re.compile(r"(?:程序|结果|依据|方式|情况|进度|内容|类别|名称|单位|时间|时限|备注|金额|来源|形式|领导|审议|公开|地点|地址|对象|标准"
                         r"|措施|要求|目标|任务|规模)$")


_PERIOD_HEAD = re.compile(r"第?[一二三四1-4]季度|[上下]半年|\d{1,2}(?:[-—~至]\d{1,2})?月份?")


def _split_head(first: str, second: str) -> bool:
    """A column head a narrow column broke in two (建设起 / 止年限, 总投资 / (万元), 2023年度 / 计划, 责任 /
    单位): short halves that make a head together, the first no head alone or the second only its end."""
    if not (1 <= len(first) <= 6 and 1 <= len(second) <= 6) or first.isdigit() or re.search(r"[\d|]", second) or "|" in first:
        return False
    if column_kind(first + second) is None or column_kind(first) == "number":
        return False
    if (YEAR_HEAD.fullmatch(first) or _PERIOD_HEAD.fullmatch(first)) and not YEAR_HEAD.fullmatch(second) \
            and column_kind(second) in ("target", "time", "progress"):
        return True  # 2023年 / 目标进度, 第二季度 / 完成情况: the period the next head is of (not 2022年 / 2023年, a year a column)
    if second[0] in "和及与" and column_kind(first + second) == column_kind(first):
        return True  # 拟决策时间 / 和计划
    if column_kind(first) is None and len(first) >= 5 and column_kind(second) == column_kind(first + second) \
            and not _WHOLE_HEAD.search(first):
        return True  # 重大行政决策 / 事项名称: words no column is named by alone, then the head's own end
    # (whole heads stay apart: 项目名称 / 建设地点, 建设地点 / 建设时间; an owner's head is two: 责任 / 单位, not 指标名称 / 单位)
    return second.startswith("(") or second in _ORGAN_WORD and column_kind(first) in OWNER_KINDS \
        or len(second) <= 2 and (column_kind(second) is None or column_kind(first + second) == column_kind(first) is not None) \
        or column_kind(first) is None and min(len(first), len(second)) <= 3


_SHORT_NAME = re.compile(r"[^。,;:、\d|]{2,10}")


def _split_name(kinds: list[str | None], lines: list[Line], number: int) -> bool:
    """A row's name cell a narrow column broke in two (1 / 城市用气 / 提升工程 / 对听涛山庄…进行改造。): in a
    table whose number column is followed by a name and a content column, two short name-like lines
    after the row's number, a sentence after them."""
    if kinds[:2] != ["number", "task"] or kinds[2:3] not in (["task"], *([r] for r in ROLE_KEYS)) or number < 0 \
            or not cell_text(lines[number]).isdigit() or number + 3 >= len(lines):
        return False
    first, second, third = (cell_text(lines[number + k]) for k in (1, 2, 3))
    # (1 / 兴隆公园 / 建设项目 / 区园林绿化服务中心: in a table whose name column is followed by the owners', a unit after them)
    fourth = cell_text(lines[number + 4]) if number + 4 < len(lines) else ""
    after = len(third) > 20 if kinds[2] == "task" else (owner_cell(third) or _split_unit(third, fourth)) and not owner_cell(second)
    return bool(_SHORT_NAME.fullmatch(first) and _SHORT_NAME.fullmatch(second) and after) \
        and column_kind(first) is None and (column_kind(second) is None or kinds[2] != "task")


_PLACE_START = "省市区县州旗镇乡"


def _split_unit(first: str, second: str) -> bool:
    """A unit's name a narrow owner column broke in two (区新兴产业 / 服务中心, 区综合行政 / 执法局): a
    short piece opening with its place's level that is no name alone, and a short end that makes it one."""
    return 3 <= len(first) <= 7 and 2 <= len(second) <= 6 and first[0] in _PLACE_START and second[0] not in _PLACE_START \
        and not re.search(r"[\d。,;:、|()]", first + second) and not owner_cell(first) and owner_cell(first + second)
