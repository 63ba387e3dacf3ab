"""The links across years, stored in the graph (``fazhi-kg diff PLAN_Y PLAN_Y1 --report R --write``).

Each triple of documents — the plan of year y, the plan of year y+1 and the report of year y of
one area — gets a named graph of its own, ``id/graph/years/{plan y}--{plan y+1}--{report}``,
written whole each time.  In it:

* one ``fz:YearLink`` (a ``prov:Entity``) per task of either plan, named by the task's outline key
  (``…/a/p2-s1-i1`` for a task of year y, ``…/b/…`` for one added in y+1): its kind
  (``fz:yearLinkKind``: carried over, dropped, added), the task of year y (``fz:earlierTask``) and
  of year y+1 (``fz:laterTask``), what the report of year y says of the earlier task
  (``fz:earlierTaskReported``: reported, partly, not mentioned, with ``fz:earlierTaskScore``), the
  flags (``fz:yearLinkFlag``: dropped without a word, carried over but not in the report, target
  changed, owners changed), each changed target as the table shows it (``fz:targetChange``:
  败诉率≤8% → ≤10% 放宽 relaxed (报告 9.5%)) and what else changed (``fz:changeNote``);
* ``fz:carriedOverAs`` from each task of year y to the task of year y+1 that carries it on;
* one ``prov:Activity`` that computed them, with the fazhi-kg agent, its version and the three
  documents it used — no clock time, so the same documents give the same graph, byte for byte.
"""

from __future__ import annotations

from kg import EXTRACTOR_VERSION, ids
from kg.vocab import BASE
from kg.views.years import AcrossYears

Quad = tuple[str, str, str, str]


def _triple(a_iri: str, b_iri: str, report_iri: str) -> str:
    return "--".join(ids.document_key_of(x) for x in (a_iri, b_iri, report_iri))


def years_graph(a_iri: str, b_iri: str, report_iri: str) -> str:
    """The named graph of the links between two plans of one area and the earlier year's report."""
    return f"{BASE}graph/years/{_triple(a_iri, b_iri, report_iri)}"


def activity_iri(a_iri: str, b_iri: str, report_iri: str) -> str:
    return f"{BASE}years/{_triple(a_iri, b_iri, report_iri)}"


def quads(linked: AcrossYears, a_iri: str, b_iri: str, report_iri: str) -> list[Quad]:
    """N-Triples-string quads of the links in ``linked`` (:func:`kg.views.years.across_years` of
    the documents with these IRIs), sorted, in their own named graph."""
    from kg.rdf.terms import A, decimal, fz, iri, lit, v, zh

    graph = iri(years_graph(a_iri, b_iri, report_iri))
    activity = iri(activity_iri(a_iri, b_iri, report_iri))
    out: set[Quad] = set()

    def add(s: str, p: str, o: str) -> None:
        out.add((s, p, o, graph))

    add(activity, A, v("prov", "Activity"))
    add(activity, v("prov", "wasAssociatedWith"), iri(ids.AGENT))
    add(activity, fz("extractorVersion"), lit(EXTRACTOR_VERSION))
    for used in (a_iri, b_iri, report_iri):
        add(activity, v("prov", "used"), iri(used))
    add(iri(ids.AGENT), A, v("prov", "SoftwareAgent"))
    add(iri(ids.AGENT), v("rdfs", "label"), lit("fazhi-kg"))
    for link in linked.links:
        earlier = iri(ids.task_iri(a_iri, link.a.path)) if link.a else None
        later = iri(ids.task_iri(b_iri, link.b.path)) if link.b else None
        side, task = ("a", earlier) if earlier else ("b", later)
        node = iri(f"{activity[1:-1]}/{side}/{task[1:-1].rsplit('/', 1)[-1]}")
        add(node, A, fz("YearLink"))
        add(node, v("prov", "wasGeneratedBy"), activity)
        add(node, fz("yearLinkKind"), lit(link.kind))
        if earlier:
            add(node, fz("earlierTask"), earlier)
        if later:
            add(node, fz("laterTask"), later)
        if earlier and later:
            add(earlier, fz("carriedOverAs"), later)
        if link.report:
            add(node, fz("earlierTaskReported"), lit(link.report))
            add(node, fz("earlierTaskScore"), decimal(f"{link.score:.3f}"))
        for flag in link.flags:
            add(node, fz("yearLinkFlag"), lit(flag))
        for change in link.targets:
            add(node, fz("targetChange"), zh(change.short()))
        if link.detail:
            add(node, fz("changeNote"), zh(link.detail))
    return sorted(out)


def write(store, linked: AcrossYears, a_iri: str, b_iri: str, report_iri: str) -> tuple[str, int]:
    """Store the links, the graph replaced whole; gives the graph's IRI and the number of links."""
    graph = years_graph(a_iri, b_iri, report_iri)
    store.replace_document(graph, quads(linked, a_iri, b_iri, report_iri))
    return graph, len(linked.links)
