"""The unit–task graph as plain data, read from any store with a few SPARQL SELECT queries.

:func:`load_graph_data` returns a :class:`GraphData`: documents, tasks (with their themes,
targets and deadlines), units, and the assignments that tie a unit to a task in a role
(lead | responsible | cooperating).  Analysis (:mod:`kg.views.analyze`) and the HTML page
(:mod:`kg.viz.page`) work on this object only, never on the store.  Every list is in a fixed order:
documents by source file, tasks in document order, units by name, assignments by task, role and
position.

Filters narrow the view: ``document`` (source file name or stem, title, 文号 or IRI), ``unit``
(canonical name or any written form: that unit, its tasks and the other units of those tasks)
and ``theme`` (a theme key such as ``fangguanfu``).  They combine; a filter that matches nothing
raises :class:`NoMatch`.  Alignments stored by ``kg align`` come as :class:`PlanAlignment`: links
between loaded tasks, and gaps: higher tasks with no ``skos:closeMatch`` in the pair's graph (align
writes one for the best link iff it reaches the threshold align ran with, default 0.2).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable

from kg.errors import NoMatch
from kg.store import BaseStore

ROLES = ("lead", "responsible", "cooperating")
ROLE_ZH = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}
OPERATOR_SYMBOL = {"gteq": "≥", "lteq": "≤", "eq": "=", "gt": ">", "lt": "<"}
# unit types that name no single accountable body
COLLECTIVE_TYPES = ("CollectiveSubject", "RolePlaceholder")

_PREFIXES = """PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
_THEME_NS = "https://w3id.org/fazhi-kg/id/theme/"


@dataclass(frozen=True)
class Document:
    iri: str
    source: str
    title: str
    number: str  # 文号, "" where the document has none
    date: str
    jurisdiction: str
    jurisdiction_code: str
    genre: str  # local name of the document class: AnnualPlan, ImplementationScheme …


@dataclass(frozen=True)
class Target:
    iri: str
    text: str  # display form: "败诉率 ≤ 8%" or the qualitative goal "全覆盖"
    quantitative: bool
    clause: str  # the clause as written


@dataclass(frozen=True)
class Deadline:
    iri: str
    date: str  # ISO date
    text: str  # as written: 2021年年底前


@dataclass
class Task:
    iri: str
    document: str
    document_title: str
    source: str
    number: str  # the label as printed: "1.", "(十四)"
    ordinal: int | None
    path: str
    title: str
    themes: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def has_quantitative_target(self) -> bool:
        return any(t.quantitative for t in self.targets)


@dataclass
class Unit:
    iri: str
    name: str
    written: list[str] = field(default_factory=list)  # every form the documents use
    type: str = "OtherUnit"  # local name of org:classification
    jurisdiction: str = ""
    jurisdiction_code: str = ""

    @property
    def collective(self) -> bool:
        return self.type in COLLECTIVE_TYPES


@dataclass(frozen=True)
class Assignment:
    task: str
    unit: str
    role: str  # lead | responsible | cooperating
    position: int
    written: str = ""


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    label_en: str
    broader: str | None


@dataclass(frozen=True)
class AlignLink:
    lower: str  # task IRIs
    higher: str
    score: float
    rank: int  # 1 = the best lower task for this higher task
    best: bool  # stored as skos:closeMatch: the best link, at or above the threshold


@dataclass
class PlanAlignment:
    graph: str  # the named graph of the alignment
    lower: str  # document IRIs: the lower plan (a district's) and the higher one (its city's)
    higher: str
    links: list[AlignLink] = field(default_factory=list)  # in higher-task order, then rank
    gaps: list[str] = field(default_factory=list)  # loaded higher tasks with no best link, in task order


