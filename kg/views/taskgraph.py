"""The task view's links, stored in the graph (``fazhi-kg track --tasks --write``).

Each pair of a plan and a report of an area gets a named graph of its own,
``id/graph/taskview/{plan key}--{report key}``, written whole each time (the same pair written
again replaces it, so nothing is left over from an earlier run).  In it:

* one ``fz:TaskEvidence`` (a ``prov:Entity``) per task of the plan, ``…/task/{task path key}``:
  the task (``fz:evidenceOf``), the report (``fz:inReport``), the status (``fz:reportStatus``:
  reported, partly, not mentioned, unchecked), the score (``fz:evidenceScore``, cut to three
  places as the table shows it), and where the report speaks of it the best paragraph
  (``fz:bestParagraph``, the report's ``…/para/…`` subdivision), its sentence nearest the task
  (``fz:evidenceQuote``) and the runner-up paragraphs with their scores (``fz:nearestOthers``);
* one ``prov:Activity`` that generated them (``prov:wasGeneratedBy``), associated with the
  fazhi-kg agent, naming the version (``fz:extractorVersion``) and the plan and report it used.

No clock time is written: the same store gives the same graph, byte for byte, whenever it is
written (the extraction activity of a document carries no time either).
"""

from __future__ import annotations

from kg import EXTRACTOR_VERSION, ids
from kg.vocab import BASE
from kg.views.taskview import TaskRow

Quad = tuple[str, str, str, str]


def _pair(plan_iri: str, report_iri: str) -> str:
    return f"{ids.document_key_of(plan_iri)}--{ids.document_key_of(report_iri)}"


def taskview_graph(plan_iri: str, report_iri: str) -> str:
    """The named graph of the links from one plan's tasks to one report."""
    return f"{BASE}graph/taskview/{_pair(plan_iri, report_iri)}"


def activity_iri(plan_iri: str, report_iri: str) -> str:
    return f"{BASE}taskview/{_pair(plan_iri, report_iri)}"


def evidence_iri(plan_iri: str, report_iri: str, task_iri: str) -> str:
    """A task's evidence in one report: named by the task's outline key (p2-s1-i1)."""
    return f"{activity_iri(plan_iri, report_iri)}/task/{task_iri.rsplit('/', 1)[-1]}"


def pairs(rows: list[TaskRow]) -> dict[tuple[str, str], list[TaskRow]]:
    """The rows by (plan IRI, report IRI), in the order the view gives them."""
    out: dict[tuple[str, str], list[TaskRow]] = {}
    for r in rows:
        if r.report and r.task_iri:
            out.setdefault((r.plan, r.report), []).append(r)
    return out


def quads(plan_iri: str, report_iri: str, rows: list[TaskRow]) -> list[Quad]:
    """N-Triples-string quads of one pair's links, sorted, in the pair's own named graph."""
    from kg.rdf.terms import A, decimal, fz, iri, lit, v, zh

    graph = iri(taskview_graph(plan_iri, report_iri))
    activity = iri(activity_iri(plan_iri, report_iri))
    out: set[Quad] = set()

    def add(s: str, p: str, o: str) -> None:
        out.add((s, p, o, graph))

    add(activity, A, v("prov", "Activity"))
    add(activity, v("prov", "wasAssociatedWith"), iri(ids.AGENT))
    add(activity, fz("extractorVersion"), lit(EXTRACTOR_VERSION))
    add(activity, v("prov", "used"), iri(plan_iri))
    add(activity, v("prov", "used"), iri(report_iri))
    add(iri(ids.AGENT), A, v("prov", "SoftwareAgent"))
    add(iri(ids.AGENT), v("rdfs", "label"), lit("fazhi-kg"))
    for r in rows:
        node = iri(evidence_iri(plan_iri, report_iri, r.task_iri or ""))
        add(node, A, fz("TaskEvidence"))
        add(node, v("prov", "wasGeneratedBy"), activity)
        add(node, fz("evidenceOf"), iri(r.task_iri or ""))
        add(node, fz("inReport"), iri(report_iri))
        add(node, fz("reportStatus"), lit(r.status))
        add(node, fz("evidenceScore"), decimal(f"{r.score:.3f}"))
        if r.paragraph_iri:
            add(node, fz("bestParagraph"), iri(r.paragraph_iri))
        if r.quote:
            add(node, fz("evidenceQuote"), zh(r.quote))
        if r.evidence:
            add(node, fz("nearestOthers"), zh(r.evidence))
    return sorted(out)


def write(store, rows: list[TaskRow]) -> list[tuple[str, int]]:
    """Store the links of every (plan, report) pair in ``rows``, each pair's graph replaced whole;
    gives (graph IRI, number of links) per pair written."""
    written = []
    for (plan, report), mine in pairs(rows).items():
        graph = taskview_graph(plan, report)
        store.replace_document(graph, quads(plan, report, mine))
        written.append((graph, len(mine)))
    return written
