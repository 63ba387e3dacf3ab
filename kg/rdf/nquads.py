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
