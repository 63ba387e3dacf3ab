"""``fazhi-kg build``: load, extract, map and store documents, one named graph each.

Each document is written in one transaction (a new graph loaded from N-Quads; an existing one
dropped and re-inserted in a single SPARQL update), so an interrupted build leaves every document
either as it was or wholly new.  Bad files are skipped with their reason; ``strict`` stops at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import InputError
from kg.store import BaseStore


@dataclass
class BuildSummary:
    documents: int = 0
    tasks: int = 0
    units: set[str] = field(default_factory=set)
    quads: int = 0
    unparsed_notes: int = 0  # notes that looked like notes but named no unit: see `extract --warnings`
    tasks_without_owner: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    graphs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "tasks": self.tasks, "units": len(self.units),
                "quads_written": self.quads, "unparsed_notes": self.unparsed_notes,
                "tasks_without_owner": self.tasks_without_owner,
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped]}


def _extract_one(path: str) -> tuple[str, object]:
    """Worker: one file to (graph IRI, quads, task count, unit ids) or the input error it raised."""
    from kg.ingest.load import load
    from kg.rdf.mapping import graph_iri, quads
    from kg.extract.pipeline import extract_raw

    try:
        raw = load(Path(path))
    except InputError as exc:
        return path, exc
    result = extract_raw(raw)
    units = sorted({u.id for t in result.tasks for u in (*t.lead, *t.responsible, *t.cooperating)})
    ownerless = sum(1 for t in result.tasks if not (t.lead or t.responsible or t.cooperating))
    return path, (graph_iri(result), quads(result), len(result.tasks), units, len(result.unparsed_notes), ownerless)


def _files(paths: Iterable[str | Path]) -> Iterable[tuple[Path, InputError | None]]:
    from kg.ingest.load import iter_paths

    return iter_paths([Path(p) for p in paths])


def build(paths: Iterable[str | Path], store: BaseStore, *, strict: bool = False,
          progress: Callable[[str], None] | None = None, jobs: int = 1) -> BuildSummary:
    """Build documents into ``store``.  With ``jobs`` > 1, extraction runs in a process pool
    (documents are independent) and only the writes happen here, in input order, so the
    store ends the same whatever the number of jobs."""
    summary = BuildSummary()

    def record(path: str, item: object) -> None:
        if isinstance(item, InputError):
            if strict:
                raise item
            summary.skipped.append((path, item.message))
            return
        graph, doc_quads, n_tasks, units, unparsed, ownerless = item
        summary.unparsed_notes += unparsed
        summary.tasks_without_owner += ownerless
        store.replace_document(graph, doc_quads)
        summary.documents += 1
        summary.tasks += n_tasks
        summary.quads += len(doc_quads)
        summary.graphs.append(graph)
        summary.units.update(units)
        if progress:
            progress(path)
        store.let_readers_in()  # only pauses when another process is waiting for the store

    readable: list[str] = []
    for path, problem in _files(paths):
        if problem is not None:
            record(str(path), problem)
        else:
            readable.append(str(path))
    if jobs <= 1 or len(readable) < 2:
        for path in readable:
            record(*_extract_one(path))
        return summary
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # A bounded window of documents in flight: results are written in input order, and when the
    # single writer is slower than the workers, finished documents wait here, not by thousands.
    window = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for path in readable:
            window.append(pool.submit(_extract_one, path))
            if len(window) >= 4 * jobs:
                record(*window.popleft().result())
        while window:
            record(*window.popleft().result())
    return summary
