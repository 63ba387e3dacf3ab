"""The streaming export writes the very bytes of the plain writers it replaced.

``Reference`` below is the earlier writer code, kept as the specification: sort every quad as
N-Triples strings, group, abbreviate.  The writers in kg.rdf.serialize and the Oxigraph path of
kg.jobs.export (graphs read as N-Triples by Oxigraph, sorted runs spilled to disk and merged) must
agree with it byte for byte on awkward content: blank nodes, literals with spaces, escapes,
language tags and datatypes, IRIs no prefix fits, subjects and triples shared by graphs.
"""

from __future__ import annotations

import json
import random
import re
from itertools import groupby

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.jobs import export as export_mod
from kg.rdf import serialize as rdfio
from kg.cli import app
from kg.jobs.export import ONTOLOGY_GRAPH, export, export_to
from kg.rdf import formats
from kg.vocab import PREFIXES
from kg.store import OxigraphStore

FORMATS = ("turtle", "trig", "ntriples", "nquads", "jsonld")


# --- the reference: the writers as they were, unoptimised -----------------------------------------

class Reference:
    LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$|^[0-9][A-Za-z0-9_\-]*$")
    TYPED = re.compile(r'^(".*")\^\^<([^>]*)>$', re.S)
    LITERAL = re.compile(r'^"(?P<value>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z0-9-]+)|\^\^<(?P<dtype>[^>]*)>)?$', re.S)
    UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
    ESC = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "\\": "\\", "'": "'"}

    def __init__(self, prefixes=PREFIXES):
        self.prefixes = dict(sorted(prefixes.items()))
        self.ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used = set()

    def iri(self, term):
        if not term.startswith("<"):
            return term
        value = term[1:-1]
        for name, ns in self.ordered:
            if value.startswith(ns):
                local = value[len(ns):]
                if self.LOCAL.match(local) or local == "":
                    self.used.add(name)
                    return f"{name}:{local}"
        return term

    def term(self, term):
        if term.startswith("<"):
            return self.iri(term)
        m = self.TYPED.match(term)
        return f"{m.group(1)}^^{self.iri('<' + m.group(2) + '>')}" if m else term

    def header(self):
        return "".join(f"@prefix {n}: <{self.prefixes[n]}> .\n" for n in sorted(self.used))

    def block(self, triples, indent=""):
        lines = []
        for subject, group in groupby(triples, key=lambda t: t[0]):
            preds = []
            for pred, objs in groupby(list(group), key=lambda t: t[1]):
                objects = sorted({self.term(o) for _, _, o in objs})
                preds.append(("a" if pred == rdfio.RDF_TYPE else self.iri(pred), objects))
            preds.sort(key=lambda x: (x[0] != "a", x[0]))
            lines.append(f"{indent}{self.iri(subject)}")
            for i, (p, objects) in enumerate(preds):
                lines.append(f"{indent}    {p} {' , '.join(objects)}{' .' if i == len(preds) - 1 else ' ;'}")
            lines.append("")
        return lines

    def turtle(self, quads):
        body = self.block(sorted({(s, p, o) for s, p, o, _ in quads}))
        return self.header() + "\n" + "\n".join(body).rstrip("\n") + "\n"

    def trig(self, quads):
        body = []
        for graph, group in groupby(sorted(set(quads), key=lambda q: (q[3], q[0], q[1], q[2])), key=lambda q: q[3]):
            body.append(f"{self.iri(graph)} {{")
            body.extend(self.block([(s, p, o) for s, p, o, _ in group], indent="    "))
            body[-1:] = ["}", ""] if body[-1] == "" else body[-1:] + ["}", ""]
        return self.header() + "\n" + "\n".join(body).rstrip("\n") + "\n"

    def ntriples(self, quads):
        return "".join(f"{s} {p} {o} .\n" for s, p, o in sorted({(s, p, o) for s, p, o, _ in quads}))

    def nquads(self, quads):
        return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in sorted(set(quads)))

    def jiri(self, term):
        short = self.iri(term)
        return short[1:-1] if short.startswith("<") else short

    def jvalue(self, term):
        if term.startswith("<"):
            return {"@id": self.jiri(term)}
        if term.startswith("_:"):
            return {"@id": term}
        m = self.LITERAL.match(term)
        if m is None:
            return {"@value": term}

        def one(u):
            if u.group(1) or u.group(2):
                return chr(int(u.group(1) or u.group(2), 16))
            return self.ESC.get(u.group(3), u.group(3))

        out = {"@value": self.UNESCAPE.sub(one, m.group("value"))}
        if m.group("lang"):
            out["@language"] = m.group("lang")
        elif m.group("dtype"):
            out["@type"] = self.jiri(f"<{m.group('dtype')}>")
        return out

    def jsonld(self, quads):
        graphs = []
        for graph, gq in groupby(sorted(set(quads), key=lambda q: (q[3], q[0], q[1], q[2])), key=lambda q: q[3]):
            nodes = []
            for subject, sq in groupby(gq, key=lambda q: q[0]):
                node = {"@id": self.jiri(subject)}
                for pred, pq in groupby(sq, key=lambda q: q[1]):
                    objects = [o for _, _, o, _ in pq]
                    if pred == rdfio.RDF_TYPE:
                        node["@type"] = sorted(self.jiri(o) for o in objects)
                    else:
                        node[self.jiri(pred)] = sorted((self.jvalue(o) for o in objects),
                                                       key=lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True))
                nodes.append(node)
            graphs.append({"@id": self.jiri(graph), "@graph": nodes})
        context = {n: self.prefixes[n] for n in sorted(self.used)}
        return json.dumps({"@context": context, "@graph": graphs}, ensure_ascii=False, indent=1) + "\n"


