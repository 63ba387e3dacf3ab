"""Across years: the plan of year y, the plan of year y+1 and the report of year y of one area.

``fazhi-kg diff PLAN_Y PLAN_Y1 --report REPORT_Y``.  The two plans' tasks are matched by
:func:`kg.compare.diff.diff` (nothing is matched a second way here); each task of year y is then
read against the report of year y by the task view (:mod:`kg.views.taskview`: the report paragraph
that best speaks of it, a score, reported / partly / not mentioned).  Together they say:

* **carried over** — the task is in both plans; with what changed (text, targets, deadlines,
  owners), and a flag where the report of year y says nothing of it;
* **target changed** — a target of the same metric with another value (败诉率 ≤ 8% → ≤ 10%),
  which a plan never explains: whether it was relaxed or tightened, and the report's figure for
  that metric where it gives one, with its clause, for a person to read beside it;
* **owners changed** — lead or responsible units added or removed;
* **dropped** — in y, not in y+1: *reported* when the report of y speaks of its work (done,
  perhaps), *dropped without a word* when the report does not mention it either;
* **added** — new in y+1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kg.compare.align import TaskRef
from kg.compare.diff import PlanDiff, TaskChange, detail, diff
from kg.errors import NotComparable
from kg.model import Extraction, Task
from kg.render.output import Output
from kg.vocab import REPORT_GENRES

CARRIED, DROPPED, ADDED = "carried over", "dropped", "added"
KIND_ZH = {CARRIED: "延续", DROPPED: "删除", ADDED: "新增"}


@dataclass
class TargetChange:
    metric: str  # as the plan names it: 败诉率
    before: str  # 败诉率 <= 8%
    after: str
    direction: str  # "relaxed" | "tightened" | "changed"
    report_says: str = ""  # the report's figure for the metric, with its clause
    figure: str = ""  # that figure alone: 9.5%

    def short(self) -> str:
        """败诉率≤8% → ≤10% 放宽 relaxed (报告 9.5%)"""
        def tight(text: str) -> str:
            for op, sign in (("<=", "≤"), (">=", "≥"), ("<", "<"), (">", ">"), ("=", "=")):
                if f" {op} " in text:
                    return text.replace(f" {op} ", sign, 1)
            return text

        after = self.after[len(self.metric):].strip() if self.after.startswith(self.metric) else self.after
        said = f" (报告 {self.figure})" if self.figure else ""
        return f"{tight(self.before)} → {tight(' ' + after).strip()} {DIRECTION_ZH[self.direction]} {self.direction}{said}"

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class YearLink:
    kind: str  # CARRIED, DROPPED, ADDED
    a: TaskRef | None
    b: TaskRef | None
    changes: list[str] = field(default_factory=list)  # text, targets, deadlines, owners
    detail: str = ""  # what changed, as diff writes it
    report: str = ""  # the task of year y in the report of year y: reported, partly, not mentioned ("" for added)
    score: float = 0.0
    paragraph: str | None = None
    quote: str | None = None
    targets: list[TargetChange] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "a": self.a.to_dict() if self.a else None, "b": self.b.to_dict() if self.b else None,
                "changes": self.changes, "detail": self.detail, "report": self.report, "score": self.score,
                "paragraph": self.paragraph, "quote": self.quote, "targets": [t.to_dict() for t in self.targets],
                "flags": self.flags}


@dataclass
class AcrossYears:
    a: str
    b: str
    report: str
    area: str
    year: int | None
    links: list[YearLink] = field(default_factory=list)

    def of(self, kind: str) -> list[YearLink]:
        return [x for x in self.links if x.kind == kind]

    def flagged(self, flag: str) -> list[YearLink]:
        return [x for x in self.links if flag in x.flags]

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "report": self.report, "area": self.area, "year": self.year,
                "links": [x.to_dict() for x in self.links]}


# flags
WITHOUT_A_WORD = "dropped without a word"
DROPPED_REPORTED = "dropped, reported"
NOT_REPORTED = "carried over, not in the report"
TARGET_CHANGED = "target changed"
OWNERS_CHANGED = "owners changed"


def _report_rows(plan: Extraction, report: Extraction) -> dict[str, object]:
    """The task view of ``plan``'s tasks against ``report``, by task path."""
    from kg.rdf.mapping import graph_iri, quads
    from kg.store import open_store
    from kg.views import taskview
    from kg.views.readmodel import load_graph_data

    st = open_store("memory")
    for result in (plan, report):
        st.replace_document(graph_iri(result), quads(result))
    data = load_graph_data(st, with_paragraphs=True)
    paths = {t.iri: t.path for t in data.tasks}
    return {paths[r.task_iri]: r for r in taskview.task_view(data) if r.task_iri in paths}