@dataclass
class GraphData:
    documents: list[Document] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    alignments: list[PlanAlignment] = field(default_factory=list)

    alignment_links = property(lambda self: [x for a in self.alignments for x in a.links], doc="every AlignLink")
    alignment_gaps = property(lambda self: [g for a in self.alignments for g in a.gaps], doc="every gap's task IRI")

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self.task_by_iri = {t.iri: t for t in self.tasks}
        self.unit_by_iri = {u.iri: u for u in self.units}
        self.document_by_iri = {d.iri: d for d in self.documents}
        self.theme_by_key = {t.key: t for t in self.themes}
        by_task: dict[tuple[str, str | None], list[str]] = {}
        by_unit: dict[tuple[str, str | None], dict[str, None]] = {}
        for a in self.assignments:
            for role in (a.role, None):
                by_task.setdefault((a.task, role), []).append(a.unit)
                by_unit.setdefault((a.unit, role), {}).setdefault(a.task, None)
        self._by_task, self._by_unit = by_task, by_unit
        self._indexed = (id(self.assignments), len(self.assignments), len(self.tasks), len(self.units))

    def _fresh(self) -> None:
        if self._indexed != (id(self.assignments), len(self.assignments), len(self.tasks), len(self.units)):
            self._index()

    def units_of(self, task: str, role: str | None = None) -> list[str]:
        """Units assigned to a task (in one role, or any), in assignment order; a unit may repeat across roles."""
        self._fresh()
        return list(self._by_task.get((task, role), ()))

    def tasks_of(self, unit: str, role: str | None = None) -> list[str]:
        """Distinct tasks of a unit (in one role, or any), in task order."""
        self._fresh()
        return list(self._by_unit.get((unit, role), ()))

    def to_dict(self) -> dict[str, object]:
        return {"filters": dict(sorted(self.filters.items())),
                "documents": [asdict(d) for d in self.documents], "tasks": [asdict(t) for t in self.tasks],
                "units": [asdict(u) for u in self.units], "assignments": [asdict(a) for a in self.assignments],
                "themes": [asdict(t) for t in self.themes], "alignments": [asdict(a) for a in self.alignments]}


# --- queries -----------------------------------------------------------------------------------


def _local(iri: str | None) -> str:
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _values(var: str, iris: Iterable[str] | None) -> str:
    if iris is None:
        return ""
    return "VALUES ?%s { %s }" % (var, " ".join(f"<{i}>" for i in sorted(iris)))


def _rows(store: BaseStore, body: str) -> list[dict[str, str | None]]:
    # DISTINCT rows as tuples: a union default graph may repeat a triple held by two documents
    records = store.query(_PREFIXES + body).records()
    seen: dict[tuple, dict[str, str | None]] = {}
    for r in records:
        seen.setdefault(tuple(sorted((k, v or "") for k, v in r.items())), r)
    return list(seen.values())


def _documents(store: BaseStore) -> list[Document]:
    rows = _rows(store, """
SELECT DISTINCT ?doc ?title ?number ?source ?date ?area_name ?area_code ?area ?cls WHERE {
  ?doc a eli:LegalResource .
  OPTIONAL { ?doc dct:title ?title }
  OPTIONAL { ?doc eli:id_local ?number }
  OPTIONAL { ?doc fz:sourceFile ?source }
  OPTIONAL { ?doc eli:date_document ?date }
  OPTIONAL { ?doc a ?cls . FILTER(STRSTARTS(STR(?cls), STR(fz:))) }
  OPTIONAL { ?doc eli:jurisdiction ?area .
             OPTIONAL { ?area skos:prefLabel ?area_name } OPTIONAL { ?area skos:notation ?area_code } }
}""")
    docs: dict[str, Document] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        if r["doc"] in docs:
            continue
        docs[r["doc"]] = Document(r["doc"], r["source"] or "", r["title"] or "", r["number"] or "", r["date"] or "",
                                  r["area_name"] or "", r["area_code"] or _local(r["area"]), _local(r["cls"]) or "Document")
    return sorted(docs.values(), key=lambda d: (d.source, d.iri))


