"""The graph as the reused vocabularies define their terms, checked the way their own tools do.

* Data Cube: the recommendation's own normalization and integrity-constraint queries, run on what
  ``export --with-ontology`` writes for the samples;
* ODRL only where it fits (its operators), SKOS mapping properties only between concepts, every
  property used with the kind of value its declaration says (object or literal);
* every fz: IRI of the data, the ontology files and the named queries declared in fazhi.ttl;
* the role shortcuts kept in step with the participation records (SHACL);
* pyshacl on the ontology itself: the shapes against SHACL's own shapes (SHACL-SHACL), the concept
  schemes against the SKOS integrity conditions, and the exported data with its ontology against
  the shapes;
* the export through an OWL 2 RL reasoner (owlrl): consistent, no ill-typed literal.
"""

from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache

import owlrl
import pyshacl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.extract.pipeline import extract_path
from kg.jobs.export import ONTOLOGY_FILES, export, ontology_quads
from kg.rdf.mapping import graph_iri, quads
from kg.rdf.validate import validate
from kg.resources import ontology_file, queries_dir, sample_files
from kg.store import OxigraphStore
from kg.vocab import FZ

SAMPLES = {p.name[:3]: p for p in sample_files()}
ODRL = "http://www.w3.org/ns/odrl/2/"
QB = rdflib.Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = rdflib.Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = rdflib.Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
CV = rdflib.Namespace("http://data.europa.eu/m8g/")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
STRUCTURE = URIRef("https://w3id.org/fazhi-kg/id/figures-structure")
fz = rdflib.Namespace(FZ)


@lru_cache(maxsize=None)
def sample_quads(key: str) -> tuple:
    return tuple(quads(extract_path(SAMPLES[key])))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> str:
    """``fazhi-kg export --with-ontology`` of a store holding the five samples, as Turtle."""
    store = OxigraphStore(tmp_path_factory.mktemp("standards") / "store")
    try:
        for path in SAMPLES.values():
            result = extract_path(path)
            store.replace_document(graph_iri(result), quads(result))
        return export(store, "turtle", with_ontology=True)
    finally:
        store.close()


def parsed(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


@lru_cache(maxsize=None)
def fazhi() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file("fazhi.ttl"), format="turtle")


# --- Data Cube ---------------------------------------------------------------------------------------
# The RDF Data Cube Vocabulary, W3C Recommendation 16 January 2014,
# https://www.w3.org/TR/2014/REC-vocab-data-cube-20140116/ — section 10.2 "Normalization algorithm"
# and section 11.1 "Integrity constraints". The queries below are the recommendation's, as it
# writes them. The constraints are stated on the normalized form of a cube, so the normalization
# runs first (on a copy). IC-20 and IC-21 are templates instantiated for the qb:parentChildProperty
# of each qb:HierarchicalCodeList; the figures use no code list, so there is nothing to instantiate
# (test_the_cube_uses_no_code_list); IC-19 is run as written and holds for the same reason.

SPEC = "https://www.w3.org/TR/2014/REC-vocab-data-cube-20140116/"
CUBE_PREFIXES = """PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb:   <http://purl.org/linked-data/cube#>
PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
"""

NORMALIZE_PHASE_1 = """
INSERT { ?o rdf:type qb:Observation . } WHERE { [] qb:observation ?o . };
INSERT { ?o rdf:type qb:Observation . } WHERE { ?o qb:dataSet [] . };
INSERT { ?s rdf:type qb:Slice . } WHERE { [] qb:slice ?s. };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . } WHERE { ?cs qb:dimension ?p . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . } WHERE { ?cs qb:measure ?p . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . } WHERE { ?cs qb:attribute ?p . }
"""

