"""The RDF formats the graph is exported in: one registry entry each.

An entry says how the format is named, its file suffix and media type, whether its writer reads
one named graph at a time (TriG, JSON-LD) or the triples of all graphs merged and sorted (Turtle,
N-Triples) or quads sorted (N-Quads), and its writer's body and head (the head names the prefixes
the body used, so it is made after the body).  A new format is one entry here plus its writer in
:mod:`kg.rdf.serialize`; the CLI's ``--format`` choices, the demo and the export all read this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from kg.rdf import serialize as w
from kg.rdf.terms import Quad
from kg.vocab import PREFIXES


@dataclass(frozen=True)
class RdfFormat:
    name: str
    suffix: str
    media_type: str
    rdflib_name: str  # what rdflib's parser calls it (tests parse every export back)
    layout: str  # "graphs": one named graph at a time | "triples": graphs merged | "quads"
    body: Callable  # (graphs or sorted lines, Abbreviator) -> chunks of text
    head: Callable[[w.Abbreviator], str]

    @property
    def prefixed(self) -> bool:
        """Whether the document opens with the prefixes its body used (so the body is held back)."""
        return self.head is not _no_head


def _no_head(ab: w.Abbreviator) -> str:
    return ""


def _lines(lines: Iterable[str], ab: w.Abbreviator) -> Iterator[str]:
    return w.lines_body(lines)


def _turtle(lines: Iterable[str], ab: w.Abbreviator) -> Iterator[str]:
    return w.turtle_body(w.subjects_from_lines(lines), ab)


def _per_graph(body: Callable) -> Callable:
    def write(graph_lines: Iterable[tuple[str, list[str]]], ab: w.Abbreviator) -> Iterator[str]:
        return body(((name, w.subjects_from_lines(lines)) for name, lines in graph_lines if lines), ab)
    return write


EXPORT_FORMATS: dict[str, RdfFormat] = {f.name: f for f in (
    RdfFormat("turtle", ".ttl", "text/turtle", "turtle", "triples", _turtle, w.turtle_head),
    RdfFormat("ntriples", ".nt", "application/n-triples", "nt", "triples", _lines, _no_head),
    RdfFormat("nquads", ".nq", "application/n-quads", "nquads", "quads", _lines, _no_head),
    RdfFormat("trig", ".trig", "application/trig", "trig", "graphs", _per_graph(w.trig_body), w.turtle_head),
    RdfFormat("jsonld", ".jsonld", "application/ld+json", "json-ld", "graphs", _per_graph(w.jsonld_body), w.jsonld_head),
)}


def graph_lines_of(quads: Iterable[Quad]) -> Iterator[tuple[str, list[str]]]:
    """Quads held in memory as (graph, its sorted duplicate-free ``s p o`` lines), graphs sorted."""
    graphs: dict[str, set[str]] = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, set()).add(f"{s} {p} {o}")
    for g in sorted(graphs):
        yield g, sorted(graphs.pop(g))


def merged_lines(graph_lines: Iterable[tuple[str, list[str]]], with_graph: bool) -> list[str]:
    """Every graph's lines in one sorted duplicate-free list (``s p o g`` lines for N-Quads)."""
    if with_graph:
        return sorted({f"{line} {name}" for name, lines in graph_lines for line in lines})
    return sorted({line for _, lines in graph_lines for line in lines})


def body(fmt: RdfFormat, graph_lines: Iterable[tuple[str, list[str]]], ab: w.Abbreviator,
         merge: Callable[[Iterable[tuple[str, list[str]]], bool], Iterable[str]] = merged_lines) -> Iterator[str]:
    """The body of ``fmt`` from graphs given as (name, sorted lines), graphs in name order;
    ``merge`` sorts the lines of all graphs together (the export passes one that spills to disk)."""
    if fmt.layout == "graphs":
        return fmt.body(graph_lines, ab)
    return fmt.body(merge(graph_lines, fmt.layout == "quads"), ab)


def text(name: str, quads: Iterable[Quad], prefixes: dict[str, str] = PREFIXES) -> str:
    """Quads held in memory as one document of the format: sorted, duplicates dropped, the same
    content always the same bytes."""
    fmt = EXPORT_FORMATS[name]
    ab = w.Abbreviator(prefixes)
    chunks = list(body(fmt, graph_lines_of(quads), ab))  # the body first: it records the prefixes used
    return fmt.head(ab) + "".join(chunks)
