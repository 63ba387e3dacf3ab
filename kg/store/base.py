"""What every store speaks: terms and solutions crossing the interface, and the interface itself.

A store replaces one document's named graph in one transaction, runs SPARQL (the default graph is
the union of the named graphs), and lists its quads.  Terms cross the interface as N-Triples
strings (quads) or :class:`Term` tuples (results).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import ContextManager, Iterator, NamedTuple

from kg.rdf import nquads
from kg.rdf.terms import Quad, lit
from kg.vocab import FZ

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Term(NamedTuple):
    kind: str  # "uri" | "literal" | "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def nt(self) -> str:
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        return lit(self.value, lang=self.lang, dtype=self.datatype)


@dataclass
class Solutions:
    """SELECT results: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None  # set for ASK

    def column(self, name: str) -> list[Term | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, str | None]]:
        return [{v: (t.value if t else None) for v, t in zip(self.variables, row)} for row in self.rows]


def literal(value: str, dtype: str | None, lang: str | None) -> Term:
    """A literal as every store hands it over: a language tag wins, xsd:string is left implicit
    (RDF 1.1 makes "x" and "x"^^xsd:string one term; stores differ in which they return)."""
    if lang:
        return Term("literal", value, None, lang)
    return Term("literal", value, None if dtype == XSD_STRING else dtype)


def solutions_from_json(data: object) -> Solutions:
    """W3C SPARQL 1.1 JSON results as :class:`Solutions` (Virtuoso 7's ASK, a one-column SELECT of
    ``__ASK_RETVAL``, too); KeyError, TypeError or ValueError when ``data`` is not such results."""
    if "boolean" in data:
        return Solutions(variables=[], boolean=bool(data["boolean"]))
    variables = list(data["head"].get("vars", []))
    bindings = data["results"]["bindings"]
    if variables == ["__ASK_RETVAL"]:
        value = bindings[0]["__ASK_RETVAL"]["value"] if bindings else "0"
        return Solutions(variables=[], boolean=value not in ("0", "false"))
    return Solutions(variables=variables, rows=[[_json_term(b.get(v)) for v in variables] for b in bindings])


def _json_term(b: dict | None) -> Term | None:
    if b is None:
        return None
    kind, value = b["type"], b["value"]
    if not isinstance(value, str):
        raise ValueError(value)
    if kind in ("uri", "bnode"):
        return Term(kind, value)
    return literal(value, b.get("datatype"), b.get("xml:lang"))


def replace_update(graph: str, quads: list[Quad]) -> str:
    """One SPARQL update that swaps a document's graph: nothing half-written if it fails."""
    return _swap(graph, nquads.triples_text(quads))


def replace_update_text(graph: str, text: str) -> str:
    """:func:`replace_update` for the graph as N-Quads text (:func:`kg.rdf.nquads.text` with ``graph``)."""
    return _swap(graph, nquads.triples_of(text, graph))


# Lines per INSERT DATA operation: Virtuoso's SPARQL compiler runs out of memory on one operation of
# a few thousand triples, so a large graph goes in as several operations of one request (still one
# update: all or nothing where the server runs a request as a transaction).
INSERT_LINES = 1500


def _swap(graph: str, triples: str) -> str:
    lines = triples.split("\n")
    parts = ["\n".join(lines[i:i + INSERT_LINES]) for i in range(0, len(lines), INSERT_LINES)] or [""]
    inserts = " ;\n".join(f"INSERT DATA {{ GRAPH <{graph}> {{\n{part}\n}} }}" for part in parts)
    return f"DROP SILENT GRAPH <{graph}> ;\n{inserts}"


class BaseStore:
    kind = "base"
    location = ""
    notify = None  # a function told, in one line, what a long write is waiting for (the CLI prints it)
    graph_filter = ""  # a FILTER on ?g keeping graphs() and count() to fazhi-kg's graphs

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        raise NotImplementedError

    def replace_document_text(self, graph: str, text: str) -> None:
        """:meth:`replace_document` for a graph given as N-Quads text (every line in ``graph``, as
        :func:`kg.rdf.nquads.text` writes it): what a build's workers send, one string being far
        cheaper to pass between processes than thousands of tuples."""
        self.replace_document(graph, nquads.quads_of(text, graph))

    def remove_document(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        raise NotImplementedError

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        raise NotImplementedError

    def graph_lines(self, graph: str) -> list[str]:
        """One named graph's triples as sorted, duplicate-free ``s p o`` N-Triples lines (without
        the final `` .``): what the exports are written from."""
        return sorted({f"{s} {p} {o}" for s, p, o, _ in self.quads(graph)})

    def graphs(self) -> list[str]:
        sol = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.graph_filter} }} ORDER BY ?g")
        return [row[0].value for row in sol.rows if row[0] is not None]

    def count(self) -> int:
        sol = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.graph_filter} }}")
        return int(sol.rows[0][0].value) if sol.rows and sol.rows[0][0] else 0

    def close(self) -> None:
        pass

    def sources(self) -> dict[str, str]:
        """Each document's graph and the name of the file it was built from (``fz:sourceFile``)."""
        sol = self.query(f"SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?d <{FZ}sourceFile> ?f }} {self.graph_filter} }}")
        return {g.value: f.value for g, f in sol.rows if g is not None and f is not None}

    def let_readers_in(self) -> None:
        """A long writer calls this between documents; stores without a lock have nothing to do."""

    def idle(self) -> ContextManager[None]:
        """A long writer extracts the next document inside this block, not touching the store: a
        store with a lock lets waiting readers in meanwhile."""
        return nullcontext()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
