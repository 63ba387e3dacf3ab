"""Plan diff: what changed between two plans of one area (栖霞区 2021 → 2022).

Tasks are matched one to one by the similarity of their titles (TF-IDF vectors of
:mod:`kg.compare.align`, the IDF over the titles and texts of both plans; the best pairs first, ties by
number).  A matched pair is *changed* when its text (without the assignment note, whitespace
ignored), its quantitative targets or its deadlines differ; its *owners* changed when lead or
responsible units were added or removed (units compared by canonical name, so 区司法局 in one
plan and 南京市栖霞区司法局 in the other are one unit).  Unmatched tasks of the first plan are
dropped, of the second added.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from kg.compare.align import TaskRef, Vectors, cosine, task_body
from kg.errors import NotComparable
from kg.model import Extraction, Task
from kg.vocab import PLAN_GENRES
from kg.render.output import Output

MATCH_THRESHOLD = 0.5


@dataclass
class OwnerChange:
    role: str  # "lead" | "responsible"
    added: list[str]
    removed: list[str]

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role, "added": self.added, "removed": self.removed}


@dataclass
class TaskChange:
    a: TaskRef
    b: TaskRef
    score: float
    text_changed: bool
    targets_added: list[str] = field(default_factory=list)
    targets_removed: list[str] = field(default_factory=list)
    deadlines_added: list[str] = field(default_factory=list)
    deadlines_removed: list[str] = field(default_factory=list)
    owners: list[OwnerChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.text_changed or self.targets_added or self.targets_removed
                    or self.deadlines_added or self.deadlines_removed)

    def what(self) -> list[str]:
        out = []
        if self.text_changed:
            out.append("text")
        if self.targets_added or self.targets_removed:
            out.append("targets")
        if self.deadlines_added or self.deadlines_removed:
            out.append("deadlines")
        if self.owners:
            out.append("owners")
        return out

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "score": round(self.score, 4),
                "changed": self.what(), "text_changed": self.text_changed,
                "targets_added": self.targets_added, "targets_removed": self.targets_removed,
                "deadlines_added": self.deadlines_added, "deadlines_removed": self.deadlines_removed,
                "owners": [o.to_dict() for o in self.owners]}


@dataclass
class PlanDiff:
    a: str
    b: str
    area: str
    added: list[TaskRef] = field(default_factory=list)
    dropped: list[TaskRef] = field(default_factory=list)
    matched: list[TaskChange] = field(default_factory=list)  # every matched pair, in b's order

    @property
    def changed(self) -> list[TaskChange]:
        return [m for m in self.matched if m.changed]

    @property
    def owners_changed(self) -> list[TaskChange]:
        return [m for m in self.matched if m.owners]

    @property
    def unchanged(self) -> list[TaskChange]:
        return [m for m in self.matched if not m.changed and not m.owners]

    def pair(self, b_number: int) -> TaskChange | None:
        return next((m for m in self.matched if m.b.number == b_number), None)

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "area": self.area,
                "added": [t.to_dict() for t in self.added], "dropped": [t.to_dict() for t in self.dropped],
                "changed": [m.to_dict() for m in self.changed],
                "owners_changed": [m.to_dict() for m in self.owners_changed],
                "unchanged": [{"a": m.a.to_dict(), "b": m.b.to_dict()} for m in self.unchanged]}


def _target_key(task: Task) -> list[str]:
    out = []
    for t in task.targets:
        if t.qualitative:
            continue
        out.append(f"{t.metric_label or t.metric} {t.op or ''} {t.value or ''}{t.unit or ''}".strip())
    return out


def _multiset_diff(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    rest_b, removed = list(b), []
    for x in a:
        if x in rest_b:
            rest_b.remove(x)
        else:
            removed.append(x)
    return rest_b, removed


def _names(units) -> list[str]:
    seen: list[str] = []
    for u in units:
        if u.name not in seen:
            seen.append(u.name)
    return seen


def _compare(a: Task, b: Task, score: float) -> TaskChange:
    def flat(task: Task) -> str:
        return re.sub(r"\s+", "", task_body(task))

    t_added, t_removed = _multiset_diff(_target_key(a), _target_key(b))
    d_added, d_removed = _multiset_diff([f"{d.text} ({d.date})" for d in a.deadlines],
                                        [f"{d.text} ({d.date})" for d in b.deadlines])
    owners = []
    for role in ("lead", "responsible"):
        old, new = _names(getattr(a, role)), _names(getattr(b, role))
        added, removed = [n for n in new if n not in old], [n for n in old if n not in new]
        if added or removed:
            owners.append(OwnerChange(role, added, removed))
    return TaskChange(TaskRef.of(a), TaskRef.of(b), score, flat(a) != flat(b),
                      t_added, t_removed, d_added, d_removed, owners)


def diff(a: Extraction, b: Extraction, *, threshold: float = MATCH_THRESHOLD) -> PlanDiff:
    """What changed from plan ``a`` to plan ``b`` of the same area."""
    ja, jb = a.document.jurisdiction, b.document.jurisdiction
    for doc in (a.document, b.document):
        if doc.genre not in PLAN_GENRES:
            raise NotComparable(f"not a plan (genre {doc.genre}): only plans are compared", path=doc.source)
    if ja is None or jb is None:
        raise NotComparable("the jurisdiction of a plan is unknown: cannot tell it is the same area",
                         path=(a if ja is None else b).document.source)
    if ja.key != jb.key:
        raise NotComparable(f"plans of different areas ({ja.name}, {jb.name}): a diff compares two plans of one area")
    vec = Vectors([t.title for t in a.tasks] + [t.title for t in b.tasks]
                  + [task_body(t) for t in a.tasks] + [task_body(t) for t in b.tasks])
    title_a = [vec.of(t.title) for t in a.tasks]
    title_b = [vec.of(t.title) for t in b.tasks]
    pairs = []
    for i, (ta, va) in enumerate(zip(a.tasks, title_a)):
        for j, (tb, vb) in enumerate(zip(b.tasks, title_b)):
            score = 1.0 if ta.title == tb.title else cosine(va, vb)
            if score >= threshold:
                pairs.append((-round(score, 10), tb.number, ta.number, i, j, score))
    pairs.sort()
    used_a, used_b, matched = set(), set(), {}
    for _, _, _, i, j, score in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matched[j] = (i, score)
    out = PlanDiff(a.document.title or a.document.source, b.document.title or b.document.source, ja.name)
    for j, tb in enumerate(b.tasks):
        if j in matched:
            i, score = matched[j]
            out.matched.append(_compare(a.tasks[i], tb, score))
        else:
            out.added.append(TaskRef.of(tb))
    out.dropped = [TaskRef.of(t) for i, t in enumerate(a.tasks) if i not in used_a]
    return out


# ---------------------------------------------------------------- renderers


def detail(m: TaskChange) -> str:
    """What changed in a matched pair, in one line: 文字 text | 目标 a → b | 时限 … | 牵头 +x −y."""
    parts = []
    if m.text_changed:
        parts.append("文字 text")
    if m.targets_removed or m.targets_added:
        parts.append(f"目标 {'; '.join(m.targets_removed) or '—'} → {'; '.join(m.targets_added) or '—'}")
    if m.deadlines_removed or m.deadlines_added:
        parts.append(f"时限 {'; '.join(m.deadlines_removed) or '—'} → {'; '.join(m.deadlines_added) or '—'}")
    for o in m.owners:
        role = "牵头" if o.role == "lead" else "责任"
        parts.append(f"{role} +{'、'.join(o.added) or '—'} −{'、'.join(o.removed) or '—'}")
    return " | ".join(parts)


def to_table(d: PlanDiff) -> str:
    from kg.render.text import table

    rows = []
    for t in d.added:
        rows.append(["新增 added", "", "", t.label, t.title, ""])
    for t in d.dropped:
        rows.append(["删除 dropped", t.label, t.title, "", "", ""])
    for m in d.matched:
        if m.changed or m.owners:
            kind = "变更 changed" if m.changed else "责任变更 owners"
            rows.append([kind, m.a.label, m.a.title, m.b.label, m.b.title, detail(m)])
    head = (f"{d.a} → {d.b} ({d.area}): {len(d.added)} added, {len(d.dropped)} dropped, "
            f"{len(d.changed)} changed, {len(d.owners_changed)} with owners changed, {len(d.unchanged)} unchanged")
    return head + "\n" + table(["类别 kind", "原编号", "原任务 a", "新编号", "新任务 b", "变化 what"], rows, max_width=48)


def to_json(d: PlanDiff) -> str:
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=1) + "\n"


def output(d: PlanDiff) -> Output:
    return Output(own={"table": lambda: to_table(d), "json": lambda: to_json(d)}, offers=("table", "json"))