def reference(fmt, quads, prefixes=PREFIXES):
    return getattr(Reference(prefixes), fmt)(list(quads))


# --- awkward content --------------------------------------------------------------------------------

NAMESPACES = [*PREFIXES.values(), "http://example.org/", "http://example.org/x#", "urn:x:"]
LOCALS = ["a", "Task", "b-c", "-x", "1abc", "", "x.y", "x/y", "_u", "中文", "a#b", "9", "q_1-2", "task/1", "task/1/unit"]
VALUES = ["x", "x y", 'a\\"b', "a\\nb", "中文 文本", "", "1", "\\u0041", "a\\\\b", "t\\tq", " lead", "end "]
DATATYPES = ["<http://www.w3.org/2001/XMLSchema#integer>", "<http://example.org/dt>",
             "<http://www.w3.org/2001/XMLSchema#gYear>", "<http://example.org/x#a.b>"]


def awkward_quads(seed: int, n: int) -> list[tuple[str, str, str, str]]:
    rnd = random.Random(seed)

    def iri():
        return f"<{rnd.choice(NAMESPACES)}{rnd.choice(LOCALS)}>"

    def bnode():
        return rnd.choice(["_:b1", "_:b12", "_:b2", "_:x"])

    def literal():
        v, k = rnd.choice(VALUES), rnd.random()
        if k < 0.4:
            return f'"{v}"'
        if k < 0.6:
            return f'"{v}"@' + rnd.choice(["zh", "en", "en-us"])
        return f'"{v}"^^' + rnd.choice(DATATYPES)

    out = []
    for _ in range(n):
        s = iri() if rnd.random() < 0.8 else bnode()
        p = rdfio.RDF_TYPE if rnd.random() < 0.2 else iri()
        o = rnd.choice([iri, bnode, literal, literal])()
        g = f"<http://example.org/graph/{rnd.randint(0, 6)}>"
        out.append((s, p, o, g))
    # the same triples again in other graphs, and exact duplicates
    out += [(s, p, o, f"<http://example.org/graph/{rnd.randint(0, 6)}>") for s, p, o, _ in rnd.sample(out, n // 5)]
    return out + rnd.sample(out, n // 10)


@pytest.mark.parametrize("seed", range(6))
def test_writers_match_the_reference(seed):
    quads = awkward_quads(seed, [0, 1, 3, 40, 300, 300][seed])
    for fmt in FORMATS:
        assert formats.text(fmt, list(quads)) == reference(fmt, quads), fmt


def test_writers_match_the_reference_with_prefixes_that_end_mid_name():
    prefixes = {"ex": "http://example.org/x", "e2": "http://example.org/", "fz": PREFIXES["fz"], "u": "urn:x:"}
    quads = awkward_quads(7, 300)
    for fmt in ("turtle", "trig", "jsonld"):
        assert formats.text(fmt, list(quads), prefixes) == reference(fmt, quads, prefixes), fmt


def test_abbreviator_memory_stays_bounded():
    ab = rdfio.Abbreviator()
    ab.short.limit = 10
    for i in range(100):
        assert ab.iri(f"<https://w3id.org/fazhi-kg/id/x{i}>") == f"fzid:x{i}"
    assert len(ab.short) <= 10 and ab.used == {"fzid"}


# --- the Oxigraph path ----------------------------------------------------------------------------------


@pytest.fixture
def oxstore(tmp_path):
    st = OxigraphStore(tmp_path / "db")
    lines = []
    for s, p, o, g in awkward_quads(11, 400):
        try:  # Oxigraph refuses a few of them (an IRI with two '#')
            list(ox.parse(f"{s} {p} {o} {g} .\n", format=ox.RdfFormat.N_QUADS))
            lines.append(f"{s} {p} {o} {g} .\n")
        except SyntaxError:
            pass
    st._store.extend(ox.parse("".join(lines), format=ox.RdfFormat.N_QUADS))  # one parse: blank nodes shared
    yield st
    st.close()


@pytest.mark.parametrize("run_lines", [500_000, 37])
def test_oxigraph_export_matches_the_reference(oxstore, monkeypatch, run_lines):
    monkeypatch.setattr(export_mod, "RUN_LINES", run_lines)  # 37: many runs spilled and merged
    quads = list(oxstore.quads())
    assert len({q[3] for q in quads}) == 7
    for fmt in FORMATS:
        assert export(oxstore, fmt) == reference(fmt, quads), fmt


def test_oxigraph_export_of_one_document_and_the_ontology(oxstore, monkeypatch):
    ontology_graph = f"<{ONTOLOGY_GRAPH}>"
    # a store graph of the ontology's name gets both; a triple in both is written once
    shared = ("<https://w3id.org/fazhi-kg/ontology#Task>", rdfio.RDF_TYPE, "<http://www.w3.org/2002/07/owl#Class>")
    oxstore._store.add(ox.Quad(ox.NamedNode(shared[0][1:-1]), ox.NamedNode(shared[1][1:-1]),
                               ox.NamedNode(shared[2][1:-1]), ox.NamedNode(ONTOLOGY_GRAPH)))
    ontology = [(*shared, ontology_graph), ("_:o1", "<http://www.w3.org/2000/01/rdf-schema#label>", '"本体"@zh', ontology_graph)]
    monkeypatch.setattr(export_mod, "ontology_quads", lambda: list(ontology))
    monkeypatch.setattr(export_mod, "RUN_LINES", 50)
    quads = list(oxstore.quads())
    for fmt in FORMATS:
        assert export(oxstore, fmt, with_ontology=True) == reference(fmt, quads + ontology), fmt
    graph = "http://example.org/graph/3"
    monkeypatch.setattr(export_mod, "document_graphs", lambda store, document: [graph])
    one = [q for q in quads if q[3] == f"<{graph}>"]
    for fmt in FORMATS:
        assert export(oxstore, fmt, document="any") == reference(fmt, one), fmt


def test_export_to_a_file_and_to_stdout_gives_the_same_bytes(oxstore, tmp_path):
    texts = {fmt: export(oxstore, fmt) for fmt in FORMATS}
    for fmt in FORMATS:
        out = tmp_path / "out" / f"x.{fmt}"
        size = export_to(oxstore, fmt, out)
        assert out.read_bytes() == texts[fmt].encode("utf-8") and size == out.stat().st_size
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]  # no temporary left
    location = oxstore.location
    oxstore.close()
    runner = CliRunner()
    for fmt in FORMATS:
        result = runner.invoke(app, ["export", "--format", fmt, "--store", location])
        assert result.exit_code == 0 and result.stdout_bytes == texts[fmt].encode("utf-8"), fmt


def test_empty_store_exports_like_the_reference(tmp_path):
    st = OxigraphStore(tmp_path / "empty")
    try:
        for fmt in FORMATS:
            assert export(st, fmt) == reference(fmt, []), fmt
    finally:
        st.close()


def _nquads_lines(quads) -> list[bytes]:
    return sorted(f"{s} {p} {o} {g}".encode("utf-8") for s, p, o, g in quads)


def test_one_dump_of_the_store_cut_in_runs_holds_every_quad(oxstore):
    quads = list(oxstore.quads())
    runs = list(oxstore.quad_line_runs(run_bytes=300))  # a few lines a run: the sink cuts many times
    assert len(runs) > 3 and all(runs)  # Oxigraph writes about 8 KB at a time
    assert sorted(line for run in runs for line in run) == _nquads_lines(quads)
    assert sorted(oxstore.graph_lines_bytes("http://example.org/graph/3", with_graph=True)) == \
        _nquads_lines(q for q in quads if q[3] == "<http://example.org/graph/3>")


def test_a_reader_that_stops_early_ends_the_dumping_thread(oxstore):
    import threading

    runs = oxstore.quad_line_runs(run_bytes=300)
    assert next(runs)
    runs.close()
    assert not [t for t in threading.enumerate() if t.name == "fazhi-kg-dump"]
    assert len(list(oxstore.quad_line_runs(run_bytes=300) or [])) > 3  # the store reads on as before


def test_a_quad_in_the_default_graph_keeps_the_export_to_the_named_graphs(oxstore):
    quads = list(oxstore.quads())
    oxstore._store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                               ox.Literal("default graph")))
    assert oxstore.quad_line_runs() is None  # its line would have no graph name
    for fmt in ("nquads", "turtle"):
        assert export(oxstore, fmt) == reference(fmt, quads), fmt
