"""kg.rdf.validate: the samples conform; broken graphs give readable violations with label and quote."""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Literal, URIRef

from kg.rdf import nquads
from kg.rdf.mapping import quads
from kg.vocab import FZ
from kg.extract.pipeline import extract_path
from kg.resources import sample_files
from kg.rdf.validate import ValidationReport, Violation, dataset_from_nquads, dataset_from_quads, graph_union, validate

SAMPLES = {p.name[:3]: p for p in sample_files()}
ODRL = rdflib.Namespace("http://www.w3.org/ns/odrl/2/")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
CV = rdflib.Namespace("http://data.europa.eu/m8g/")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
fz = rdflib.Namespace(FZ)


@lru_cache(maxsize=None)
def sample_quads(key: str) -> tuple:
    return tuple(quads(extract_path(SAMPLES[key])))


def sample_graph(key: str) -> rdflib.Graph:
    """A fresh, mutable graph of one sample (the union of its single named graph)."""
    return graph_union(dataset_from_quads(sample_quads(key)))


def first(iterable):
    return sorted(iterable)[0]


def test_five_samples():
    assert sorted(SAMPLES) == ["000", "001", "002", "003", "004"]


# --- the samples conform -----------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_sample_conforms(key):
    report = validate(dataset_from_quads(sample_quads(key)))
    assert report.conforms, report.render()
    assert report.violations == []


def test_all_samples_together_conform_in_a_few_seconds():
    all_quads = [q for key in sorted(SAMPLES) for q in sample_quads(key)]
    dataset = dataset_from_quads(all_quads)
    assert len(set(dataset.graphs())) >= 5
    validate(dataset)  # parse the shapes and the ontology once
    started = time.perf_counter()
    report = validate(dataset)
    elapsed = time.perf_counter() - started
    assert report.conforms, report.render()
    assert elapsed < 10, f"validating the five samples took {elapsed:.1f} s"


def test_nquads_round_trip():
    text = nquads.text(quads(extract_path(SAMPLES["004"])))
    dataset = dataset_from_nquads(text)
    union = graph_union(dataset)
    assert len(union) == len(set(sample_quads("004")))
    assert validate(dataset).conforms
    assert validate(union).conforms  # a plain Graph works too
    assert len(dataset_from_nquads("")) == 0


def test_class_constraints_need_the_ontology():
    """Without fazhi.ttl a section is not known to be an eli:LegalResource (it is an
    eli:LegalResourceSubdivision), so eli:is_part_of's sh:class fails: the ontology graph matters."""
    g = sample_graph("004")
    assert validate(g).conforms
    bare = validate(g, ontology=False)
    assert not bare.conforms
    assert any(v.constraint == "Class" for v in bare.violations)


# --- broken graphs -----------------------------------------------------------------------------


def only(report: ValidationReport, **fields) -> Violation:
    found = [v for v in report.violations if all(getattr(v, k) == val for k, val in fields.items())]
    assert len(found) == 1, report.render()
    return found[0]


def a_task_with_provenance(g: rdflib.Graph, *, lead: bool | None = None) -> URIRef:
    tasks = []
    for task in g.subjects(RDF.type, fz.Task):
        has_lead = any(g.value(p, CV.role) == fz.LeadRole for p in g.objects(task, CV.hasParticipation))
        if g.value(task, PROV.wasDerivedFrom) is not None and (lead is None or has_lead == lead):
            tasks.append(task)
    return first(tasks)


def test_task_without_title():
    g = sample_graph("000")
    task = a_task_with_provenance(g)
    title = str(g.value(task, DCT.title))
    doc = g.value(task, fz.inDocument)
    g.remove((task, DCT.title, None))

    report = validate(g)
    assert not report.conforms
    v = only(report, focus_node=str(task), path="dct:title")
    assert v.severity == "Violation"
    assert v.constraint == "MinCount"
    assert "title" in v.message
    assert v.focus_label == str(g.value(doc, DCT.title))  # the task has none left: its document's
    assert v.quote and title in v.quote  # the task's own text, which starts with its title
    line = v.render()
    assert "\n" not in line and "dct:title" in line and str(task) in line


