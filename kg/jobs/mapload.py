"""The scale-out path (docs/SCALE.md): ``extract --format nquads`` maps documents to one N-Quads
file each with no store, on as many machines as there are; ``load`` reduces such files into a store.

A document's file holds its one named graph exactly as ``export --format nquads`` writes that
graph from a store built from the same file: terms as Oxigraph gives them back, lines sorted,
duplicates dropped, so the same document always gives the same bytes.  It is named by the
graph's key (``320113-2021-3f9a1c2e.nq``), so re-running the map over a document rewrites its file.

``load`` reads every file before it writes anything: a file that is not N-Quads, or that does not
hold exactly one named graph, stops the load with one line naming it (and the line), and nothing
is stored.  Each document's graph is then replaced whole, as ``build`` replaces it; into an
empty embedded store the files go through Oxigraph's bulk loader in one pass, into a store beside
the empty one that takes its place once the load is complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import CorruptFile, EmptyDocument, FileMissing, FileUnreadable, InputError
from kg.jobs.build import BuildSummary, _extract_one, _files, extracted, joined
from kg.store import BaseStore
from kg.vocab import FZ

SUFFIX = ".nq"
_TASK = f"<{FZ}Task>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SOURCE = f"<{FZ}sourceFile>"


@dataclass
class LoadSummary(BuildSummary):
    bulk: bool = False  # written through Oxigraph's bulk loader
    written: list[tuple[str, str]] = field(default_factory=list)  # map: (document file, the N-Quads file written)

    def notes(self) -> list[str]:
        return [line.replace("build --replace", "--replace") for line in super().notes()]


def document_nquads(graph: str, text: str) -> bytes:
    """One document's graph (N-Quads text, every line in ``graph``) as ``export --format nquads``
    writes it from a store: the quads are read back by Oxigraph (so every term is spelt as a store
    spells it), sorted, duplicates dropped."""
    import pyoxigraph as ox

    from kg.rdf.serialize import lines_body

    g = f"<{graph}>"
    parsed = ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    lines = sorted({f"{q.subject} {q.predicate} {q.object} {g}" for q in parsed})
    return "".join(lines_body(lines)).encode("utf-8")


def _map_one(path: str, ocr: bool = False) -> tuple[str, object]:
    """Worker: a document to (graph, its N-Quads bytes, tasks, what names it) or its input error;
    the bytes are made here, in the worker, so the parent only writes them."""
    path, item = _extract_one(path, ocr)
    if isinstance(item, InputError):
        return path, item
    graph, text, n_quads, n_tasks, _units, _unparsed, _ownerless, ident = item
    return path, (graph, document_nquads(graph, text), n_tasks, n_quads, ident)


def extract_nquads(paths: Iterable[str | Path], output: str | Path, *, jobs: int = 1, replace: bool = False,
                   ocr: bool = False, progress: Callable[[str], None] | None = None) -> LoadSummary:
    """Write each document under ``paths`` to ``output``/KEY.nq; no store is touched.  Bad files
    are listed in the summary's ``skipped``; of two files of one document the first is written
    (``replace``: the later)."""
    from kg.fileio import atomic_write_bytes

    out = Path(output)
    summary = LoadSummary()
    readable: list[str] = []
    for path, problem in _files(paths, ocr):
        if problem is not None:
            summary.skipped.append((str(path), problem.message))
        else:
            readable.append(str(path))
    done: dict[str, tuple[str, int, int]] = {}  # graph → (document file, tasks, quads)
    worker = partial(_map_one, ocr=True) if ocr else _map_one
    for path, item in extracted(readable, worker, jobs):
        if progress:
            progress(path)
        if isinstance(item, InputError):
            summary.skipped.append((path, item.message))
            continue
        graph, data, n_tasks, n_quads, ident = item
        if graph in done:
            summary.collisions.append((done[graph][0], path, ident, replace))
            if not replace:
                continue
            summary.tasks -= done[graph][1]
            summary.quads -= done[graph][2]
        else:
            summary.graphs.append(graph)
        target = out / (graph.rsplit("/", 1)[-1] + SUFFIX)
        atomic_write_bytes(target, data)
        done[graph] = (path, n_tasks, n_quads)
        summary.tasks += n_tasks
        summary.quads += n_quads
    summary.documents = len(done)
    summary.written = sorted((p, str(out / (g.rsplit("/", 1)[-1] + SUFFIX))) for g, (p, _, _) in done.items())
    return summary


# --- load ------------------------------------------------------------------------------------------


@dataclass
class _Checked:
    path: Path
    graph: str
    source: str | None  # the document's fz:sourceFile
    quads: int
    tasks: int


def nquads_files(paths: Iterable[str | Path]) -> list[Path]:
    """The N-Quads files to load: files as given, folders' ``*.nq`` (recursively, sorted)."""
    files: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(f for f in p.rglob(f"*{SUFFIX}") if f.is_file() and not f.name.startswith("."))
            if not found:
                raise FileMissing(f"no N-Quads files (*{SUFFIX}) in this folder", path=p)
            files += found
        elif p.exists():
            files.append(p)
        else:
            raise FileMissing("no such file or folder", path=p)
    return files


