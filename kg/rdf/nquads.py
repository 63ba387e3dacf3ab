"""The one N-Quads writer: quads of N-Triples term strings to N-Quads text, in the order given.

Sorted, prefixed exports are :mod:`kg.rdf.serialize`'s; this is the plain line format the stores
load and the validator parses.
"""

from __future__ import annotations

from typing import Iterable

from kg.rdf.terms import Quad


def text(quads: Iterable[Quad], *, graph: str | None = None) -> str:
    """N-Quads text; with ``graph`` (an IRI, without brackets) every quad is put in that graph."""
    if graph is not None:
        g = f"<{graph}>"
        return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, _ in quads)
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads)


def triples_text(quads: Iterable[Quad]) -> str:
    """The triples of the quads, one per line, for a SPARQL ``INSERT DATA`` block."""
    return "\n".join(f"{s} {p} {o} ." for s, p, o, _ in quads)


def quads_of(text: str, graph: str) -> list[Quad]:
    """The quads back from :func:`text` with ``graph``: each line is ``s p o <graph> .``, and only
    the object, which ends the triple, can hold a space (a literal's; a literal's line breaks are
    escaped, so a line is a quad)."""
    g = f"<{graph}>"
    end = f" {g} ."
    out: list[Quad] = []
    for line in text.splitlines():
        if not line.endswith(end):
            raise ValueError(f"not a line of graph {g}: {line[:80]}")
        s, p, o = line[: -len(end)].split(" ", 2)
        out.append((s, p, o, g))
    return out


def triples_of(text: str, graph: str) -> str:
    """:func:`triples_text` of the quads in :func:`text` with ``graph``, straight from the text."""
    return text.replace(f" <{graph}> .\n", " .\n").rstrip("\n")