NORMALIZE_PHASE_2 = """
INSERT { ?obs ?comp ?value } WHERE {
    ?spec    qb:componentProperty ?comp ;
             qb:componentAttachment qb:DataSet .
    ?dataset qb:structure [qb:component ?spec];
             ?comp ?value .
    ?obs     qb:dataSet ?dataset.
};
INSERT { ?obs ?comp ?value } WHERE {
    ?spec    qb:componentProperty ?comp;
             qb:componentAttachment qb:Slice .
    ?dataset qb:structure [qb:component ?spec];
             qb:slice ?slice .
    ?slice ?comp ?value;
           qb:observation ?obs .
};
INSERT { ?obs ?comp ?value } WHERE {
    ?spec    qb:componentProperty ?comp .
    ?comp a  qb:DimensionProperty .
    ?dataset qb:structure [qb:component ?spec];
             qb:slice ?slice .
    ?slice ?comp ?value;
           qb:observation ?obs .
}
"""

# Each ASK is true when the constraint is broken.
INTEGRITY_CONSTRAINTS = {
    "IC-1 unique data set": """
ASK {
  {
    # Check observation has a data set
    ?obs a qb:Observation .
    FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . }
  } UNION {
    # Check has just one data set
    ?obs a qb:Observation ;
       qb:dataSet ?dataset1, ?dataset2 .
    FILTER (?dataset1 != ?dataset2)
  }
}""",
    "IC-2 unique DSD": """
ASK {
  {
    # Check dataset has a dsd
    ?dataset a qb:DataSet .
    FILTER NOT EXISTS { ?dataset qb:structure ?dsd . }
  } UNION {
    # Check has just one dsd
    ?dataset a qb:DataSet ;
       qb:structure ?dsd1, ?dsd2 .
    FILTER (?dsd1 != ?dsd2)
  }
}""",
    "IC-3 DSD includes measure": """
ASK {
  ?dsd a qb:DataStructureDefinition .
  FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty [a qb:MeasureProperty]] }
}""",
    "IC-4 dimensions have range": """
ASK {
  ?dim a qb:DimensionProperty .
  FILTER NOT EXISTS { ?dim rdfs:range [] }
}""",
    "IC-5 concept dimensions have code lists": """
ASK {
  ?dim a qb:DimensionProperty ;
       rdfs:range skos:Concept .
  FILTER NOT EXISTS { ?dim qb:codeList [] }
}""",
    "IC-6 only attributes may be optional": """
ASK {
  ?dsd qb:component ?componentSpec .
  ?componentSpec qb:componentRequired "false"^^xsd:boolean ;
                 qb:componentProperty ?component .
  FILTER NOT EXISTS { ?component a qb:AttributeProperty }
}""",
    "IC-7 slice keys must be declared": """
ASK {
    ?sliceKey a qb:SliceKey .
    FILTER NOT EXISTS { [a qb:DataStructureDefinition] qb:sliceKey ?sliceKey }
}""",
    "IC-8 slice keys consistent with DSD": """
ASK {
  ?slicekey a qb:SliceKey;
      qb:componentProperty ?prop .
  ?dsd qb:sliceKey ?slicekey .
  FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty ?prop] }
}""",
    "IC-9 unique slice structure": """
ASK {
  {
    # Slice has a key
    ?slice a qb:Slice .
    FILTER NOT EXISTS { ?slice qb:sliceStructure ?key }
  } UNION {
    # Slice has just one key
    ?slice a qb:Slice ;
           qb:sliceStructure ?key1, ?key2;
    FILTER (?key1 != ?key2)
  }
}""",
    "IC-10 slice dimensions complete": """
ASK {
  ?slice qb:sliceStructure [qb:componentProperty ?dim] .
  FILTER NOT EXISTS { ?slice ?dim [] }
}""",
    "IC-11 all dimensions required": """
ASK {
    ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty;
    FILTER NOT EXISTS { ?obs ?dim [] }
}""",
    "IC-12 no duplicate observations": """
ASK {
  FILTER( ?allEqual )
  {
    # For each pair of observations test if all the dimension values are the same
    SELECT (MIN(?equal) AS ?allEqual) WHERE {
        ?obs1 qb:dataSet ?dataset .
        ?obs2 qb:dataSet ?dataset .
        FILTER (?obs1 != ?obs2)
        ?dataset qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty .
        ?obs1 ?dim ?value1 .
        ?obs2 ?dim ?value2 .
        BIND( ?value1 = ?value2 AS ?equal)
    } GROUP BY ?obs1 ?obs2
  }
}""",
    "IC-13 required attributes": """
ASK {
    ?obs qb:dataSet/qb:structure/qb:component ?component .
    ?component qb:componentRequired "true"^^xsd:boolean ;
               qb:componentProperty ?attr .
    FILTER NOT EXISTS { ?obs ?attr [] }
}""",
    "IC-14 all measures present": """
ASK {
    # Observation in a non-measureType cube
    ?obs qb:dataSet/qb:structure ?dsd .
    FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }

    # verify every measure is present
    ?dsd qb:component/qb:componentProperty ?measure .
    ?measure a qb:MeasureProperty;
    FILTER NOT EXISTS { ?obs ?measure [] }
}""",
    "IC-15 measure dimension consistent": """
ASK {
    # Observation in a measureType-cube
    ?obs qb:dataSet/qb:structure ?dsd ;
         qb:measureType ?measure .
    ?dsd qb:component/qb:componentProperty qb:measureType .
    # Must have value for its measureType
    FILTER NOT EXISTS { ?obs ?measure [] }
}""",
    "IC-16 single measure on measure dimension observation": """
ASK {
    # Observation with measureType
    ?obs qb:dataSet/qb:structure ?dsd ;
         qb:measureType ?measure ;
         ?omeasure [] .
    # Any measure on the observation
    ?dsd qb:component/qb:componentProperty qb:measureType ;
         qb:component/qb:componentProperty ?omeasure .
    ?omeasure a qb:MeasureProperty .
    # Must be the same as the measureType
    FILTER (?omeasure != ?measure)
}""",
    "IC-17 all measures present in measures dimension cube": """
ASK {
  {
      # Count number of other measures found at each point
      SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
          {
              # Find the DSDs and check how many measures they have
              SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
                  ?dsd qb:component/qb:componentProperty ?m.
                  ?m a qb:MeasureProperty .
              } GROUP BY ?dsd
          }

          # Observation in measureType cube
          ?obs1 qb:dataSet/qb:structure ?dsd;
                qb:dataSet ?dataset ;
                qb:measureType ?m1 .

          # Other observation at same dimension value
          ?obs2 qb:dataSet ?dataset ;
                qb:measureType ?m2 .
          FILTER NOT EXISTS {
              ?dsd qb:component/qb:componentProperty ?dim .
              FILTER (?dim != qb:measureType)
              ?dim a qb:DimensionProperty .
              ?obs1 ?dim ?v1 .
              ?obs2 ?dim ?v2.
              FILTER (?v1 != ?v2)
          }

      } GROUP BY ?obs1 ?numMeasures
        HAVING (?count != ?numMeasures)
  }
}""",
    "IC-18 consistent data set links": """
ASK {
    ?dataset qb:slice       ?slice .
    ?slice   qb:observation ?obs .
    FILTER NOT EXISTS { ?obs qb:dataSet ?dataset . }
}""",
    "IC-19 codes from code list (scheme)": """
ASK {
    ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ;
        qb:codeList ?list .
    ?list a skos:ConceptScheme .
    ?obs ?dim ?v .
    FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list }
}""",
    "IC-19 codes from code list (collection)": """
ASK {
    ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ;
        qb:codeList ?list .
    ?list a skos:Collection .
    ?obs ?dim ?v .
    FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v }
}""",
}


