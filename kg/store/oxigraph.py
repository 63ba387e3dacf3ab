"""The embedded store: Oxigraph on disk (RocksDB), the default.

Who may open it when is :mod:`kg.store.locking`'s: one writer at a time (a second one waits up to
``FAZHI_KG_LOCK_WAIT`` seconds, then "store in use"), readers let in between a build's writes.
A folder holding files of its own is never made a store, and a store RocksDB finds corrupt is one
line naming it and the way out: ``build --rebuild`` (a fresh store, built beside the old one and
put in its place when it is complete) or a backup.
"""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from kg.errors import QueryError, StoreError, StoreLocked
from kg.rdf import nquads
from kg.store.base import BaseStore, Quad, Solutions, Term, literal, replace_update_text
from kg.store.locking import (
    IdleWatch,
    WriterLock,
    lock_wait,
    pause_wait,
    readers_waiting,
    touch,
    untouch,
    waiting_flag,
)
from kg.store.oxdump import dump_line_runs
from kg.store.oxfolder import (_detail, _is_corruption, _is_lock, check_folder, corrupt, looks_like_store,
                                 serving_marker, serving_pid)

_waiting_flag = waiting_flag  # the name tests know
__all__ = ["OxigraphStore", "lock_wait", "serving_marker", "serving_pid"]

def _ox_term(term) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    return literal(term.value, term.datatype.value if term.datatype is not None else None, term.language)


