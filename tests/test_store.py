"""The graph in every store: same answers from embedded Oxigraph, memory and a live server;
documents replaced, never duplicated; exports byte-identical across fresh builds."""

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.jobs.build import build
from kg.jobs.export import export
from kg.rdf.mapping import graph_iri, quads
from kg.query.named import get_query
from kg.extract.pipeline import extract_path, extract_text
from kg.store import MemoryStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"


@pytest.fixture(scope="module")
def stores(tmp_path_factory, oxigraph_server):
    embedded = open_store(tmp_path_factory.mktemp("store") / "db")
    memory = open_store("memory")
    http = open_store(oxigraph_server)
    for st in (embedded, memory, http):
        build([SAMPLES], st)
    yield {"oxigraph": embedded, "memory": memory, "http": http}
    embedded.close()


def workload(st):
    return st.query(get_query("unit-workload").text).records()


def test_unit_workload_is_the_same_in_every_store(stores):
    answers = {name: workload(st) for name, st in stores.items()}
    assert answers["oxigraph"] == answers["memory"] == answers["http"]
    top = answers["oxigraph"][0]
    # seed 000: 区司法局 leads 26 of the 38 tasks (counted by hand from the notes)
    assert (top["name"], top["jurisdiction_code"], top["lead_count"]) == ("南京市栖霞区司法局", "320113", "26")


def test_exports_are_identical_across_stores(stores):
    texts = {name: export(st, "turtle") for name, st in stores.items()}
    assert texts["oxigraph"] == texts["memory"] == texts["http"]


def test_every_store_holds_one_graph_per_document(stores):
    for st in stores.values():
        assert len(st.graphs()) == 5
        assert st.count() == stores["oxigraph"].count()


def test_rebuilding_replaces_instead_of_duplicating(tmp_path):
    st = open_store(tmp_path / "db")
    build([SAMPLES / "000_fbb961a89fe9d432.txt"], st)
    first = st.count()
    build([SAMPLES / "000_fbb961a89fe9d432.txt"], st)
    assert st.count() == first and len(st.graphs()) == 1
    st.close()


def test_two_fresh_builds_export_identical_bytes(tmp_path):
    outputs = []
    for i in range(2):
        st = open_store(tmp_path / f"db{i}")
        build([SAMPLES], st)
        outputs.append({fmt: export(st, fmt) for fmt in ("turtle", "trig", "nquads", "ntriples")})
        st.close()
    assert outputs[0] == outputs[1]


