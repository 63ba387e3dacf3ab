"""The embedded store: Oxigraph on disk (RocksDB), the default.

One process at a time may open it (RocksDB's lock); a reader that finds it taken waits up to
``FAZHI_KG_LOCK_WAIT`` seconds, and a long build lets waiting readers in between documents.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterator

from kg.errors import QueryError, StoreError, StoreLocked, UsageError
from kg.rdf import nquads
from kg.store.base import BaseStore, Quad, Solutions, Term, literal, replace_update


_FLAG_FRESH = 3.0  # seconds: a waiting process refreshes its flag every 0.2 s


def _waiting_flag(path: Path) -> Path:
    """The file a process waiting for the store's lock touches, beside the store directory."""
    return path.parent / f".{path.name}.readers-waiting"


def _touch(flag: Path) -> bool:
    try:
        flag.touch()
        return True
    except OSError:  # a read-only directory: the build then never pauses, readers wait their time
        return False


def _untouch(flag: Path) -> None:
    try:
        flag.unlink()
    except OSError:
        pass


def lock_wait() -> float:
    """Seconds to wait for another process's lock: ``FAZHI_KG_LOCK_WAIT`` (default 5)."""
    text = os.environ.get("FAZHI_KG_LOCK_WAIT", "5").strip()
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise UsageError(f"FAZHI_KG_LOCK_WAIT must be a number of seconds (like 5 or 0.5), not {text!r}")
    return value


def serving_marker(path: Path) -> Path:
    """The file `fazhi-kg serve` keeps beside a store it serves, holding its process id."""
    return path.parent / f".{path.name}.serving"


def serving_pid(path: Path) -> int | None:
    """The process serving this store, if one is alive (a marker left by a killed server is stale)."""
    try:
        pid = int(serving_marker(path).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    try:
        if b"oxigraph" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return None
    except OSError:
        pass
    return pid


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

    def __init__(self, path: str | Path, *, read_only: bool = False):
        """Open (or create) the store at ``path``.

        ``read_only`` means the caller will not write and the store must exist.  It is still
        opened as RocksDB's single read-write instance: Oxigraph's read-only mode is undefined
        while another process writes, and an honest "store in use" beats a corrupt answer.
        """
        self.location = str(path)
        path = Path(path)
        if read_only and not (path / "CURRENT").exists():
            raise StoreError("no store here (run `fazhi-kg build` or `fazhi-kg demo` first)", path=path)
        if not read_only:
            server = serving_pid(path)
            if server is not None:
                raise StoreLocked(f"the store is being served by `fazhi-kg serve` (process {server}): stop the server "
                                  "before writing to it (it would go on answering from the old data)", path=path)
        self._open(path, self.LOCK_WAIT if self.LOCK_WAIT is not None else lock_wait())

    def _open(self, path: Path, wait: float, *, announce: bool = True) -> None:
        import pyoxigraph as ox

        deadline = time.monotonic() + wait
        flag = _waiting_flag(path)
        waiting = False
        try:
            while True:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._store = ox.Store(str(path))
                    self._unflushed = 0  # quads written since the last flush (close() flushes)
                    return
                except OSError as exc:
                    text = str(exc)
                    if "lock" not in text.lower():
                        first = text.splitlines()[0] if text else exc.__class__.__name__
                        raise StoreError(f"cannot open the store ({first})", path=path) from None
                    if time.monotonic() >= deadline:
                        raise StoreLocked("store in use by another fazhi-kg process (a build?); try again when "
                                          "it has finished", path=path) from None
                    if announce:
                        waiting = _touch(flag) or waiting
                    time.sleep(0.2)
        finally:
            if waiting:
                _untouch(flag)

    READER_GAP = 0.4  # seconds the lock is left free for waiting readers
    WRITER_WAIT = 120.0  # how long a paused writer waits to get its lock back

    def readers_waiting(self) -> bool:
        """Whether another process is waiting for this store's lock (it touches a flag file
        beside the store every 0.2 s while it waits; a flag older than a few seconds is stale)."""
        try:
            age = time.time() - os.stat(_waiting_flag(Path(self.location))).st_mtime
        except OSError:
            return False
        return age < _FLAG_FRESH

    def let_readers_in(self) -> None:
        """Release the lock for a moment if a query or export is waiting for it: a long build
        does not shut readers out for its whole length, only for the document being written,
        and costs nothing when nobody waits."""
        if not self.readers_waiting():
            return
        self.close()
        time.sleep(self.READER_GAP)
        self._open(Path(self.location), self.WRITER_WAIT, announce=False)

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        import pyoxigraph as ox

        try:
            if self._store.contains_named_graph(ox.NamedNode(graph)):
                # drop and insert in one update: one transaction
                self._store.update(replace_update(graph, quads))
            else:
                # a new graph: Store.load parses N-Quads natively and is one transaction too,
                # about twice as fast as parsing the same quads as SPARQL
                self._store.load(input=nquads.text(quads, graph=graph).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            self._unflushed += len(quads)
            if self._unflushed >= self.FLUSH_EVERY:
                self._store.flush()
                self._unflushed = 0
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}", path=self.location) from None

    # RocksDB keeps what it was given in memory until it flushes: without a flush now and then a
    # long build's process grows with the corpus (2.4 GB at 1,000 documents; 0.3 GB with it).
    FLUSH_EVERY = 150_000  # quads written between flushes, about forty documents

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        import pyoxigraph as ox

        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
        if isinstance(result, ox.QueryBoolean):
            return Solutions(variables=[], boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            raise QueryError("a CONSTRUCT/DESCRIBE query returns triples, not a table: use `export`")
        variables = [v.value for v in result.variables]
        rows = [[_ox_term(sol[v]) for v in variables] for sol in result]
        return Solutions(variables=variables, rows=rows)

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        return [(str(t.subject), str(t.predicate), str(t.object)) for t in result]

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise StoreError(f"update failed: {exc}", path=self.location) from None

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        import pyoxigraph as ox

        g = ox.NamedNode(graph) if graph else None
        for q in self._store.quads_for_pattern(None, None, None, g):
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue
            yield str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)

    def graph_lines(self, graph: str) -> list[str]:
        # Oxigraph writes the graph as N-Triples itself (the same term strings as str() of its
        # terms), which costs far less than making Python objects for every term.
        import pyoxigraph as ox

        lines = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)).decode("utf-8").split(" .\n")
        lines.pop()  # after the last " .\n"; N-Triples escapes every line break inside a term
        lines.sort()
        return lines

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                store.flush()
            except (OSError, RuntimeError):
                pass
            self._store = None
            del store  # RocksDB releases its lock when the last reference goes
