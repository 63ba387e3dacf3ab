"""Extraction → RDF quads, one named graph per source document.

The only module that knows RDF vocabulary.  It produces quads as N-Triples term strings, so the
same output feeds every store (Oxigraph loads N-Quads, rdflib parses them, a remote endpoint
takes them inside ``INSERT DATA``) and sorts into byte-identical exports.

IRIs are built from ASCII keys: ``id/doc/320113-2021-3f9a1c2e`` (jurisdiction key, year, a hash
of the document number), ``…/task/p2-s1-i1`` (the outline path: part 二, section (一), item 1),
``id/unit/320113-<hash>`` (jurisdiction + canonical name).  Chinese goes into labels.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterator

from kg import EXTRACTOR_VERSION
from kg.model import Achievement, Deadline, Extraction, Jurisdiction, Obligation, Target, Task, Unit
from kg.ingest.patterns import cn_number

BASE = "https://w3id.org/fazhi-kg/id/"
FZ = "https://w3id.org/fazhi-kg/ontology#"

PREFIXES = {
    "fz": FZ,
    "fzid": BASE,
    "eli": "http://data.europa.eu/eli/ontology#",
    "cv": "http://data.europa.eu/m8g/",
    "org": "http://www.w3.org/ns/org#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "time": "http://www.w3.org/2006/time#",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
P = {k: v for k, v in PREFIXES.items()}
XSD = P["xsd"]

GENRE_CLASS = {
    "annual_plan": "AnnualPlan", "work_points": "WorkPoints", "implementation_scheme": "ImplementationScheme",
    "annual_report": "AnnualReport", "congress_report": "CongressReport",
}
UNIT_TYPE_CONCEPT = {
    "party_organ": "PartyOrgan", "government_department": "GovernmentDepartment",
    "government_office": "GovernmentOffice", "court_procuratorate": "CourtOrProcuratorate",
    "dispatched_branch": "DispatchedBranch", "higher_level_branch": "HigherLevelBranch",
    "leading_group_office": "LeadingGroupOffice", "leading_group": "LeadingGroup",
    "subdistrict_township": "SubdistrictOrTownship", "development_zone": "DevelopmentZoneBody",
    "peoples_organisation": "PeoplesOrganisation", "public_institution": "PublicInstitution",
    "collective": "CollectiveSubject", "role_placeholder": "RolePlaceholder", "other": "OtherUnit",
}
ROLE_CONCEPT = {"lead": "LeadRole", "responsible": "ResponsibleRole", "cooperating": "CooperatingRole"}
ROLE_SHORTCUT = {"lead": "leadUnit", "responsible": "responsibleUnit", "cooperating": "cooperatingUnit"}
OPERATOR = {">=": "gteq", "<=": "lteq", "=": "eq", ">": "gt", "<": "lt"}

Quad = tuple[str, str, str, str]

# --- N-Triples terms ---------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')


def iri(value: str) -> str:
    return f"<{value}>"


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04X}"), text)


def lit(value: object, *, lang: str | None = None, dtype: str | None = None) -> str:
    text = _escape(str(value))
    if lang:
        return f'"{text}"@{lang}'
    if dtype and dtype != XSD + "string":
        return f'"{text}"^^<{dtype}>'
    return f'"{text}"'


def zh(text: str) -> str:
    return lit(text, lang="zh")


def integer(n: int, dtype: str = "integer") -> str:
    return lit(n, dtype=XSD + dtype)


def decimal(value: str) -> str:
    return lit(value, dtype=XSD + "decimal")


def fz(name: str) -> str:
    return iri(FZ + name)


def v(prefix: str, name: str) -> str:
    return iri(P[prefix] + name)


A = v("rdf", "type")

# --- keys and IRIs -----------------------------------------------------------------------------


def _h(*parts: str, n: int = 8) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def document_key(result: Extraction) -> str:
    meta = result.document
    area = meta.jurisdiction.key if meta.jurisdiction else "000000"
    when = str(meta.year) if meta.year else (f"{meta.period[0]}-{meta.period[1]}" if meta.period else "x")
    # the 文号 names a document; failing that its title in its area; failing that its bytes
    ident = meta.doc_number or (f"{area}\x1f{meta.title}" if meta.title else None) or meta.sha256 or meta.source
    return f"{area}-{when}-{_h(ident)}"


def document_iri(result: Extraction) -> str:
    return f"{BASE}doc/{document_key(result)}"


def graph_iri(result: Extraction) -> str:
    return f"{BASE}graph/{document_key(result)}"


def area_iri(j: Jurisdiction) -> str:
    return f"{BASE}area/{j.key}"


_SEGMENT = (
    (re.compile(r"^#(\d+)$"), "b"), (re.compile(r"^([一二三四五六七八九十百零〇两]+)是$"), "g"),
    (re.compile(r"^\(([一二三四五六七八九十百零〇两]+)\)$"), "s"), (re.compile(r"^\((\d+)\)$"), "u"),
    (re.compile(r"^第(.+)$"), "a"), (re.compile(r"^([一二三四五六七八九十百零〇两]+)$"), "p"),
    (re.compile(r"^(\d+)$"), "i"),
)


def path_key(path: str) -> str:
    """二.(一).1 → p2-s1-i1; an ASCII, readable key for an outline node."""
    out = []
    for segment in path.split("."):
        for pattern, tag in _SEGMENT:
            m = pattern.match(segment)
            if m:
                n = cn_number(m.group(1))
                out.append(f"{tag}{n if n is not None else _h(segment, n=6)}")
                break
        else:
            out.append("x" + _h(segment, n=6))
    return "-".join(out)


def metric_iri(key: str) -> str:
    return f"{BASE}metric/{key}"


def theme_iri(key: str) -> str:
    return f"{BASE}theme/{key}"


AGENT = f"{BASE}agent/fazhi-kg"

# --- mapping -----------------------------------------------------------------------------------


class _Graph:
    def __init__(self, graph: str):
        self.g = iri(graph)
        self.quads: list[Quad] = []

    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.quads.append((s, p, o, self.g))


def _provenance(out: _Graph, fact: str, doc: str, text: str, start: int | None, end: int | None) -> None:
    # Offsets are xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores integer subtypes as
    # xsd:integer, and every store must give back the same triples (SHACL checks they are >= 0).
    if start is None or end is None or end <= start:
        return
    src = iri(fact[1:-1] + "/src")
    pos, quote = iri(fact[1:-1] + "/src/pos"), iri(fact[1:-1] + "/src/quote")
    out.add(fact, v("prov", "wasDerivedFrom"), src)
    out.add(src, A, v("oa", "SpecificResource"))
    out.add(src, v("oa", "hasSource"), doc)
    out.add(src, v("oa", "hasSelector"), pos)
    out.add(src, v("oa", "hasSelector"), quote)
    out.add(pos, A, v("oa", "TextPositionSelector"))
    out.add(pos, v("oa", "start"), integer(start))
    out.add(pos, v("oa", "end"), integer(end))
    out.add(quote, A, v("oa", "TextQuoteSelector"))
    out.add(quote, v("oa", "exact"), zh(text[start:end]))


def _area(out: _Graph, j: Jurisdiction) -> str:
    node = iri(area_iri(j))
    out.add(node, A, v("skos", "Concept"))
    out.add(node, A, v("dct", "Location"))
    out.add(node, v("skos", "inScheme"), iri(f"{BASE}area"))
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
    for alias in sorted(set(u.aliases) - {u.name, u.text}):
        out.add(node, v("skos", "altLabel"), zh(alias))
    if u.text != u.name:
        out.add(node, v("skos", "hiddenLabel"), zh(u.text))
    out.add(node, v("org", "classification"), fz(UNIT_TYPE_CONCEPT.get(u.type, "OtherUnit")))
    if u.jurisdiction:
        out.add(node, v("dct", "spatial"), iri(f"{BASE}area/{u.jurisdiction}"))
    _renamed(out, u, node)
    return node


def _renamed(out: _Graph, u: Unit, node: str) -> None:
    """A unit a 机构改革 renamed (法制局 → 司法局): link it to its successor in the same area,
    the node that later documents naming the new unit will use."""
    from kg.extract.units import unit_iri
    from kg.reference.lexicon import renames, unit_lexicon

    if u.key is None or not u.jurisdiction:
        return
    names = {e.key: e for e in unit_lexicon()}
    for r in renames():
        old, new = names.get(r.old_key or ""), names.get(r.new_key or "")
        if r.old_key != u.key or old is None or new is None or old.name not in u.name:
            continue
        successor_name = u.name.replace(old.name, new.name)
        successor = iri(unit_iri(u.jurisdiction, successor_name))
        event = iri(f"{BASE}change/{u.jurisdiction}-{r.key}")
        out.add(event, A, v("org", "ChangeEvent"))
        out.add(event, v("org", "originalOrganization"), node)
        out.add(event, v("org", "resultingOrganization"), successor)
        out.add(event, v("dct", "date"), lit(r.date, dtype=XSD + ("gYear" if len(r.date) == 4 else "date")))
        out.add(event, v("rdfs", "comment"), zh(r.note) if r.note else None)
        out.add(successor, A, v("cv", "PublicOrganisation"))
        out.add(successor, v("skos", "prefLabel"), zh(successor_name))
        out.add(successor, v("org", "classification"), fz(UNIT_TYPE_CONCEPT.get(new.type, "OtherUnit")))
        out.add(successor, v("dct", "spatial"), iri(f"{BASE}area/{u.jurisdiction}"))
        out.add(successor, v("org", "resultedFrom"), event)


def _target(out: _Graph, node: str, t: Target, doc: str, text: str) -> None:
    if t.qualitative:
        out.add(node, A, fz("QualitativeTarget"))
        out.add(node, v("skos", "prefLabel"), zh(t.metric_label or t.text))
    else:
        out.add(node, A, v("odrl", "Constraint"))
        out.add(node, A, fz("QuantitativeTarget"))
        out.add(node, v("odrl", "leftOperand"), iri(metric_iri(t.metric)) if t.metric else None)
        out.add(node, fz("metricLabel"), zh(t.metric_label) if t.metric_label else None)
        out.add(node, v("odrl", "operator"), v("odrl", OPERATOR[t.op]) if t.op else None)
        out.add(node, v("odrl", "rightOperand"), decimal(t.value) if t.value else None)
        out.add(node, v("odrl", "unit"), zh(t.unit) if t.unit else None)
        out.add(node, fz("scope"), zh(t.scope) if t.scope else None)
        out.add(node, fz("recurrence"), zh(t.recurrence) if t.recurrence else None)
    out.add(node, fz("text"), zh(t.text))
    _provenance(out, node, doc, text, t.start, t.end)


def _deadline(out: _Graph, node: str, d: Deadline, doc: str, text: str) -> None:
    out.add(node, A, v("time", "Instant"))
    out.add(node, v("time", "inXSDDate"), lit(d.date, dtype=XSD + "date"))
    out.add(node, v("rdfs", "label"), zh(d.text))
    _provenance(out, node, doc, text, d.start, d.end)


def _obligation(out: _Graph, node: str, o: Obligation, doc: str, text: str) -> None:
    out.add(node, A, v("odrl", "Duty" if o.kind == "duty" else "Prohibition"))
    out.add(node, fz("modal"), zh(o.modal))
    out.add(node, fz("bearerText"), zh(o.bearer) if o.bearer else None)
    out.add(node, fz("text"), zh(o.text))
    _provenance(out, node, doc, text, o.start, o.end)


def _task(out: _Graph, task: Task, doc: str, parent: str, text: str, seen: set[str]) -> str:
    node = iri(f"{doc[1:-1]}/task/{path_key(task.path)}")
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
    _provenance(out, node, doc, text, task.start, task.end)
    for theme in task.themes:
        out.add(node, v("eli", "is_about"), iri(theme_iri(theme)))
    for role in ("lead", "responsible", "cooperating"):
        for position, unit in enumerate(getattr(task, role), start=1):
            u = _unit(out, unit, doc, seen)
            part = iri(f"{node[1:-1]}/{role}/{position}")
            out.add(node, v("cv", "hasParticipation"), part)
            out.add(node, fz(ROLE_SHORTCUT[role]), u)
            out.add(part, A, v("cv", "Participation"))
            out.add(part, v("cv", "hasParticipant"), u)
            out.add(part, v("cv", "role"), fz(ROLE_CONCEPT[role]))
            out.add(part, v("schema", "position"), integer(position))
            out.add(part, fz("writtenAs"), zh(unit.text))
            _provenance(out, part, doc, text, unit.start, unit.end)
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


def _achievement(out: _Graph, node: str, a: Achievement, doc: str, text: str, area: str | None, seen: set[str]) -> None:
    out.add(node, A, v("qb", "Observation"))
    out.add(node, A, fz("Achievement"))
    out.add(node, fz("reportedIn"), doc)
    out.add(node, fz("metric"), iri(metric_iri(a.metric)) if a.metric else None)
    out.add(node, fz("metricLabel"), zh(a.metric_label) if a.metric_label else None)
    out.add(node, v("sdmx-measure", "obsValue"), decimal(a.value))
    out.add(node, fz("valueBefore"), decimal(a.before) if a.before else None)
    out.add(node, v("sdmx-attribute", "unitMeasure"), zh(a.unit) if a.unit else None)
    out.add(node, v("sdmx-dimension", "refArea"), area)
    out.add(node, v("sdmx-dimension", "refPeriod"), lit(a.period) if a.period else None)
    out.add(node, fz("text"), zh(a.text))
    for unit in a.actors:
        out.add(node, fz("actor"), _unit(out, unit, doc, seen))
    _provenance(out, node, doc, text, a.start, a.end)


def _report_body(out: _Graph, result: Extraction, doc: str) -> None:
    """A report's body paragraphs as subdivisions with their text, so that tracking can look for
    what a report says about a target without the source file."""

    def visit(nodes, parent: str) -> None:
        for node in nodes:
            if node.role is not None or node.kind == "block":
                continue
            here = iri(f"{doc[1:-1]}/para/{path_key(node.path)}")
            out.add(here, A, v("eli", "LegalResourceSubdivision"))
            out.add(here, v("eli", "is_part_of"), parent)
            out.add(here, fz("inDocument"), doc)
            out.add(here, fz("path"), lit(node.path))
            out.add(here, v("dct", "title"), zh(node.title) if node.title else None)
            out.add(here, fz("text"), zh(result.text[node.start: node.end]))
            visit(node.children, here)

    visit(result.outline, doc)


def quads(result: Extraction) -> list[Quad]:
    """Every quad of one document's named graph, sorted."""
    meta = result.document
    out = _Graph(graph_iri(result))
    doc = iri(document_iri(result))
    text = result.text
    seen: set[str] = set()
    out.add(doc, A, v("eli", "LegalResource"))
    out.add(doc, A, fz(GENRE_CLASS.get(meta.genre or "", "Document")))
    out.add(doc, v("dct", "title"), zh(meta.title) if meta.title else None)
    out.add(doc, v("eli", "id_local"), lit(meta.doc_number) if meta.doc_number else None)
    out.add(doc, v("eli", "date_document"), lit(meta.date, dtype=XSD + "date") if meta.date else None)
    out.add(doc, fz("issuerName"), zh(meta.issuer) if meta.issuer else None)
    out.add(doc, v("eli", "type_document"), fz(GENRE_CLASS.get(meta.genre or "", "Document") + "Type"))
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
    out.add(activity, v("prov", "wasAssociatedWith"), iri(AGENT))
    out.add(activity, fz("extractorVersion"), lit(EXTRACTOR_VERSION))
    out.add(iri(AGENT), A, v("prov", "SoftwareAgent"))
    out.add(iri(AGENT), v("rdfs", "label"), lit("fazhi-kg"))
    if result.horizon:
        h = iri(f"{doc[1:-1]}/horizon")
        out.add(doc, fz("horizon"), h)
        _deadline(out, h, result.horizon, doc, text)
    # sections that hold tasks become subdivisions too, so a task's place is queryable
    sections: dict[str, str] = {}
    for task in result.tasks:
        parent = doc
        if "." in task.path:
            section_path = task.path.rsplit(".", 1)[0]
            parent = sections.get(section_path) or iri(f"{doc[1:-1]}/part/{path_key(section_path)}")
            if section_path not in sections:
                sections[section_path] = parent
                out.add(parent, A, v("eli", "LegalResourceSubdivision"))
                out.add(parent, v("eli", "is_part_of"), doc)
                out.add(parent, fz("path"), lit(section_path))
                out.add(parent, v("dct", "title"), zh(task.section) if task.section else None)
        _task(out, task, doc, parent, text, seen)
    if result.achievements or meta.genre in ("annual_report", "congress_report"):
        _report_body(out, result, doc)
    for i, a in enumerate(result.achievements, start=1):
        _achievement(out, iri(f"{doc[1:-1]}/obs/{i}"), a, doc, text, area, seen)
    for p in result.problems:
        out.add(doc, fz("problem"), zh(p))
    for p in result.plans:
        out.add(doc, fz("nextStep"), zh(p))
    return sorted(set(out.quads))


def nquads(result: Extraction) -> str:
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads(result))


def iter_triples(quad_list: list[Quad]) -> Iterator[tuple[str, str, str]]:
    for s, p, o, _ in quad_list:
        yield s, p, o
