"""The task view: for every task of a plan, what the reports of an area say of its work.

Tracking (:mod:`kg.views.track`) follows targets and deadlines; most tasks have neither, and a
year-end report answers them in its own paragraphs ("(二)加快建设服务型政府。印发…").  For each
task of each plan that applies to an area (the area's own plans and those of the areas above it,
as tracking scopes them) and each report of that area covering a year of the plan, every body
paragraph of the report gets a score from the task's words, themes and owners:

    score = cosine(task text, paragraph)                 TF-IDF over jieba tokens (evidence.read), each
                      text followed by the names of the fine themes whose words it uses, so
                      that a report writing 复议 meets a task writing 行政复议
          + HEADING × share of the task title's words in the paragraph's heading (IDF-weighted,
                      generic words such as 加强 推进 完善 工作 建设 机制 left out)
          + THEMES × Jaccard(task themes, paragraph themes)
          + OWNER   where the paragraph names one of the task's owner units

The best paragraph decides: ``reported`` at REPORTED or more, ``partly`` at PARTLY or more, else
``not mentioned``.  The weights and both thresholds were chosen on one pair of documents (the
南京市 scheme, seed 003, against the 浦口区 2023 report, seed 004; tests/gold_taskview/task_view_003_004.json)
so the precision and recall measured there are measured on the data they were tuned on; there,
two tasks sit within 0.001 of REPORTED.  The links are computed each time; ``track --tasks --write``
stores them (:mod:`kg.views.taskgraph`).  The
quote is the sentence of the best paragraph nearest the task's text; the next paragraphs with
their scores are shown beside it so that a person can overrule the status.

:func:`baseline` is the plain keyword overlap the matcher is measured against: the share of the
task title's character bigrams found in a paragraph.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

from kg import ids
from kg.render.output import Output
from kg.views import evidence
from kg.views.model import Document, GraphData, Paragraph, Task
from kg.views.subject import sentences
from kg.vocab import local_name as _local

HEADING = 0.15
THEMES = 0.05
OWNER = 0.05
REPORTED = 0.215
PARTLY = 0.14
SHOWN = 2  # runner-up paragraphs shown beside the best
STATUSES = ("reported", "partly", "not mentioned", "unchecked")
# words that say what kind of work, not which work: left out of the title's words
GENERIC = frozenset("""
建设 机制 制度 体系 政府 法治 法治政府 规范 实施 实现 水平 能力 质量 管理 服务 取得 突破 组织 发挥 作用
探索 创新 优化 构建 建立 建立健全 领域 活动 情况 新
""".split())
_NUMBERING = re.compile(r"^\s*(?:[(（][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+[、.]|\d+[、.．])")


@dataclass
class TaskRow:
    status: str
    area: str
    area_code: str
    year: str
    plan: str
    plan_title: str
    task: str  # the label as printed: (二十四)
    task_title: str
    score: float = 0.0
    report: str | None = None
    report_title: str | None = None
    paragraph: str | None = None  # the best paragraph's place and heading: 六.(一) 全面深化行政复议体制改革
    quote: str | None = None  # its sentence nearest the task
    evidence: str | None = None  # the next paragraphs with their scores
    task_iri: str | None = None
    paragraph_iri: str | None = None  # the best paragraph's node in the graph (the report's …/para/…)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def words(text: str) -> list[str]:
    """Content words of a title: jieba tokens without stopwords and generic words."""
    from kg.compare.align import tokens

    return [w for w in tokens(text) if w not in GENERIC]


@lru_cache(maxsize=1)
def _concepts() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from kg.reference.lexicon import themes

    return tuple((t.label_zh, tuple(sorted({t.label_zh, *t.aliases, *t.keywords}, key=lambda k: (-len(k), k))))
                 for t in themes() if t.broader is not None)


def concepts(text: str) -> str:
    """``text`` followed by the name of every fine theme whose words it uses: a report that writes
    复议 or 出庭应诉 then shares the word 行政复议 or 行政应诉 with a task that writes it in full."""
    found = [label for label, forms in _concepts() if any(f in text for f in forms)]
    return text + ("\n" + " ".join(found) if found else "")


def body(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs that say something: a part's heading alone is not a report of work."""
    out = []
    for p in paragraphs:
        rest = _NUMBERING.sub("", p.text).replace(p.title, "", 1)
        if len(re.sub(r"\W", "", rest)) >= 10:
            out.append(p)
    return out