def _direction(op: str, before: float, after: float) -> str:
    if before == after or op not in ("<=", "<", ">=", ">"):
        return "changed"
    looser = after > before if op in ("<=", "<") else after < before
    return "relaxed" if looser else "tightened"


def _target_changes(a: Task, b: Task, report: Extraction) -> list[TargetChange]:
    """Targets of one metric whose value changed from ``a`` to ``b``."""
    def keyed(task: Task) -> dict[tuple[str, str], object]:
        # by metric, or where no metric is known by the words the plan measures with (企业开办时间压缩至)
        return {(t.metric or t.metric_label or "", t.op or ""): t for t in task.targets
                if not t.qualitative and (t.metric or t.metric_label)}

    old, new = keyed(a), keyed(b)
    out = []
    for key in sorted(set(old) & set(new)):
        x, y = old[key], new[key]
        if (x.value, x.unit) == (y.value, y.unit):
            continue
        try:
            direction = _direction(key[1], float(x.value), float(y.value)) if x.unit == y.unit else "changed"
        except (TypeError, ValueError):
            direction = "changed"
        label = x.metric_label or x.metric
        figures = [f for f in report.achievements if x.metric and f.metric == x.metric]
        says = "; ".join(f"{f.metric_label or label} {f.value}{f.unit or ''} ({f.text})" for f in figures)
        out.append(TargetChange(label, f"{label} {x.op} {x.value}{x.unit or ''}", f"{label} {y.op} {y.value}{y.unit or ''}",
                                direction, says, "、".join(f"{f.value}{f.unit or ''}" for f in figures)))
    return out


def across_years(a: Extraction, b: Extraction, report: Extraction) -> AcrossYears:
    """Link plan ``a`` (year y), plan ``b`` (year y+1) and ``report`` (year y) of one area."""
    changes: PlanDiff = diff(a, b)
    meta, ja = report.document, a.document.jurisdiction
    if meta.genre not in REPORT_GENRES:
        raise NotComparable(f"not a report (genre {meta.genre}): --report takes the year-end report of the first "
                            "plan's year", path=meta.source)
    if meta.jurisdiction is None or ja is None or meta.jurisdiction.key != ja.key:
        where = meta.jurisdiction.name if meta.jurisdiction else "an unknown area"
        raise NotComparable(f"the report is of {where}, the plans of {ja.name if ja else 'an unknown area'}",
                            path=meta.source)
    years = set(range(meta.period[0], meta.period[1] + 1)) if meta.period else {meta.year}
    if a.document.year is not None and a.document.year not in years:
        raise NotComparable(f"the report is of {meta.year or meta.period}, the first plan of {a.document.year}: "
                            "give the report of the first plan's year", path=meta.source)
    said = _report_rows(a, report)
    b_tasks = {t.path: t for t in b.tasks}
    out = AcrossYears(changes.a, changes.b, meta.title or meta.source, changes.area, a.document.year)

    def read(link: YearLink, path: str) -> YearLink:
        row = said.get(path)
        if row is not None:
            link.report, link.score, link.paragraph, link.quote = row.status, row.score, row.paragraph, row.quote
        return link

    by_a: dict[str, TaskChange] = {m.a.path: m for m in changes.matched}
    dropped = {t.path for t in changes.dropped}
    for t in a.tasks:
        if t.path in dropped:
            link = read(YearLink(DROPPED, TaskRef.of(t), None), t.path)
            link.flags.append(DROPPED_REPORTED if link.report in ("reported", "partly") else WITHOUT_A_WORD)
        else:
            m = by_a[t.path]
            link = read(YearLink(CARRIED, m.a, m.b, m.what(), detail(m)), t.path)
            link.targets = _target_changes(t, b_tasks[m.b.path], report)
            if link.targets:
                link.flags.append(TARGET_CHANGED)
            if m.owners:
                link.flags.append(OWNERS_CHANGED)
            if link.report == "not mentioned":
                link.flags.append(NOT_REPORTED)
        out.links.append(link)
    out.links += [YearLink(ADDED, None, t) for t in changes.added]
    return out


