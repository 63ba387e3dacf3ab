"""Problems found by SHACL made readable: a node's label (the task's title, the unit's name), the
quote of the source text it was read from, and a message in the reader's language.

A node without a label of its own (a participation, a target, a selector) is described through
the node it hangs off; rdflib is imported by the caller, these helpers take its graphs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

from kg.vocab import FZ, PREFIXES, local_name

SKOS, DCT, PROV, OA, CV, ELI = (PREFIXES[k] for k in ("skos", "dct", "prov", "oa", "cv", "eli"))
SH = "http://www.w3.org/ns/shacl#"

# How a node without a label of its own hangs off the node that has one: the owner is the subject
# of one of these links to the node (task → participation, span → selector …) …
_OWNER_INVERSE = (
    CV + "hasParticipation", FZ + "hasTarget", FZ + "deadline", FZ + "hasObligation", FZ + "horizon",
    PROV + "wasDerivedFrom", OA + "hasSelector", PROV + "wasGeneratedBy",
)
# … or the object of one of these (task → document, achievement → report, span → document).
_OWNER_FORWARD = (FZ + "inDocument", FZ + "reportedIn", ELI + "is_part_of", OA + "hasSource")
_MAX_DEPTH = 6



def _message_language(message: object) -> str:
    """A message's language tag; pyshacl drops the tags of SPARQL-constraint messages, so an
    untagged message is Chinese if it has more Han characters than Latin letters."""
    tag = getattr(message, "language", None)
    if tag:
        return tag.lower().split("-")[0]
    text = str(message)
    han = sum("\u4e00" <= c <= "\u9fff" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    return "zh" if han > latin else "en"


def pick_message(messages: list, lang: str) -> str | None:
    if not messages:
        return None
    ordered = sorted(messages, key=str)
    for wanted in (lang, "en"):
        for m in ordered:
            if _message_language(m) == wanted:
                return str(m)
    return str(ordered[0])


def default_message(component: object, path: object, data: "rdflib.Graph") -> str:
    what = local_name(component).removesuffix("ConstraintComponent") if component is not None else "constraint"
    return f"{what} constraint not met" + (f" on {term_text(path, data)}" if path is not None else "")


def _qname(iri: str, graph: "rdflib.Graph | None" = None) -> str:
    best = None
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            best = (prefix, namespace)
    if best is not None:
        local = iri[len(best[1]):]
        if local and all(c.isalnum() or c in "_-" for c in local):
            return f"{best[0]}:{local}"
    return iri


def term_text(term: object, graph: "rdflib.Graph") -> str:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return _qname(str(term), graph)
    if isinstance(term, Literal):
        text = str(term)
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^{_qname(str(term.datatype), graph)}'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def path_text(path: object, results: "rdflib.Graph", data: "rdflib.Graph") -> str:
    """A result path as a prefixed name; alternative and inverse paths in SPARQL property-path form."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection

    if isinstance(path, URIRef):
        return _qname(str(path), data)
    if isinstance(path, BNode):
        alternatives = results.value(path, URIRef(SH + "alternativePath"))
        if alternatives is not None:
            return "|".join(path_text(p, results, data) for p in Collection(results, alternatives))
        inverse = results.value(path, URIRef(SH + "inversePath"))
        if inverse is not None:
            return "^" + path_text(inverse, results, data)
        if results.value(path, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")) is not None:
            return "/".join(path_text(p, results, data) for p in Collection(results, path))
    return term_text(path, data)


def _own_label(graph: "rdflib.Graph", node: object) -> str | None:
    from rdflib import URIRef

    for prop in (SKOS + "prefLabel", DCT + "title"):
        labels = sorted(graph.objects(node, URIRef(prop)), key=lambda l: (getattr(l, "language", None) != "zh", str(l)))
        if labels:
            return str(labels[0])
    return None


def _owners(graph: "rdflib.Graph", node: object) -> list:
    """The nodes this one hangs off: the fact that holds it if any, else its task/document."""
    from rdflib import URIRef

    found = []
    for prop in _OWNER_INVERSE:
        found.extend(sorted(graph.subjects(URIRef(prop), node)))
    if found:
        return found
    for prop in _OWNER_FORWARD:
        found.extend(sorted(graph.objects(node, URIRef(prop))))
    return found


def _walk_up(graph: "rdflib.Graph", node: object, get) -> str | None:
    """``get`` of the node, else of the nearest owner (breadth first, a few levels up)."""
    seen = {node}
    level = [node]
    for _ in range(_MAX_DEPTH):
        for n in level:
            found = get(graph, n)
            if found:
                return found
        next_level = []
        for n in level:
            for owner in _owners(graph, n):
                if owner not in seen:
                    seen.add(owner)
                    next_level.append(owner)
        if not next_level:
            return None
        level = next_level
    return None


def focus_label(graph: "rdflib.Graph", node: object) -> str | None:
    """skos:prefLabel (Chinese first) or dct:title of the node, else of the task/document it is part of."""
    if node is None:
        return None
    from rdflib import RDFS

    found = _walk_up(graph, node, _own_label)
    if found is None:
        found = next((str(l) for l in sorted(graph.objects(node, RDFS.label))), None)
    return found


# where a fact holds the words it was read from itself (kg.rdf.mapping stores no quote selector then)
_SAID = (FZ + "text", "http://www.w3.org/2000/01/rdf-schema#label", FZ + "writtenAs")


def _own_quote(graph: "rdflib.Graph", node: object) -> str | None:
    from rdflib import URIRef

    exact, has_selector, derived = URIRef(OA + "exact"), URIRef(OA + "hasSelector"), URIRef(PROV + "wasDerivedFrom")
    quotes = sorted(str(q) for q in graph.objects(node, exact))  # a TextQuoteSelector
    if not quotes:  # a SpecificResource
        quotes = sorted(str(q) for sel in graph.objects(node, has_selector) for q in graph.objects(sel, exact))
    if not quotes:  # a fact with provenance
        quotes = sorted(str(q) for src in graph.objects(node, derived)
                        for sel in graph.objects(src, has_selector) for q in graph.objects(sel, exact))
    if not quotes:  # the fact's own words: from a selector or a span up to the fact, if need be
        spans = list(graph.subjects(has_selector, node)) or [node]
        facts = [f for span in spans for f in graph.subjects(derived, span)] or [node]
        for prop in _SAID:
            quotes = sorted(str(q) for f in facts for q in graph.objects(f, URIRef(prop)))
            if quotes:
                break
    return quotes[0] if quotes else None


def quote_of(graph: "rdflib.Graph", node: object) -> str | None:
    """The quote a node was read from (prov:wasDerivedFrom/oa:hasSelector/oa:exact, or the fact's own
    fz:text / rdfs:label / fz:writtenAs where it holds those words itself), or its owner's.

    A selector's quote is its fact's; a document has no quote of its own.
    """
    if node is None:
        return None
    from rdflib import URIRef

    def get(g: "rdflib.Graph", n: object) -> str | None:
        # stop at a document: its "quote" would be some unrelated span that points to it
        if (n, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(ELI + "LegalResource")) in g:
            return None
        return _own_quote(g, n)

    return _walk_up(graph, node, get)
