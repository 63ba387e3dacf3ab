"""The look shared by the page and the chart: fonts, the shapes and colours of each kind of node,
edge styles per role, and HTML escaping."""

from __future__ import annotations

import html

from kg.views.model import Unit
from kg.vocab import UNIT_TYPES

FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
KINDS = {  # kind: (zh, en, shape, colour)
    "unit": ("单位", "unit", "dot", "#2563eb"),
    "collective": ("泛指主体/角色", "collective or placeholder", "dot", "#93c5fd"),
    "task": ("任务", "task", "square", "#f59e0b"),
    "theme": ("主题", "theme", "diamond", "#16a34a"),
    # a target no tracking speaks of: neutral, unlike every status colour (red would read as 未达标)
    "target": ("目标（未跟踪）", "target, untracked", "triangle", "#78716c"),
    "document": ("文件", "document", "hexagon", "#7c3aed"),
    "area": ("辖区", "jurisdiction", "star", "#0f766e"),  # the overview of many documents only
}
EDGE_STYLE = {"lead": (False, 2.6, "#1e3a8a"), "responsible": ([8, 6], 1.6, "#475569"),
              "cooperating": ([2, 5], 1.4, "#64748b"), "theme": (False, 0.8, "#86efac"),
              "target": (False, 0.8, "#d6d3d1"), "document": (False, 0.8, "#c4b5fd"),
              "report": ([4, 3], 1.4, "#16a34a"), "area": (False, 0.8, "#5eead4")}  # a report speaks of a plan task (the task view's links)
# a task's status, where the store knows one (kg.views.taskstatus): status: (zh, en, colour)
STATUS_STYLE = {
    "已完成": ("已完成", "done (ledger)", "#15803d"),
    "进行中": ("进行中", "in progress (ledger)", "#0284c7"),
    "未启动": ("未启动", "not started (ledger)", "#94a3b8"),
    "逾期": ("逾期", "overdue (ledger)", "#b91c1c"),
    "已延期": ("已延期", "postponed (ledger)", "#9333ea"),
    "reported": ("报告已述", "reported (year-end report)", "#4ade80"),
    "partly": ("报告部分述及", "partly reported", "#67e8f9"),
    "not mentioned": ("报告未提及", "not mentioned in the report", "#fb7185"),
    # a target's tracking status (fazhi-kg track)
    "met": ("达标", "met (tracking)", "#16a34a"),
    "not met": ("未达标", "not met (tracking)", "#dc2626"),
    "reported, different object": ("报告数据对象不同", "reported, different object", "#fcd34d"),
    "reported without a figure": ("报告无数据", "reported without a figure", "#fde68a"),
    "no report": ("无报告", "no report", "#cbd5e1"),
}
BAR_COLOURS = {"lead": "#1e40af", "responsible": "#f59e0b", "cooperating": "#94a3b8"}
TYPE_ZH = {t.concept: t.zh for t in UNIT_TYPES}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def unit_labels(units: list[Unit]) -> dict[str, str]:
    """Short labels: the shortest written form, with the jurisdiction where two would clash."""
    short = {u.iri: min(u.written, key=lambda w: (len(w), w)) if u.written else u.name for u in units}
    clashes = {}
    for label in short.values():
        clashes[label] = clashes.get(label, 0) + 1
    return {u.iri: (f"{short[u.iri]}·{_area_short(u.jurisdiction)}" if clashes[short[u.iri]] > 1 and u.jurisdiction
                    else short[u.iri]) for u in units}


def _area_short(name: str) -> str:
    for suffix in ("经济技术开发区", "高新技术产业开发区", "开发区", "新区", "自治县", "省", "市", "区", "县"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def ink(colour: str) -> str:
    """White or near-black text, whichever reads better on the background ``colour`` (#rrggbb)."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 0.6 else "#0f172a"