class OxigraphStore(BaseStore):
    kind = "oxigraph"

    LOCK_WAIT: float | None = None  # seconds to wait for another process's lock; FAZHI_KG_LOCK_WAIT, default 5
    PAUSE_WAIT: float | None = None  # seconds a writer waits for readers it let in; FAZHI_KG_PAUSE_WAIT, default 3600
    READER_GAP = 0.4  # seconds the lock is left free for waiting readers
    NOTIFY_AFTER = 10.0  # seconds a paused writer waits before it says so through ``notify``

    def __init__(self, path: str | Path, *, read_only: bool = False, fresh: bool = False):
        """Open (or create) the store at ``path``.

        ``read_only`` means the caller will not write and the store must exist.  It is still
        opened as RocksDB's single read-write instance: Oxigraph's read-only mode is undefined
        while another process writes, and an honest "store in use" beats a corrupt answer.
        ``fresh`` starts an empty store beside ``path`` that takes its place when the store is
        closed without an error (``build --rebuild``); the old one is left as it was otherwise.
        """
        self.location = str(path)
        path = Path(path)
        self._dir = path  # where RocksDB's files are (a fresh store's are beside ``path`` until closed)
        self._store = None
        self._writer: WriterLock | None = None
        self._fresh_target: Path | None = None
        self.notify: Callable[[str], None] | None = None  # told when a paused writer waits long for readers
        wait = self.LOCK_WAIT if self.LOCK_WAIT is not None else lock_wait()
        if read_only:
            if not (path / "CURRENT").exists():
                if looks_like_store(path):
                    raise corrupt(path, "its CURRENT file is missing")
                raise StoreError("no store here (run `fazhi-kg build` or `fazhi-kg demo` first)", path=path)
            self._open(path, wait, announce=True)
            return
        server = serving_pid(path)
        if server is not None:
            raise StoreLocked(f"the store is being served by `fazhi-kg serve` (process {server}): stop the server "
                              "before writing to it (it would go on answering from the old data)", path=path)
        check_folder(path, replacing=fresh)
        self._writer = WriterLock(path)
        self._writer.acquire(wait)
        try:
            if fresh:
                self._fresh_target, self._dir = path, path.parent / f".{path.name}.rebuild"
                shutil.rmtree(self._dir, ignore_errors=True)  # a killed rebuild's: ours, we hold the lock
            self._open(self._dir, wait, announce=False)
        except BaseException:
            self._writer.release()
            raise

    def _open(self, path: Path, wait: float, *, announce: bool, paused: bool = False) -> None:
        import pyoxigraph as ox

        started = time.monotonic()
        deadline, told = started + wait, False
        flag = waiting_flag(path)
        waiting = False
        try:
            while True:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._store = ox.Store(str(path))
                    self._unflushed = 0  # quads written since the last flush (close() flushes)
                    return
                except (OSError, RuntimeError) as exc:
                    if not _is_lock(exc):
                        if _is_corruption(exc):
                            raise corrupt(self.location, _detail(exc)) from None
                        raise StoreError(f"cannot open the store ({_detail(exc)})", path=self.location) from None
                if paused:
                    server = serving_pid(path)
                    if server is not None:
                        raise StoreLocked(f"this build let readers in, and now `fazhi-kg serve` (process {server}) "
                                          "serves the store: stop it and run the build again", path=self.location)
                    if not told and self.notify and time.monotonic() - started >= self.NOTIFY_AFTER:
                        self.notify(f"{self.location}: paused while a reader uses the store; waiting for it "
                                    f"(up to {wait:g} s, FAZHI_KG_PAUSE_WAIT)")
                        told = True
                if time.monotonic() >= deadline:
                    raise self._locked(wait, announce, paused)
                if announce:
                    waiting = touch(flag) or waiting
                time.sleep(0.2)
        finally:
            if waiting:
                untouch(flag)

    def _locked(self, wait: float, reader: bool, paused: bool) -> StoreLocked:
        if paused:
            return StoreLocked(f"this build let readers in and they still use the store after {wait:g} s "
                               "(FAZHI_KG_PAUSE_WAIT); the documents written before are kept: run the build again "
                               "when they have finished", path=self.location)
        who = "a build?" if reader else "a query, an export or `serve`?"
        return StoreLocked(f"store in use by another fazhi-kg process ({who}); waited {wait:g} s "
                           "(FAZHI_KG_LOCK_WAIT): try again when it has finished", path=self.location)

    def _fault(self, exc: BaseException, doing: str) -> StoreError:
        if _is_corruption(exc):
            return corrupt(self.location, _detail(exc))
        return StoreError(f"{doing} failed: {_detail(exc)}", path=self.location)

    # --- readers during a long write -------------------------------------------------------------

    def readers_waiting(self) -> bool:
        """Whether another process is waiting for this store's lock (see :mod:`kg.store.locking`)."""
        return readers_waiting(self._dir)

    def let_readers_in(self) -> None:
        """Release the lock for a moment if a query or export is waiting for it: a long build
        does not shut readers out for its whole length, only for the document being written,
        and costs nothing when nobody waits.  The writer's own lock is kept: no other writer
        gets in meanwhile."""
        if not self.readers_waiting():
            return
        held, self._writer = self._writer, None
        fresh, self._fresh_target = self._fresh_target, None
        try:
            self.close()
        finally:
            self._writer, self._fresh_target = held, fresh
        time.sleep(self.READER_GAP)
        self._take_back()

    @contextmanager
    def idle(self) -> Iterator[None]:
        """The caller does not touch the store until the block ends (it extracts a document): a
        reader that waits meanwhile is let in, and the store is taken back at the end."""
        if self._store is None:
            yield
            return
        watch = IdleWatch(self._dir, self._release)
        with watch:
            yield
        if watch.released:
            time.sleep(self.READER_GAP)
            self._take_back()

    def _take_back(self) -> None:
        limit = self.PAUSE_WAIT if self.PAUSE_WAIT is not None else pause_wait()
        self._open(self._dir, limit, announce=False, paused=True)

    def _release(self) -> None:
        store = self._store
        if store is not None:
            try:
                store.flush()
            except (OSError, RuntimeError):
                pass
            self._store = None
            del store  # RocksDB releases its lock when the last reference goes

    # --- the store -------------------------------------------------------------------------------

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        self.replace_document_text(graph, nquads.text(quads, graph=graph))

    def replace_document_text(self, graph: str, text: str) -> None:
        import pyoxigraph as ox

        try:
            if self._store.contains_named_graph(ox.NamedNode(graph)):
                # drop and insert in one update: one transaction
                self._store.update(replace_update_text(graph, text))
            else:
                # a new graph: Store.load parses N-Quads natively and is one transaction too,
                # about twice as fast as parsing the same quads as SPARQL
                self._store.load(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            self._unflushed += text.count("\n")
            if self._unflushed >= self.FLUSH_EVERY:
                self._store.flush()
                self._unflushed = 0
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            raise self._fault(exc, f"writing graph {graph}") from None

    def bulk_load(self, stream: BinaryIO) -> None:
        """Load N-Quads, already checked, through Oxigraph's bulk loader, into an empty
        store made beside this one: it takes this one's place when the store is closed without an
        error, so a killed or failed load leaves the store as it was (see docs/DESIGN.md)."""
        import pyoxigraph as ox

        if self._fresh_target is None:  # the writer's lock is held: the folder beside is ours
            self._release()
            self._fresh_target, self._dir = self._dir, self._dir.parent / f".{self._dir.name}.rebuild"
            shutil.rmtree(self._dir, ignore_errors=True)
            self._open(self._dir, lock_wait(), announce=False)
        try:
            self._store.bulk_load(input=stream, format=ox.RdfFormat.N_QUADS)
            self._store.flush()
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            raise self._fault(exc, "the bulk load") from None

    # RocksDB keeps what it was given in memory until it flushes: without a flush now and then a
    # long build's process grows with the corpus (2.4 GB at 1,000 documents; 0.3 GB with it).
    FLUSH_EVERY = 150_000  # quads written between flushes, about forty documents

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        import pyoxigraph as ox

        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryBoolean):
                return Solutions(variables=[], boolean=bool(result))
            if isinstance(result, ox.QueryTriples):
                raise QueryError("a CONSTRUCT/DESCRIBE query returns triples, not a table: use `export`")
            variables = [v.value for v in result.variables]
            rows = [[_ox_term(sol[v]) for v in variables] for sol in result]  # read here: faults surface here
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            if _is_corruption(exc):
                raise corrupt(self.location, _detail(exc)) from None
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
        return Solutions(variables=variables, rows=rows)

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
            return [(str(t.subject), str(t.predicate), str(t.object)) for t in result]
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "the query") from None

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "the update") from None

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        import pyoxigraph as ox

        g = ox.NamedNode(graph) if graph else None
        try:
            for q in self._store.quads_for_pattern(None, None, None, g):
                if isinstance(q.graph_name, ox.DefaultGraph):
                    continue
                yield str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "reading the store") from None

    def graph_lines(self, graph: str) -> list[str]:
        # Oxigraph writes the graph as N-Triples itself (the same term strings as str() of its
        # terms), which costs far less than making Python objects for every term.
        import pyoxigraph as ox

        try:
            text = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)).decode("utf-8")
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "reading the store") from None
        lines = text.split(" .\n")
        lines.pop()  # after the last " .\n"; N-Triples escapes every line break inside a term
        lines.sort()
        return lines

    def graph_lines_bytes(self, graph: str, *, with_graph: bool = False) -> list[bytes]:
        """The graph's lines as :meth:`graph_lines` gives them, as UTF-8 bytes (which sort as the
        strings do: UTF-8 keeps code point order), with `` <graph>`` after each when
        ``with_graph`` (N-Quads lines).  No line is decoded: the export's fast path."""
        import pyoxigraph as ox

        try:
            data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "reading the store") from None
        if with_graph:  # one pass in C; " .\n" only ends lines (N-Triples escapes line breaks in terms)
            data = data.replace(b" .\n", b" <" + graph.encode("utf-8") + b"> .\n")
        lines = data.split(b" .\n")
        lines.pop()
        lines.sort()
        return lines

    def quad_line_runs(self, run_bytes: int = 64 << 20) -> Iterator[list[bytes]] | None:
        """Every quad of the named graphs as N-Quads lines without the final `` .`` (UTF-8
        bytes, unsorted), in runs of about ``run_bytes`` of text, from one dump of the whole store
        by Oxigraph; None if the default graph holds anything (kg writes none), whose lines
        would have no graph name."""
        import pyoxigraph as ox

        try:
            if next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
                return None
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "reading the store") from None
        return self._quad_line_runs(run_bytes)

    def _quad_line_runs(self, run_bytes: int) -> Iterator[list[bytes]]:
        return dump_line_runs(self._store, run_bytes, lambda exc: self._fault(exc, "reading the store"))

    def graphs(self) -> list[str]:
        try:
            return sorted(g.value for g in self._store.named_graphs())
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "reading the store") from None

    def count(self) -> int:
        try:
            return len(self._store)
        except (OSError, RuntimeError) as exc:
            raise self._fault(exc, "reading the store") from None

    def close(self, commit: bool = True) -> None:
        """Close the store; a fresh one (``build --rebuild``) takes the old one's place if
        ``commit``, and is removed otherwise."""
        self._release()
        try:
            self._finish_fresh(commit)
        finally:
            if self._writer is not None:
                self._writer.release()
                self._writer = None

    def _finish_fresh(self, commit: bool) -> None:
        target, self._fresh_target = self._fresh_target, None
        if target is None:
            return
        fresh = self._dir
        if not commit:
            shutil.rmtree(fresh, ignore_errors=True)
            return
        old = target.parent / f".{target.name}.replaced"
        shutil.rmtree(old, ignore_errors=True)
        try:
            if target.exists():
                os.rename(target, old)
            os.rename(fresh, target)
        except OSError as exc:
            raise StoreError(f"the fresh store could not take the old one's place ({exc.strerror or exc}); "
                             f"it is in {fresh}", path=target) from None
        self._dir = target
        shutil.rmtree(old, ignore_errors=True)

    def __exit__(self, exc_type, *exc) -> None:
        self.close(commit=exc_type is None)
