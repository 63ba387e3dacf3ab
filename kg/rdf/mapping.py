"""Extraction → RDF quads, one named graph per source document.

The only module that knows RDF vocabulary.  It produces quads as N-Triples term strings, so the
same output feeds every store (Oxigraph loads N-Quads, rdflib parses them, a remote endpoint
takes them inside ``INSERT DATA``) and sorts into byte-identical exports.

IRIs come from :mod:`kg.ids`; vocabulary keys (roles, genres, unit types, comparators) from
:mod:`kg.vocab`.
"""

from __future__ import annotations

from kg import EXTRACTOR_VERSION, ids
from kg.model import (
    Achievement,
    Deadline,
    Extraction,
    Jurisdiction,
    Obligation,
    Target,
    Task,
    Unit,
)
from kg.rdf.tally import Tally
from kg.rdf.terms import A, Quad, decimal, fz, integer, iri, lit, v, zh
from kg.vocab import COMPARATOR, GENRE, REPORT_GENRES, ROLE, ROLE_KEYS, UNIT_TYPE, XSD


def document_key(result: Extraction) -> str:
    meta = result.document
    return ids.document_key(meta.jurisdiction.key if meta.jurisdiction else None, meta.year, meta.period,
                            meta.doc_number, meta.title, meta.sha256, meta.source)


def document_iri(result: Extraction) -> str:
    return ids.document_iri(document_key(result))


def graph_iri(result: Extraction) -> str:
    return ids.graph_iri(document_key(result))


def _class_of(genre: str | None) -> str:
    return GENRE[genre].cls if genre in GENRE else "Document"


def _unit_concept(unit_type: str) -> str:
    return (UNIT_TYPE.get(unit_type) or UNIT_TYPE["other"]).concept


# --- mapping -----------------------------------------------------------------------------------


class _Graph:
    def __init__(self, graph: str):
        self.g = iri(graph)
        self.quads: list[Quad] = []
        self.page_of = None  # offset → page, for a document read by OCR (kg.ingest.ocr.page_of)

    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.quads.append((s, p, o, self.g))


def _provenance(out: _Graph, fact: str, doc: str, text: str, start: int | None, end: int | None,
                said: str | None = None) -> None:
    """Where a fact was read: a span of its document's text (prov:wasDerivedFrom → oa:hasSource and
    an oa:TextPositionSelector).  The words of the span are a oa:TextQuoteSelector only where the
    fact does not already hold them as written (``said``: its fz:text, rdfs:label or fz:writtenAs),
    so no quote is stored twice (docs/DESIGN.md, "Provenance is lean")."""
    # Offsets are xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores integer subtypes as
    # xsd:integer, and every store must give back the same triples (SHACL checks they are >= 0).
    if start is None or end is None or end <= start:
        return
    src, pos = iri(fact[1:-1] + "/src"), iri(fact[1:-1] + "/src/pos")
    out.add(fact, v("prov", "wasDerivedFrom"), src)
    out.add(src, v("oa", "hasSource"), doc)
    out.add(src, v("oa", "hasSelector"), pos)
    out.add(pos, A, v("oa", "TextPositionSelector"))
    out.add(pos, v("oa", "start"), integer(start))
    out.add(pos, v("oa", "end"), integer(end))
    if said != text[start:end]:
        quote = iri(fact[1:-1] + "/src/quote")
        out.add(src, v("oa", "hasSelector"), quote)
        out.add(quote, A, v("oa", "TextQuoteSelector"))
        out.add(quote, v("oa", "exact"), zh(text[start:end]))
    if out.page_of is not None:
        out.add(src, fz("page"), integer(out.page_of(start)))


def _rule(out: _Graph, node: str, fact: object) -> None:
    """Which extraction rule gave a fact (kg.extract.rules) and how far to trust it."""
    rule, confidence = getattr(fact, "rule", None), getattr(fact, "confidence", None)
    out.add(node, fz("extractionRule"), lit(rule) if rule else None)
    out.add(node, fz("confidence"), decimal(f"{confidence:.2f}") if confidence is not None else None)


