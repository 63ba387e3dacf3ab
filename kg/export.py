"""``fazhi-kg export``: the store's graphs in the standard RDF formats, byte for byte the same for
the same content."""

from __future__ import annotations

from .errors import FazhiError
from .store import BaseStore

FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld")
SUFFIX = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld"}
ONTOLOGY_FILES = ("fazhi.ttl", "units.ttl", "themes.ttl", "metrics.ttl", "renames.ttl")
ONTOLOGY_GRAPH = "https://w3id.org/fazhi-kg/ontology"


def ontology_quads() -> list[tuple[str, str, str, str]]:
    """The ontology files as quads in one graph, terms as N-Triples strings."""
    import pyoxigraph as ox

    from .resources import ontology_file

    out = []
    g = f"<{ONTOLOGY_GRAPH}>"
    for name in ONTOLOGY_FILES:
        path = ontology_file(name)
        if not path.exists():
            continue
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            out.append((str(t.subject), str(t.predicate), str(t.object), g))
    return out


def document_graphs(store: BaseStore, document: str | None) -> list[str]:
    """Graphs to export: all, or those of documents whose IRI, source file, title or number matches."""
    graphs = store.graphs()
    if document is None:
        return graphs
    from .mapping import lit

    needle = lit(document)
    sol = store.query(
        "PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> PREFIX dct: <http://purl.org/dc/terms/> "
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a eli:LegalResource . "
        "OPTIONAL { ?d fz:sourceFile ?f } OPTIONAL { ?d dct:title ?t } OPTIONAL { ?d eli:id_local ?n } "
        f"FILTER(STR(?d) = {needle} || STR(?f) = {needle} || STR(?t) = {needle} || STR(?n) = {needle} "
        f"|| STR(?g) = {needle}) }} }}")
    found = sorted(row[0].value for row in sol.rows)
    if not found:
        raise FazhiError(f"no document '{document}' in the store (give its file name, title, 文号 or IRI)")
    return found


def export(store: BaseStore, fmt: str, *, document: str | None = None, with_ontology: bool = False) -> str:
    from . import rdfio

    if fmt not in FORMATS:
        raise FazhiError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    quads = []
    graphs = document_graphs(store, document)
    if document is None:
        quads = list(store.quads())
    else:
        for g in graphs:
            quads.extend(store.quads(g))
    if with_ontology:
        quads.extend(ontology_quads())
    if fmt == "turtle":
        return rdfio.turtle(quads)
    if fmt == "trig":
        return rdfio.trig(quads)
    if fmt == "jsonld":
        return rdfio.jsonld(quads)
    if fmt == "ntriples":
        return rdfio.ntriples(quads)
    return rdfio.nquads(quads)
