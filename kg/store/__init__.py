"""Where triples live: embedded Oxigraph on disk (default), rdflib in memory, or any SPARQL 1.1
endpoint over HTTP.  Every store call of the project goes through this module.

All three speak the same small interface: replace one document's named graph in one
transaction, run a SPARQL query (the default graph is the union of the named graphs), list the
quads.  Terms cross the interface as N-Triples strings (quads) or :class:`Term` tuples (results).
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from kg.errors import FazhiError

DEFAULT_STORE = Path(".fazhi-kg") / "store"


class StoreError(FazhiError):
    """The store cannot be opened, read or written."""

    exit_code = 20


class StoreLocked(StoreError):
    """Another process is writing to the embedded store."""

    exit_code = 21


class QueryError(FazhiError):
    """A SPARQL query or update is malformed or refused."""

    exit_code = 22


class Term(NamedTuple):
    kind: str  # "uri" | "literal" | "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def nt(self) -> str:
        from kg.rdf.mapping import lit

        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        return lit(self.value, lang=self.lang, dtype=self.datatype)


@dataclass
class Solutions:
    """SELECT results: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None  # set for ASK

    def column(self, name: str) -> list[Term | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, str | None]]:
        return [{v: (t.value if t else None) for v, t in zip(self.variables, row)} for row in self.rows]


Quad = tuple[str, str, str, str]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _literal(value: str, dtype: str | None, lang: str | None) -> Term:
    """A literal as every store hands it over: a language tag wins, xsd:string is left implicit
    (RDF 1.1 makes "x" and "x"^^xsd:string one term; stores differ in which they return)."""
    if lang:
        return Term("literal", value, None, lang)
    return Term("literal", value, None if dtype == XSD_STRING else dtype)


def nquads_text(graph: str, quads: Iterable[Quad]) -> str:
    """A document's quads as N-Quads, all in ``graph``."""
    return "".join(f"{s} {p} {o} <{graph}> .\n" for s, p, o, _ in quads)


def _triples_block(quads: Iterable[Quad]) -> str:
    return "\n".join(f"{s} {p} {o} ." for s, p, o, _ in quads)


def replace_update(graph: str, quads: list[Quad]) -> str:
    """One SPARQL update that swaps a document's graph: nothing half-written if it fails."""
    return f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{_triples_block(quads)}\n}} }}"