class Scorer:
    """Scores the tasks of one plan against the paragraphs of one report."""

    def __init__(self, tasks: list[Task], paragraphs: list[Paragraph], owners: dict[str, list[str]] | None = None):
        from kg.extract.themes import task_themes
        from kg.model import Task as Extracted

        self.paragraphs = paragraphs
        self.owners = owners or {}
        bags = [set(words(p.text)) for p in paragraphs] + [set(words(t.text)) for t in tasks]
        df = Counter(w for bag in bags for w in bag)
        self.idf = {w: math.log((1 + len(bags)) / (1 + c)) + 1.0 for w, c in df.items()}
        self.heads = [p.title for p in paragraphs]
        self.themes = [frozenset(task_themes(Extracted(0, "", "", p.title, p.section or None, p.text, 0, len(p.text)),
                                             p.text)) for p in paragraphs]

    def heading(self, title: str, i: int) -> float:
        """The IDF-weighted share of the title's words that the paragraph's heading contains."""
        wanted = set(words(title))
        total = sum(self.idf.get(w, 1.0) for w in wanted)
        return sum(self.idf.get(w, 1.0) for w in wanted if w in self.heads[i]) / total if total else 0.0

    def scores(self, task: Task) -> list[float]:
        texts = [concepts(p.text) for p in self.paragraphs]
        cosines = [s for s, _, _ in evidence.read(concepts(task.text or task.title), texts).nearest]
        mine = set(task.themes)
        names = self.owners.get(task.iri, [])
        out = []
        for i, p in enumerate(self.paragraphs):
            jac = len(mine & self.themes[i]) / len(mine | self.themes[i]) if mine | self.themes[i] else 0.0
            named = any(n in p.text for n in names)
            out.append(cosines[i] + HEADING * self.heading(task.title, i) + THEMES * jac + (OWNER if named else 0.0))
        return out


def status(score: float) -> str:
    return "reported" if score >= REPORTED else "partly" if score >= PARTLY else "not mentioned"


def baseline(title: str, paragraph: str) -> float:
    """Keyword overlap: the share of the title's character bigrams (of Han characters) in the paragraph."""
    han = re.sub(r"[^\u4e00-\u9fff]", "", title)
    grams = {han[i:i + 2] for i in range(len(han) - 1)}
    return sum(g in paragraph for g in grams) / len(grams) if grams else 0.0


def _without_heading(p: Paragraph) -> str:
    """The paragraph's text after its numbered heading: the heading sentence quotes no work."""
    text = _NUMBERING.sub("", p.text, count=1).lstrip()
    if p.title and text.startswith(p.title):
        text = text[len(p.title):].lstrip("。.:：,， ")
    return text or p.text


def _down(score: float) -> float:
    """The score to three places, cut rather than rounded: a shown score is at or above a threshold
    exactly when the row's status says so."""
    return math.floor(score * 1000 + 1e-9) / 1000


def _place(p: Paragraph) -> str:
    return f"{p.path} {p.title}".strip()