def test_target_with_a_non_decimal_value():
    g = sample_graph("003")
    target = first(g.subjects(RDF.type, fz.QuantitativeTarget))
    task = first(g.subjects(fz.hasTarget, target))
    g.set((target, fz.targetValue, Literal("百分之九十")))

    report = validate(g)
    assert not report.conforms
    v = only(report, focus_node=str(target), path="fz:targetValue")
    assert v.constraint == "Datatype"
    assert "xsd:decimal" in v.message
    assert v.value == '"百分之九十"'
    assert v.focus_label == str(g.value(task, DCT.title))  # the target's task
    assert v.quote == str(g.value(target, fz.text)) or v.quote in str(g.value(task, fz.text))


def test_target_with_an_ill_typed_decimal():
    g = sample_graph("003")
    target = first(g.subjects(RDF.type, fz.QuantitativeTarget))
    g.set((target, fz.targetValue, Literal("九十", datatype=rdflib.XSD.decimal)))
    report = validate(g)
    assert only(report, focus_node=str(target), path="fz:targetValue").constraint == "Datatype"


def test_selector_that_ends_before_it_starts():
    g = sample_graph("000")
    selector = first(g.subjects(RDF.type, OA.TextPositionSelector))
    start = g.value(selector, OA.start)
    g.set((selector, OA.end, Literal(int(start), datatype=rdflib.XSD.integer)))  # end == start
    span = g.value(predicate=OA.hasSelector, object=selector)
    fact = g.value(predicate=PROV.wasDerivedFrom, object=span)
    quotes = [str(g.value(s, OA.exact)) for s in g.objects(span, OA.hasSelector) if g.value(s, OA.exact)]
    said = [str(o) for p in (fz.text, rdflib.RDFS.label, fz.writtenAs) for o in g.objects(fact, p)]
    quote = quotes[0] if quotes else said[0]  # the quote selector, or the fact's own words

    report = validate(g)
    assert not report.conforms
    v = only(report, focus_node=str(selector), constraint="LessThan")
    assert v.path == "oa:start"
    assert "end" in v.message and "start" in v.message
    assert v.quote == quote
    task = URIRef(str(selector).split("/src/")[0].split("/lead/")[0].split("/responsible/")[0])
    assert (task, RDF.type, fz.Task) in g
    assert v.focus_label == str(g.value(task, DCT.title))  # selector → span → fact → its task

    g.set((selector, OA.end, Literal(int(start) - 1, datatype=rdflib.XSD.integer)))  # end < start
    assert only(validate(g), focus_node=str(selector), constraint="LessThan")


def test_negative_offset():
    g = sample_graph("004")
    selector = first(g.subjects(RDF.type, OA.TextPositionSelector))
    g.set((selector, OA.start, Literal(-1, datatype=rdflib.XSD.integer)))
    v = only(validate(g), focus_node=str(selector), constraint="MinInclusive")
    assert v.path == "oa:start"


def test_plan_task_without_lead():
    g = sample_graph("000")
    task = a_task_with_provenance(g, lead=True)
    title = str(g.value(task, DCT.title))
    for part in list(g.objects(task, CV.hasParticipation)):
        if g.value(part, CV.role) == fz.LeadRole:
            g.remove((task, CV.hasParticipation, part))
            g.remove((part, None, None))
    g.remove((task, fz.leadUnit, None))

    report = validate(g)
    assert report.conforms  # a gap in the reading (or in the plan), shown as a warning
    found = [w for w in report.warnings if w.focus_node == str(task) and w.constraint == "SPARQL"]
    assert len(found) == 1, report.render()
    v = found[0]
    assert "lead" in v.message
    assert v.path == "cv:hasParticipation"
    assert v.value == str(g.value(task, fz.inDocument))  # the plan; document IRIs are not abbreviated
    assert v.focus_label == title
    assert v.quote and title in v.quote
    zh = [w for w in validate(g, lang="zh").warnings if w.focus_node == str(task) and w.constraint == "SPARQL"]
    assert zh[0].message.startswith("该任务没有牵头单位")


@pytest.mark.parametrize("shortcut", ["leadUnit", "responsibleUnit"])
def test_deleting_one_shortcut_quad_is_a_violation(shortcut):
    """The cv:Participation records are the source of truth and fz:leadUnit … are derived from
    them: quads with one shortcut deleted (its participation left alone) no longer conform."""
    all_quads = sample_quads("000")
    dropped = sorted(q for q in all_quads if q[1] == f"<{FZ}{shortcut}>")[0]
    report = validate(dataset_from_quads([q for q in all_quads if q != dropped]))
    assert not report.conforms
    v = only(report, focus_node=dropped[0][1:-1], constraint="SPARQL", path=f"fz:{shortcut}")
    assert v.value == dropped[2][1:-1]  # the unit
    assert f"fz:{shortcut}" in v.message and "cv:Participation" in v.message
    assert len(report.violations) == 1