def normalized(g: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``g`` in the normal form the constraints are stated on (section 10.2)."""
    out = rdflib.Graph()
    for t in g:
        out.add(t)
    out.update(CUBE_PREFIXES + NORMALIZE_PHASE_1)
    out.update(CUBE_PREFIXES + NORMALIZE_PHASE_2)
    return out


def broken(g: rdflib.Graph, name: str) -> bool:
    return g.query(CUBE_PREFIXES + INTEGRITY_CONSTRAINTS[name]).askAnswer


@pytest.fixture(scope="module")
def cube(exported) -> rdflib.Graph:
    return normalized(parsed(exported))


def test_every_report_has_its_data_set_and_the_one_structure(cube):
    reports = set(cube.objects(None, fz.reportedIn))
    assert len(reports) == 2  # samples 002 and 004
    assert set(cube.subjects(RDF.type, QB.DataSet)) == {URIRef(f"{r}/figures") for r in reports}
    for report in reports:
        dataset = URIRef(f"{report}/figures")
        assert list(cube.objects(dataset, QB.structure)) == [STRUCTURE]
        figures = set(cube.subjects(QB.dataSet, dataset))
        assert len(figures) > 50 and figures == set(cube.subjects(fz.reportedIn, report))
    dims = set(cube.objects(None, QB.dimension))
    # area and period describe figures but are not dimensions: a report does not always say them
    assert dims == {fz.figureNumber}
    assert set(cube.objects(None, QB.measure)) == {SDMX_MEASURE.obsValue}


def test_the_cube_uses_no_code_list(cube):
    assert not list(cube.subjects(RDF.type, QB.HierarchicalCodeList))
    assert not list(cube.triples((None, QB.codeList, None)))


@pytest.mark.parametrize("name", sorted(INTEGRITY_CONSTRAINTS))
def test_the_report_figures_meet_the_integrity_constraints(cube, name):
    assert len(set(cube.subjects(RDF.type, QB.Observation))) > 150
    assert not broken(cube, name), f"{name} fails (see {SPEC}#wf-rules)"


@pytest.fixture(scope="module")
def small_report() -> rdflib.Graph:
    """Report sample 004 with the ontology, as `export --with-ontology` has them, cut to its first
    twelve figures: small enough to break and check many times."""
    lines = [f"{s} {p} {o} ." for s, p, o, _ in sample_quads("004") + tuple(ontology_quads())]
    g = rdflib.Graph().parse(data="\n".join(lines), format="nt")
    for figure in list(g.subjects(RDF.type, fz.Achievement)):
        if int(g.value(figure, fz.figureNumber)) > 12:
            g.remove((figure, None, None))
    return g


def test_the_cut_report_is_a_cube_still(small_report):
    cube = normalized(small_report)
    assert len(set(cube.subjects(RDF.type, QB.Observation))) == 12
    assert not [n for n in INTEGRITY_CONSTRAINTS if broken(cube, n)]
    assert validate(small_report, ontology=False).conforms


BREAKAGES = {
    "IC-1 unique data set": lambda g, a, b: g.remove((a, QB.dataSet, None)),
    "IC-2 unique DSD": lambda g, a, b: g.add((g.value(a, QB.dataSet), QB.structure, URIRef(str(STRUCTURE) + "-2"))),
    "IC-4 dimensions have range": lambda g, a, b: g.remove((fz.figureNumber, RDFS.range, None)),
    "IC-11 all dimensions required": lambda g, a, b: g.remove((a, fz.figureNumber, None)),
    "IC-12 no duplicate observations": lambda g, a, b: g.set((b, fz.figureNumber, g.value(a, fz.figureNumber))),
    "IC-14 all measures present": lambda g, a, b: g.remove((a, SDMX_MEASURE.obsValue, None)),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_the_integrity_constraints_see_a_broken_cube(small_report, name):
    """Each query finds its breakage and only it; SHACL (fazhi-kg validate) reports the ones in
    the data too."""
    g = rdflib.Graph()
    for t in small_report:
        g.add(t)
    a, b = sorted(g.subjects(RDF.type, fz.Achievement), key=lambda f: int(g.value(f, fz.figureNumber)))[:2]
    BREAKAGES[name](g, a, b)
    cube = normalized(g)
    assert [n for n in INTEGRITY_CONSTRAINTS if broken(cube, n)] == [name]
    if name != "IC-4 dimensions have range":  # the ontology, not the data
        report = validate(g, ontology=False)
        assert not report.conforms
        assert {v.focus_node for v in report.violations} <= {str(a), str(b), str(g.value(a, QB.dataSet))}


# --- ODRL, SKOS, kinds of property ---------------------------------------------------------------------


def test_odrl_is_used_only_for_its_operators(exported):
    """An ODRL rule needs an action inside a policy, a constraint a left operand: the documents
    give neither, so no node is typed with an ODRL class and no ODRL property is written; the
    operators are the values of fz:comparator. (The ontology names ODRL terms with fz:nearMatch.)"""
    used = set()
    for key in sorted(SAMPLES):
        for s, p, o, _ in sample_quads(key):
            used |= {t for t in (s, p, o) if t.startswith(f"<{ODRL}")}
    assert used and used <= {f"<{ODRL}{op}>" for op in ("eq", "gt", "gteq", "lt", "lteq")}
    g = parsed(exported)
    assert not [t for t in g if str(t[1]).startswith(ODRL)]
    typed = {o for o in g.objects(None, RDF.type) if str(o).startswith(ODRL)}
    assert typed == {URIRef(ODRL + "Operator")}  # the operator individuals' declarations in fazhi.ttl


def test_skos_mapping_properties_link_concepts_only(exported):
    g = parsed(exported)
    for prop in ("closeMatch", "exactMatch", "relatedMatch", "broadMatch", "narrowMatch", "mappingRelation"):
        for s, o in g.subject_objects(SKOS[prop]):
            assert (s, RDF.type, SKOS.Concept) in g and (o, RDF.type, SKOS.Concept) in g, (prop, s, o)
    for term in set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(
            g.subjects(RDF.type, OWL.DatatypeProperty)):
        if (term, RDF.type, SKOS.Concept) not in g:  # fz:CollectiveSubject is both, on purpose
            assert not [p for p, _ in g.predicate_objects(term) if str(p).startswith(str(SKOS)) and "Match" in str(p)]


def test_every_property_gets_the_kind_of_value_it_is_declared_for(exported):
    """An owl:ObjectProperty (dct:source, fz:reportedIn …) only ever with an IRI or blank node, an
    owl:DatatypeProperty only with a literal: in the data and in every ontology file."""
    g = parsed(exported)
    objects = set(g.subjects(RDF.type, OWL.ObjectProperty))
    literals = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    assert not objects & literals
    assert URIRef("http://purl.org/dc/terms/source") in objects
    wrong = sorted({(str(p), type(o).__name__) for s, p, o in g
                    if (p in objects and isinstance(o, Literal)) or (p in literals and not isinstance(o, Literal))})
    assert not wrong


# --- every fz: term declared in fazhi.ttl ----------------------------------------------------------------


def fz_iris_used() -> dict[str, set[str]]:
    """Every fz: IRI, in any position, of the samples' graphs, the ontology files and the named
    queries, with where it was seen."""
    seen: dict[str, set[str]] = {}
    for key in sorted(SAMPLES):
        for quad in sample_quads(key):
            for term in quad[:3]:
                if term.startswith(f"<{FZ}"):
                    seen.setdefault(term[1:-1], set()).add(f"sample {key}")
    for name in ONTOLOGY_FILES + ("shapes.ttl",):
        for triple in rdflib.Graph().parse(ontology_file(name), format="turtle"):
            for term in triple:
                if isinstance(term, URIRef) and str(term).startswith(FZ):
                    seen.setdefault(str(term), set()).add(name)
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"\bfz:([A-Za-z_][A-Za-z0-9_-]*)", text) + re.findall(re.escape(FZ) + r"([A-Za-z0-9_-]+)", text):
            seen.setdefault(FZ + name, set()).add(path.name)
    return seen


def test_every_fz_iri_used_anywhere_is_declared_in_fazhi_ttl():
    used = fz_iris_used()
    assert len(used) > 100
    assert "renames.ttl" in used[FZ + "RenameEvent"] and "sample 000" in used[FZ + "leadUnit"]
    assert "metrics.ttl" in used[FZ + "direction"] and "themes.ttl" in used[FZ + "keyword"]
    onto = fazhi()
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.Concept,
             QB.DimensionProperty, QB.AttributeProperty}
    undeclared = sorted(f"{t} ({', '.join(sorted(where))})" for t, where in used.items()
                        if not set(onto.objects(URIRef(t), RDF.type)) & kinds)
    assert not undeclared, "fz: IRIs without a declaration in fazhi.ttl: " + "; ".join(undeclared)
    unlabelled = sorted(t for t in used if not {"zh", "en"} <= {
        o.language for p in (RDFS.label, SKOS.prefLabel) for o in onto.objects(URIRef(t), p)})
    assert not unlabelled


def test_the_vocabulary_files_declare_no_fz_term_of_their_own():
    """Concepts and lexicon entries live in units/themes/metrics/renames.ttl; every fz: class,
    property and type concept in fazhi.ttl alone, so there is one place to look."""
    for name in ONTOLOGY_FILES:
        if name == "fazhi.ttl":
            continue
        g = rdflib.Graph().parse(ontology_file(name), format="turtle")
        own = sorted(str(s) for s in set(g.subjects(RDF.type, None)) if str(s).startswith(FZ))
        assert not own, (name, own)


# --- one source of truth for a task's roles ---------------------------------------------------------


@pytest.mark.parametrize("change", ["drop a shortcut", "add a shortcut", "drop a participation"])
def test_shortcuts_and_participations_cannot_disagree(change):
    from kg.rdf.validate import dataset_from_quads, graph_union

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


# --- pyshacl on the ontology itself ------------------------------------------------------------------------


def shacl_shacl() -> rdflib.Graph:
    """SHACL's own shapes for shapes graphs (SHACL recommendation, appendix C), as pyshacl ships them."""
    path = importlib.resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"
    return rdflib.Graph().parse(str(path), format="turtle")


def test_the_shapes_are_valid_shacl():
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shacl_shacl())
    assert conforms, text
    shapes.add((URIRef("https://w3id.org/fazhi-kg/shapes#Document-title"), SH.minCount, Literal("one")))
    assert not pyshacl.validate(shapes, shacl_graph=shacl_shacl())[0]


