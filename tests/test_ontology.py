"""ontology/fazhi.ttl and ontology/shapes.ttl: they parse, and they cover what kg.rdf.mapping writes."""

from __future__ import annotations

import ast
import inspect
from functools import lru_cache

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from kg import vocab
from kg.rdf import mapping
from kg.resources import ontology_file

FZ = vocab.FZ
ONTOLOGY_IRI = URIRef("https://w3id.org/fazhi-kg/ontology")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
# fz:nearMatch, an annotation, where the standard term does not fit well enough for a subclass or
# subproperty axiom; never skos:closeMatch, which would make the class or property a skos:Concept
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, URIRef(vocab.FZ + "nearMatch"), OWL.equivalentClass,
              OWL.equivalentProperty)


@lru_cache(maxsize=None)
def graph(*names: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for name in names:
        g.parse(ontology_file(name), format="turtle")
    return g


def fazhi() -> rdflib.Graph:
    return graph("fazhi.ttl")


def shapes() -> rdflib.Graph:
    return graph("shapes.ttl")


def vocabularies() -> rdflib.Graph:
    """fazhi.ttl with units.ttl, where the unit-type concepts fz:PartyOrgan … live."""
    return graph("fazhi.ttl", "units.ttl")


# --- which fz: terms kg.rdf.mapping writes ----------------------------------------------------------


# helpers of the mapping that turn a vocabulary key into an fz: local name, and what they can give
_VOCAB_CALLS = {
    "_class_of": {g.cls for g in vocab.GENRES} | {"Document"},
    "_unit_concept": {t.concept for t in vocab.UNIT_TYPES},
}


def _names(node: ast.AST) -> set[str]:
    """The local names an argument of fz(...) in kg/rdf/mapping.py can take."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _VOCAB_CALLS:
        return set(_VOCAB_CALLS[node.func.id])
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Subscript)
            and isinstance(node.value.value, ast.Name) and node.value.value.id == "ROLE"):  # ROLE[key].concept
        return {getattr(r, node.attr) for r in vocab.ROLES}
    if isinstance(node, ast.Name):  # a table used whole
        table = getattr(mapping, node.id)
        return set(table.values()) if isinstance(table, dict) else {table}
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):  # TABLE[key]
        return set(getattr(mapping, node.value.id).values())
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        out = _names(node.func.value)  # TABLE.get(key, default)
        for default in node.args[1:]:
            out |= _names(default)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # prefix + "Type"
        return {a + b for a in _names(node.left) for b in _names(node.right)}
    if isinstance(node, ast.IfExp):
        return _names(node.body) | _names(node.orelse)
    raise AssertionError(f"cannot tell which fz: names {ast.dump(node)} gives; extend the test")


@lru_cache(maxsize=None)
def mapping_terms() -> frozenset[str]:
    tree = ast.parse(inspect.getsource(mapping))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "fz":
            for arg in node.args:
                names |= _names(arg)
    # the vocabulary's terms, whether or not a call above reaches them
    names |= {g.cls for g in vocab.GENRES} | {t.concept for t in vocab.UNIT_TYPES}
    names |= {r.concept for r in vocab.ROLES} | {r.shortcut for r in vocab.ROLES}
    return frozenset(FZ + n for n in names)


def test_mapping_scan_finds_the_contract():
    terms = {t[len(FZ):] for t in mapping_terms()}
    # a few of each kind, so a broken scan cannot pass the tests below vacuously
    assert {"Task", "AnnualPlan", "Document", "AnnualPlanType", "DocumentType", "LeadRole", "OtherUnit",
            "leadUnit", "inDocument", "hasTarget", "sha256", "nextStep"} <= terms
    assert len(terms) >= 60


# --- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fazhi.ttl", "shapes.ttl"])
def test_parses_with_rdflib_and_oxigraph(name):
    path = ontology_file(name)
    g = rdflib.Graph().parse(path, format="turtle")
    assert len(g) > 100
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def test_ontology_header():
    g = fazhi()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert g.value(ONTOLOGY_IRI, DCT.license) is not None
    for prop in (DCT.title, DCT.description):
        langs = {o.language for o in g.objects(ONTOLOGY_IRI, prop)}
        assert {"zh", "en"} <= langs, prop


# --- fz: terms ---------------------------------------------------------------------------------


def _labels(g: rdflib.Graph, term: URIRef) -> set[str]:
    return {o.language for p in (RDFS.label, SKOS.prefLabel) for o in g.objects(term, p) if isinstance(o, Literal)}


def test_every_mapping_term_is_declared_with_zh_and_en_labels():
    g = vocabularies()
    missing, unlabelled = [], []
    for term in sorted(mapping_terms()):
        node = URIRef(term)
        if (node, RDF.type, None) not in g:
            missing.append(term)
        elif not {"zh", "en"} <= _labels(g, node):
            unlabelled.append(term)
    assert not missing, f"fz: terms kg/mapping.py writes but no ontology file declares: {missing}"
    assert not unlabelled, f"fz: terms without both a @zh and an @en label: {unlabelled}"


def _fz_terms(g: rdflib.Graph) -> list[URIRef]:
    return sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(FZ)})


def test_fz_terms_are_documented():
    g = fazhi()
    undocumented = []
    for term in _fz_terms(g):
        texts = [o for p in (RDFS.comment, SKOS.definition) for o in g.objects(term, p)]
        if not any(getattr(o, "language", None) == "en" for o in texts):
            undocumented.append(str(term))
        if not {"zh", "en"} <= _labels(g, term):
            undocumented.append(str(term))
    assert not undocumented


def _aligned(g: rdflib.Graph, term: URIRef, seen: frozenset = frozenset()) -> bool:
    """Some alignment, directly or through an fz: super-term, reaches a standard (non-fz) term."""
    for prop in ALIGNMENTS:
        for target in g.objects(term, prop):
            if isinstance(target, URIRef) and not str(target).startswith(FZ):
                return True
            if isinstance(target, URIRef) and target not in seen and _aligned(g, target, seen | {term}):
                return True
    return False


def test_fz_classes_and_properties_are_aligned_to_standard_terms():
    g = fazhi()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = [t for t in _fz_terms(g) if any((t, RDF.type, k) in g for k in kinds)]
    assert len(terms) >= 45
    unaligned = [str(t) for t in terms if not _aligned(g, t)]
    assert not unaligned, f"no alignment to a standard term: {unaligned}"


def test_key_alignments():
    g = fazhi()
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
    fz = rdflib.Namespace(FZ)
    assert (fz.Task, RDFS.subClassOf, eli.LegalResourceSubdivision) in g
    # an ODRL constraint needs a left operand that many targets cannot give: a near match only
    assert (fz.QuantitativeTarget, RDFS.subClassOf, URIRef("http://www.w3.org/ns/odrl/2/Constraint")) not in g
    assert (fz.QuantitativeTarget, fz.nearMatch, URIRef("http://www.w3.org/ns/odrl/2/Constraint")) in g
    assert (fz.Duty, fz.nearMatch, URIRef("http://www.w3.org/ns/odrl/2/Duty")) in g
    assert (fz.Achievement, RDFS.subClassOf, URIRef("http://purl.org/linked-data/cube#Observation")) in g
    assert (fz.CollectiveSubject, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Group")) in g
    for role in ("leadUnit", "responsibleUnit", "cooperatingUnit"):
        assert (fz[role], RDFS.subPropertyOf, fz.assignedUnit) in g


def test_concepts_sit_in_schemes():
    g = vocabularies()
    for name in [r.concept for r in vocab.ROLES] + [t.concept for t in vocab.UNIT_TYPES] + [
            g.cls + "Type" for g in vocab.GENRES] + ["DocumentType"]:
        node = URIRef(FZ + name)
        assert (node, RDF.type, SKOS.Concept) in g, name
        assert g.value(node, SKOS.inScheme) is not None, name
    roles = {g.value(URIRef(FZ + n), SKOS.inScheme) for n in (r.concept for r in vocab.ROLES)}
    assert len(roles) == 1


def test_property_kinds_match_the_data():
    """An owl:ObjectProperty is only ever written with an IRI, an owl:DatatypeProperty with a literal."""
    g = fazhi()
    source = inspect.getsource(mapping)
    for term in _fz_terms(g):
        if (term, RDF.type, OWL.ObjectProperty) in g:
            assert (term, RDF.type, OWL.DatatypeProperty) not in g, term
    # the mapping writes literals through lit()/zh()/integer()/decimal() and IRIs through iri()/fz()/v();
    # spot-check the properties whose kind is easy to get wrong
    objects = ("leadUnit", "hasTarget", "deadline", "hasObligation", "inDocument", "reportedIn", "metric",
               "actor", "horizon")
    literals = ("ordinal", "path", "text", "note", "level", "metricLabel", "writtenAs", "year", "sha256",
                "textLength", "valueBefore", "problem", "nextStep")
    for name in objects:
        assert (URIRef(FZ + name), RDF.type, OWL.ObjectProperty) in g, name
    for name in literals:
        assert (URIRef(FZ + name), RDF.type, OWL.DatatypeProperty) in g, name
    assert 'v("odrl", "duty")' not in source  # domain odrl:Permission: not from a task
    assert 'v("eli", "title")' not in source  # domain eli:LegalExpression: dct:title instead


# --- shapes ------------------------------------------------------------------------------------


def _node_shapes(g: rdflib.Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, SH.NodeShape))


def test_one_node_shape_per_class():
    g = shapes()
    owner: dict[URIRef, URIRef] = {}
    for shape in _node_shapes(g):
        for cls in g.objects(shape, SH.targetClass):
            assert cls not in owner, f"{cls} is the target of {owner[cls]} and {shape}"
            owner[cls] = shape
    expected = {
        "http://data.europa.eu/eli/ontology#LegalResourceSubdivision", FZ + "Document", FZ + "Task",
        "http://data.europa.eu/m8g/Participation", FZ + "QuantitativeTarget", FZ + "QualitativeTarget",
        "http://www.w3.org/2006/time#Instant", FZ + "Duty",
        FZ + "Prohibition", FZ + "Achievement", "http://purl.org/linked-data/cube#DataSet", "http://www.w3.org/ns/oa#TextPositionSelector",
        "http://www.w3.org/ns/oa#TextQuoteSelector", "http://data.europa.eu/m8g/PublicOrganisation",
        FZ + "CollectiveSubject", FZ + "RolePlaceholder", "http://purl.org/dc/terms/Location",
    }
    assert expected <= {str(c) for c in owner}


def test_shapes_are_readable():
    g = shapes()
    for shape in _node_shapes(g):
        assert {"zh", "en"} <= {o.language for o in g.objects(shape, RDFS.label)}, shape
    property_shapes = set(g.subjects(SH.path, None))
    assert len(property_shapes) > 40
    for shape in property_shapes | set(g.subjects(RDF.type, SH.SPARQLConstraint)):
        assert {"zh", "en"} <= {o.language for o in g.objects(shape, SH.message)}, shape


def test_severities():
    g = shapes()
    used = set(g.objects(None, SH.severity))
    assert used == {SH.Warning}  # everything else is the default, sh:Violation
    # recommendations, not structure
    warned = {g.value(s, SH.path) for s in g.subjects(SH.severity, SH.Warning)}
    assert URIRef(FZ + "metric") in warned
    assert URIRef("http://data.europa.eu/eli/ontology#jurisdiction") in warned


def test_classes_the_shapes_rely_on_are_declared():
    """sh:class and sh:targetClass follow rdfs:subClassOf in the ontology graph; every class they
    name is declared in fazhi.ttl, so validation works offline."""
    g, onto = shapes(), fazhi()
    classes = set(g.objects(None, SH["class"])) | set(g.objects(None, SH.targetClass))
    undeclared = sorted(str(c) for c in classes if (c, RDF.type, OWL.Class) not in onto)
    assert not undeclared


def _in_list(g: rdflib.Graph, path: URIRef) -> set[str]:
    for shape in g.subjects(SH.path, path):
        lst = g.value(shape, SH["in"])
        if lst is not None:
            return {str(x) for x in Collection(g, lst)}
    raise AssertionError(f"no sh:in on {path}")


def test_value_lists_match_the_mapping():
    g = shapes()
    assert _in_list(g, URIRef("http://www.w3.org/ns/org#classification")) == {
        FZ + t.concept for t in vocab.UNIT_TYPES}
    assert _in_list(g, URIRef("http://data.europa.eu/m8g/role")) == {FZ + n for n in (r.concept for r in vocab.ROLES)}
    assert _in_list(g, URIRef(FZ + "comparator")) == {
        "http://www.w3.org/ns/odrl/2/" + c.odrl for c in vocab.COMPARATORS}
    assert _in_list(g, URIRef("http://data.europa.eu/eli/ontology#type_document")) == {
        FZ + n + "Type" for n in [g.cls for g in vocab.GENRES] + ["Document"]}