def test_plan_without_any_lead_is_fine():
    """Sample 003 carries no assignment notes: no task has a lead and none is required."""
    g = sample_graph("003")
    assert not any(g.triples((None, CV.role, fz.LeadRole)))
    assert validate(g).conforms


def test_missing_metric_is_a_warning_only():
    g = sample_graph("003")
    target = first(t for t in g.subjects(RDF.type, fz.QuantitativeTarget) if g.value(t, fz.metric))
    g.remove((target, fz.metric, None))
    report = validate(g)
    assert report.conforms
    w = [v for v in report.warnings if v.focus_node == str(target)]
    assert len(w) == 1 and w[0].severity == "Warning" and w[0].path == "fz:metric"
    assert "metric" in w[0].message


def test_unit_with_two_chinese_names():
    g = sample_graph("000")
    unit = first(g.subjects(RDF.type, CV.PublicOrganisation))
    g.add((unit, rdflib.SKOS.prefLabel, Literal("另一个名称", lang="zh")))
    v = only(validate(g), focus_node=str(unit), constraint="UniqueLang")
    assert v.focus_label in {str(l) for l in g.objects(unit, rdflib.SKOS.prefLabel)}
    assert v.path == "skos:prefLabel"


# --- the report --------------------------------------------------------------------------------


def test_report_is_sorted_deterministic_and_renders_one_line_per_problem():
    g = sample_graph("000")
    for task in sorted(g.subjects(RDF.type, fz.Task))[:3]:
        g.remove((task, DCT.title, None))
        g.remove((task, fz.text, None))
    first_run, second_run = validate(g), validate(g)
    assert first_run == second_run
    assert len(first_run.violations) == 3 and len(first_run.warnings) == 3
    assert first_run.violations == sorted(first_run.violations, key=Violation.sort_key)
    lines = first_run.render().splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("Violation:") and lines[-1].startswith("Warning:")
    assert validate(sample_graph("004")).render().startswith("conforms")


def test_every_corpus_document_gives_a_graph_that_conforms():
    """Real documents from other provinces, however incomplete their reading, give graphs with no
    violation: what extraction misses (a title, an area, a lead) is a warning, never a broken graph."""
    from kg.extract.pipeline import extract_path
    from kg.rdf.mapping import document_key, quads

    docs = sorted((Path(__file__).resolve().parent / "corpus" / "docs").glob("*.txt"))
    assert len(docs) >= 100
    # one graph a document, as the build keeps it: two copies of one document (its Simplified page and
    # a Traditional mirror, both 2024年上海市守法普法工作要点) are one document, the later file kept
    graphs = {}
    for path in docs:
        result = extract_path(path)
        graphs[document_key(result)] = quads(result)
    assert len(graphs) < len(docs)  # (the corpus holds such copies)
    every = [q for qs in graphs.values() for q in qs]
    report = validate(graph_union(dataset_from_quads(every)))
    assert report.conforms, [v.render() for v in report.violations[:5]]
    assert report.warnings  # the gaps are shown


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_every_span_keeps_its_words_once(key):
    """A span's words are stored once: as a quote selector, or as the fact's own text (fz:text,
    rdfs:label, fz:writtenAs) where that is exactly the document's text between the offsets."""
    text = extract_path(SAMPLES[key]).text
    g = sample_graph(key)
    spans = set(g.subjects(OA.hasSource, None))
    assert spans
    kept = 0
    for span in spans:
        fact = g.value(predicate=PROV.wasDerivedFrom, object=span)
        pos = next(s for s in g.objects(span, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in g)
        words = text[int(g.value(pos, OA.start)): int(g.value(pos, OA.end))]
        quotes = [str(g.value(s, OA.exact)) for s in g.objects(span, OA.hasSelector) if g.value(s, OA.exact)]
        said = {str(o) for p in (fz.text, rdflib.RDFS.label, fz.writtenAs) for o in g.objects(fact, p)}
        if quotes:
            assert quotes == [words] and words not in said  # never both
        else:
            assert words in said
            kept += 1
        if (fact, RDF.type, fz.Task) in g:
            assert not quotes  # a task's text is its span's words
    assert kept
