"""Deterministic RDF writers over N-Triples term strings.

Every store hands quads over as N-Triples strings; sorting them and abbreviating IRIs with the
project's prefixes gives byte-identical Turtle, TriG, N-Triples and N-Quads for the same
content, whichever store they came from, without building an rdflib graph.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Iterable

from .mapping import PREFIXES

Quad = tuple[str, str, str, str]
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# A local name we can write after a prefix without escaping (a safe subset of Turtle's PN_LOCAL).
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$|^[0-9][A-Za-z0-9_\-]*$")
_TYPED = re.compile(r'^(".*")\^\^<([^>]*)>$', re.S)


class Abbreviator:
    def __init__(self, prefixes: dict[str, str] = PREFIXES):
        # longest namespace first, so fzid: does not swallow a longer registered namespace
        self.prefixes = dict(sorted(prefixes.items()))
        self._ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()

    def iri(self, term: str) -> str:
        if not term.startswith("<"):
            return term
        value = term[1:-1]
        for name, ns in self._ordered:
            if value.startswith(ns):
                local = value[len(ns):]
                if _LOCAL.match(local) or local == "":
                    self.used.add(name)
                    return f"{name}:{local}"
        return term

    def term(self, term: str) -> str:
        if term.startswith("<"):
            return self.iri(term)
        m = _TYPED.match(term)
        if m:
            return f"{m.group(1)}^^{self.iri('<' + m.group(2) + '>')}"
        return term

    def header(self, turtle_style: bool = True) -> str:
        return "".join(f"@prefix {name}: <{self.prefixes[name]}> .\n" for name in sorted(self.used))


def _block(triples: list[tuple[str, str, str]], ab: Abbreviator, indent: str = "") -> list[str]:
    lines: list[str] = []
    for subject, group in groupby(triples, key=lambda t: t[0]):
        items = list(group)
        preds = []
        for pred, objs in groupby(items, key=lambda t: t[1]):
            objects = sorted({ab.term(o) for _, _, o in objs})
            p = "a" if pred == RDF_TYPE else ab.iri(pred)
            preds.append((p, objects))
        # rdf:type first, then predicates in order
        preds.sort(key=lambda x: (x[0] != "a", x[0]))
        lines.append(f"{indent}{ab.iri(subject)}")
        for i, (p, objects) in enumerate(preds):
            end = " ." if i == len(preds) - 1 else " ;"
            lines.append(f"{indent}    {p} {' , '.join(objects)}{end}")
        lines.append("")
    return lines


def turtle(quads: Iterable[Quad], prefixes: dict[str, str] = PREFIXES) -> str:
    """All triples of the quads (graphs merged, duplicates dropped) as sorted Turtle."""
    triples = sorted({(s, p, o) for s, p, o, _ in quads})
    ab = Abbreviator(prefixes)
    body = _block(triples, ab)
    return ab.header() + "\n" + "\n".join(body).rstrip("\n") + "\n"


def trig(quads: Iterable[Quad], prefixes: dict[str, str] = PREFIXES) -> str:
    """Quads as TriG, one block per named graph, graphs and triples sorted."""
    ordered = sorted(set(quads), key=lambda q: (q[3], q[0], q[1], q[2]))
    ab = Abbreviator(prefixes)
    body: list[str] = []
    for graph, group in groupby(ordered, key=lambda q: q[3]):
        triples = [(s, p, o) for s, p, o, _ in group]
        body.append(f"{ab.iri(graph)} {{")
        body.extend(_block(triples, ab, indent="    "))
        body[-1:] = ["}", ""] if body[-1] == "" else body[-1:] + ["}", ""]
    return ab.header() + "\n" + "\n".join(body).rstrip("\n") + "\n"


def ntriples(quads: Iterable[Quad]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in sorted({(s, p, o) for s, p, o, _ in quads}))


def nquads(quads: Iterable[Quad]) -> str:
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in sorted(set(quads)))


_LITERAL = re.compile(r'^"(?P<value>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z0-9-]+)|\^\^<(?P<dtype>[^>]*)>)?$', re.S)
_UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "\\": "\\", "'": "'"}


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _SIMPLE_ESCAPES.get(m.group(3), m.group(3))

    return _UNESCAPE.sub(one, text)


def _jsonld_iri(term: str, ab: Abbreviator) -> str:
    """A compact IRI (fz:Task) where a prefix fits, else the bare IRI (no angle brackets)."""
    short = ab.iri(term)
    return short[1:-1] if short.startswith("<") else short


def _jsonld_value(term: str, ab: Abbreviator) -> dict[str, str]:
    if term.startswith("<"):
        return {"@id": _jsonld_iri(term, ab)}
    if term.startswith("_:"):
        return {"@id": term}
    m = _LITERAL.match(term)
    if m is None:  # pragma: no cover - every store hands over well-formed N-Triples terms
        return {"@value": term}
    out = {"@value": _unescape(m.group("value"))}
    if m.group("lang"):
        out["@language"] = m.group("lang")
    elif m.group("dtype"):
        out["@type"] = _jsonld_iri(f"<{m.group('dtype')}>", ab)
    return out


def jsonld(quads: Iterable[Quad], prefixes: dict[str, str] = PREFIXES) -> str:
    """JSON-LD with an @context of the project's prefixes: one named graph object per document,
    node objects sorted by @id, values sorted — the same content gives the same bytes."""
    import json

    ab = Abbreviator(prefixes)
    ordered = sorted(set(quads), key=lambda q: (q[3], q[0], q[1], q[2]))
    graphs = []
    for graph, gq in groupby(ordered, key=lambda q: q[3]):
        nodes = []
        for subject, sq in groupby(gq, key=lambda q: q[0]):
            node: dict[str, object] = {"@id": _jsonld_iri(subject, ab)}
            for pred, pq in groupby(sq, key=lambda q: q[1]):
                objects = [o for _, _, o, _ in pq]
                if pred == RDF_TYPE:
                    node["@type"] = sorted(_jsonld_iri(o, ab) for o in objects)
                else:
                    values = sorted((_jsonld_value(o, ab) for o in objects), key=lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True))
                    node[_jsonld_iri(pred, ab)] = values
            nodes.append(node)
        graphs.append({"@id": _jsonld_iri(graph, ab), "@graph": nodes})
    context = {name: ab.prefixes[name] for name in sorted(ab.used)}
    return json.dumps({"@context": context, "@graph": graphs}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
