"""The columns of the ledger: what the plan says (filled by the export, protected) and what the
units fill in (unlocked), with the words of the sheet that explains them."""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    head: str
    key: str
    width: int
    filled_by_unit: bool
    explains: str


COLUMNS = (
    Column("序号", "number", 7, False, "任务在计划中的序号，照原文印出。"),
    Column("工作任务", "task", 24, False, "任务的标题，照原文。"),
    Column("具体措施", "measures", 48, False, "任务的全文（标题之后的具体要求）。"),
    Column("牵头单位", "lead", 16, False, "计划写明的牵头单位，照原文写法。"),
    Column("责任单位", "responsible", 16, False, "计划写明的责任单位，照原文写法。"),
    Column("配合单位", "cooperating", 16, False, "计划写明的配合单位，照原文写法。"),
    Column("完成时限", "deadline", 14, False, "计划写明的完成时限，照原文；未写明的留空。"),
    Column("目标", "target", 22, False, "计划写明的目标（如“听证率不低于70%”），照原文。"),
    Column("进展情况", "progress", 36, True, "本单位推进该任务的情况，写明做了什么、做到哪一步。"),
    Column("完成状态", "status", 10, True, "从下拉列表中选择：未启动、进行中、已完成、逾期、已延期。"),
    Column("实际完成日期", "completed", 13, True, "已完成的任务填写完成日期，如 2024-06-30（也可写 2024.6.30 或 6月底）。"),
    Column("存在问题", "problems", 24, True, "推进中遇到的问题和困难。"),
    Column("下步计划", "next_steps", 24, True, "下一步的工作安排。"),
    Column("佐证材料", "evidence", 20, True, "可以证明进展的文件、链接或材料名称。"),
    Column("填报单位", "unit", 16, True, "填报本行的单位名称，须为该任务的牵头、责任或配合单位。"),
    Column("更新日期", "updated", 12, True, "本次填报的日期，如 2024-07-05。"),
)
HEADS = tuple(c.head for c in COLUMNS)
BY_HEAD = {c.head: c for c in COLUMNS}
UNIT_KEYS = tuple(c.key for c in COLUMNS if c.filled_by_unit)
# what a return says, without the unit and the date that identify it
REPORTED_KEYS = ("progress", "status", "completed", "problems", "next_steps", "evidence")

STATUSES = ("未启动", "进行中", "已完成", "逾期", "已延期")
STATUS_EN = {"未启动": "not started", "进行中": "in progress", "已完成": "done", "逾期": "overdue", "已延期": "postponed"}

ALL_TASKS_SHEET = "全部任务"
EXPLAIN_SHEET = "填表说明"