def _area(out: _Graph, j: Jurisdiction) -> str:
    node = iri(ids.area_iri(j.key))
    out.add(node, A, v("skos", "Concept"))
    out.add(node, A, v("dct", "Location"))
    out.add(node, v("skos", "inScheme"), iri(ids.AREA_SCHEME))
    out.add(node, v("skos", "prefLabel"), zh(j.name))
    out.add(node, v("skos", "altLabel"), zh(j.full_name) if j.full_name != j.name else None)
    out.add(node, fz("level"), lit(j.level))
    out.add(node, v("skos", "notation"), lit(j.code) if j.code else None)
    if j.parent is not None:
        out.add(node, v("skos", "broader"), _area(out, j.parent))
    return node


def _unit(out: _Graph, u: Unit, doc: str, seen: set[str]) -> str:
    node = iri(u.id)
    if u.id in seen:
        return node
    seen.add(u.id)
    if u.type == "collective":
        out.add(node, A, v("foaf", "Group"))
        out.add(node, A, fz("CollectiveSubject"))
    elif u.type == "role_placeholder":
        out.add(node, A, fz("RolePlaceholder"))
    else:
        out.add(node, A, v("cv", "PublicOrganisation"))
    out.add(node, v("skos", "prefLabel"), zh(u.name))
    for alias in sorted(set(u.aliases) - {u.name, u.shown}):
        out.add(node, v("skos", "altLabel"), zh(alias))
    if u.shown != u.name:  # the name as a document writes it (its script), when it is not the canonical one
        out.add(node, v("skos", "hiddenLabel"), zh(u.shown))
    out.add(node, v("org", "classification"), fz(_unit_concept(u.type)))
    if u.jurisdiction:
        out.add(node, v("dct", "spatial"), iri(ids.area_iri(u.jurisdiction)))
    _renamed(out, u, node)
    return node


def _renamed(out: _Graph, u: Unit, node: str) -> None:
    """A unit a 机构改革 renamed (法制局 → 司法局): link it to its successor in the same area,
    the node that later documents naming the new unit will use."""
    from kg.reference.lexicon import renames, unit_lexicon

    if u.key is None or not u.jurisdiction:
        return
    names = {e.key: e for e in unit_lexicon()}
    for r in renames():
        old, new = names.get(r.old_key or ""), names.get(r.new_key or "")
        if r.old_key != u.key or old is None or new is None or old.name not in u.name:
            continue
        successor_name = u.name.replace(old.name, new.name)
        successor = iri(ids.unit_iri(u.jurisdiction, successor_name))
        event = iri(ids.change_iri(u.jurisdiction, r.key))
        out.add(event, A, v("org", "ChangeEvent"))
        out.add(event, v("org", "originalOrganization"), node)
        out.add(event, v("org", "resultingOrganization"), successor)
        out.add(event, v("dct", "date"), lit(r.date, dtype=XSD + ("gYear" if len(r.date) == 4 else "date")))
        out.add(event, v("rdfs", "comment"), zh(r.note) if r.note else None)
        out.add(successor, A, v("cv", "PublicOrganisation"))
        out.add(successor, v("skos", "prefLabel"), zh(successor_name))
        out.add(successor, v("org", "classification"), fz(_unit_concept(new.type)))
        out.add(successor, v("dct", "spatial"), iri(ids.area_iri(u.jurisdiction)))
        out.add(successor, v("org", "resultedFrom"), event)


def _target(out: _Graph, node: str, t: Target, doc: str, text: str) -> None:
    if t.qualitative:
        out.add(node, A, fz("QualitativeTarget"))
        out.add(node, v("skos", "prefLabel"), zh(t.metric_label or t.text))
    else:
        out.add(node, A, fz("QuantitativeTarget"))
        out.add(node, fz("metric"), iri(ids.metric_iri(t.metric)) if t.metric else None)
        out.add(node, fz("metricLabel"), zh(t.metric_label) if t.metric_label else None)
        out.add(node, fz("comparator"), v("odrl", COMPARATOR[t.op].odrl) if t.op else None)
        out.add(node, fz("targetValue"), decimal(t.value) if t.value else None)
        out.add(node, fz("unit"), zh(t.unit) if t.unit else None)
        out.add(node, fz("scope"), zh(t.scope) if t.scope else None)
        out.add(node, fz("recurrence"), zh(t.recurrence) if t.recurrence else None)
    out.add(node, fz("text"), zh(t.text))
    _rule(out, node, t)
    _provenance(out, node, doc, text, t.start, t.end, t.text)


