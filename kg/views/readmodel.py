"""Read the graph of any store into a :class:`~kg.views.model.GraphData`: the one reader every
view (analyze, matrix, track, the page) uses, with a few SPARQL SELECTs.

Filters narrow the view: ``document``, ``unit`` and ``theme`` (matched by :mod:`kg.views.match`:
exact names only, an ambiguous name is an error listing the candidates).  They combine.
Alignments stored by ``fazhi-kg align`` come as :class:`PlanAlignment`: links between loaded
tasks, and gaps: higher tasks with no ``fz:implements`` in the pair's graph (align writes one
for the best link iff it reaches the threshold align ran with, default 0.2).
"""

from __future__ import annotations

from typing import Callable, Iterable

from kg.errors import NoMatch
from kg.store import BaseStore
from kg.views import match
from kg.views.model import (AlignLink, Area, Assignment, Deadline, Document, GraphData, LedgerEntry, Observation,
                            Paragraph, PlanAlignment, Target, Task, Theme, Unit, ROLES)
from kg.vocab import COMPARATOR_BY_ODRL, ROLE_BY_CONCEPT, SPARQL_PREFIXES, local_name as _local

_THEME_NS = "https://w3id.org/fazhi-kg/id/theme/"


# --- queries -----------------------------------------------------------------------------------


def _values(var: str, iris: Iterable[str] | None) -> str:
    if iris is None:
        return ""
    if not iris:  # nothing chosen (an empty VALUES block is valid SPARQL, but rdflib fails on it)
        return "FILTER(false)"
    return "VALUES ?%s { %s }" % (var, " ".join(f"<{i}>" for i in sorted(iris)))


def _rows(store: BaseStore, body: str) -> list[dict[str, str | None]]:
    # DISTINCT rows as tuples: a union default graph may repeat a triple held by two documents
    records = store.query(SPARQL_PREFIXES + body).records()
    seen: dict[tuple, dict[str, str | None]] = {}
    for r in records:
        seen.setdefault(tuple(sorted((k, v or "") for k, v in r.items())), r)
    return list(seen.values())