def _tasks(store: BaseStore, docs: dict[str, Document], doc_filter: set[str] | None) -> list[Task]:
    rows = _rows(store, """
SELECT DISTINCT ?task ?doc ?number ?ordinal ?path ?title ?start WHERE {
  %s
  ?task a fz:Task ; fz:inDocument ?doc .
  OPTIONAL { ?task eli:number ?number }
  OPTIONAL { ?task fz:ordinal ?ordinal }
  OPTIONAL { ?task fz:path ?path }
  OPTIONAL { ?task dct:title ?title }
  OPTIONAL { ?task <http://www.w3.org/ns/prov#wasDerivedFrom>/oa:hasSelector/oa:start ?start }
}""" % _values("doc", doc_filter))
    tasks: dict[str, tuple] = {}
    for r in rows:
        doc = docs.get(r["doc"] or "")
        if doc is None or r["task"] in tasks:
            continue
        ordinal = int(r["ordinal"]) if r["ordinal"] and r["ordinal"].lstrip("-").isdigit() else None
        start = int(r["start"]) if r["start"] and r["start"].isdigit() else 1 << 40
        task = Task(r["task"], doc.iri, doc.title, doc.source, r["number"] or "", ordinal, r["path"] or "",
                    r["title"] or "")
        tasks[r["task"]] = ((doc.source, doc.iri, start, ordinal or 0, task.path, task.iri), task)
    ordered = [t for _, t in sorted(tasks.values(), key=lambda kv: kv[0])]
    by_iri = {t.iri: t for t in ordered}
    values = _values("doc", doc_filter)
    for r in sorted(_rows(store, "SELECT DISTINCT ?task ?theme WHERE { %s ?task fz:inDocument ?doc ; eli:is_about ?theme }"
                          % values), key=lambda r: (r["task"], r["theme"])):
        if r["task"] in by_iri:
            by_iri[r["task"]].themes.append(_local(r["theme"]))
    for r in _target_rows(store, values):
        if r[0] in by_iri:
            by_iri[r[0]].targets.append(r[1])
    for r in sorted(_rows(store, """
SELECT DISTINCT ?task ?d ?date ?text WHERE { %s ?task fz:inDocument ?doc ; fz:deadline ?d .
  OPTIONAL { ?d time:inXSDDate ?date } OPTIONAL { ?d rdfs:label ?text } }""" % values),
                    key=lambda r: (r["task"], r["date"] or "", r["d"])):
        if r["task"] in by_iri and all(d.iri != r["d"] for d in by_iri[r["task"]].deadlines):
            by_iri[r["task"]].deadlines.append(Deadline(r["d"], r["date"] or "", r["text"] or ""))
    return ordered


def _target_rows(store: BaseStore, values: str) -> list[tuple[str, Target]]:
    rows = _rows(store, """
SELECT DISTINCT ?task ?t ?quant ?metric ?op ?value ?unit ?label ?text WHERE {
  %s ?task fz:inDocument ?doc ; fz:hasTarget ?t .
  BIND(EXISTS { ?t a fz:QuantitativeTarget } AS ?quant)
  OPTIONAL { ?t fz:metricLabel ?metric } OPTIONAL { ?t odrl:operator ?op }
  OPTIONAL { ?t odrl:rightOperand ?value } OPTIONAL { ?t odrl:unit ?unit }
  OPTIONAL { ?t skos:prefLabel ?label } OPTIONAL { ?t fz:text ?text }
}""" % values)
    out: dict[str, tuple[str, Target]] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        if r["t"] in out:
            continue
        quant = (r["quant"] or "").lower() in ("true", "1")
        if quant:
            head = r["metric"] or r["text"] or "?"
            op = OPERATOR_SYMBOL.get(_local(r["op"]), "")
            display = f"{head} {op} {r['value'] or ''}{r['unit'] or ''}".strip() if op else head
        else:
            display = r["label"] or r["text"] or ""
        out[r["t"]] = (r["task"], Target(r["t"], display, quant, r["text"] or ""))

    def order(item: tuple[str, Target]) -> tuple:
        tail = item[1].iri.rsplit("/", 1)[-1]
        return (item[0], int(tail) if tail.isdigit() else 0, item[1].iri)

    return sorted(out.values(), key=order)