# ---------------------------------------------------------------- renderers

FLAG_ZH = {WITHOUT_A_WORD: "删除且报告未提及", DROPPED_REPORTED: "删除，报告已述", NOT_REPORTED: "延续，报告未提及",
           TARGET_CHANGED: "目标改变", OWNERS_CHANGED: "责任单位改变"}
DIRECTION_ZH = {"relaxed": "放宽", "tightened": "收紧", "changed": "改变"}


def _what(x: YearLink) -> list[str]:
    """What changed, one entry per line of the table: each changed target on its own."""
    # the targets one by one; the text changed with them (a new figure is new text), so not said again
    rest = [p for p in x.detail.split(" | ") if p and not (x.targets and p.startswith(("目标", "文字")))] if x.detail else []
    return [t.short() for t in x.targets] + ([" | ".join(rest)] if rest else [])


def _rows(d: AcrossYears) -> list[list[object]]:
    rows = []
    for x in d.links:
        said = f"{x.report} {x.score:.3f} {x.paragraph or ''}".strip() if x.report else ""
        what = _what(x) or [""]
        for i, line in enumerate(what):  # a link with several changes continues on the next lines
            flags = "; ".join(f"{FLAG_ZH[f]} {f}" for f in x.flags) if i == 0 else ""
            rows.append([f"{KIND_ZH[x.kind]} {x.kind}" if i == 0 else "", (x.a.label if x.a else "") if i == 0 else "",
                         (x.a.title if x.a else "") if i == 0 else "", (x.b.label if x.b else "") if i == 0 else "",
                         (x.b.title if x.b else "") if i == 0 else "", said if i == 0 else "", flags, line])
    return rows


HEADS = ("kind", "a", "a_title", "b", "b_title", "report", "flags", "what")


def to_table(d: AcrossYears) -> str:
    from kg.render.text import table

    count = {k: len(d.of(k)) for k in (CARRIED, DROPPED, ADDED)}
    head = (f"{d.a} → {d.b}, against {d.report} ({d.area}): {count[CARRIED]} carried over "
            f"({len(d.flagged(TARGET_CHANGED))} with targets changed, {len(d.flagged(OWNERS_CHANGED))} with owners "
            f"changed, {len(d.flagged(NOT_REPORTED))} not in the report), {count[DROPPED]} dropped "
            f"({len(d.flagged(WITHOUT_A_WORD))} without a word in the report), {count[ADDED]} added")
    heads = ["类别 kind", "原编号", "原任务 a", "新编号", "新任务 b", "上年报告 report", "提示 flags", "变化 what"]
    return head + "\n" + table(heads, _rows(d), max_width=44)


def to_json(d: AcrossYears) -> str:
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=1) + "\n"


def output(d: AcrossYears) -> Output:
    return Output(HEADS, _rows(d), own={"table": lambda: to_table(d), "json": lambda: to_json(d)}, title="years")