# The integrity conditions of the SKOS Reference (W3C Recommendation 18 August 2009,
# https://www.w3.org/TR/2009/REC-skos-reference-20090818/) that a shapes engine can check — S9,
# S13, S14, S27, S46 — with the project's own rule that every concept sits in a scheme that is
# declared, and is a top concept only of a scheme it is in.
SKOS_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <urn:fazhi-kg:test:skos#> .

ex:Concept a sh:NodeShape ;
    sh:targetClass skos:Concept ;
    sh:not [ sh:class skos:ConceptScheme ] ;                                     # S9
    sh:property [ sh:path skos:prefLabel ; sh:uniqueLang true ; sh:minCount 1 ;  # S14
                  sh:disjoint skos:altLabel , skos:hiddenLabel ] ,               # S13
                [ sh:path skos:altLabel ; sh:disjoint skos:hiddenLabel ] ,       # S13
                [ sh:path skos:inScheme ; sh:minCount 1 ; sh:class skos:ConceptScheme ] ,
                [ sh:path skos:related ; sh:disjoint skos:broader , skos:narrower ] ,          # S27
                [ sh:path skos:exactMatch ; sh:disjoint skos:broadMatch , skos:relatedMatch ] ; # S46
    sh:sparql [
        sh:message "a top concept of a scheme it is not in" ;
        sh:select "SELECT $this ?value WHERE { $this <http://www.w3.org/2004/02/skos/core#topConceptOf> ?value . FILTER NOT EXISTS { $this <http://www.w3.org/2004/02/skos/core#inScheme> ?value } }"
    ] , [
        sh:message "related to one of its broader concepts, transitively (S27)" ;
        sh:select "SELECT $this ?value WHERE { $this <http://www.w3.org/2004/02/skos/core#related> ?value . $this <http://www.w3.org/2004/02/skos/core#broader>+ ?value }"
    ] .
