"""What the ``ledger`` commands do, on a store: write the ledger of a plan, import filled
ledgers, report the status.  Each returns what the command line shows; nothing prints."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import FazhiError, LedgerRejected, NoMatch, NotComparable
from kg.store import BaseStore
from kg.views.model import Document, GraphData


def _plan(data: GraphData, value: str) -> Document:
    from kg.views import match

    doc = match.document(data.documents, value)
    if not doc.is_plan:
        raise NotComparable(f"'{value}' is {doc.title or doc.source}, a {doc.genre}, not a plan: a ledger follows "
                            "the tasks of a plan (计划, 要点, 方案)")
    return doc


def export(store: BaseStore, plan: str, output: Path) -> tuple[Path, int, int]:
    """Write the ledger of ``plan`` to ``output`` (atomically): its path, tasks and lead-unit sheets."""
    from kg.fileio import atomic_write_bytes
    from kg.ledger.export import workbook
    from kg.views.readmodel import load_graph_data

    data = load_graph_data(store, document=plan)
    doc = _plan(data, plan)
    data_bytes, tasks, sheets = workbook(data, doc)
    atomic_write_bytes(output, data_bytes)
    return output, tasks, sheets


@dataclass
class Imported:
    path: Path
    plan: str = ""
    returns: int = 0
    rows: int = 0
    unchanged: int = 0  # returns already in the store as they are
    rejected: LedgerRejected | None = None
    graphs: list[str] = field(default_factory=list)


def import_files(store: BaseStore, paths: list[Path]) -> list[Imported]:
    """Import each file on its own: a file with a bad row is rejected whole, the others stored."""
    from kg.ledger.returns import plan_of, quads, read_returns, read_workbook

    results = []
    cache: dict[tuple[str, str], tuple[GraphData, Document]] = {}
    for path in paths:
        result = Imported(Path(path))
        try:
            wb = read_workbook(result.path)
            plan_iri, title = plan_of(wb, result.path)
            if (plan_iri, title) not in cache:
                cache[plan_iri, title] = _plan_data(store, plan_iri, title, result.path)
            data, doc = cache[plan_iri, title]
            returns = read_returns(result.path, data, doc, wb)
        except LedgerRejected as exc:
            result.rejected = exc
            results.append(result)
            continue
        result.plan = doc.iri
        for ret in returns:
            new = quads(ret)
            if sorted(store.graph_lines(ret.graph)) == sorted(_lines(new)):
                result.unchanged += 1
            else:
                store.replace_document(ret.graph, new)
            result.graphs.append(ret.graph)
            result.returns += 1
            result.rows += len(ret.entries)
        results.append(result)
    return results


def _plan_data(store: BaseStore, iri: str, title: str, path: Path) -> tuple[GraphData, Document]:
    """The read model of the ledger's plan, found by its IRI or, where a rebuild gave the plan
    another IRI, by its title."""
    from kg.views.readmodel import load_graph_data

    for key in (k for k in (iri, title) if k):
        try:
            data = load_graph_data(store, document=key)
            return data, _plan(data, key)
        except NoMatch:
            continue
        except FazhiError as exc:  # a title several plans share, a document that is not a plan
            raise LedgerRejected(f"{path.name}: {exc}") from None
    raise LedgerRejected(f"{path.name}: its plan ({title or iri}) is not in the store; build the plan first")


def _lines(quads: list[tuple[str, str, str, str]]) -> list[str]:
    return [f"{s} {p} {o}" for s, p, o, _ in quads]


def status(store: BaseStore, as_of: datetime.date, plan: str | None = None, history: bool = False):
    """The status rows (see :mod:`kg.ledger.status`) of one plan, or of every plan some return is
    about, and how many plans that is."""
    from kg.ledger.status import output, status_rows
    from kg.views.readmodel import ledger_entries, load_graph_data

    data = load_graph_data(store, with_paragraphs=True)  # the reports too: do they agree with the returns?
    if plan:
        plans = [_plan(data, plan)]
    else:
        entries = ledger_entries(store)
        about = {data.task_by_iri[e.task].document for e in entries if e.task in data.task_by_iri}
        plans = [d for d in data.documents if d.iri in about]
    entries = [e for p in plans for e in ledger_entries(store, p.iri)]
    return output(status_rows(data, entries, plans, as_of, history)), len(plans)
