"""The graph as the reused vocabularies define their terms, checked the way their own tools do:
Data Cube's integrity constraints, ODRL used only where it fits, every fz: term declared, SKOS
mapping properties only between concepts, the role shortcuts kept in step with the participation
records (SHACL), and the whole of data and ontology through an OWL 2 RL reasoner (owlrl)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import owlrl
import pytest
import rdflib
from rdflib import RDF, URIRef

from kg.extract.pipeline import extract_path
from kg.jobs.export import ontology_quads
from kg.rdf.mapping import quads
from kg.rdf.validate import dataset_from_quads, graph_union, validate
from kg.vocab import FZ

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "kg" / "samples").glob("*.txt"))
ODRL = "http://www.w3.org/ns/odrl/2/"
QB = rdflib.Namespace("http://purl.org/linked-data/cube#")
CV = rdflib.Namespace("http://data.europa.eu/m8g/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
fz = rdflib.Namespace(FZ)


@lru_cache(maxsize=None)
def sample_quads(prefix: str) -> tuple:
    path = next(p for p in SAMPLES if p.name.startswith(prefix))
    return tuple(quads(extract_path(path)))


def data_and_ontology(*prefixes: str) -> rdflib.Graph:
    lines = [f"{s} {p} {o} ." for key in prefixes for s, p, o, _ in sample_quads(key)]
    lines += [f"{s} {p} {o} ." for s, p, o, _ in ontology_quads()]
    g = rdflib.Graph()
    g.parse(data="\n".join(lines), format="nt")
    return g


# --- Data Cube: the integrity constraints of the W3C recommendation, section 11 -------------------

# Each query finds what breaks the constraint; the constraint holds when it finds nothing.
# (IC-1 … IC-14 as numbered in the recommendation; the ones that concern slices, code lists and
# measure dimensions do not apply: the figures use none.)
CUBE_CHECKS = {
    "IC-1 every observation in exactly one data set": """
        SELECT ?obs WHERE { ?obs a qb:Observation .
          OPTIONAL { ?obs qb:dataSet ?ds1 . ?obs qb:dataSet ?ds2 . FILTER(?ds1 != ?ds2) }
          FILTER(!EXISTS { ?obs qb:dataSet ?any } || BOUND(?ds1)) }""",
    "IC-2 every data set has exactly one structure": """
        SELECT ?ds WHERE { ?ds a qb:DataSet .
          OPTIONAL { ?ds qb:structure ?a . ?ds qb:structure ?b . FILTER(?a != ?b) }
          FILTER(!EXISTS { ?ds qb:structure ?any } || BOUND(?a)) }""",
    "IC-3 every structure has a measure": """
        SELECT ?dsd WHERE { ?dsd a qb:DataStructureDefinition .
          FILTER NOT EXISTS { ?dsd qb:component/qb:measure ?m } }""",
    "IC-4 every dimension has a range": """
        SELECT ?dim WHERE { ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range ?r } }""",
    "IC-11 every observation has a value for every dimension": """
        SELECT ?obs ?dim WHERE { ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dim .
          FILTER NOT EXISTS { ?obs ?dim ?v } }""",
    "IC-12 no two observations of a data set share all their dimension values": """
        SELECT ?a ?b WHERE { ?a qb:dataSet ?ds . ?b qb:dataSet ?ds . FILTER(STR(?a) < STR(?b))
          FILTER NOT EXISTS { ?ds qb:structure/qb:component/qb:dimension ?dim .
                              ?a ?dim ?va . ?b ?dim ?vb . FILTER(?va != ?vb) } }""",
    "IC-13 required attributes are given": """
        SELECT ?obs ?attr WHERE { ?obs qb:dataSet/qb:structure/qb:component ?c .
          ?c qb:attribute ?attr ; qb:componentRequired true . FILTER NOT EXISTS { ?obs ?attr ?v } }""",
    "IC-14 every observation has a value for every measure": """
        SELECT ?obs ?m WHERE { ?obs qb:dataSet/qb:structure/qb:component/qb:measure ?m .
          FILTER NOT EXISTS { ?obs ?m ?v } }""",
}


@pytest.fixture(scope="module")
def reports() -> rdflib.Graph:
    return data_and_ontology("002", "004")


@pytest.mark.parametrize("name", sorted(CUBE_CHECKS))
def test_report_figures_meet_the_data_cube_constraints(reports, name):
    assert len(list(reports.subjects(RDF.type, QB.Observation))) > 100
    broken = list(reports.query(CUBE_CHECKS[name], initNs={"qb": QB, "rdfs": rdflib.RDFS}))
    assert not broken, (name, broken[:3])


def test_the_cube_checks_can_fail(reports):
    g = rdflib.Graph()
    for t in reports:
        g.add(t)
    obs = sorted(g.subjects(RDF.type, QB.Observation))
    g.remove((obs[0], QB.dataSet, None))
    g.set((obs[1], fz.figureNumber, g.value(obs[2], fz.figureNumber)))
    assert list(g.query(CUBE_CHECKS["IC-1 every observation in exactly one data set"], initNs={"qb": QB}))
    assert list(g.query(CUBE_CHECKS["IC-12 no two observations of a data set share all their dimension values"],
                        initNs={"qb": QB}))


# --- ODRL, SKOS, declarations ---------------------------------------------------------------------


def test_odrl_is_used_only_for_its_operators():
    """An ODRL rule needs an action inside a policy, a constraint a left operand: the documents
    give neither, so the graph has no ODRL classes and no ODRL properties, only the operators
    as values of fz:comparator."""
    used = set()
    for key in ("000", "001", "003"):
        for s, p, o, _ in sample_quads(key):
            used |= {t for t in (s, p, o) if t.startswith(f"<{ODRL}")}
    assert used and used <= {f"<{ODRL}{op}>" for op in ("eq", "gt", "gteq", "lt", "lteq")}


def _fz_terms_used() -> set[str]:
    used = set()
    for key in ("000", "001", "002", "003", "004"):
        for s, p, o, _ in sample_quads(key):
            used.add(p)
            if p == f"<{RDF.type}>":
                used.add(o)
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ontology").glob("*.ttl"))
    text += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg" / "query" / "queries").glob("*.rq"))
    used |= {f"<{FZ}{name}>" for name in re.findall(r"\bfz:([A-Za-z][A-Za-z0-9_]*)", text)}
    return {t[1:-1] for t in used if t.startswith(f"<{FZ}")}


def test_every_fz_term_is_declared_with_a_label():
    g = data_and_ontology()
    used = _fz_terms_used()
    assert len(used) > 60
    undeclared = sorted(t for t in used if (URIRef(t), RDF.type, None) not in g)
    unlabelled = sorted(t for t in used if (URIRef(t), rdflib.RDFS.label, None) not in g
                        and (URIRef(t), SKOS.prefLabel, None) not in g)
    assert not undeclared and not unlabelled, (undeclared, unlabelled)


def test_skos_mapping_properties_link_concepts_only():
    g = data_and_ontology("000", "003")
    for prop in ("closeMatch", "exactMatch", "relatedMatch", "broadMatch", "narrowMatch"):
        for s, o in g.subject_objects(SKOS[prop]):
            assert (s, RDF.type, SKOS.Concept) in g and (o, RDF.type, SKOS.Concept) in g, (prop, s, o)


# --- one source of truth for a task's roles ---------------------------------------------------------


@pytest.mark.parametrize("change", ["drop a shortcut", "add a shortcut", "drop a participation"])
def test_shortcuts_and_participations_cannot_disagree(change):
    g = graph_union(dataset_from_quads(sample_quads("000")))
    assert validate(g).conforms
    task, unit = sorted(g.subject_objects(fz.leadUnit))[0]
    if change == "drop a shortcut":
        g.remove((task, fz.leadUnit, unit))
    elif change == "add a shortcut":
        g.add((task, fz.cooperatingUnit, unit))
    else:
        part = next(p for p in g.objects(task, CV.hasParticipation)
                    if (p, CV.hasParticipant, unit) in g and (p, CV.role, fz.LeadRole) in g)
        g.remove((task, CV.hasParticipation, part))
    report = validate(g)
    assert not report.conforms
    found = [v for v in report.violations if v.focus_node == str(task)]
    assert found and all(v.value == f"<{unit}>" or str(unit) in (v.value or "") for v in found), found


# --- an OWL tool ------------------------------------------------------------------------------------

_OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
_OWLRL_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def _owl_rl_errors(g: rdflib.Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return sorted(str(g.value(m, _OWLRL_TEXT)) for m in g.subjects(RDF.type, _OWLRL_ERROR))


def test_data_and_ontology_are_consistent_under_owl_2_rl():
    """What `export --with-ontology` gives, for a plan and a report, through an OWL 2 RL reasoner:
    no inconsistency (disjoint classes sharing a member, ill-typed literals, …)."""
    g = data_and_ontology("000", "002")
    assert not _owl_rl_errors(g)


def test_the_reasoner_sees_an_inconsistency():
    g = data_and_ontology("000")
    duty = sorted(g.subjects(RDF.type, fz.Duty))[0]
    g.add((duty, RDF.type, fz.Prohibition))
    errors = _owl_rl_errors(g)
    assert any("Disjoint" in e and str(duty) in e for e in errors), errors
