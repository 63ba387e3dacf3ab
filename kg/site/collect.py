"""Everything the site shows, read from the store once.

The graph itself comes from the read model (:func:`kg.views.readmodel.load_graph_data`, with the
reports' paragraphs), the responsibility matrix from :mod:`kg.views.matrix`, tracking from
:mod:`kg.views.track`, the ledger from :mod:`kg.ledger`, unparsed notes from the named query
``unparsed-notes``, one status per task from :mod:`kg.views.taskstatus`.  What no view reads, the pages need besides: where each fact stands in its
document's text (the ``oa:TextPositionSelector`` of its provenance), a task's note, the titles of
the parts that hold tasks, the task view's links once ``track --tasks --write`` stored them (named query ``task-evidence``).
The RDF beside each page is read from the store as it is written (:mod:`kg.site.rdfout`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kg.store import BaseStore
from kg.views.model import GraphData
from kg.vocab import SPARQL_PREFIXES


@dataclass(frozen=True)
class Evidence:
    """What the task view stored of a task in one report."""

    task: str
    report: str
    status: str  # reported | partly | not mentioned | unchecked
    score: str
    paragraph: str  # the best paragraph's place and heading, "" where none
    quote: str
    paragraph_node: str = ""  # the best paragraph's IRI (the report's …/para/…), "" where none


@dataclass
class SiteData:
    data: GraphData
    as_of: datetime.date
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # fact IRI → (start, end) in its document
    notes: dict[str, str] = field(default_factory=dict)  # task IRI → its note as written
    sections: dict[tuple[str, str], str] = field(default_factory=dict)  # (document, outline path) → title
    unparsed: list[dict[str, str | None]] = field(default_factory=list)  # rows of the named query
    tracking: list = field(default_factory=list)  # kg.views.track.TrackRow
    ledger: list = field(default_factory=list)  # kg.ledger.status.StatusRow
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)  # task IRI → its stored evidence
    evidence_stored: bool = False  # whether any task-view graph is in the store
    statuses: dict = field(default_factory=dict)  # task IRI → kg.views.taskstatus.TaskStatus (ledger, else reports)
    cache: dict = field(default_factory=dict)  # what the pages compute once per build

    def grouped(self, name: str, items, key) -> dict[str, list]:
        """``items`` grouped by ``key`` (in their order), computed once per build; ``items`` may be a
        function giving them, called only the first time (what a page asks for per task must not
        cost a pass over the whole store each time)."""
        if name not in self.cache:
            out: dict[str, list] = {}
            for x in (items() if callable(items) else items):
                out.setdefault(key(x), []).append(x)
            self.cache[name] = out
        return self.cache[name]

    def assignments_of(self, task: str) -> list:
        return self.grouped("by task", self.data.assignments, lambda a: a.task).get(task, [])

    def assignments_to(self, unit: str) -> list:
        return self.grouped("by unit", self.data.assignments, lambda a: a.unit).get(unit, [])

    def tasks_in(self, document: str) -> list:
        return self.data.tasks_in(document)

    def figures_in(self, document: str) -> list:
        return self.grouped("figures", self.data.observations, lambda o: o.document).get(document, [])

    def unparsed_in(self, document: str) -> list:
        return self.grouped("unparsed", self.unparsed, lambda r: r.get("document") or "").get(document, [])

    def span_in(self, fact: str, task: str) -> tuple[int, int] | None:
        """A fact's span relative to its task's text, where both are known and it lies inside."""
        f, t = self.spans.get(fact), self.spans.get(task)
        if not f or not t or f[0] < t[0] or f[1] > t[1]:
            return None
        return f[0] - t[0], f[1] - t[0]


def _records(store: BaseStore, body: str) -> list[dict[str, str | None]]:
    rows = store.query(SPARQL_PREFIXES + body).records()
    return sorted(rows, key=lambda r: tuple((k, v or "") for k, v in sorted(r.items())))


def _spans(store: BaseStore) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for r in _records(store, """SELECT DISTINCT ?fact ?s ?e WHERE {
        ?fact prov:wasDerivedFrom ?src . ?src oa:hasSelector ?pos . ?pos oa:start ?s ; oa:end ?e }"""):
        if (r["s"] or "").isdigit() and (r["e"] or "").isdigit():
            out.setdefault(r["fact"], (int(r["s"]), int(r["e"])))
    return out


def _sections(store: BaseStore) -> dict[tuple[str, str], str]:
    rows = _records(store, """SELECT DISTINCT ?doc ?path ?title WHERE {
        ?part eli:is_part_of ?doc ; fz:path ?path ; dct:title ?title . ?doc a eli:LegalResource .
        FILTER NOT EXISTS { ?part a fz:Task } FILTER NOT EXISTS { ?part fz:text ?text } }""")
    out: dict[tuple[str, str], str] = {}
    for r in rows:
        out.setdefault((r["doc"], r["path"]), r["title"] or "")
    return out


def _evidence(store: BaseStore) -> tuple[dict[str, list[Evidence]], bool]:
    """The task view's links as ``track --tasks --write`` stored them (the named query
    ``task-evidence``, every plan)."""
    from kg.query.named import get_query

    rows = store.query(get_query("task-evidence").text).records()
    out: dict[str, list[Evidence]] = {}
    for r in rows:
        out.setdefault(r["task"], []).append(Evidence(r["task"], r["report"], r["status"] or "", r["score"] or "",
                                                      r["paragraph"] or "", r["quote"] or "", r["paragraph_node"] or ""))
    return out, bool(rows)


def default_as_of(data: GraphData, ledger_dates: list[str]) -> datetime.date:
    """The date tracking is judged at unless one is given: the latest date the store knows (a
    document's date, a ledger return), so that the same store gives the same site."""
    dates = [d.date[:10] for d in data.documents if d.date] + [x for x in ledger_dates if x]
    dates += [f"{max(d.years)}-12-31" for d in data.documents if d.is_report and d.years]
    years = [y for d in data.documents for y in d.years]
    latest = max(dates, default="")
    if not latest and years:
        latest = f"{min(years)}-12-31"
    try:
        return datetime.date.fromisoformat(latest)
    except ValueError:
        return datetime.date(2000, 1, 1)


def collect(store: BaseStore, as_of: datetime.date | None = None) -> SiteData:
    """Read everything the site shows from ``store``."""
    from kg.ledger.status import status_rows
    from kg.query.named import get_query
    from kg.views.readmodel import ledger_entries, load_graph_data
    from kg.views.taskstatus import task_statuses
    from kg.views.track import track

    data = load_graph_data(store, with_paragraphs=True)
    entries = ledger_entries(store)
    when = as_of or default_as_of(data, [e.updated for e in entries])
    site = SiteData(data, when)
    site.spans = _spans(store)
    site.notes = {r["task"]: r["note"] or "" for r in _records(store, "SELECT DISTINCT ?task ?note WHERE "
                                                                      "{ ?task a fz:Task ; fz:note ?note }")}
    site.sections = _sections(store)
    site.unparsed = store.query(get_query("unparsed-notes").text).records()
    site.tracking = track(data, today=when)
    if entries:
        plans = [d for d in data.documents if any(e.task in data.task_by_iri
                                                  and data.task_by_iri[e.task].document == d.iri for e in entries)]
        site.ledger = status_rows(data, entries, plans, when)
    site.evidence, site.evidence_stored = _evidence(store)
    site.statuses = task_statuses(store, {u.iri: u.name for u in data.units})
    return site
