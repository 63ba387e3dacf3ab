"""Target tracking: what the reports of an area say about the targets and deadlines of the plans
that apply to it (a plan: to its jurisdiction and every area below it, skos:broader, for each year
of its period; a report covers its year or period).  Per target and covering report:

``met`` / ``not met``  a figure for the same metric key in a compatible unit *about the same
    thing*: the same object (what is counted or rated, read from the words before the metric or,
    where those point back, from the clause before: 12345政务热线诉求 is not 人大代表建议), the same
    scope (no other area named) and the same period (one year of the plan, not 五年来); compared
    with the target's comparator (``=``: reached in the metric's good direction; 100 only by
    equality);
``reported, different object``  a figure for the metric that fails one of those: both quotes and
    what differs, never met or not met;
``reported without a figure``  the metric's label or an alias, no figure, in a paragraph about the
    task's matter (a theme in common, or TF-IDF cosine >= MENTION_SIMILARITY);  ``not mentioned``
    neither;  ``no figure``  no figure, and the report's text was not available to look for mentions;
``no report``  the year has ended and the area has no report covering it.

Per task deadline: ``pending`` (not due as of the day given), ``done`` (a report of the deadline's
year or later has a sentence close to the deadline clause with a completion word), ``overdue``
(the area's report of that year has none; the sentences nearest the clause are shown with their
scores, so that a person can overrule it), ``no report``, or ``unchecked`` (no report text).
Everything comes from the read model (:class:`~kg.views.model.GraphData`, loaded with the
reports' paragraphs).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Callable, NamedTuple

from kg.errors import NoMatch
from kg.views import evidence
from kg.views.evidence import DONE_SIMILARITY
from kg.views.model import Area, Document, GraphData, Paragraph
from kg.views.subject import Subject, same_object, sentence_of as _sentence_of, sentences as _sentences, subject
from kg.vocab import COMPARATOR, local_name as _local
from kg.render.output import Output

EVENT_UNITS = frozenset({"次", "场", "期"})  # counts of meetings, sessions, courses
MENTION_SIMILARITY = 0.2
DIFFERENT = "reported, different object"
STATUSES = ("met", "not met", DIFFERENT, "reported without a figure", "not mentioned", "no figure",
            "done", "pending", "overdue", "no report", "unchecked")


@dataclass
class TrackRow:
    kind: str  # "target" | "deadline"
    status: str
    area: str
    area_code: str
    year: str  # "2023", or the report's period "2016-2020"
    plan: str
    plan_title: str
    task: str  # label as printed: (二十四), 27.
    task_title: str
    metric: str | None = None
    metric_label: str | None = None
    target: str | None = None  # "≤ 8%", or the deadline "2023年年底前 (2023-12-31)"
    target_text: str | None = None
    report: str | None = None
    report_title: str | None = None
    value: str | None = None  # "10%"
    report_text: str | None = None  # the achievement's clause, the mentioning or the "done" sentence
    note: str | None = None
    evidence: str | None = None  # overdue: the report's sentences nearest the deadline clause, with their scores
    target_iri: str | None = None  # which target (kind "target"): for the page's colours, not an output column

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if k != "target_iri"}


def _chain(area: str | None, areas: dict[str, Area]) -> list[str]:
    out: list[str] = []
    while area and area not in out:
        out.append(area)
        area = areas[area].parent if area in areas else None
    return out


def _resolve_area(text: str, areas: dict[str, Area]) -> dict[str, tuple[str, list[str]]]:
    """The areas ``text`` names (a name, a full name, city + district, or a code): key → (name,
    keys of the area and the areas above it)."""
    from kg.errors import FazhiError
    from kg.reference import jurisdiction as jz
    from kg.views import match

    text = text.strip()
    found: dict[str, tuple[str, list[str]]] = {}
    try:
        a = match.area(areas.values(), text)
        found[_local(a.iri)] = (text, [])
    except NoMatch:
        pass
    try:
        j = jz.by_code(text) if re.fullmatch(r"\d{6}", text) else jz.find(text)
    except (KeyError, ValueError, LookupError, FazhiError):
        j = None
    if j is not None:
        found[j.key] = (j.name, [x.key for x in j.chain()])
    if not found:
        raise NoMatch(f"unknown area '{text}': give a name (栖霞区, 南京市栖霞区) or a code (320113)")
    return found


def area_scope(area: str) -> Callable[[list[Document], dict[str, Area]], set[str]]:
    """What tracking ``area`` reads of a store (``load_graph_data``'s ``scope``): the reports of the
    area(s) ``area`` names and the plans that apply there (the area's own or an area's above it),
    so that one district's question does not read the whole country's documents."""
    def pick(docs: list[Document], areas: dict[str, Area]) -> set[str]:
        wanted = _resolve_area(area, areas)
        above = set(wanted) | {k for _, chain in wanted.values() for k in chain}  # the areas and those over them
        for iri in (a for a in areas if _local(a) in wanted):
            above.update(_local(x) for x in _chain(iri, areas))
        return {d.iri for d in docs if d.area and d.years and (
            (d.is_report and _local(d.area) in wanted) or (d.is_plan and _local(d.area) in above))}
    return pick


# ---------------------------------------------------------------- report text


class _Para(NamedTuple):
    text: str
    themes: frozenset[str]  # of the paragraph, as kg.extract.themes gives them for a task


def _para(title: str, section: str | None, text: str) -> _Para:
    from kg.extract.themes import task_themes
    from kg.model import Task

    return _Para(text, frozenset(task_themes(Task(0, "", "", title, section, text, 0, len(text)), text)))


def _paragraphs(stored: list[Paragraph]) -> list[_Para]:
    return [_para(p.title, p.section or None, p.text) for p in stored]


def _mention(paras: list[_Para], words: list[str], related: list[bool]) -> str | None:
    """The first clause naming one of ``words`` in a paragraph related to the target's task."""
    for para, ok in zip(paras, related):
        if not ok:
            continue
        for sentence in _sentences(para.text):
            for clause in re.split(r"(?<=[,，:：])", sentence):
                if any(w in clause for w in words):
                    return clause.strip(",，:：。;；!！?？ ")
    return None


# ---------------------------------------------------------------- comparing


def _num(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return None


_COMPARE = {">=": Decimal.__ge__, "<=": Decimal.__le__, ">": Decimal.__gt__, "<": Decimal.__lt__}


def compare(value: Decimal, op: str, target: Decimal, direction: str = "neutral") -> bool:
    """Whether ``value`` meets ``op target``; ``=`` means reaching it in the metric's good
    direction, and exactly for 100 (a rate cannot pass 100%)."""
    if op in _COMPARE:
        return _COMPARE[op](value, target)
    if target == 100 or direction == "neutral":
        return value == target
    return value >= target if direction == "higher_is_better" else value <= target


def units_compatible(a: str | None, b: str | None) -> bool:
    return a == b or (a in EVENT_UNITS and b in EVENT_UNITS)


def _fmt(value: str | None, unit: str | None) -> str:
    return f"{value}{unit or ''}" if value is not None else ""


# ---------------------------------------------------------------- tracking

def _order(iri: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"/(\d+)(?=/|$)", iri))


class _Tracker:
    def __init__(self, data: GraphData):
        from kg.reference.lexicon import metrics

        self.data, self.cache = data, {}
        self.metrics = {m.key: m for m in metrics()}
        self.targets = sorted(
            ((t, x) for t in data.tasks for x in t.targets if x.quantitative and x.metric),
            key=lambda tx: (tx[0].ordinal or 0, tx[0].iri, _order(tx[1].iri)))
        self.deadlines = sorted(((t, d) for t in data.tasks for d in t.deadlines),
                                key=lambda td: (td[0].ordinal or 0, td[0].iri, td[1].date))
        self.achievements = [o for o in data.observations if o.metric]
        self.themes = {t.iri: set(t.themes) for t in data.tasks}
        self.area_names = sorted({n for a in data.areas.values() for n in (a.name, *a.labels)
                                  if len(n) >= 2 and not n.isascii()}, key=lambda n: (-len(n), n))

    def paragraphs(self, doc: Document) -> list[_Para] | None:
        if doc.iri not in self.cache:
            stored = self.data.paragraphs.get(doc.iri)
            self.cache[doc.iri] = _paragraphs(stored) if stored else None
        return self.cache[doc.iri]

    def related(self, paras: list[_Para], task: str, task_text: str) -> list[bool]:
        """Which paragraphs are about the task's matter: a theme in common, or TF-IDF cosine
        (IDF over the paragraphs and the task) at least MENTION_SIMILARITY."""
        from kg.compare.align import Vectors, cosine

        themes = self.themes.get(task, set())
        vec = Vectors([p.text for p in paras] + [task_text])
        return [bool(themes & p.themes) or cosine(v, vec.vectors[-1]) >= MENTION_SIMILARITY
                for p, v in zip(paras, vec.vectors)]

    def subject_of_target(self, task, t) -> Subject:
        return self._subject(t.clause, _sentence_of(task.text, t.clause), t.metric)

    def subject_of_figure(self, a) -> Subject:
        key = (a.iri, "figure")
        if key not in self.cache:
            text = "\n".join(p.text for p in self.data.paragraphs.get(a.document, ()))
            self.cache[key] = self._subject(a.text, _sentence_of(text, a.text) if text else a.text, a.metric)
        return self.cache[key]

    def _subject(self, clause: str, sentence: str, metric: str) -> Subject:
        info = self.metrics.get(metric)
        aliases = sorted({info.label_zh, *info.aliases} if info else set(), key=lambda x: (-len(x), x))
        return subject(clause, sentence, aliases, info.label_zh if info else "", self.area_names)

    def agreement(self, want: Subject, got: Subject, plan: Document, rep: Document, area: str) -> str | None:
        """None where the figure is about what the target is about; else what differs, in words."""
        if not same_object(want.object, got.object):
            def said(x: Subject) -> str:
                return f"「{x.quoted}」" if x.object else "nothing"
            return f"different object: the plan names {said(want)}, the report {said(got)}"
        own = self.data.areas.get(area)
        labels = own.labels if own else frozenset()
        other = sorted(n for n in got.areas if n not in labels and not any(n in x or x in n for x in labels))
        named = _territory(got.quoted) if got.quoted else None
        if named is not None and named.key != _local(area) and named.name not in labels:
            other = sorted({*other, named.name})
        if other:
            return f"different scope: the figure is about {'、'.join(other)}"
        if got.period == "span":
            return "different period: the figure sums several years"
        if got.period is not None and (int(got.period) not in plan.years or int(got.period) not in rep.years):
            return f"different period: the figure is of {got.period}"
        return None

    def target_rows(self, plan: Document, base: dict, covering: list[Document], uncovered: list[int],
                    area_iri: str) -> list[TrackRow]:
        rows: list[TrackRow] = []
        for task, t in (tx for tx in self.targets if tx[0].document == plan.iri):
            op, key = t.op or None, t.metric
            info = self.metrics.get(key)
            default = info.default_unit if info else None
            unit = t.unit or default
            sign = COMPARATOR[op].symbol if op in COMPARATOR else (op or "")
            head = dict(base, kind="target", task=task.number, task_title=task.title, metric=key,
                        metric_label=info.label_zh if info else key, target_text=t.clause,
                        target=f"{sign} {_fmt(t.value or None, unit)}".strip(), target_iri=t.iri)
            want = self.subject_of_target(task, t)
            for rep in covering:
                cell = dict(head, year=rep.year_label, report=rep.iri, report_title=_title(rep))
                compared, elsewhere = 0, []
                for a in self.achievements:
                    if a.document != rep.iri or a.metric != t.metric or not units_compatible(a.unit or default, unit):
                        continue
                    value, target = _num(a.value), _num(t.value or None)
                    if value is None or target is None or op is None:
                        continue
                    differs = self.agreement(want, self.subject_of_figure(a), plan, rep, area_iri)
                    if differs:
                        elsewhere.append(TrackRow(status=DIFFERENT, value=_fmt(a.value, a.unit or None),
                                                  report_text=a.text, note=differs, **cell))
                        continue
                    ok = compare(value, op, target, info.direction if info else "neutral")
                    rows.append(TrackRow(status="met" if ok else "not met", value=_fmt(a.value, a.unit or None),
                                         report_text=a.text, **cell))
                    compared += 1
                if compared:
                    continue
                if elsewhere:
                    rows.extend(elsewhere)
                    continue
                paras = self.paragraphs(rep)
                if paras is None:
                    rows.append(TrackRow(status="no figure", note="report text not available: mentions not searched", **cell))
                    continue
                words = [info.label_zh, *info.aliases] if info else []
                said = _mention(paras, words, self.related(paras, task.iri, task.text)) if words else None
                rows.append(TrackRow(status="reported without a figure" if said else "not mentioned", report_text=said, **cell))
            rows.extend(TrackRow(status="no report", year=str(y), **head) for y in uncovered)
        return rows

    def deadline_rows(self, plan: Document, base: dict, reports: list[Document], today: date) -> list[TrackRow]:
        rows = []
        for task, d in (td for td in self.deadlines if td[0].document == plan.iri):
            due = date.fromisoformat(d.date[:10])
            clause = next((s for s in _sentences(task.text) if d.text in s), task.text)
            head = dict(base, kind="deadline", task=task.number, task_title=task.title, year=str(due.year),
                        target=f"{d.text} ({due.isoformat()})", target_text=clause)
            if due >= today:
                rows.append(TrackRow(status="pending", note=f"not due yet as of {today.isoformat()}", **head))
                continue
            later = [r for r in reports if max(r.years) >= due.year]
            rows.append(self.deadline_row(head, clause, later, due.year))
        return rows

    def deadline_row(self, head: dict, clause: str, reports: list[Document], due_year: int) -> TrackRow:
        unchecked = False
        nearest: list[tuple[float, int, str]] = []  # of the reports of the deadline's year
        for rep in reports:
            paras = self.paragraphs(rep)
            if paras is None:
                unchecked = True
                continue
            reading = evidence.read(clause, [s for p in paras for s in _sentences(p.text)])
            if due_year in rep.years:
                nearest += reading.nearest
            if reading.done:
                score, sentence = reading.done
                return TrackRow(status="done", report=rep.iri, report_title=_title(rep), report_text=sentence,
                                note=f"similarity {score:.2f}", **head)
        same_year = [r for r in reports if due_year in r.years]
        if not same_year:
            return TrackRow(status="no report", **head)
        rep = same_year[0]
        if unchecked:
            return TrackRow(status="unchecked", report=rep.iri, report_title=_title(rep), note="report text not available", **head)
        return TrackRow(status="overdue", report=rep.iri, report_title=_title(rep),
                        note=f"the report does not say the work was done (no sentence with a completion word "
                             f"scores {DONE_SIMILARITY} or more)", evidence=evidence.Reading(None, tuple(nearest)).shown(),
                        **head)


def track(data: GraphData, *, area: str | None = None, year: int | None = None,
          today: date | None = None) -> list[TrackRow]:
    """Status of every target and passed deadline of every plan, per applicable area and year.
    ``data`` is the read model loaded with the reports' paragraphs (``paragraphs=True``)."""
    today = today or date.today()
    # a document without a year cannot be placed in time
    docs = [d for d in data.documents if d.years and d.area and (d.is_plan or d.is_report)]
    areas = data.areas
    names = {a.iri: a.name for a in areas.values()}
    wanted = _resolve_area(area, areas) if area else None
    tracker = _Tracker(data)
    plans = sorted((d for d in docs if d.is_plan), key=lambda d: d.iri)
    reports = [d for d in docs if d.is_report]
    doc_areas = {d.area for d in docs}
    rows: list[TrackRow] = []
    for plan in plans:
        scope = {a for a in doc_areas | {plan.area} if plan.area in _chain(a, areas)}
        if wanted is not None:
            scope = {a for a in scope if _local(a) in wanted}
            for key, (name, chain) in wanted.items():  # an area below the plan's no document is about
                if _local(plan.area) in chain:
                    scope.add(plan.area.rsplit("/", 1)[0] + "/" + key)
                    names.setdefault(plan.area.rsplit("/", 1)[0] + "/" + key, name)
        for area_iri in sorted(scope, key=_local):
            base = dict(area=names.get(area_iri, _local(area_iri)), area_code=_local(area_iri),
                        plan=plan.iri, plan_title=_title(plan))
            own = sorted((r for r in reports if r.area == area_iri), key=lambda r: (r.years, r.iri))
            covering = [r for r in own if set(r.years) & set(plan.years)]
            uncovered = [y for y in plan.years if date(y, 12, 31) < today and not any(y in r.years for r in own)]
            rows += tracker.target_rows(plan, base, covering, uncovered, area_iri)
            rows += tracker.deadline_rows(plan, base, own, today)
    if year is not None:
        rows = [r for r in rows if int(r.year[:4]) <= year <= int(r.year[-4:])]
    return rows


def _territory(words: str):
    """The territory (GB/T 2260) the words before a figure name, if any: 江宁区12345热线 → 江宁区."""
    from kg.errors import FazhiError
    from kg.reference import jurisdiction as jz

    try:
        return jz.find(words)
    except (KeyError, ValueError, LookupError, FazhiError):
        return None


def _title(doc: Document) -> str:
    return doc.title or doc.source or _local(doc.iri)


# ---------------------------------------------------------------- renderers

FIELDS = tuple(f for f in TrackRow.__dataclass_fields__ if f != "target_iri")


def to_table(rows: list[TrackRow]) -> str:
    from kg.render.text import table

    heads = ["状态 status", "地区 area", "年度 year", "计划 plan", "任务 task", "目标 target",
             "目标原文 target says", "报告值 value", "报告原文 report says"]
    body = [[r.status, r.area, r.year, r.plan_title, r.task,
             f"{r.metric_label or ''} {r.target or ''}".strip(), r.target_text, r.value or "",
             r.report_text or r.evidence or ("—" if r.report is None else "")] for r in rows]
    return table(heads, body, max_width=36)


def output(rows: list[TrackRow]) -> Output:
    return Output(FIELDS, [[getattr(r, f) for f in FIELDS] for r in rows],
                  own={"table": lambda: to_table(rows), "json": lambda: to_json(rows)}, title="tracking",
                  summary=f"{len(rows)} rows")


def to_json(rows: list[TrackRow]) -> str:
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1) + "\n"