def _deadline(out: _Graph, node: str, d: Deadline, doc: str, text: str) -> None:
    out.add(node, A, v("time", "Instant"))
    out.add(node, v("time", "inXSDDate"), lit(d.date, dtype=XSD + "date"))
    out.add(node, v("rdfs", "label"), zh(d.text))
    _rule(out, node, d)
    _provenance(out, node, doc, text, d.start, d.end, d.text)


def _obligation(out: _Graph, node: str, o: Obligation, doc: str, text: str) -> None:
    out.add(node, A, fz("Duty" if o.kind == "duty" else "Prohibition"))
    out.add(node, fz("modal"), zh(o.modal))
    out.add(node, fz("bearerText"), zh(o.bearer) if o.bearer else None)
    out.add(node, fz("text"), zh(o.text))
    _provenance(out, node, doc, text, o.start, o.end, o.text)


def _participation(out: _Graph, task: str, role: str, position: int, unit: Unit, node: str, doc: str,
                   text: str) -> tuple[str, str]:
    """One unit's part in a task as a cv:Participation record: unit, role, position, the name as
    written, rule and source span. The records are the source of truth for who does what; the
    role and unit returned are what :func:`_role_shortcuts` derives the shortcut from."""
    part = iri(f"{task[1:-1]}/{role}/{position}")
    out.add(task, v("cv", "hasParticipation"), part)
    out.add(part, A, v("cv", "Participation"))
    out.add(part, v("cv", "hasParticipant"), node)
    out.add(part, v("cv", "role"), fz(ROLE[role].concept))
    out.add(part, v("schema", "position"), integer(position))
    out.add(part, fz("writtenAs"), zh(unit.shown))
    _rule(out, part, unit)
    _provenance(out, part, doc, text, unit.start, unit.end, unit.shown)
    return role, node


def _role_shortcuts(out: _Graph, task: str, records: list[tuple[str, str]]) -> None:
    """fz:leadUnit / fz:responsibleUnit / fz:cooperatingUnit, derived from the task's participation
    records (role, unit) and from nothing else: the one place the shortcuts are written, so they
    say what the records say. The SHACL constraint fzsh:Task-roles-agree fails a graph in which
    they were edited apart."""
    for role, node in records:
        out.add(task, fz(ROLE[role].shortcut), node)


def _task(out: _Graph, task: Task, doc: str, parent: str, text: str, seen: set[str],
          tally: Tally) -> str:
    node = iri(ids.task_iri(doc[1:-1], task.path))
    out.add(node, A, v("eli", "LegalResourceSubdivision"))
    out.add(node, A, fz("Task"))
    out.add(node, v("eli", "is_part_of"), parent)
    out.add(node, fz("inDocument"), doc)
    out.add(node, v("eli", "number"), lit(task.label))
    out.add(node, fz("ordinal"), integer(task.number))
    out.add(node, fz("path"), lit(task.path))
    out.add(node, v("dct", "title"), zh(task.title))
    out.add(node, fz("text"), zh(task.text))
    out.add(node, fz("note"), zh(task.note) if task.note else None)
    _provenance(out, node, doc, text, task.start, task.end, task.text)
    for theme in task.themes:
        out.add(node, v("eli", "is_about"), iri(ids.theme_iri(theme)))
    records = []
    for role in ROLE_KEYS:
        for position, unit in enumerate(getattr(task, role), start=1):
            unit_node = _unit(out, unit, doc, seen)
            tally.name(unit_node, unit.name)
            records.append(_participation(out, node, role, position, unit, unit_node, doc, text))
    _role_shortcuts(out, node, records)
    tally.task(out, node, records)
    for i, t in enumerate(task.targets, start=1):
        target = iri(f"{node[1:-1]}/target/{i}")
        out.add(node, fz("hasTarget"), target)
        _target(out, target, t, doc, text)
    for i, d in enumerate(task.deadlines, start=1):
        deadline = iri(f"{node[1:-1]}/deadline/{i}")
        out.add(node, fz("deadline"), deadline)
        _deadline(out, deadline, d, doc, text)
    for i, o in enumerate(task.obligations, start=1):
        ob = iri(f"{node[1:-1]}/obligation/{i}")
        out.add(node, fz("hasObligation"), ob)
        _obligation(out, ob, o, doc, text)
    return node


