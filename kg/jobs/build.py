"""``fazhi-kg build``: load, extract, map and store documents, one named graph each.

Each document is written in one transaction (a new graph loaded from N-Quads; an existing one
dropped and re-inserted in a single SPARQL update), so an interrupted build leaves every document
either as it was or wholly new.  Bad files are skipped with their reason; ``strict`` stops at the first.

A document is extracted outside the store's lock and written inside it: a reader waiting for the
store is let in during an extraction and between documents (:meth:`BaseStore.idle`).

Two files that claim one document (its IRI is minted from the 文号, or the title in its area, see
:mod:`kg.ids`) are never merged silently: the first one wins, and the summary names both
(``replace`` takes the later instead).  A document the store already held is replaced; the
summary says so, naming the file it had been built from when that was another one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from contextlib import nullcontext
from typing import BinaryIO, Callable, ContextManager, Iterable, Iterator

from kg.errors import InputError
from kg.store import BaseStore


@dataclass
class BuildSummary:
    documents: int = 0  # documents stored (two files of one document count once)
    tasks: int = 0
    units: set[str] = field(default_factory=set)
    quads: int = 0
    unparsed_notes: int = 0  # notes that named no unit, and plans that gave no task: see `extract --warnings`
    tasks_without_owner: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    graphs: list[str] = field(default_factory=list)
    # (kept file, other file, what names the document, whether the other replaced the kept one)
    collisions: list[tuple[str, str, str, bool]] = field(default_factory=list)
    replaced: int = 0  # documents the store held before this build, now replaced
    # (file, the file the store's version was built from, what names the document): another file's
    renamed: list[tuple[str, str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "tasks": self.tasks, "units": len(self.units),
                "quads_written": self.quads, "unparsed_notes": self.unparsed_notes,
                "tasks_without_owner": self.tasks_without_owner,
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
                "replaced": self.replaced,
                "same_document": [{"kept": k, "other": o, "document": d, "other_replaced_it": r}
                                  for k, o, d, r in self.collisions]}

    def notes(self) -> list[str]:
        """One line for each thing a user should know about what was replaced or passed over."""
        out = []
        for kept, other, ident, replaced in self.collisions:
            if replaced:
                out.append(f"{other} replaced {kept}: both are the document {ident} (--replace)")
            else:
                out.append(f"kept {kept}, not {other}: both are the document {ident} "
                           "(build --replace takes the later file)")
        for path, before, ident in self.renamed:
            out.append(f"{path} replaced the document the store held from {before}: both are {ident}")
        same = self.replaced - len(self.renamed)
        if same > 0:
            out.append(f"replaced {same} documents the store already held (built before from files of the same names)")
        return out


def _identity(result) -> str:
    """What makes two files one document, as the summary names it."""
    meta = result.document
    if meta.doc_number:
        return f"文号 {meta.doc_number}"
    if meta.title:
        where = meta.jurisdiction.name if meta.jurisdiction else None
        return f"《{meta.title}》" + (f" of {where}" if where else "")
    return "with the same content"


def _extract_one(path: str, ocr: bool = False) -> tuple[str, object]:
    """Worker: one file to (graph IRI, its N-Quads text, quad count, task count, unit ids,
    unparsed notes, ownerless tasks, what names the document) or the input error it raised.  The
    graph travels as one string: a worker process hands it over far more cheaply than the
    thousands of tuples it was made from."""
    from kg.ingest.load import load
    from kg.rdf import nquads
    from kg.rdf.mapping import graph_iri, quads
    from kg.extract.pipeline import extract_raw

    try:
        raw = load(Path(path), ocr=ocr)
    except InputError as exc:
        return path, exc
    result = extract_raw(raw)
    units = sorted({u.id for t in result.tasks for u in (*t.lead, *t.responsible, *t.cooperating)})
    ownerless = sum(1 for t in result.tasks if not (t.lead or t.responsible or t.cooperating))
    graph, doc_quads = graph_iri(result), quads(result)
    return path, (graph, nquads.text(doc_quads, graph=graph), len(doc_quads), len(result.tasks), units,
                  len(result.unparsed_notes), ownerless, _identity(result))


def _files(paths: Iterable[str | Path], ocr: bool = False) -> Iterable[tuple[Path, InputError | None]]:
    from kg.ingest.load import iter_paths

    return iter_paths([Path(p) for p in paths], ocr=ocr)


def build(paths: Iterable[str | Path], store: BaseStore, *, strict: bool = False,
          progress: Callable[[str], None] | None = None, jobs: int = 1, replace: bool = False,
          ocr: bool = False, bulk: bool = False) -> BuildSummary:
    """Build documents into ``store``.  With ``jobs`` > 1, extraction runs in a process pool
    (documents are independent) and only the writes happen here, in input order, so the
    store ends the same whatever the number of jobs.  Of two files of one document the first
    is kept, or with ``replace`` the later.  With ``ocr``, scans and page images are read by OCR.
    With ``bulk``, for a store that starts empty and is put in place only when complete
    (``build --rebuild``), each document's N-Quads are spooled to a file beside the store and
    all of them go through the engine's bulk loader at the end."""
    if bulk and hasattr(store, "bulk_load") and store.count() == 0:
        return _spooled(paths, store, strict=strict, progress=progress, jobs=jobs, replace=replace, ocr=ocr)
    summary = BuildSummary()
    before = store.sources()  # graph → the file it was built from
    built: dict[str, tuple] = {}  # graph → (file, its counts, its units): what this build stored

    def record(path: str, item: object) -> None:
        if isinstance(item, InputError):
            if strict:
                raise item
            summary.skipped.append((path, item.message))
            return
        graph, text, n_quads, n_tasks, units, unparsed, ownerless, ident = item
        if graph in built:
            kept = built[graph][0]
            summary.collisions.append((kept, path, ident, replace))
            if not replace:
                if progress:
                    progress(path)
                return
        elif graph in before:
            summary.replaced += 1
            if before[graph] != Path(path).name:
                summary.renamed.append((path, before[graph], ident))
        store.replace_document_text(graph, text)
        earlier = built.get(graph)
        built[graph] = (path, (n_tasks, n_quads, unparsed, ownerless), units)
        _add(summary, built[graph][1], +1)
        if earlier is None:
            summary.graphs.append(graph)
            summary.units.update(units)
        else:  # a file --replace took instead of an earlier one: its figures go
            _add(summary, earlier[1], -1)
            summary.units = {u for _, _, kept in built.values() for u in kept}
        summary.documents = len(built)
        if progress:
            progress(path)
        store.let_readers_in()  # only pauses when another process is waiting for the store

    # the worker as one-argument function; with ocr, bound (a partial of a module function pickles for the pool)
    extract = partial(_extract_one, ocr=True) if ocr else _extract_one
    readable: list[str] = []
    for path, problem in _files(paths, ocr):
        if problem is not None:
            record(str(path), problem)
        else:
            readable.append(str(path))
    for item in extracted(readable, extract, jobs, store.idle):
        record(*item)
    return summary