def _documents(store: BaseStore) -> list[Document]:
    rows = _rows(store, """
SELECT DISTINCT ?doc ?title ?number ?source ?date ?area_name ?area_code ?area ?cls ?year ?start ?end WHERE {
  ?doc a eli:LegalResource .
  OPTIONAL { ?doc dct:title ?title }
  OPTIONAL { ?doc fz:year ?year } OPTIONAL { ?doc fz:periodStart ?start ; fz:periodEnd ?end }
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
        if r["year"]:
            years: tuple[int, ...] = (int(r["year"][:4]),)
        elif r["start"] and r["end"]:
            years = tuple(range(int(r["start"][:4]), int(r["end"][:4]) + 1))
        else:
            years = ()
        docs[r["doc"]] = Document(r["doc"], r["source"] or "", r["title"] or "", r["number"] or "", r["date"] or "",
                                  r["area_name"] or "", r["area_code"] or _local(r["area"]), _local(r["cls"]) or "Document",
                                  r["area"] or "", years)
    return sorted(docs.values(), key=lambda d: (d.source, d.iri))


def _tasks(store: BaseStore, docs: dict[str, Document], doc_filter: set[str] | None) -> list[Task]:
    rows = _rows(store, """
SELECT DISTINCT ?task ?doc ?number ?ordinal ?path ?title ?start ?text WHERE {
  %s
  ?task a fz:Task ; fz:inDocument ?doc .
  OPTIONAL { ?task fz:text ?text }
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
                    r["title"] or "", text=r["text"] or "")
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
SELECT DISTINCT ?task ?t ?quant ?metric ?key ?op ?value ?unit ?label ?text ?scope ?rec WHERE {
  %s ?task fz:inDocument ?doc ; fz:hasTarget ?t .
  BIND(EXISTS { ?t a fz:QuantitativeTarget } AS ?quant)
  OPTIONAL { ?t fz:metricLabel ?metric } OPTIONAL { ?t fz:metric ?key } OPTIONAL { ?t fz:comparator ?op }
  OPTIONAL { ?t fz:targetValue ?value } OPTIONAL { ?t fz:unit ?unit }
  OPTIONAL { ?t skos:prefLabel ?label } OPTIONAL { ?t fz:text ?text }
  OPTIONAL { ?t fz:scope ?scope } OPTIONAL { ?t fz:recurrence ?rec }
}""" % values)
    out: dict[str, tuple[str, Target]] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        if r["t"] in out:
            continue
        quant = (r["quant"] or "").lower() in ("true", "1")
        comparator = COMPARATOR_BY_ODRL.get(_local(r["op"]))
        if quant:
            head = r["metric"] or r["text"] or "?"
            display = f"{head} {comparator.symbol} {r['value'] or ''}{r['unit'] or ''}".strip() if comparator else head
        else:
            display = r["label"] or r["text"] or ""
        out[r["t"]] = (r["task"], Target(r["t"], display, quant, r["text"] or "", metric=_local(r["key"]),
                                         metric_label=r["metric"] or "", op=comparator.op if comparator else "",
                                         value=r["value"] or "", unit=r["unit"] or "", scope=r["scope"] or "",
                                         recurrence=r["rec"] or ""))

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
    out: dict[tuple, Assignment] = {}
    for r in rows:
        role = ROLE_BY_CONCEPT.get(_local(r["role"]))
        if role is None:
            continue
        role = role.key
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
             BIND(EXISTS { ?lower fz:implements ?higher } AS ?best) }
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
    by_document: dict[str, list[str]] = {}  # grouped once: pairs × tasks would grow with the square of the corpus
    for t in tasks:
        by_document.setdefault(t.document, []).append(t.iri)
    for g, pair in pairs.items():
        pair.gaps = [iri for iri in by_document.get(pair.higher, ()) if (g, iri) not in covered]
    return [p for p in pairs.values() if p.links or p.gaps]  # rows came sorted by graph


def _observations(store: BaseStore, docs: set[str]) -> list[Observation]:
    if not docs:
        return []
    rows = _rows(store, """
SELECT DISTINCT ?obs ?doc ?metric ?value ?unit ?text ?label ?area ?period WHERE {
  %s ?obs fz:reportedIn ?doc ; sdmx-measure:obsValue ?value .
  OPTIONAL { ?obs fz:metric ?metric } OPTIONAL { ?obs sdmx-attribute:unitMeasure ?unit } OPTIONAL { ?obs fz:text ?text }
  OPTIONAL { ?obs fz:metricLabel ?label } OPTIONAL { ?obs sdmx-dimension:refArea ?area }
  OPTIONAL { ?obs sdmx-dimension:refPeriod ?period }
}""" % _values("doc", docs))
    found: dict[str, Observation] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        found.setdefault(r["obs"], Observation(r["obs"], r["doc"], _local(r["metric"]), r["value"] or "", r["unit"] or "",
                                               r["text"] or "", r["label"] or "", r["area"] or "", r["period"] or ""))
    out = list(found.values())
    return sorted(out, key=lambda o: (o.document, _numbers(o.iri), o.iri))


def _numbers(iri: str) -> tuple[int, ...]:
    import re

    return tuple(int(x) for x in re.findall(r"/(\d+)(?=/|$)", iri))


def _areas(store: BaseStore) -> dict[str, Area]:
    # every document writes the areas it names into its own graph, so in the union each triple of
    # a province comes once per document naming it: each property is made distinct on its own
    # before they are joined (joined first, 60 documents of one province gave 60⁴ rows)
    rows = _rows(store, """SELECT ?area ?name ?alt ?code ?parent WHERE {
        { SELECT DISTINCT ?area ?name WHERE { ?area a dct:Location ; skos:prefLabel ?name } }
        OPTIONAL { SELECT DISTINCT ?area ?alt WHERE { ?area a dct:Location ; skos:altLabel ?alt } }
        OPTIONAL { SELECT DISTINCT ?area ?code WHERE { ?area a dct:Location ; skos:notation ?code } }
        OPTIONAL { SELECT DISTINCT ?area ?parent WHERE { ?area a dct:Location ; skos:broader ?parent } } }""")
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    labels: dict[str, set[str]] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        names.setdefault(r["area"], r["name"])
        codes.setdefault(r["area"], r["code"] or _local(r["area"]))
        parents.setdefault(r["area"], r["parent"])
        labels.setdefault(r["area"], {_local(r["area"])}).update(x for x in (r["name"], r["alt"], r["code"]) if x)
    return {a: Area(a, names[a], codes[a], parents[a], frozenset(labels[a])) for a in sorted(names)}


def paragraphs(store: BaseStore, document: str) -> list[Paragraph]:
    """A report's body paragraphs (the mapping stores them with their text), in document order."""
    rows = store.query(SPARQL_PREFIXES + f"""SELECT ?node ?path ?text ?title ?section WHERE {{
        ?node fz:inDocument <{document}> ; fz:text ?text . FILTER NOT EXISTS {{ ?node fz:hasTarget ?t }}
        OPTIONAL {{ ?node fz:path ?path }} OPTIONAL {{ ?node dct:title ?title }}
        OPTIONAL {{ ?node eli:is_part_of ?parent . ?parent dct:title ?section }} }} ORDER BY ?node""").records()
    return [Paragraph(r["path"] or "", r["title"] or "", r["section"] or "", r["text"]) for r in rows]


def ledger_entries(store: BaseStore, plan: str | None = None) -> list[LedgerEntry]:
    """Every row of every ledger return in the store (of one plan's tasks, or all), oldest return
    first; a later return of a unit for a task supersedes the earlier, which stays."""
    rows = _rows(store, """
SELECT DISTINCT ?g ?task ?unit ?status ?updated ?completed ?progress ?problems ?next ?evidence ?written ?file ?sheet ?row
WHERE {
  GRAPH ?g { ?p a fz:ProgressReport ; fz:aboutTask ?task ; prov:wasAttributedTo ?unit ; prov:generatedAtTime ?updated .
    OPTIONAL { ?p fz:progressStatus ?status } OPTIONAL { ?p fz:completedOn ?completed }
    OPTIONAL { ?p fz:progressText ?progress } OPTIONAL { ?p fz:progressProblem ?problems }
    OPTIONAL { ?p fz:progressNextStep ?next } OPTIONAL { ?p fz:progressEvidence ?evidence }
    OPTIONAL { ?p fz:reportedAs ?written } OPTIONAL { ?p fz:ledgerSheet ?sheet } OPTIONAL { ?p fz:ledgerRow ?row }
    OPTIONAL { ?g fz:ledgerFile ?file } }
  %s
}""" % ("?task fz:inDocument <%s> ." % plan if plan else ""))
    out: dict[tuple[str, str, str], LedgerEntry] = {}
    for r in sorted(rows, key=lambda r: tuple(v or "" for v in r.values())):
        key = (r["g"], r["task"], r["unit"])
        out.setdefault(key, LedgerEntry(
            r["g"], r["task"], r["unit"], r["status"] or "", (r["updated"] or "")[:10], (r["completed"] or "")[:10],
            r["progress"] or "", r["problems"] or "", r["next"] or "", r["evidence"] or "", r["written"] or "",
            r["file"] or "", r["sheet"] or "", int(r["row"]) if (r["row"] or "").isdigit() else 0))
    return sorted(out.values(), key=lambda e: (e.updated, e.graph, e.task, e.unit))


def areas(store: BaseStore) -> dict[str, Area]:
    """Every area the store knows, by IRI."""
    return _areas(store)


def documents(store: BaseStore) -> list[Document]:
    """Every document in the store, by source file name."""
    return _documents(store)


def load_graph_data(store: BaseStore, *, document: str | None = None, unit: str | None = None,
                    theme: str | None = None, with_paragraphs: bool = False,
                    scope: Callable[[list[Document], dict[str, Area]], set[str]] | None = None) -> GraphData:
    """Read the unit–task graph of the store (or the part the filters select); with
    ``with_paragraphs``, the body paragraphs of its reports too (what tracking reads).  ``scope``
    picks the documents to read from the store's catalogue (their IRIs), so that a question about
    one area reads that area's documents and not the whole store."""
    docs = _documents(store)
    areas = _areas(store)
    doc_filter: set[str] | None = None
    if document:
        doc_filter = {match.document(docs, document).iri}
    if scope is not None:
        chosen = scope(docs, areas)
        doc_filter = chosen if doc_filter is None else doc_filter & chosen
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
        focus = {match.unit(list(units.values()), unit).iri}
        keep &= {a.task for a in assignments if a.unit in focus}

    tasks = [t for t in tasks if t.iri in keep]
    task_order = {t.iri: i for i, t in enumerate(tasks)}
    assignments = sorted((a for a in assignments if a.task in task_order),
                         key=lambda a: (task_order[a.task], ROLES.index(a.role), a.position, a.unit))
    used_units = {a.unit for a in assignments}
    unit_list = sorted((u for u in units.values() if u.iri in used_units), key=lambda u: (u.name, u.iri))
    used_docs = {t.document for t in tasks} if (unit or theme) else (set(doc_by_iri) if doc_filter is None else doc_filter)
    documents = [d for d in docs if d.iri in used_docs]
    themes = _themes(store, {k for t in tasks for k in t.themes})
    filters = {k: v for k, v in (("document", document), ("unit", unit), ("theme", theme)) if v}
    alignments = _alignments(store, tasks, {d.iri for d in documents})
    observations = _observations(store, {d.iri for d in documents if d.is_report})
    paras = {d.iri: paragraphs(store, d.iri) for d in documents if d.is_report} if with_paragraphs else {}
    return GraphData(documents, tasks, unit_list, assignments, themes, filters, alignments, observations, areas,
                     paras)