def _parsed(path: Path) -> Iterator:
    import pyoxigraph as ox

    try:
        yield from ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        where = f"line {exc.lineno}, column {exc.offset}" if exc.lineno else "somewhere"
        reason = str(exc.msg).split(": ", 1)[-1] if exc.msg else "not N-Quads"
        raise CorruptFile(f"not N-Quads at {where}: {reason}; nothing was loaded", path=path) from None
    except OSError as exc:
        raise FileUnreadable(f"cannot read it ({exc.strerror or exc}); nothing was loaded", path=path) from None


def check_file(path: Path) -> _Checked:
    """Read one file through: it must be N-Quads holding one named graph, a document's."""
    import pyoxigraph as ox

    graphs: set[str] = set()
    source, n, tasks = None, 0, 0
    for q in _parsed(path):
        n += 1
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise CorruptFile(f"quad {n} is outside any named graph: a document's file holds its one named "
                              "graph (as `fazhi-kg extract --format nquads` writes it); nothing was loaded", path=path)
        graphs.add(q.graph_name.value)
        p = str(q.predicate)
        if p == _TYPE and str(q.object) == _TASK:
            tasks += 1
        elif p == _SOURCE and isinstance(q.object, ox.Literal):
            source = q.object.value
    if not graphs:
        raise EmptyDocument("holds no quads; nothing was loaded", path=path)
    if len(graphs) > 1:
        raise CorruptFile(f"holds {len(graphs)} named graphs: a document's file holds one (as `fazhi-kg extract "
                          "--format nquads` writes it); nothing was loaded", path=path)
    return _Checked(path, graphs.pop(), source, n, tasks)


@dataclass
class LoadPlan:
    """What a load will write: the checked files, one per document, and the files passed over."""

    files: list[_Checked]
    collisions: list[tuple[str, str, str, bool]]


def check(paths: Iterable[str | Path], *, replace: bool = False) -> LoadPlan:
    """Every N-Quads file under ``paths`` read through before anything is written: the first bad
    one raises.  Of two files of one document the first is kept (``replace``: the later)."""
    files: list[Path] = []
    for path in nquads_files(paths):
        if path.resolve() not in {f.resolve() for f in files}:  # a file given twice is read once
            files.append(path)
    kept: dict[str, _Checked] = {}
    collisions = []
    for path in files:
        item = check_file(path)
        earlier = kept.get(item.graph)
        if earlier is not None:
            collisions.append((str(earlier.path), str(path), _ident(item.graph), replace))
            if not replace:
                continue
        kept[item.graph] = item
    return LoadPlan(sorted(kept.values(), key=lambda c: files.index(c.path)), collisions)


def load(plan: LoadPlan | Iterable[str | Path], store: BaseStore, *, replace: bool = False, bulk: bool = True,
         progress: Callable[[str], None] | None = None) -> LoadSummary:
    """Load checked N-Quads files (``extract --format nquads``'s; paths are checked first) into
    ``store``, each document's graph replaced whole.  Into an empty embedded store (and ``bulk``)
    the files go through the engine's bulk loader in one pass."""
    if not isinstance(plan, LoadPlan):
        plan = check(plan, replace=replace)
    summary = LoadSummary(collisions=list(plan.collisions))
    before = store.sources()
    for item in plan.files:
        if item.graph in before:
            summary.replaced += 1
            if item.source is not None and before[item.graph] != item.source:
                summary.renamed.append((str(item.path), before[item.graph], _ident(item.graph)))
        summary.graphs.append(item.graph)
        summary.quads += item.quads
        summary.tasks += item.tasks
    summary.documents = len(plan.files)
    if bulk and hasattr(store, "bulk_load") and not before and store.count() == 0:
        summary.bulk = True
        with joined([c.path for c in plan.files]) as stream:
            store.bulk_load(stream)
        return summary
    for item in plan.files:
        g = f"<{item.graph}>"
        quads = [(str(q.subject), str(q.predicate), str(q.object), g) for q in _parsed(item.path)]
        store.replace_document(item.graph, quads)
        if progress:
            progress(str(item.path))
        store.let_readers_in()
    return summary


def _ident(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]
