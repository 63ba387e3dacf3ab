"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

:func:`validate` runs pyshacl with the shapes and, as the ontology graph, ``fazhi.ttl`` plus the
SKOS vocabularies (``units.ttl``, ``themes.ttl``, ``metrics.ttl``), and turns the SHACL report
into a :class:`ValidationReport`: plain Python values, sorted, each problem with a readable
label (the task's title, the unit's name …) and the quote it was read from, so a person can find
it in the source document.

rdflib and pyshacl are imported inside the functions: importing :mod:`kg` stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from kg.rdf.explain import default_message, focus_label, path_text, pick_message, quote_of, term_text
from kg.vocab import local_name

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILES = ("fazhi.ttl", "units.ttl", "themes.ttl", "metrics.ttl")

SH = "http://www.w3.org/ns/shacl#"

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_QUOTE_WIDTH = 60

@dataclass(frozen=True)
class Violation:
    """One SHACL result, as plain strings.

    ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``focus_node`` the IRI of the node
    at fault; ``focus_label`` the skos:prefLabel or dct:title of that node, or of the task or
    document it belongs to; ``path`` the property (prefixed, e.g. ``dct:title``); ``value`` the
    offending value if there is one; ``quote`` the text the node (or its owner) was read from.
    """

    severity: str
    focus_node: str
    focus_label: str | None
    path: str | None
    message: str
    value: str | None = None
    quote: str | None = None
    shape: str | None = None
    constraint: str | None = None

    def sort_key(self) -> tuple:
        return (_SEVERITY_ORDER.get(self.severity, 9), self.focus_node, self.path or "", self.message,
                self.value or "", self.constraint or "", self.shape or "")

    def render(self) -> str:
        """One line: severity, what (label and IRI), which property, the message, value and quote."""
        parts = [f"{self.severity}:"]
        if self.focus_label:
            parts.append(f"「{self.focus_label}」")
        parts.append(f"<{self.focus_node}>")
        if self.path:
            parts.append(f"{self.path}:")
        parts.append(self.message)
        if self.value is not None:
            parts.append(f"(value: {self.value})")
        if self.quote:
            quote = " ".join(self.quote.split())
            if len(quote) > _QUOTE_WIDTH:
                quote = quote[: _QUOTE_WIDTH - 1] + "…"
            parts.append(f"— “{quote}”")
        return " ".join(parts)


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` is true when there is no sh:Violation (warnings do not count)."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    infos: list[Violation] = field(default_factory=list)

    @property
    def problems(self) -> list[Violation]:
        return self.violations + self.warnings + self.infos

    def render(self) -> str:
        """One line per problem, violations first; a single summary line when there is none."""
        if not self.problems:
            return "conforms: no violations, no warnings"
        return "\n".join(v.render() for v in self.problems)


# --- building data graphs ----------------------------------------------------------------------


def dataset_from_nquads(text: str) -> "rdflib.Dataset":
    """Parse N-Quads (:func:`kg.rdf.nquads.text` of a document's quads, or a store dump) into an rdflib Dataset."""
    import rdflib

    ds = rdflib.Dataset()
    if text.strip():
        ds.parse(data=text, format="nquads")
    return ds


def dataset_from_quads(quads: Iterable[tuple[str, str, str, str]]) -> "rdflib.Dataset":
    """The quads of :func:`kg.rdf.mapping.quads` (N-Triples term strings) as an rdflib Dataset."""
    from kg.rdf import nquads

    return dataset_from_nquads(nquads.text(quads))


def graph_union(data: "rdflib.Graph") -> "rdflib.Graph":
    """All triples of a Dataset (every named graph and the default graph) in one plain Graph.

    A plain Graph is returned as it is.
    """
    import rdflib

    if not isinstance(data, rdflib.ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        return data
    union = rdflib.Graph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace, override=False)
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


# --- shapes and ontology ------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _parsed(name: str) -> "rdflib.Graph":
    import rdflib

    from kg.resources import ontology_file

    graph = rdflib.Graph()
    graph.parse(ontology_file(name), format="turtle")
    return graph


def shapes_graph() -> "rdflib.Graph":
    return _parsed(SHAPES_FILE)


@lru_cache(maxsize=None)
def ontology_graph() -> "rdflib.Graph":
    """fazhi.ttl + units.ttl + themes.ttl + metrics.ttl in one graph (parsed once, then cached)."""
    import rdflib

    graph = rdflib.Graph()
    for name in ONTOLOGY_FILES:
        for triple in _parsed(name):
            graph.add(triple)
    return graph


# --- validation ---------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _caching_graph_class() -> type:
    """An rdflib Graph whose query() parses each distinct SPARQL text once.

    pyshacl evaluates a SPARQL-based constraint once per focus node, with the same text and
    $this pre-bound; rdflib would parse and translate the text every time (about 50 ms each,
    most of the run time for a few hundred tasks). Parsing once makes it a dictionary lookup.
    """
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    prepared = lru_cache(maxsize=256)(prepareQuery)

    class CachingGraph(rdflib.Graph):
        def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
                  initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
            if isinstance(query_object, str) and not initNs and processor == "sparql":
                try:
                    query_object = prepared(query_object)
                except Exception:  # not a query rdflib can prepare (an update …): let rdflib say why
                    pass
            return super().query(query_object, processor, result, initNs, initBindings,
                                 use_store_provided, **kwargs)

    return CachingGraph


def validate(data_graph: "rdflib.Graph | rdflib.Dataset", *, ontology: bool = True,
             lang: str = "en") -> ValidationReport:
    """Validate ``data_graph`` against ``ontology/shapes.ttl``.

    A Dataset is validated as the union of its named graphs (one per document: a task's
    fz:inDocument and the document itself are always in the same graph, and shared nodes such
    as units and territories are merged). With ``ontology=True`` the ontology files are the
    pyshacl ontology graph; with ``ontology=False`` the data must already contain them (an
    export ``--with-ontology``), otherwise sh:class constraints that rely on rdfs:subClassOf
    (a section is an eli:LegalResource, a unit a foaf:Agent) fail. ``lang`` picks the language
    of the messages (``en`` or ``zh``).
    """
    import rdflib
    from pyshacl import validate as shacl_validate

    # A private copy: pyshacl mixes the ontology into it in place (no second clone), and its
    # query() reuses parsed SPARQL (see _caching_graph_class).
    data = _caching_graph_class()()
    if isinstance(data_graph, rdflib.ConjunctiveGraph):  # a Dataset: the union of its graphs
        for s, p, o, _ in data_graph.quads((None, None, None, None)):
            data.add((s, p, o))
    else:
        for triple in data_graph:
            data.add(triple)
    # inference="none": SHACL's own rdf:type/rdfs:subClassOf* semantics for sh:targetClass and
    # sh:class already cover what the shapes need once pyshacl has copied the ontology's class
    # and property axioms into the data graph (that is what ont_graph is for: a section is an
    # eli:LegalResource, a unit a foaf:Agent, only through subclass axioms). "rdfs" would add
    # nothing the shapes check — the data states every rdf:type it relies on — but it
    # materialises the closure (9.5k → 16k triples for the five samples, about 3× the run time)
    # and, through rdfs:domain/rdfs:range, types nodes by the properties they happen to carry,
    # which would hide exactly the errors we look for (a node missing its rdf:type fz:Task but
    # having fz:inDocument would be "repaired" into a task instead of being reported).
    _conforms, results_graph, _text = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph() if ontology else None,
        inference="none",
        inplace=True,
        abort_on_first=False,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        debug=False,
    )
    problems = _results(results_graph, data, lang)
    violations = [p for p in problems if p.severity == "Violation"]
    warnings = [p for p in problems if p.severity == "Warning"]
    infos = [p for p in problems if p.severity not in ("Violation", "Warning")]
    return ValidationReport(conforms=not violations, violations=violations, warnings=warnings, infos=infos)


def _results(results: "rdflib.Graph", data: "rdflib.Graph", lang: str) -> list[Violation]:
    from rdflib import RDF, URIRef

    sh = lambda name: URIRef(SH + name)  # noqa: E731
    shapes = shapes_graph()
    out = set()
    for report in results.subjects(RDF.type, sh("ValidationReport")):
        for result in results.objects(report, sh("result")):
            focus = results.value(result, sh("focusNode"))
            path = results.value(result, sh("resultPath"))
            value = results.value(result, sh("value"))
            severity = results.value(result, sh("resultSeverity"))
            shape = results.value(result, sh("sourceShape"))
            component = results.value(result, sh("sourceConstraintComponent"))
            messages = list(results.objects(result, sh("resultMessage")))
            out.add(Violation(
                severity=local_name(severity) if severity is not None else "Violation",
                focus_node=str(focus),
                focus_label=focus_label(data, focus),
                path=path_text(path, results, data) if path is not None else None,
                message=pick_message(messages, lang) or default_message(component, path, data),
                value=term_text(value, data) if value is not None else None,
                quote=quote_of(data, focus),
                shape=term_text(shape, shapes) if isinstance(shape, URIRef) else None,
                constraint=local_name(component).removesuffix("ConstraintComponent") if component is not None else None,
            ))
    return sorted(out, key=Violation.sort_key)