def test_turtle_and_trig_parse_back_to_the_same_graph(stores):
    st = stores["oxigraph"]
    nq = export(st, "nquads")
    ds = rdflib.Dataset()
    ds.parse(data=nq, format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    ttl = rdflib.Graph().parse(data=export(st, "turtle"), format="turtle")
    assert isomorphic(ttl, union)
    trig = rdflib.Dataset().parse(data=export(st, "trig"), format="trig")
    assert sum(1 for _ in trig.quads((None, None, None, None))) == sum(1 for _ in ds.quads((None, None, None, None)))


def test_export_one_document(stores):
    text = export(stores["oxigraph"], "turtle", document="000_fbb961a89fe9d432.txt")
    g = rdflib.Graph().parse(data=text, format="turtle")
    titles = {str(o) for o in g.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title"))}
    assert "栖霞区2021年法治政府建设工作计划" in titles
    assert "2021年全区法治政府建设重点工作计划" not in titles


def test_iris_are_ascii_and_readable():
    result = extract_path(SAMPLES / "000_fbb961a89fe9d432.txt")
    for s, p, o, g in quads(result):
        for term in (s, p, g) + ((o,) if o.startswith("<") else ()):
            assert term.isascii() and not any(c in term for c in " []|{}"), term
    assert graph_iri(result).startswith("https://w3id.org/fazhi-kg/id/graph/320113-2021-")
    subjects = {s for s, p, o, g in quads(result)}
    assert any(s.endswith("/task/p2-s1-i1>") for s in subjects)  # 二.(一).1
    assert any(s.endswith("/task/p2-s8-i38>") for s in subjects)  # 二.(八).38


# A small document and its assignment subgraph, written by hand: units and tasks as blank nodes
# (their IRIs carry hashes), labels, roles and order as the note says.
SMALL = ("南京市栖霞区人民政府文件\n栖霞区2022年法治政府建设工作计划\n一、重点工作\n(一)依法全面履行政府职能\n"
         "1.深化改革。推进审批便民化。(牵头单位:区司法局、区发改委,责任单位:各街道)\n")
EXPECTED = """
@prefix fz: <https://w3id.org/fazhi-kg/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

_:task dct:title "深化改革"@zh ;
    fz:leadUnit _:sfj , _:fgw ;
    fz:responsibleUnit _:jd ;
    cv:hasParticipation _:p1 , _:p2 , _:p3 .
_:p1 cv:hasParticipant _:sfj ; cv:role fz:LeadRole ; schema:position "1"^^xsd:integer .
_:p2 cv:hasParticipant _:fgw ; cv:role fz:LeadRole ; schema:position "2"^^xsd:integer .
_:p3 cv:hasParticipant _:jd ; cv:role fz:ResponsibleRole ; schema:position "1"^^xsd:integer .
_:sfj skos:prefLabel "南京市栖霞区司法局"@zh .
_:fgw skos:prefLabel "南京市栖霞区发展和改革委员会"@zh .
_:jd skos:prefLabel "南京市栖霞区各街道"@zh .
"""


def test_golden_assignment_subgraph():
    st = MemoryStore()
    result = extract_text(SMALL)
    st.replace_document(graph_iri(result), quads(result))
    construct = """
    PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> PREFIX dct: <http://purl.org/dc/terms/>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX cv: <http://data.europa.eu/m8g/>
    PREFIX schema: <https://schema.org/>
    CONSTRUCT {
      ?t dct:title ?title ; fz:leadUnit ?l ; fz:responsibleUnit ?r ; cv:hasParticipation ?p .
      ?p cv:hasParticipant ?u ; cv:role ?role ; schema:position ?pos . ?u skos:prefLabel ?name .
    } WHERE {
      ?t a fz:Task ; dct:title ?title ; cv:hasParticipation ?p .
      ?p cv:hasParticipant ?u ; cv:role ?role ; schema:position ?pos . ?u skos:prefLabel ?name .
      OPTIONAL { ?t fz:leadUnit ?l } OPTIONAL { ?t fz:responsibleUnit ?r }
    }"""
    actual = rdflib.Graph()
    bnodes = {}
    for s, p, o in st._ds.query(construct):
        s, o = (bnodes.setdefault(x, rdflib.BNode()) if isinstance(x, rdflib.URIRef) and "/id/" in str(x) else x
                for x in (s, o))
        actual.add((s, p, o))
    expected = rdflib.Graph().parse(data=EXPECTED, format="turtle")
    assert isomorphic(actual, expected)


def test_parallel_build_gives_the_same_store(tmp_path):
    one, two = open_store(tmp_path / "one"), open_store(tmp_path / "two")
    build([SAMPLES], one, jobs=1)
    summary = build([SAMPLES], two, jobs=2)
    assert summary.documents == 5 and summary.tasks == 98
    assert export(one, "nquads") == export(two, "nquads")
    one.close()
    two.close()


def test_a_renamed_unit_is_linked_to_its_successor():
    """A 2016 city plan names 市法制局; the 2018 reform merged it into 司法局 (ontology/renames.ttl).
    The change event links the old unit to the node a later plan's 市司法局 resolves to."""
    head = "南京市人民政府文件\n南京市{year}年法治政府建设工作要点\n一、重点工作\n(一)依法全面履行政府职能\n"
    old = extract_text(head.format(year=2016) + "1.健全依法决策机制。完善程序。(市法制局牵头,市监察局配合)\n")
    new = extract_text(head.format(year=2022) + "1.健全依法决策机制。完善程序。(市司法局牵头)\n")
    st = MemoryStore()
    for r in (old, new):
        st.replace_document(graph_iri(r), quads(r))
    rows = st.query("""PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT DISTINCT ?old_name ?new ?new_name ?date WHERE { ?e a org:ChangeEvent ; org:originalOrganization ?o ;
          org:resultingOrganization ?new ; dct:date ?date . ?o skos:prefLabel ?old_name . ?new skos:prefLabel ?new_name }
        ORDER BY ?old_name""").records()
    assert [(r["old_name"], r["new_name"], r["date"]) for r in rows] == [
        ("南京市法制局", "南京市司法局", "2018"), ("南京市监察局", "南京市监察委员会", "2018")]
    assert rows[0]["new"] == new.tasks[0].lead[0].id


def test_a_changed_document_replaces_its_graph_through_either_write_path(tmp_path):
    """A new graph is loaded as N-Quads, an existing one swapped by a SPARQL update: both must
    leave exactly the document's quads."""
    from kg.store import OxigraphStore

    path = SAMPLES / "000_fbb961a89fe9d432.txt"
    result = extract_path(path)
    graph, doc_quads = graph_iri(result), quads(result)
    store = OxigraphStore(tmp_path / "store")
    store.replace_document(graph, doc_quads)  # new graph
    first = sorted(store.quads())
    assert len(first) == len(set(doc_quads)) and {q[3] for q in first} == {f"<{graph}>"}
    store.replace_document(graph, doc_quads[: len(doc_quads) // 2])  # existing graph, fewer quads
    assert sorted(store.quads()) == sorted(set(doc_quads[: len(doc_quads) // 2]))
    store.close()


def test_a_build_pauses_for_readers_only_when_one_waits(tmp_path, monkeypatch):
    import os
    import time

    from kg.store.oxigraph import OxigraphStore, _waiting_flag

    store = OxigraphStore(tmp_path / "store")
    pauses = []
    monkeypatch.setattr(store, "READER_GAP", 0.0)
    real_close = store.close
    monkeypatch.setattr(store, "close", lambda: (pauses.append(1), real_close()))
    store.let_readers_in()
    assert pauses == [], "nobody waits: the store stayed open"
    flag = _waiting_flag(tmp_path / "store")
    flag.touch()
    assert store.readers_waiting()
    os.utime(flag, (time.time() - 60, time.time() - 60))
    assert not store.readers_waiting(), "a flag left by a killed reader is stale after a few seconds"
    store.let_readers_in()
    assert pauses == []
    flag.touch()
    store.let_readers_in()
    assert pauses == [1], "a waiting reader made the writer release the lock"
    assert store.count() == 0  # and the writer has its store back
    real_close()


def test_a_long_build_flushes_the_store_now_and_then(tmp_path, monkeypatch):
    """RocksDB holds written data in memory until a flush; the store flushes every
    FLUSH_EVERY quads so a long build does not grow with the corpus."""
    from kg.store import OxigraphStore

    result = extract_path(SAMPLES / "000_fbb961a89fe9d432.txt")
    graph, doc_quads = graph_iri(result), quads(result)
    store = OxigraphStore(tmp_path / "store")
    flushes = []
    real = store._store

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def flush(self):
            flushes.append(1)
            real.flush()

    monkeypatch.setattr(store, "FLUSH_EVERY", len(doc_quads) * 2)
    store._store = Counting()
    for i in range(5):
        store.replace_document(graph + f"-{i}", doc_quads)
    assert len(flushes) == 2  # after the 2nd and the 4th document
    store._store = real
    assert len(store.graphs()) == 5
    store.close()


def test_memory_store_tells_a_syntax_error_from_a_failure_while_evaluating(monkeypatch):
    from kg.errors import QueryError
    from kg.store import MemoryStore

    mem = MemoryStore()
    with pytest.raises(QueryError, match="^SPARQL syntax error: Expected"):
        mem.query("SELEC ?x WHERE { ?x ?p ?o }")

    def broken(_sparql):
        raise RuntimeError("Set changed size during iteration")

    monkeypatch.setattr(mem._ds, "query", broken)
    with pytest.raises(QueryError, match="^the query failed in rdflib: Set changed size"):
        mem.query("SELECT ?x WHERE { ?x ?p ?o }")