class BaseStore:
    kind = "base"
    location = ""

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        raise NotImplementedError

    def remove_document(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        raise NotImplementedError

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        raise NotImplementedError

    def graphs(self) -> list[str]:
        sol = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [row[0].value for row in sol.rows if row[0] is not None]

    def count(self) -> int:
        sol = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(sol.rows[0][0].value) if sol.rows and sol.rows[0][0] else 0

    def close(self) -> None:
        pass

    def let_readers_in(self) -> None:
        """A long writer calls this between documents; stores without a lock have nothing to do."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- embedded Oxigraph -----------------------------------------------------------------------

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


def _ox_term(term) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    return _literal(term.value, term.datatype.value if term.datatype is not None else None, term.language)


class OxigraphStore(BaseStore):
    kind = "oxigraph"

    LOCK_WAIT = float(os.environ.get("FAZHI_KG_LOCK_WAIT", "5"))  # seconds to wait for another process's lock

    def __init__(self, path: str | Path, *, read_only: bool = False):
        """Open (or create) the store at ``path``.

        ``read_only`` means the caller will not write and the store must exist.  It is still
        opened as RocksDB's single read-write instance: Oxigraph's read-only mode is undefined
        while another process writes, and an honest "store in use" beats a corrupt answer.
        """
        import pyoxigraph as ox

        self.location = str(path)
        path = Path(path)
        if read_only and not (path / "CURRENT").exists():
            raise StoreError("no store here (run `fazhi-kg build` or `fazhi-kg demo` first)", path=path)
        self._open(path, self.LOCK_WAIT)

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
                self._store.load(input=nquads_text(graph, quads).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
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


# --- rdflib in memory ------------------------------------------------------------------------


def _rdflib_term(term) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    if isinstance(term, Literal):
        return _literal(str(term), str(term.datatype) if term.datatype is not None else None, term.language)
    return Term("literal", str(term))


class MemoryStore(BaseStore):
    kind = "memory"
    location = "memory"

    def __init__(self):
        import rdflib

        self._ds = rdflib.Dataset(default_union=True)

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        from rdflib import URIRef

        data = nquads_text(graph, quads)
        self._ds.remove_graph(URIRef(graph))
        self._ds.parse(data=data, format="nquads")

    def load_nquads(self, data: str) -> None:
        self._ds.parse(data=data, format="nquads")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        try:
            result = self._ds.query(sparql)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad queries
            first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise QueryError(f"SPARQL syntax error: {first}") from None
        if result.type == "ASK":
            return Solutions(variables=[], boolean=bool(result.askAnswer))
        if result.type != "SELECT":
            raise QueryError("a CONSTRUCT/DESCRIBE query returns triples, not a table: use `export`")
        variables = [str(v) for v in result.vars]
        rows = [[_rdflib_term(row[i]) for i in range(len(variables))] for row in result]
        return Solutions(variables=variables, rows=rows)

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        result = self._ds.query(sparql)
        return [(s.n3(), p.n3(), o.n3()) for s, p, o in result]

    def update(self, sparql: str) -> None:
        try:
            self._ds.update(sparql)
        except Exception as exc:
            raise QueryError(f"SPARQL update failed: {str(exc).splitlines()[0]}") from None

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        from kg.rdf.mapping import lit

        for s, p, o, g in self._ds.quads((None, None, None, None)):
            gname = str(g.identifier) if hasattr(g, "identifier") else str(g)
            if graph and gname != graph:
                continue
            if gname.startswith("urn:x-rdflib:default"):
                continue
            yield (_n3(s), _n3(p), _n3(o), f"<{gname}>")

    def graphs(self) -> list[str]:
        out = set()
        for ctx in self._ds.graphs():
            name = str(ctx.identifier)
            if not name.startswith("urn:x-rdflib:default") and len(ctx):
                out.add(name)
        return sorted(out)

    def count(self) -> int:
        return sum(1 for _ in self.quads())


def _n3(term) -> str:
    t = _rdflib_term(term)
    return t.nt() if t else ""


# --- a SPARQL 1.1 endpoint over HTTP ------------------------------------------------------------


class HttpStore(BaseStore):
    """Any SPARQL 1.1 Query + Update endpoint.

    ``base`` is the dataset URL; query and update URLs are ``base/query`` and ``base/update`` as
    Oxigraph server and Apache Jena Fuseki document them, unless given explicitly.  The endpoint
    is expected to expose the union of its named graphs as the default graph (Oxigraph:
    ``--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph``; Virtuoso and GraphDB do so).
    """

    kind = "http"
    RETRIES = 3

    def __init__(self, base: str, *, query_url: str | None = None, update_url: str | None = None,
                 timeout: float = 60.0):
        self.location = base.rstrip("/")
        self.query_url = query_url or self.location + "/query"
        self.update_url = update_url or self.location + "/update"
        self.timeout = timeout

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        data = urllib.parse.urlencode(form).encode("utf-8")
        delay = 0.5
        for attempt in range(1, self.RETRIES + 1):
            req = urllib.request.Request(url, data=data, method="POST", headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                body = exc.read().decode("utf-8", "replace").strip().splitlines()
                detail = body[0][:300] if body else exc.reason
                if exc.code >= 500 and attempt < self.RETRIES:
                    time.sleep(delay)
                    delay *= 2
                    continue
                if exc.code == 400:
                    raise QueryError(f"the endpoint refused the request: {detail}") from None
                raise StoreError(f"HTTP {exc.code} from {url}: {detail}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if attempt < self.RETRIES:
                    time.sleep(delay)
                    delay *= 2
                    continue
                reason = getattr(exc, "reason", exc)
                raise StoreError(f"cannot reach the SPARQL endpoint at {url}: {reason}") from None
        raise StoreError(f"no answer from {url}")  # pragma: no cover

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        self.update(replace_update(graph, quads))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        raw = self._post(self.query_url, {"query": sparql}, "application/sparql-results+json")
        data = json.loads(raw.decode("utf-8"))
        if "boolean" in data:
            return Solutions(variables=[], boolean=bool(data["boolean"]))
        variables = data["head"].get("vars", [])
        rows = [[_json_term(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
        return Solutions(variables=variables, rows=rows)

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        raw = self._post(self.query_url, {"query": sparql}, "application/n-triples")
        out = []
        for line in raw.decode("utf-8").splitlines():
            line = line.strip()
            if line:
                s, p, rest = line.split(" ", 2)
                out.append((s, p, rest.rstrip(" .")))
        return out

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o }"
        sol = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
        for s, p, o, g in sol.rows:
            yield s.nt(), p.nt(), o.nt(), g.nt()


def _json_term(b: dict | None) -> Term | None:
    if b is None:
        return None
    kind = b["type"]
    if kind == "uri":
        return Term("uri", b["value"])
    if kind == "bnode":
        return Term("bnode", b["value"])
    return _literal(b["value"], b.get("datatype"), b.get("xml:lang"))


# --- opening a store from its spec ---------------------------------------------------------------


def _query_in_child(spec: str | None, sparql: str, conn) -> None:
    try:
        with open_store(spec, read_only=True) as st:
            conn.send(("ok", st.query(sparql)))
    except FazhiError as exc:
        conn.send(("error", exc))
    finally:
        conn.close()


def query_with_timeout(spec: str | None, sparql: str, timeout: float) -> Solutions:
    """Run a query in a child process and stop it after ``timeout`` seconds.

    An embedded store cannot interrupt a running query, but a process can be killed; the
    store's lock goes with it.
    """
    import multiprocessing as mp

    if str(spec or "").startswith(("http://", "https://")):
        store = HttpStore(str(spec), timeout=timeout)
        store.RETRIES = 1
        return store.query(sparql)
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_in_child, args=(spec, sparql, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"the query took longer than {timeout:g} s (--timeout) and was stopped")
    status, payload = parent.recv()
    proc.join()
    if status == "error":
        raise payload
    return payload


def open_store(spec: str | Path | None = None, *, read_only: bool = False) -> BaseStore:
    """``memory``, an ``http(s)://`` endpoint base, or a directory (default ``./.fazhi-kg/store``)."""
    text = str(spec) if spec is not None else str(DEFAULT_STORE)
    if text == "memory":
        return MemoryStore()
    if text.startswith(("http://", "https://")):
        return HttpStore(text)
    return OxigraphStore(Path(text), read_only=read_only)