def _assignments(store: BaseStore, doc_filter: set[str] | None) -> list[Assignment]:
    rows = _rows(store, """
SELECT DISTINCT ?task ?unit ?role ?pos ?written WHERE {
  %s ?task fz:inDocument ?doc ; cv:hasParticipation ?p .
  ?p cv:hasParticipant ?unit ; cv:role ?role .
  OPTIONAL { ?p schema:position ?pos } OPTIONAL { ?p fz:writtenAs ?written }
}""" % _values("doc", doc_filter))
    role_of = {"LeadRole": "lead", "ResponsibleRole": "responsible", "CooperatingRole": "cooperating"}
    out: dict[tuple, Assignment] = {}
    for r in rows:
        role = role_of.get(_local(r["role"]))
        if role is None:
            continue
        pos = int(r["pos"]) if r["pos"] and r["pos"].isdigit() else 0
        out.setdefault((r["task"], r["unit"], role), Assignment(r["task"], r["unit"], role, pos, r["written"] or ""))
    return list(out.values())


def _units(store: BaseStore, iris: set[str]) -> dict[str, Unit]:
    if not iris:
        return {}
    rows = _rows(store, """
SELECT DISTINCT ?unit ?name ?cls ?hidden ?alt ?area ?area_name ?area_code WHERE {
  %s
  OPTIONAL { ?unit skos:prefLabel ?name } OPTIONAL { ?unit org:classification ?cls }
  OPTIONAL { ?unit skos:hiddenLabel ?hidden } OPTIONAL { ?unit skos:altLabel ?alt }
  OPTIONAL { ?unit dct:spatial ?area .
             OPTIONAL { ?area skos:prefLabel ?area_name } OPTIONAL { ?area skos:notation ?area_code } }
}""" % _values("unit", iris))
    units: dict[str, Unit] = {}
    aliases: dict[str, set[str]] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        u = units.get(r["unit"])
        if u is None:
            u = units[r["unit"]] = Unit(r["unit"], r["name"] or _local(r["unit"]), [], _local(r["cls"]) or "OtherUnit",
                                        r["area_name"] or "", r["area_code"] or _local(r["area"]))
            aliases[u.iri] = set()
        if r["hidden"]:
            aliases[u.iri].add(r["hidden"])
        if not u.jurisdiction and r["area_name"]:
            u.jurisdiction = r["area_name"]
    for iri, u in units.items():
        u.written = sorted(aliases[iri])
    return units


def _themes(store: BaseStore, keys: set[str]) -> list[Theme]:
    if not keys:
        return []
    from kg.reference import lexicon

    known = {t.key: t for t in lexicon.themes()}
    rows = _rows(store, "SELECT DISTINCT ?theme ?label WHERE { %s ?theme skos:prefLabel ?label . "
                        "FILTER(LANGMATCHES(LANG(?label), 'zh')) }" % _values("theme", {_THEME_NS + k for k in keys}))
    stored = {_local(r["theme"]): r["label"] for r in sorted(rows, key=lambda r: (r["theme"], r["label"]))}
    out = []
    for key in sorted(keys):
        t = known.get(key)
        out.append(Theme(key, stored.get(key) or (t.label_zh if t else key), t.label_en if t else "",
                         t.broader if t else None))
    return out