def rows_for(tasks: list[Task], report: Document, paragraphs: list[Paragraph] | None, base: dict,
             owners: dict[str, list[str]] | None = None) -> list[TaskRow]:
    """One row per task: its status in ``report`` (``paragraphs``: the report's stored body)."""
    head = dict(base, year=report.year_label, report=report.iri, report_title=_title(report))
    if not paragraphs:
        return [TaskRow(status="unchecked", task=t.number, task_title=t.title, task_iri=t.iri, **head) for t in tasks]
    paras = body(paragraphs)
    scorer = Scorer(tasks, paras, owners)
    rows = []
    for t in tasks:
        ranked = sorted(zip(scorer.scores(t), range(len(paras))), key=lambda x: (-x[0], x[1]))
        score, best = ranked[0] if ranked else (0.0, -1)
        row = TaskRow(status=status(score), task=t.number, task_title=t.title, score=_down(score), task_iri=t.iri,
                      **head)
        if best >= 0 and row.status != "not mentioned":
            p = paras[best]
            said = evidence.read(t.text or t.title, sentences(_without_heading(p))).nearest
            row.paragraph = _place(p)
            row.paragraph_iri = ids.paragraph_iri(report.iri, p.path) if p.path else None
            row.quote = max(said, key=lambda x: (x[0], -x[1]))[2] if said else p.text
        row.evidence = " | ".join(f"{s:.2f} {_place(paras[i])}" for s, i in ranked[1 if row.paragraph else 0:][:SHOWN]) or None
        rows.append(row)
    return rows


def task_view(data: GraphData, *, area: str | None = None, year: int | None = None) -> list[TaskRow]:
    """Every task of every plan that applies to an area, against each report of that area covering
    a year of the plan.  ``data`` is the read model loaded with the reports' paragraphs."""
    from kg.views.track import _chain, _resolve_area

    docs = [d for d in data.documents if d.years and d.area and (d.is_plan or d.is_report)]
    names = {a.iri: a.name for a in data.areas.values()}
    wanted = _resolve_area(area, data.areas) if area else None
    owners: dict[str, list[str]] = {}
    for a in data.assignments:
        unit = data.unit_by_iri.get(a.unit)
        if unit is not None and a.role in ("lead", "responsible"):
            owners.setdefault(a.task, []).extend(n for n in (unit.name, a.written) if len(n) >= 3)
    rows: list[TaskRow] = []
    for plan in sorted((d for d in docs if d.is_plan), key=lambda d: d.iri):
        tasks = data.tasks_in(plan.iri)
        for rep in sorted((d for d in docs if d.is_report), key=lambda d: (_local(d.area), d.years, d.iri)):
            if plan.area not in _chain(rep.area, data.areas) or not set(rep.years) & set(plan.years):
                continue
            if wanted is not None and _local(rep.area) not in wanted:
                continue
            if year is not None and year not in rep.years:
                continue
            base = dict(area=names.get(rep.area, _local(rep.area)), area_code=_local(rep.area), plan=plan.iri,
                        plan_title=_title(plan))
            rows += rows_for(tasks, rep, data.paragraphs.get(rep.iri), base, owners)
    return rows


def _title(doc: Document) -> str:
    return doc.title or doc.source or _local(doc.iri)


# ---------------------------------------------------------------- renderers

FIELDS = tuple(TaskRow.__dataclass_fields__)


def to_table(rows: list[TaskRow]) -> str:
    from kg.render.text import table

    heads = ["状态 status", "分 score", "地区 area", "年度 year", "计划 plan", "任务 task", "报告段落 paragraph",
             "报告原文 report says"]
    body_rows = [[r.status, f"{r.score:.3f}", r.area, r.year, r.plan_title, f"{r.task} {r.task_title}",
                  r.paragraph or "—", r.quote or r.evidence or ""] for r in rows]
    return table(heads, body_rows, max_width=36)


def to_json(rows: list[TaskRow]) -> str:
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1) + "\n"


def output(rows: list[TaskRow]) -> Output:
    counts = Counter(r.status for r in rows)
    return Output(FIELDS, [[getattr(r, f) for f in FIELDS] for r in rows],
                  own={"table": lambda: to_table(rows), "json": lambda: to_json(rows)}, title="tasks",
                  summary=f"{len(rows)} rows: " + ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s]))
