"""``fazhi-kg build``: load, extract, map and store documents, one named graph each.

Each document is written in one transaction (its old graph dropped and the new one inserted in a
single SPARQL update), so an interrupted build leaves every document either as it was or wholly
new.  Bad files are skipped with their reason; ``strict`` stops at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputError
from .store import BaseStore


@dataclass
class BuildSummary:
    documents: int = 0
    tasks: int = 0
    units: set[str] = field(default_factory=set)
    quads: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    graphs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "tasks": self.tasks, "units": len(self.units),
                "quads_written": self.quads, "skipped": [{"path": p, "reason": r} for p, r in self.skipped]}


def build(paths: Iterable[str | Path], store: BaseStore, *, strict: bool = False,
          progress: Callable[[str], None] | None = None) -> BuildSummary:
    from .load import iter_documents
    from .mapping import graph_iri, quads
    from .pipeline import extract_raw

    summary = BuildSummary()
    for path, item in iter_documents([Path(p) for p in paths]):
        if isinstance(item, InputError):
            if strict:
                raise item
            summary.skipped.append((str(path), item.message))
            continue
        result = extract_raw(item)
        graph = graph_iri(result)
        doc_quads = quads(result)
        store.replace_document(graph, doc_quads)
        summary.documents += 1
        summary.tasks += len(result.tasks)
        summary.quads += len(doc_quads)
        summary.graphs.append(graph)
        for task in result.tasks:
            for unit in (*task.lead, *task.responsible, *task.cooperating):
                summary.units.add(unit.id)
        if progress:
            progress(str(path))
    return summary
