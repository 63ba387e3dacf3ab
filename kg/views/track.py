"""Target tracking: what the reports of an area say about the targets and deadlines of the plans
that apply to it (a plan: to its jurisdiction and every area below it, skos:broader, for each year
of its period; a report covers its year or period).  Per target and covering report:

``met`` / ``not met``  a figure for the same metric key in a compatible unit, compared with the
    target's comparator (``=``: reached in the metric's good direction; 100 only by equality);
``reported without a figure``  the metric's label or an alias, no figure, in a paragraph about the
    task's matter (a theme in common, or TF-IDF cosine >= MENTION_SIMILARITY);  ``not mentioned``  neither;  ``no figure``  no figure, and the
    report's text was not available to look for mentions;
``no report``  the year has ended and the area has no report covering it.

Per passed task deadline: ``done`` (a report of the deadline's year or later has a sentence close
to the deadline clause with a completion word), ``overdue`` (the area's report of that year has
none), ``no report``, or ``unchecked`` (no report text).  Facts come from the graph; report text
from nodes with fz:inDocument + fz:text where the mapping stores them, else from re-reading
fz:sourceFile (bundled samples or ``sources``), used only if its SHA-256 matches fz:sha256.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, NamedTuple

from kg.errors import FazhiError
from kg.vocab import SPARQL_PREFIXES
from kg.store import BaseStore

PLAN_CLASSES = ("AnnualPlan", "WorkPoints", "ImplementationScheme")
REPORT_CLASSES = ("AnnualReport", "CongressReport")
OPS = {"gteq": ">=", "lteq": "<=", "eq": "=", "gt": ">", "lt": "<"}
SIGN = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
EVENT_UNITS = frozenset({"次", "场", "期"})  # counts of meetings, sessions, courses
DONE_WORDS = re.compile(r"已|完成|建成|实现|全覆盖|到位|出台|印发|公布")
DONE_SIMILARITY = 0.35
MENTION_SIMILARITY = 0.2
STATUSES = ("met", "not met", "reported without a figure", "not mentioned", "no figure",
            "done", "overdue", "no report", "unchecked")

_PREFIXES = SPARQL_PREFIXES


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

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class _Doc(NamedTuple):
    iri: str
    cls: str
    title: str
    area: str | None
    years: tuple[int, ...]
    source: str | None
    sha256: str | None

    @property
    def year_label(self) -> str:
        return str(self.years[0]) if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"


def _local(iri: str | None) -> str:
    return re.split(r"[/#]", iri or "")[-1]


def _records(store: BaseStore, body: str) -> list[dict[str, str | None]]:
    return store.query(_PREFIXES + body).records()


def _documents(store: BaseStore) -> dict[str, _Doc]:
    classes = " ".join(f"fz:{c}" for c in PLAN_CLASSES + REPORT_CLASSES)
    docs = {}
    for r in _records(store, f"""SELECT ?doc ?cls ?title ?year ?start ?end ?area ?source ?sha WHERE {{
        VALUES ?cls {{ {classes} }} ?doc a ?cls .
        OPTIONAL {{ ?doc dct:title ?title }} OPTIONAL {{ ?doc fz:year ?year }}
        OPTIONAL {{ ?doc fz:periodStart ?start ; fz:periodEnd ?end }} OPTIONAL {{ ?doc eli:jurisdiction ?area }}
        OPTIONAL {{ ?doc fz:sourceFile ?source }} OPTIONAL {{ ?doc fz:sha256 ?sha }} }}"""):
        if r["year"]:
            years = (int(r["year"][:4]),)
        elif r["start"] and r["end"]:
            years = tuple(range(int(r["start"][:4]), int(r["end"][:4]) + 1))
        else:
            continue  # a document without a year cannot be placed in time
        docs[r["doc"]] = _Doc(r["doc"], _local(r["cls"]), r["title"] or r["source"] or _local(r["doc"]),
                              r["area"], years, r["source"], r["sha"])
    return docs


def _areas(store: BaseStore) -> tuple[dict[str, str], dict[str, str | None], dict[str, set[str]]]:
    """Area IRI → name, → parent IRI, → every label it is known by."""
    names, parents, labels = {}, {}, {}
    for r in _records(store, """SELECT ?area ?name ?alt ?code ?parent WHERE { ?area a dct:Location ; skos:prefLabel ?name .
        OPTIONAL { ?area skos:altLabel ?alt } OPTIONAL { ?area skos:notation ?code } OPTIONAL { ?area skos:broader ?parent } }"""):
        names[r["area"]] = r["name"]
        parents.setdefault(r["area"], r["parent"])
        labels.setdefault(r["area"], {_local(r["area"])}).update(x for x in (r["name"], r["alt"], r["code"]) if x)
    return names, parents, labels


def _chain(area: str | None, parents: dict[str, str | None]) -> list[str]:
    out: list[str] = []
    while area and area not in out:
        out.append(area)
        area = parents.get(area)
    return out


def _resolve_area(text: str, labels: dict[str, set[str]]) -> dict[str, tuple[str, list[str]]]:
    """The areas ``text`` names (a name, a full name, city + district, or a code): key → (name,
    keys of the area and the areas above it)."""
    from kg.reference import jurisdiction as jz

    text = text.strip()
    found = {_local(a): (text, []) for a, ls in labels.items() if text in ls}
    try:
        j = jz.by_code(text) if re.fullmatch(r"\d{6}", text) else jz.find(text)
    except (KeyError, ValueError, LookupError, FazhiError):
        j = None
    if j is not None:
        found[j.key] = (j.name, [x.key for x in j.chain()])
    if not found:
        raise FazhiError(f"unknown area '{text}': give a name (栖霞区, 南京市栖霞区) or a code (320113)")
    return found


# ---------------------------------------------------------------- report text


class _Para(NamedTuple):
    text: str
    themes: frozenset[str]  # of the paragraph, as kg.extract.themes gives them for a task


def _para(title: str, section: str | None, text: str) -> _Para:
    from kg.extract.themes import task_themes
    from kg.model import Task

    return _Para(text, frozenset(task_themes(Task(0, "", "", title, section, text, 0, len(text)), text)))


def _find_source(doc: _Doc, sources: Iterable[Path]) -> Path | None:
    from kg.resources import samples_dir

    if not doc.source:
        return None
    for place in (samples_dir(), *sources):
        candidate = place if place.is_file() else place / doc.source
        if candidate.name != doc.source or not candidate.is_file():
            continue
        if doc.sha256 and hashlib.sha256(candidate.read_bytes()).hexdigest() != doc.sha256:
            continue
        return candidate
    return None


def _report_paragraphs(store: BaseStore, doc: _Doc, sources: list[Path], cache: dict) -> list[_Para] | None:
    """The body paragraphs of a report, or None when its text is not available."""
    if doc.iri in cache:
        return cache[doc.iri]
    rows = _records(store, f"""SELECT ?node ?text ?title ?section WHERE {{ ?node fz:inDocument <{doc.iri}> ; fz:text ?text .
        FILTER NOT EXISTS {{ ?node fz:hasTarget ?t }} OPTIONAL {{ ?node dct:title ?title }}
        OPTIONAL {{ ?node eli:is_part_of ?parent . ?parent dct:title ?section }} }} ORDER BY ?node""")
    paras = [_para(r["title"] or "", r["section"], r["text"]) for r in rows] if rows else None
    path = None if rows else _find_source(doc, sources)
    if path is not None:
        from kg.extract.pipeline import extract_path

        result, paras = extract_path(path), []

        def visit(nodes, parent) -> None:  # document order; the body only, as for achievements
            for node in nodes:
                if node.role is None and node.kind != "block":
                    paras.append(_para(node.title, parent.title if parent else None, result.text[node.start: node.end]))
                visit(node.children, node)

        visit(result.outline, None)
    cache[doc.iri] = paras
    return paras


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。;；!！?？])|\n", text) if s.strip()]


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

_TARGETS = """SELECT ?doc ?task ?label ?title ?ordinal ?task_text ?target ?metric ?op ?value ?unit ?text WHERE {
    ?task fz:inDocument ?doc ; fz:hasTarget ?target ; eli:number ?label ; dct:title ?title ; fz:ordinal ?ordinal ;
          fz:text ?task_text .
    ?target a odrl:Constraint ; odrl:leftOperand ?metric ; fz:text ?text .
    OPTIONAL { ?target odrl:operator ?op } OPTIONAL { ?target odrl:rightOperand ?value } OPTIONAL { ?target odrl:unit ?unit } }"""
_DEADLINES = """SELECT ?doc ?task ?label ?title ?ordinal ?deadline ?date ?phrase ?text WHERE {
    ?task fz:inDocument ?doc ; fz:deadline ?deadline ; eli:number ?label ; dct:title ?title ; fz:ordinal ?ordinal ; fz:text ?text .
    ?deadline time:inXSDDate ?date ; rdfs:label ?phrase . }"""
_ACHIEVEMENTS = """SELECT ?obs ?doc ?metric ?value ?unit ?text WHERE {
    ?obs fz:reportedIn ?doc ; fz:metric ?metric ; sdmx-measure:obsValue ?value ; fz:text ?text .
    OPTIONAL { ?obs sdmx-attribute:unitMeasure ?unit } }"""


def _order(iri: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"/(\d+)(?=/|$)", iri))


class _Tracker:
    def __init__(self, store: BaseStore, sources: list[Path]):
        from kg.reference.lexicon import metrics

        self.store, self.sources, self.cache = store, sources, {}
        self.metrics = {m.key: m for m in metrics()}
        self.targets = sorted(_records(store, _TARGETS), key=lambda r: (int(r["ordinal"] or 0), r["task"], _order(r["target"])))
        self.deadlines = sorted(_records(store, _DEADLINES), key=lambda r: (int(r["ordinal"] or 0), r["task"], r["date"]))
        self.achievements = sorted(_records(store, _ACHIEVEMENTS), key=lambda r: (r["doc"], _order(r["obs"])))
        self.themes: dict[str, set[str]] = {}
        for r in _records(store, "SELECT ?task ?theme WHERE { ?task fz:inDocument ?doc ; eli:is_about ?theme }"):
            self.themes.setdefault(r["task"], set()).add(_local(r["theme"]))

    def paragraphs(self, doc: _Doc) -> list[_Para] | None:
        return _report_paragraphs(self.store, doc, self.sources, self.cache)

    def related(self, paras: list[_Para], task: str, task_text: str) -> list[bool]:
        """Which paragraphs are about the task's matter: a theme in common, or TF-IDF cosine
        (IDF over the paragraphs and the task) at least MENTION_SIMILARITY."""
        from kg.compare.align import Vectors, cosine

        themes = self.themes.get(task, set())
        vec = Vectors([p.text for p in paras] + [task_text])
        return [bool(themes & p.themes) or cosine(v, vec.vectors[-1]) >= MENTION_SIMILARITY
                for p, v in zip(paras, vec.vectors)]

    def target_rows(self, plan: _Doc, base: dict, covering: list[_Doc], uncovered: list[int]) -> list[TrackRow]:
        rows: list[TrackRow] = []
        for t in (t for t in self.targets if t["doc"] == plan.iri):
            op, key = OPS.get(_local(t["op"])), _local(t["metric"])
            info = self.metrics.get(key)
            default = info.default_unit if info else None
            unit = t["unit"] or default
            head = dict(base, kind="target", task=t["label"], task_title=t["title"], metric=key,
                        metric_label=info.label_zh if info else key, target_text=t["text"],
                        target=f"{SIGN.get(op or '', op or '')} {_fmt(t['value'], unit)}".strip())
            for rep in covering:
                cell = dict(head, year=rep.year_label, report=rep.iri, report_title=rep.title)
                compared = 0
                for a in self.achievements:
                    if a["doc"] != rep.iri or a["metric"] != t["metric"] or not units_compatible(a["unit"] or default, unit):
                        continue
                    value, target = _num(a["value"]), _num(t["value"])
                    if value is None or target is None or op is None:
                        continue
                    ok = compare(value, op, target, info.direction if info else "neutral")
                    rows.append(TrackRow(status="met" if ok else "not met", value=_fmt(a["value"], a["unit"]),
                                         report_text=a["text"], **cell))
                    compared += 1
                if compared:
                    continue
                paras = self.paragraphs(rep)
                if paras is None:
                    rows.append(TrackRow(status="no figure", note="report text not available: mentions not searched", **cell))
                    continue
                words = [info.label_zh, *info.aliases] if info else []
                said = _mention(paras, words, self.related(paras, t["task"], t["task_text"])) if words else None
                rows.append(TrackRow(status="reported without a figure" if said else "not mentioned", report_text=said, **cell))
            rows.extend(TrackRow(status="no report", year=str(y), **head) for y in uncovered)
        return rows

    def deadline_rows(self, plan: _Doc, base: dict, reports: list[_Doc], today: date) -> list[TrackRow]:
        rows = []
        for d in (d for d in self.deadlines if d["doc"] == plan.iri):
            due = date.fromisoformat(d["date"][:10])
            if due >= today:
                continue
            clause = next((s for s in _sentences(d["text"]) if d["phrase"] in s), d["text"])
            head = dict(base, kind="deadline", task=d["label"], task_title=d["title"], year=str(due.year),
                        target=f"{d['phrase']} ({due.isoformat()})", target_text=clause)
            later = [r for r in reports if max(r.years) >= due.year]
            rows.append(self.deadline_row(head, clause, later, due.year))
        return rows

    def deadline_row(self, head: dict, clause: str, reports: list[_Doc], due_year: int) -> TrackRow:
        from kg.compare.align import Vectors, cosine

        unchecked = False
        for rep in reports:
            paras = self.paragraphs(rep)
            if paras is None:
                unchecked = True
                continue
            sentences = [s for p in paras for s in _sentences(p.text)]
            if not sentences:
                continue
            vec = Vectors(sentences + [clause])
            scored = [(cosine(vec.vectors[-1], v), s) for v, s in zip(vec.vectors, sentences) if DONE_WORDS.search(s)]
            score, sentence = max(scored, default=(0.0, None), key=lambda x: x[0])
            if sentence is not None and score >= DONE_SIMILARITY:
                return TrackRow(status="done", report=rep.iri, report_title=rep.title, report_text=sentence,
                                note=f"similarity {score:.2f}", **head)
        same_year = [r for r in reports if due_year in r.years]
        if not same_year:
            return TrackRow(status="no report", **head)
        rep = same_year[0]
        if unchecked:
            return TrackRow(status="unchecked", report=rep.iri, report_title=rep.title, note="report text not available", **head)
        return TrackRow(status="overdue", report=rep.iri, report_title=rep.title,
                        note="the report does not say the work was done", **head)


def track(store: BaseStore, *, area: str | None = None, year: int | None = None,
          today: date | None = None, sources: Iterable[str | Path] = ()) -> list[TrackRow]:
    """Status of every target and passed deadline of every plan, per applicable area and year.

    ``sources``: files or folders where the source files of reports may be found (the bundled
    samples are always searched), to look for mentions when the graph holds no report text."""
    today = today or date.today()
    docs = _documents(store)
    names, parents, labels = _areas(store)
    wanted = _resolve_area(area, labels) if area else None
    tracker = _Tracker(store, [Path(s) for s in sources])
    plans = sorted((d for d in docs.values() if d.cls in PLAN_CLASSES and d.area), key=lambda d: d.iri)
    reports = [d for d in docs.values() if d.cls in REPORT_CLASSES and d.area]
    doc_areas = {d.area for d in docs.values() if d.area}
    rows: list[TrackRow] = []
    for plan in plans:
        scope = {a for a in doc_areas | {plan.area} if plan.area in _chain(a, parents)}
        if wanted is not None:
            scope = {a for a in scope if _local(a) in wanted}
            for key, (name, chain) in wanted.items():  # an area below the plan's no document is about
                if _local(plan.area) in chain:
                    scope.add(plan.area.rsplit("/", 1)[0] + "/" + key)
                    names.setdefault(plan.area.rsplit("/", 1)[0] + "/" + key, name)
        for area_iri in sorted(scope, key=_local):
            base = dict(area=names.get(area_iri, _local(area_iri)), area_code=_local(area_iri),
                        plan=plan.iri, plan_title=plan.title)
            own = sorted((r for r in reports if r.area == area_iri), key=lambda r: (r.years, r.iri))
            covering = [r for r in own if set(r.years) & set(plan.years)]
            uncovered = [y for y in plan.years if date(y, 12, 31) < today and not any(y in r.years for r in own)]
            rows += tracker.target_rows(plan, base, covering, uncovered)
            rows += tracker.deadline_rows(plan, base, own, today)
    if year is not None:
        rows = [r for r in rows if int(r.year[:4]) <= year <= int(r.year[-4:])]
    return rows


# ---------------------------------------------------------------- renderers

FIELDS = tuple(TrackRow.__dataclass_fields__)


def to_table(rows: list[TrackRow]) -> str:
    from kg.render.text import table

    heads = ["状态 status", "地区 area", "年度 year", "计划 plan", "任务 task", "目标 target",
             "目标原文 target says", "报告值 value", "报告原文 report says"]
    body = [[r.status, r.area, r.year, r.plan_title, r.task,
             f"{r.metric_label or ''} {r.target or ''}".strip(), r.target_text, r.value or "",
             r.report_text or ("—" if r.report is None else "")] for r in rows]
    return table(heads, body, max_width=36)


def to_csv(rows: list[TrackRow]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in r.to_dict().items()})
    return buf.getvalue()


def to_json(rows: list[TrackRow]) -> str:
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1) + "\n"