def _figures(out: _Graph, doc: str) -> str:
    """The report's figures as one Data Cube data set, with the structure all reports share."""
    node = iri(ids.figures_iri(doc[1:-1]))
    out.add(node, A, v("qb", "DataSet"))
    out.add(node, v("qb", "structure"), iri(ids.FIGURES_STRUCTURE))
    out.add(node, v("prov", "wasDerivedFrom"), doc)
    return node


def _achievement(out: _Graph, node: str, a: Achievement, n: int, dataset: str, doc: str, text: str,
                 area: str | None, seen: set[str]) -> None:
    out.add(node, A, v("qb", "Observation"))
    out.add(node, A, fz("Achievement"))
    out.add(node, v("qb", "dataSet"), dataset)
    out.add(node, fz("figureNumber"), integer(n))
    out.add(node, fz("reportedIn"), doc)
    out.add(node, fz("metric"), iri(ids.metric_iri(a.metric)) if a.metric else None)
    out.add(node, fz("metricLabel"), zh(a.metric_label) if a.metric_label else None)
    out.add(node, v("sdmx-measure", "obsValue"), decimal(a.value))
    out.add(node, fz("valueBefore"), decimal(a.before) if a.before else None)
    out.add(node, v("sdmx-attribute", "unitMeasure"), zh(a.unit) if a.unit else None)
    out.add(node, v("sdmx-dimension", "refArea"), area)
    out.add(node, v("sdmx-dimension", "refPeriod"), lit(a.period) if a.period else None)
    out.add(node, fz("text"), zh(a.text))
    for unit in a.actors:
        out.add(node, fz("actor"), _unit(out, unit, doc, seen))
    _rule(out, node, a)
    _provenance(out, node, doc, text, a.start, a.end, a.text)


def _report_body(out: _Graph, result: Extraction, doc: str) -> None:
    """A report's body paragraphs as subdivisions with their text, so that tracking can look for
    what a report says about a target without the source file."""

    def visit(nodes, parent: str) -> None:
        for node in nodes:
            if node.role is not None or node.kind == "block":
                continue
            here = iri(ids.paragraph_iri(doc[1:-1], node.path))
            out.add(here, A, v("eli", "LegalResourceSubdivision"))
            out.add(here, v("eli", "is_part_of"), parent)
            out.add(here, fz("inDocument"), doc)
            out.add(here, fz("path"), lit(node.path))
            out.add(here, v("dct", "title"), zh(node.title) if node.title else None)
            out.add(here, fz("text"), zh(result.text[node.start: node.end]))
            visit(node.children, here)

    visit(result.outline, doc)


def _unparsed(out: _Graph, result: Extraction, doc: str) -> None:
    """What looked like an assignment note but named no unit: kept in the graph with its place,
    so that a query shows what the tool could not read."""
    for i, note in enumerate(result.unparsed_notes, start=1):
        node = iri(ids.unparsed_iri(doc[1:-1], i))
        out.add(node, A, fz("UnparsedNote"))
        out.add(node, fz("unparsedIn"), doc)
        out.add(node, fz("text"), zh(note.text))
        out.add(node, fz("reason"), lit(note.reason, lang="en"))
        task = next((t for t in result.tasks if t.start <= note.start < t.end), None)
        if task is not None:
            out.add(node, fz("inTask"), iri(ids.task_iri(doc[1:-1], task.path)))
        _provenance(out, node, doc, result.text, note.start, note.end, note.text)


