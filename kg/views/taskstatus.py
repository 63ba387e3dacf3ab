"""One status per task, where the store knows one: what the page colours a task by.

Two sources, the units' own word first:

* the **ledger** (台账) returns (``fazhi-kg ledger import``): each unit's latest return for the
  task; with several units, 逾期 if any says so, 已完成 only when all do, 已延期 if any (and none
  is overdue), 进行中 if any has started or finished, else 未启动;
* else the **task view's links** stored in the graph (``fazhi-kg track --tasks --write``, and
  ``demo``): the best status any report gives the task — reported, partly, not mentioned
  (``unchecked`` is no status).

A task with neither has no status and keeps the plain task colour.

A quantitative target gets its tracking status (:func:`target_statuses`, from
:func:`kg.views.track.track`'s rows): over every area and year it is tracked in, not met if any
figure misses it, else met if any meets it, else the most informative of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.views.model import LedgerEntry

LEDGER = ("已完成", "进行中", "未启动", "逾期", "已延期")
REPORT = ("reported", "partly", "not mentioned")


@dataclass(frozen=True)
class TaskStatus:
    status: str  # one of LEDGER or REPORT
    source: str  # "ledger" | "report"
    note: str  # who said so and when, or which report with what score


def combine(latest: list[LedgerEntry]) -> str:
    """The task's status from the latest return of each unit that reported on it."""
    said = [e.status for e in latest if e.status in LEDGER]
    if not said:
        return ""
    if "逾期" in said:
        return "逾期"
    if all(s == "已完成" for s in said):
        return "已完成"
    if "已延期" in said:
        return "已延期"
    if "进行中" in said or "已完成" in said:
        return "进行中"
    return "未启动"


def from_ledger(entries: list[LedgerEntry], names: dict[str, str] | None = None) -> dict[str, TaskStatus]:
    names = names or {}
    latest: dict[tuple[str, str], LedgerEntry] = {}
    for e in sorted(entries, key=lambda e: (e.updated, e.graph)):
        latest[(e.task, e.unit)] = e
    by_task: dict[str, list[LedgerEntry]] = {}
    for (task, _), e in sorted(latest.items()):
        by_task.setdefault(task, []).append(e)
    out = {}
    for task, mine in by_task.items():
        status = combine(mine)
        if status:
            note = "；".join(f"{names.get(e.unit) or e.written or e.unit} {e.status} {e.updated}" for e in mine)
            out[task] = TaskStatus(status, "ledger", note)
    return out


def from_report(store) -> dict[str, TaskStatus]:
    """The best status of each task among the task view's links stored in the graph."""
    rows = store.query("""PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT DISTINCT ?task ?status ?score ?title WHERE {
          ?e a fz:TaskEvidence ; fz:evidenceOf ?task ; fz:reportStatus ?status ; fz:evidenceScore ?score ;
             fz:inReport ?report .
          OPTIONAL { ?report dct:title ?title } }""").records()
    out: dict[str, TaskStatus] = {}
    rank = {s: i for i, s in enumerate(REPORT)}
    for r in sorted(rows, key=lambda r: (rank.get(r["status"] or "", 9), -float(r["score"] or 0), r["title"] or "",
                                         r["task"])):
        if r["status"] in rank and r["task"] not in out:
            out[r["task"]] = TaskStatus(r["status"], "report", f"{r['title'] or ''} {r['score']}".strip())
    return out


def task_statuses(store, names: dict[str, str] | None = None) -> dict[str, TaskStatus]:
    """Task IRI → its status: from the ledger where a unit returned one, else from the reports."""
    from kg.views.readmodel import ledger_entries

    out = from_report(store)
    out.update(from_ledger(ledger_entries(store), names))
    return out


# a target's tracking statuses, the one that wins first
TARGET = ("not met", "met", "reported, different object", "reported without a figure", "not mentioned", "no report")


def target_statuses(rows) -> dict[str, TaskStatus]:
    """Target IRI → its status over the tracking ``rows`` (:class:`kg.views.track.TrackRow`), the
    note listing each area and year with its status."""
    seen: dict[str, list] = {}
    for row in rows:
        if row.kind == "target" and row.target_iri and row.status in TARGET:
            seen.setdefault(row.target_iri, []).append(row)
    out = {}
    for iri, found in seen.items():
        status = min((r.status for r in found), key=TARGET.index)
        note = "；".join(sorted({f"{r.area} {r.year}: {r.status}" + (f" {r.value}" if r.value else "") for r in found}))
        out[iri] = TaskStatus(status, "tracking", note)
    return out