"""


@lru_cache(maxsize=None)
def vocabularies() -> rdflib.Graph:
    g = rdflib.Graph()
    for name in ONTOLOGY_FILES:
        g.parse(ontology_file(name), format="turtle")
    return g


def test_the_concept_schemes_meet_the_skos_integrity_conditions():
    g = vocabularies()
    assert len(set(g.subjects(RDF.type, SKOS.Concept))) > 150
    conforms, _, text = pyshacl.validate(g, shacl_graph=parsed(SKOS_SHAPES), inference="none")
    assert conforms, text


def test_the_skos_checks_can_fail():
    g = rdflib.Graph()
    for t in vocabularies():
        g.add(t)
    concept = fz.LeadRole
    g.add((concept, SKOS.altLabel, g.value(concept, SKOS.prefLabel)))  # S13
    g.add((concept, SKOS.prefLabel, Literal("另一个", lang="zh")))  # S14
    conforms, results, _ = pyshacl.validate(g, shacl_graph=parsed(SKOS_SHAPES), inference="none")
    assert not conforms
    components = {str(o).rsplit("#", 1)[-1] for o in results.objects(None, SH.sourceConstraintComponent)}
    assert {"DisjointConstraintComponent", "UniqueLangConstraintComponent"} <= components


def test_the_export_with_its_ontology_conforms_to_the_shapes(exported):
    """The data as `export --with-ontology` writes it, validated with nothing added: the ontology
    it carries is enough for the class constraints."""
    report = validate(parsed(exported), ontology=False)
    assert report.conforms, report.render()


# --- an OWL tool ------------------------------------------------------------------------------------

_OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
_OWLRL_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def _owl_rl_errors(g: rdflib.Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return sorted(str(g.value(m, _OWLRL_TEXT)) for m in g.subjects(RDF.type, _OWLRL_ERROR))


def test_the_export_is_consistent_under_owl_2_rl(exported):
    """`export --with-ontology` of the five samples loads into owlrl and its OWL 2 RL closure has no
    inconsistency (disjoint classes sharing a member, ill-typed literals, …)."""
    g = parsed(exported)
    assert (URIRef("https://w3id.org/fazhi-kg/ontology"), RDF.type, OWL.Ontology) in g
    size = len(g)
    assert not _owl_rl_errors(g)
    assert len(g) > size  # the reasoner did run
    # what the ontology's axioms give: a task's units by the property chain, a figure's class
    task, unit = sorted(g.subject_objects(fz.leadUnit))[0]
    assert (task, fz.assignedUnit, unit) in g
    assert (sorted(g.subjects(RDF.type, fz.Achievement))[0], RDF.type, QB.Observation) in g


def test_the_ontology_alone_is_consistent_under_owl_2_rl():
    g = rdflib.Graph()
    for t in vocabularies():
        g.add(t)
    assert not _owl_rl_errors(g)


def test_the_reasoner_sees_an_inconsistency():
    g = rdflib.Graph().parse(data="\n".join(f"{s} {p} {o} ." for s, p, o, _ in sample_quads("003")), format="nt")
    for t in fazhi():
        g.add(t)
    duty = sorted(g.subjects(RDF.type, fz.Duty))[0]
    g.add((duty, RDF.type, fz.Prohibition))
    errors = _owl_rl_errors(g)
    assert any("Disjoint" in e and str(duty) in e for e in errors), errors