def quads(result: Extraction) -> list[Quad]:
    """Every quad of one document's named graph, sorted."""
    meta = result.document
    out = _Graph(graph_iri(result))
    doc = iri(document_iri(result))
    text = result.text
    seen: set[str] = set()
    if meta.ocr:
        from kg.ingest.ocr import page_of

        out.page_of = page_of(result)
        out.add(doc, fz("readByOCR"), lit("true", dtype=XSD + "boolean"))
    out.add(doc, A, v("eli", "LegalResource"))
    out.add(doc, A, fz(_class_of(meta.genre)))
    out.add(doc, v("dct", "title"), zh(meta.title) if meta.title else None)
    out.add(doc, v("eli", "id_local"), lit(meta.doc_number) if meta.doc_number else None)
    out.add(doc, v("eli", "date_document"), lit(meta.date, dtype=XSD + "date") if meta.date else None)
    out.add(doc, fz("issuerName"), zh(meta.issuer) if meta.issuer else None)
    out.add(doc, v("eli", "type_document"), fz(_class_of(meta.genre) + "Type"))
    out.add(doc, fz("year"), lit(meta.year, dtype=XSD + "gYear") if meta.year else None)
    if meta.period:
        out.add(doc, fz("periodStart"), lit(meta.period[0], dtype=XSD + "gYear"))
        out.add(doc, fz("periodEnd"), lit(meta.period[1], dtype=XSD + "gYear"))
    area = _area(out, meta.jurisdiction) if meta.jurisdiction else None
    out.add(doc, v("eli", "jurisdiction"), area)
    out.add(doc, fz("sourceFile"), lit(meta.source))
    out.add(doc, fz("sha256"), lit(meta.sha256) if meta.sha256 else None)
    out.add(doc, fz("textLength"), integer(len(text)))
    activity = iri(f"{doc[1:-1]}/extraction")
    out.add(doc, v("prov", "wasGeneratedBy"), activity)
    out.add(activity, A, v("prov", "Activity"))
    out.add(activity, v("prov", "wasAssociatedWith"), iri(ids.AGENT))
    out.add(activity, fz("extractorVersion"), lit(EXTRACTOR_VERSION))
    out.add(iri(ids.AGENT), A, v("prov", "SoftwareAgent"))
    out.add(iri(ids.AGENT), v("rdfs", "label"), lit("fazhi-kg"))
    if result.horizon:
        h = iri(f"{doc[1:-1]}/horizon")
        out.add(doc, fz("horizon"), h)
        _deadline(out, h, result.horizon, doc, text)
    # sections that hold tasks become subdivisions too, so a task's place is queryable
    sections: dict[str, str] = {}
    tally = Tally()
    for task in result.tasks:
        parent = doc
        if "." in task.path:
            section_path = task.path.rsplit(".", 1)[0]
            parent = sections.get(section_path) or iri(ids.section_iri(doc[1:-1], section_path))
            if section_path not in sections:
                sections[section_path] = parent
                out.add(parent, A, v("eli", "LegalResourceSubdivision"))
                out.add(parent, v("eli", "is_part_of"), doc)
                out.add(parent, fz("path"), lit(section_path))
                out.add(parent, v("dct", "title"), zh(task.section) if task.section else None)
        _task(out, task, doc, parent, text, seen, tally)
    tally.write(out, doc)
    if result.achievements or meta.genre in REPORT_GENRES:
        _report_body(out, result, doc)
    dataset = _figures(out, doc) if result.achievements else None
    for i, a in enumerate(result.achievements, start=1):
        _achievement(out, iri(ids.observation_iri(doc[1:-1], i)), a, i, dataset, doc, text, area, seen)
    _unparsed(out, result, doc)
    for p in result.problems:
        out.add(doc, fz("problem"), zh(p))
    for p in result.plans:
        out.add(doc, fz("nextStep"), zh(p))
    return sorted(set(out.quads))

