"""rdflib's in-memory dataset: for tests and for one command's lifetime (nothing persists)."""

from __future__ import annotations

from typing import Iterator

from kg.errors import QueryError
from kg.rdf import nquads
from kg.store.base import BaseStore, Quad, Solutions, Term, literal


def _rdflib_term(term) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    if isinstance(term, Literal):
        return literal(str(term), str(term.datatype) if term.datatype is not None else None, term.language)
    return Term("literal", str(term))


class MemoryStore(BaseStore):
    kind = "memory"
    location = "memory"

    def __init__(self):
        import rdflib

        self._ds = rdflib.Dataset(default_union=True)

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        self.replace_document_text(graph, nquads.text(quads, graph=graph))

    def replace_document_text(self, graph: str, text: str) -> None:
        from rdflib import URIRef

        self._ds.remove_graph(URIRef(graph))
        self._ds.parse(data=text, format="nquads")

    def load_nquads(self, data: str) -> None:
        self._ds.parse(data=data, format="nquads")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        try:
            result = self._ds.query(sparql)
        except Exception as exc:  # rdflib raises pyparsing's errors for bad text, assorted others later
            first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if type(exc).__module__.startswith("pyparsing"):  # rdflib's parser (not imported here: not ours)
                raise QueryError(f"SPARQL syntax error: {first}") from None
            raise QueryError(f"the query failed in rdflib: {first}") from None
        if result.type == "ASK":
            return Solutions(variables=[], boolean=bool(result.askAnswer))
        if result.type != "SELECT":
            raise QueryError("a CONSTRUCT/DESCRIBE query returns triples, not a table: use `export`")
        variables = [str(v) for v in result.vars]
        rows = [[_rdflib_term(row[i]) for i in range(len(variables))] for row in result]
        return Solutions(variables=variables, rows=rows)

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        result = self._ds.query(sparql)
        return [(s.n3(), p.n3(), o.n3()) for s, p, o in result]

    def update(self, sparql: str) -> None:
        try:
            self._ds.update(sparql)
        except Exception as exc:
            raise QueryError(f"SPARQL update failed: {str(exc).splitlines()[0]}") from None

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        for s, p, o, g in self._ds.quads((None, None, None, None)):
            gname = str(g.identifier) if hasattr(g, "identifier") else str(g)
            if graph and gname != graph:
                continue
            if gname.startswith("urn:x-rdflib:default"):
                continue
            yield (_n3(s), _n3(p), _n3(o), f"<{gname}>")

    def graphs(self) -> list[str]:
        out = set()
        for ctx in self._ds.graphs():
            name = str(ctx.identifier)
            if not name.startswith("urn:x-rdflib:default") and len(ctx):
                out.add(name)
        return sorted(out)

    def count(self) -> int:
        return sum(1 for _ in self.quads())


def _n3(term) -> str:
    t = _rdflib_term(term)
    return t.nt() if t else ""