def extracted(paths: list[str], extract: Callable[[str], tuple[str, object]], jobs: int,
              idle: Callable[[], ContextManager[None]] = nullcontext) -> Iterator[tuple[str, object]]:
    """``extract(path)`` of each path, in input order.  With ``jobs`` > 1 a process pool does the
    work; ``idle`` wraps each wait for a result (a store lets readers in meanwhile)."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            with idle():  # outside the lock: a waiting reader may have the store meanwhile
                item = extract(path)
            yield item
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # A bounded window of documents in flight: results are handed on in input order, and when the
    # single writer is slower than the workers, finished documents wait here, not by thousands.
    window = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for path in paths:
            window.append(pool.submit(extract, path))
            if len(window) >= 4 * jobs:
                with idle():
                    item = window.popleft().result()
                yield item
        while window:
            with idle():
                item = window.popleft().result()
            yield item


class _Spool(BaseStore):
    """Stands in for the store during a bulk build: a document's graph goes to its own N-Quads file
    (a later file of the same document overwrites it), all loaded at once by :meth:`load_into`."""

    def __init__(self, folder: Path):
        self.folder, self.files = folder, {}

    def sources(self) -> dict[str, str]:
        return {}

    def replace_document(self, graph: str, quads: list) -> None:
        from kg.rdf import nquads

        self.replace_document_text(graph, nquads.text(quads, graph=graph))

    def replace_document_text(self, graph: str, text: str) -> None:
        from kg.fileio import atomic_write_text

        path = self.files.setdefault(graph, self.folder / f"{len(self.files)}.nq")
        atomic_write_text(path, text)

    def load_into(self, store: BaseStore) -> None:
        with joined(list(self.files.values())) as stream:
            store.bulk_load(stream)


def _spooled(paths, store: BaseStore, **options) -> BuildSummary:
    import shutil

    where = Path(store.location)
    folder = where.parent / f".{where.name}.spool"  # the writer's lock is held: a killed build's is ours to clear
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        spool = _Spool(folder)
        spool.idle = store.idle  # extraction waits let the store's readers in, as before
        spool.let_readers_in = store.let_readers_in
        summary = build(paths, spool, **options)
        spool.load_into(store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return summary


class _Joined(io.RawIOBase):
    """Files read one after another as one stream, a line break after each."""

    def __init__(self, paths: list[Path]):
        self._paths, self._fh, self._gap = iter(paths), None, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._gap:
                buffer[0], self._gap = 10, False
                return 1
            if self._fh is None:
                path = next(self._paths, None)
                if path is None:
                    return 0
                self._fh = open(path, "rb")
            n = self._fh.readinto(buffer)
            if n:
                return n
            self._fh.close()
            self._fh, self._gap = None, True

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        super().close()


def joined(paths: list[Path]) -> BinaryIO:
    """N-Quads files as one binary stream, for a bulk loader."""
    return io.BufferedReader(_Joined(paths), 1 << 20)


def _add(summary: BuildSummary, counts: tuple[int, int, int, int], sign: int) -> None:
    n_tasks, n_quads, unparsed, ownerless = counts
    summary.tasks += sign * n_tasks
    summary.quads += sign * n_quads
    summary.unparsed_notes += sign * unparsed
    summary.tasks_without_owner += sign * ownerless
