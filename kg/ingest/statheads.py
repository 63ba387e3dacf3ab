"""Column heads of statistics tables (完成情况 | 完成率 | 1-3月 | 目标任务 | 计量单位): what each column
holds, and whether a row of cells is such a table's header.  Read by :mod:`kg.extract.statgrid`, and
by the normalizer, which writes a table set apart by spaces with bars when its header is one."""

from __future__ import annotations

import re

from kg.vocab import OWNER_KINDS, column_kind

# a case table's column named by what befell the cases (收到 / 受理 / 维持 / 驳回 …): a count of cases
_CASE_COLUMN = r"(?:收到|受理|新收|收案|立案|办结|审结|结案|已结|未结|纠错|维持|驳回|撤销|确认违法|责令履行|调解|和解|终止|" \
               r"不予受理|败诉|胜诉)(?P<case_unit>件|宗)?(?:案件)?"
_CASE_HEAD = re.compile(_CASE_COLUMN)
# a column of what was done: 完成情况, 实际完成, 累计, 完成率; a period (1-3月, 1-8月, 上半年, 第一季度, 2023年)
_DONE_HEAD = re.compile(r"完成|实际|实绩|累计|执行|实现|进展|本期|本月|本年|当年|同比|增长|增幅|增速|数值|合计|总计|占比|比例|比重"
                        r"|(?:件数|数量|人数|次数|个数|户数|人次|金额|总数|受理数|收案数|结案数|办结数|总量|数目|率|评分|得分)(?:\([^()]{1,10}\))?$"
                        r"|^(?:\d{1,2}(?:[-—~至]\d{1,2})?月(?:份)?|(?:上|下)半年|全年|第?[一二三四1-4]季度"
                        r"|(?:19|20)\d{2}年?(?:度|底|末)?(?:\d{1,2}(?:[-—~至]\d{1,2})?月)?)"
                        r"|^" + _CASE_COLUMN + "$")
# a column of what was asked: 目标任务, 年度目标, 计划数, 预期
_TARGET_HEAD = re.compile(r"目标|计划|预期|任务数|考核值|标准值")
_TIME_HEAD = re.compile(r"时限|期限|时间|节点|日期")
# a cell that is a value: 7356, 54%, -3.92, 1300人, 300元/人, 10000万
VALUE = re.compile(r"^(?P<sign>[-−])?\d+(?:\.\d+)?\s*(?P<unit>%|‰|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?)?$")
SPACES = re.compile(r"\s+")
MAX_WIDTH = 16  # a statistics table has a handful of columns; a wider "header" is not one


def head_kind(head: str) -> str | None:
    """What a statistics table's column holds: number, unit, time, target, done, owner, remark, name."""
    head = SPACES.sub("", head)
    if not head:
        return None
    kind = column_kind(head)
    if kind in OWNER_KINDS:
        return "owner"
    if kind in ("number", "unit", "remark"):
        return kind
    if _TIME_HEAD.search(head):
        return "time"
    if _TARGET_HEAD.search(head):
        return "target"
    if _DONE_HEAD.search(head):
        return "done"
    return "name"


_PERIOD_HEAD = re.compile(r"(?:19|20)\d{2}年?(?:度|底|末)?(?:\d{1,2}(?:[-—~至]\d{1,2})?月(?:份)?)?|\d{1,2}(?:[-—~至]\d{1,2})?月(?:份)?")
_YEAR_LED_HEAD = re.compile(r"(?:19|20)\d{2}年?度?[\u4e00-\u9fff]{2,}")  # 2019受理量: a year's count, no value


_ITEM_START = re.compile(r"\d{1,3}[、.．](?!\d)")  # 2、跟进…: an outline item's number, no column's head


def is_head(cell: str) -> bool:
    cell = SPACES.sub("", cell)
    return 0 < len(cell) <= 16 and not _ITEM_START.match(cell) and (_PERIOD_HEAD.fullmatch(cell) is not None or _YEAR_LED_HEAD.fullmatch(cell) is not None
                                    or not VALUE.match(cell) and not cell.isdigit())


def stat_header(heads: list[str]) -> list[str | None] | None:
    """The columns' kinds if these cells are a statistics table's header (a value column, a name)."""
    if not 2 <= len(heads) <= MAX_WIDTH or not all(is_head(h) or not h.strip() for h in heads):
        return None
    kinds = [head_kind(h) for h in heads]
    if kinds[0] == "unit" and SPACES.sub("", heads[0]) == "单位":
        kinds[0] = "name"  # 单位 | 2019受理量 | 2020受理量: the bodies counted, not a measure
    return kinds if "done" in kinds and ("name" in kinds or "number" in kinds) else None


# a count's head or row name that names its measure: 本年制发件数 → 件, 咨询服务人次 → 人次
MEASURE_OF_COUNT = {"人次": "人次", "场次": "场次", "次数": "次", "人数": "人", "件数": "件", "个数": "个", "份数": "份",
                    "期数": "期", "项数": "项", "家数": "家", "户数": "户", "起数": "起", "受理量": "件", "收案量": "件", "结案量": "件",
                    "案件量": "件", "受理数": "件", "收案数": "件", "结案数": "件", "办结数": "件"}
_COUNT_NAME = re.compile(rf"(?P<m>{'|'.join(MEASURE_OF_COUNT)})(?:\([^()]{{0,10}}\))?$")


def measure_named(name: str) -> str | None:
    """The measure a head or a row's name ends with (开展普法讲座次数 → 次), or None."""
    m = _COUNT_NAME.search(name)
    if m is None and (case := _CASE_HEAD.fullmatch(name)):
        return case["case_unit"] or "件"  # 收到 | 受理: cases, counted in 件 unless the head says 宗
    return MEASURE_OF_COUNT[m["m"]] if m else None