def _alignments(store: BaseStore, tasks: list[Task], docs: set[str]) -> list[PlanAlignment]:
    rows = _rows(store, """
SELECT DISTINCT ?g ?lower ?higher ?score ?rank ?best ?ldoc ?hdoc WHERE {
  GRAPH ?g { ?link a fz:Alignment ; fz:lowerTask ?lower ; fz:higherTask ?higher ; fz:score ?score ; fz:rank ?rank .
             BIND(EXISTS { ?lower skos:closeMatch ?higher } AS ?best) }
  ?lower fz:inDocument ?ldoc . ?higher fz:inDocument ?hdoc .
}""")
    order = {t.iri: i for i, t in enumerate(tasks)}
    pairs: dict[str, PlanAlignment] = {}
    covered: set[tuple[str, str]] = set()
    for r in sorted(rows, key=lambda r: (r["g"], order.get(r["higher"], -1), int(r["rank"] or 0), r["lower"])):
        if r["ldoc"] not in docs or r["hdoc"] not in docs or r["ldoc"] == r["hdoc"]:
            continue
        pair = pairs.setdefault(r["g"], PlanAlignment(r["g"], r["ldoc"], r["hdoc"]))
        if best := (r["best"] or "").lower() in ("true", "1"):
            covered.add((r["g"], r["higher"]))
        if r["lower"] in order and r["higher"] in order:
            pair.links.append(AlignLink(r["lower"], r["higher"], float(r["score"]), int(r["rank"]), best))
    for g, pair in pairs.items():
        pair.gaps = [t.iri for t in tasks if t.document == pair.higher and (g, t.iri) not in covered]
    return [p for p in pairs.values() if p.links or p.gaps]  # rows came sorted by graph


# --- filters -----------------------------------------------------------------------------------


def _match_documents(docs: list[Document], wanted: str) -> set[str]:
    w = wanted.strip()
    exact = {d.iri for d in docs if w in (d.iri, d.source, d.source.rsplit(".", 1)[0], d.title, d.number)}
    if exact:
        return exact
    low = w.lower()
    return {d.iri for d in docs if low and (low in d.source.lower() or low in d.title.lower())}


def load_graph_data(store: BaseStore, *, document: str | None = None, unit: str | None = None,
                    theme: str | None = None) -> GraphData:
    """Read the unit–task graph of the store (or the part the filters select)."""
    docs = _documents(store)
    doc_filter: set[str] | None = None
    if document:
        doc_filter = _match_documents(docs, document)
        if not doc_filter:
            raise NoMatch(f"no document matches {document!r} (try a source file name, a title or a 文号)")
    doc_by_iri = {d.iri: d for d in docs}
    tasks = _tasks(store, doc_by_iri, doc_filter)
    assignments = _assignments(store, doc_filter)
    units = _units(store, {a.unit for a in assignments})
    for a in sorted(assignments, key=lambda a: (a.unit, a.written)):
        u = units.get(a.unit)
        if u is not None and a.written and a.written not in u.written:
            u.written = sorted([*u.written, a.written])

    keep = {t.iri for t in tasks}
    if theme:
        key = theme.strip()
        keep = {t.iri for t in tasks if key in t.themes}
        if not keep and not any(key in t.themes for t in _tasks(store, doc_by_iri, None)):
            raise NoMatch(f"no task has the theme {theme!r}")
    if unit:
        wanted = unit.strip()
        focus = {u.iri for u in units.values() if wanted == u.name or wanted in u.written or wanted == u.iri}
        if not focus:
            raise NoMatch(f"no unit is named or written {unit!r}")
        keep &= {a.task for a in assignments if a.unit in focus}

    tasks = [t for t in tasks if t.iri in keep]
    task_order = {t.iri: i for i, t in enumerate(tasks)}
    assignments = sorted((a for a in assignments if a.task in task_order),
                         key=lambda a: (task_order[a.task], ROLES.index(a.role), a.position, a.unit))
    used_units = {a.unit for a in assignments}
    unit_list = sorted((u for u in units.values() if u.iri in used_units), key=lambda u: (u.name, u.iri))
    used_docs = {t.document for t in tasks} if (unit or theme) else (doc_filter or set(doc_by_iri))
    documents = [d for d in docs if d.iri in used_docs]
    themes = _themes(store, {k for t in tasks for k in t.themes})
    filters = {k: v for k, v in (("document", document), ("unit", unit), ("theme", theme)) if v}
    alignments = _alignments(store, tasks, {d.iri for d in documents})
    return GraphData(documents, tasks, unit_list, assignments, themes, filters, alignments)
