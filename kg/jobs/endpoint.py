"""``fazhi-kg serve``'s own SPARQL endpoint: the SPARQL 1.1 Protocol for queries over the embedded
store, every query read by the guard (:mod:`kg.query.guard`) before it runs, so that the endpoint
runs no SERVICE (no requests to other servers) and no update.

* ``GET /query?query=…``, ``POST /query`` with ``application/x-www-form-urlencoded`` (``query=…``)
  or with the query as an ``application/sparql-query`` body; ``default-graph-uri`` and
  ``named-graph-uri`` as the protocol says (without them the default graph is the union of the
  documents' graphs, as everywhere in fazhi-kg).
* Results by ``Accept`` (or ``format=``): SELECT and ASK as SPARQL results JSON (the default),
  XML, CSV or TSV; CONSTRUCT and DESCRIBE as N-Triples (the default) or Turtle; written by
  pyoxigraph's own serializers.  Nothing acceptable: 406.
* What the guard refuses (an update, a SERVICE, a text its parser cannot read, a syntax error):
  400 with one line of text/plain saying why.  ``GET /`` is a query page (no scripts); other
  paths 404, other methods 405, a body over :data:`MAX_BODY` 413.

pyoxigraph cannot stop a query once it runs (``Store.query`` takes no timeout or cancellation),
so queries run in worker processes, each holding the store open read-only: one that runs longer
than the timeout is killed, the client gets 503, and a new worker takes its place.  Workers are
kept between queries (opening one costs a process start, about 0.1 s); at most :data:`WORKERS`
queries run at once, others wait for a free worker.
"""

from __future__ import annotations

import html
import signal
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import QueryError, StoreError
from kg.query.guard import Analysis, analyse, check

MAX_BODY = 4 * 1024 * 1024  # bytes of a POST body
WORKERS = 4  # queries run at once
STARTUP = 60.0  # seconds a worker may take to open the store

#: per kind of result: the ``format=`` names and their (pyoxigraph format, media type), default first
TABLE = {"json": ("JSON", "application/sparql-results+json"), "xml": ("XML", "application/sparql-results+xml"),
         "csv": ("CSV", "text/csv; charset=utf-8"), "tsv": ("TSV", "text/tab-separated-values; charset=utf-8")}
GRAPH = {"ntriples": ("N_TRIPLES", "application/n-triples"), "turtle": ("TURTLE", "text/turtle; charset=utf-8")}
#: other names clients send for these types
ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml", "nt": "ntriples",
           "ttl": "turtle"}

SAMPLE = """PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"""


# --- what may run, and in which format ------------------------------------------------------------


def vet(sparql: str) -> Analysis:
    """The guard's reading of ``sparql`` if the endpoint may run it; QueryError saying why not
    (a syntax error in the guard's words; an update or a SERVICE in the endpoint's)."""
    found = analyse(sparql)
    try:
        check(sparql)
    except QueryError as exc:
        reasons = []
        if found.is_update and found.operations:
            reasons.append(f"'{found.form}' would change the store, and this endpoint is read-only")
        if found.services:
            more = f" (and {len(found.services) - 1} more)" if len(found.services) > 1 else ""
            reasons.append(f"SERVICE {found.services[0]}{more} would send part of the query to another server, "
                           "and this endpoint runs no SERVICE (`fazhi-kg serve --allow-service` serves with "
                           "Oxigraph's server, which does)")
        raise QueryError("not run: " + "; ".join(reasons) if reasons else str(exc)) from None
    return found


def negotiate(form: str, accept: str | None, asked: str | None = None) -> tuple[str, str] | None:
    """(pyoxigraph format name, media type) for a query of this form: ``format=`` if given, else
    the type ``Accept`` prefers (ties and ``*/*`` go to the default); None if none is acceptable."""
    offers = GRAPH if form in ("CONSTRUCT", "DESCRIBE") else TABLE
    if asked is not None:
        name = ALIASES.get(asked.strip().lower(), asked.strip().lower())
        if name not in offers and "/" in name:  # format=text/csv
            name = next((n for n, (_, media) in offers.items() if media.split(";")[0] == name), name)
        return offers.get(name)
    ranges = []
    for part in (accept or "*/*").split(","):
        media, *params = [p.strip().lower() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((ALIASES.get(media, media), q))
    best, chosen = 0.0, None
    for name, (_, media) in offers.items():
        base = media.split(";")[0]
        # the most specific range that matches this offer decides its quality
        matches = [(3 if rng in (base, name) else 2 if rng == base.split("/")[0] + "/*" else 1, q)
                   for rng, q in ranges if rng in (base, name, base.split("/")[0] + "/*", "*/*", "*")]
        q = max(matches)[1] if matches else 0.0
        if q > best:
            best, chosen = q, offers[name]
    return chosen


# --- the worker processes -------------------------------------------------------------------------


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _work(location: str, conn) -> None:
    """A worker: opens the store read-only and answers (query, format, default graphs, named
    graphs) with ("ok", bytes), ("syntax", message) or ("fault", message) until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the server ends us
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(location)
    except Exception as exc:  # OSError, RuntimeError: not a store, corrupt
        conn.send(("fault", _line(exc)))
        return
    conn.send(("ready", b""))
    while True:
        try:
            sparql, fmt, default, named = conn.recv()
        except (EOFError, OSError):
            return  # the server has gone
        try:
            options = {"use_default_graph_as_union": not default}
            if default:
                options["default_graph"] = [ox.NamedNode(g) for g in default]
            if named:
                options["named_graphs"] = [ox.NamedNode(g) for g in named]
            result = store.query(sparql, **options)
            kind = ox.RdfFormat if isinstance(result, ox.QueryTriples) else ox.QueryResultsFormat
            reply = ("ok", result.serialize(format=getattr(kind, fmt)))
        except (SyntaxError, ValueError) as exc:
            reply = ("syntax", _line(exc))
        except Exception as exc:  # noqa: BLE001 - a fault of the store or the engine, told to the client
            reply = ("fault", _line(exc))
        conn.send(reply)


class QueryEngine:
    """Worker processes answering queries on the store at ``location``; a query that runs longer
    than ``timeout`` seconds is stopped by killing its worker."""

    def __init__(self, location: Path, *, timeout: float, workers: int = WORKERS):
        import multiprocessing

        self.location, self.timeout = Path(location), timeout
        # spawn, not fork: the server has threads, and a forked RocksDB is not safe to use
        self._ctx = multiprocessing.get_context("spawn")
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._idle: list = []
        self._all: set = set()
        self._closed = False
        self._idle.append(self._start())  # the store opens now, or serve fails before its banner

    def _start(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_work, args=(str(self.location), child), name="fazhi-kg-query", daemon=True)
        proc.start()
        child.close()
        worker = (proc, parent)
        with self._lock:
            self._all.add(worker)
        try:
            status, detail = parent.recv() if parent.poll(STARTUP) else ("fault", f"no answer in {STARTUP:g} s")
        except (EOFError, OSError):
            status, detail = "fault", "the worker process stopped"
        if status != "ready":
            self._end(worker)
            raise self._fault(f"cannot open the store read-only ({detail})", detail)
        return worker

    def _fault(self, message: str, detail: str) -> StoreError:
        from kg.store.oxigraph import corrupt

        if "Corruption" in detail or "checksum mismatch" in detail:
            return corrupt(self.location, detail)
        return StoreError(message, path=self.location)

    def _end(self, worker) -> None:
        proc, conn = worker
        proc.kill()
        proc.join(5)
        conn.close()
        with self._lock:
            self._all.discard(worker)

    def run(self, sparql: str, fmt: str, default: list[str] = (), named: list[str] = ()) -> bytes:
        """The serialized results; QueryError (the engine cannot read the query or a graph IRI),
        TimeoutError (stopped after ``timeout`` s) or StoreError (the store or the engine failed)."""
        with self._slots:
            with self._lock:
                if self._closed:
                    raise StoreError("the endpoint is stopping", path=self.location)
                worker = self._idle.pop() if self._idle else None
            worker = worker or self._start()
            proc, conn = worker
            try:
                conn.send((sparql, fmt, list(default), list(named)))
                answered = conn.poll(self.timeout)
                status, payload = conn.recv() if answered else ("timeout", "")
            except (EOFError, OSError):
                status, payload = "fault", "the worker process stopped while answering"
            if status in ("timeout", "fault"):
                self._end(worker)
            else:
                with self._lock:
                    self._idle.append(worker)
        if status == "timeout":
            raise TimeoutError(f"the query took longer than {self.timeout:g} s (serve --timeout) and was stopped")
        if status == "syntax":
            raise QueryError(f"SPARQL error: {payload}")
        if status == "fault":
            raise self._fault(f"the query failed: {payload}", payload)
        return payload

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
        for worker in workers:
            self._end(worker)


# --- HTTP -----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>fazhi-kg SPARQL endpoint</title>
<style>body{{font:15px sans-serif;margin:2em auto;max-width:60em;padding:0 1em}}
textarea{{width:100%;font:14px monospace;box-sizing:border-box}}code{{background:#f3f3f3}}</style></head>
<body><h1>fazhi-kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 queries over <code>{store}</code>, the default graph being the union of the
documents' graphs. No updates, no SERVICE. Endpoint: <code>{endpoint}</code> (GET or POST).</p>
<form method="post" action="/query">
<p><textarea name="query" rows="16" spellcheck="false">{query}</textarea></p>
<p><label>Results as <select name="format">{options}</select></label> <button type="submit">Run query</button></p>
</form></body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = "fazhi-kg"

    def do_GET(self) -> None:
        self._safely(self._get)

    def do_POST(self) -> None:
        self._safely(self._post)

    def __getattr__(self, name: str):
        if name.startswith("do_"):  # any other method
            return lambda: self._fail(405, f"{self.command} is not allowed here: use GET or POST",
                                      [("Allow", "GET" if self._path() == "/" else "GET, POST")])
        raise AttributeError(name)

    def log_message(self, format: str, *args) -> None:
        pass  # no line per request on the server's terminal

    def _path(self) -> str:
        return urllib.parse.urlsplit(self.path).path

    def _get(self) -> None:
        path, qs = self._path(), urllib.parse.urlsplit(self.path).query
        if self.server.site is not None and path not in ("/query", "/sparql"):
            return self._site(path)
        if path == ("/sparql" if self.server.site is not None else "/"):
            self._page(_fields(qs))
        elif path == "/query":
            self._answer(_fields(qs))
        else:
            self._not_found(path)

    def _post(self) -> None:
        path = self._path()
        if path != "/query":
            if path == "/":
                return self._fail(405, "POST is not allowed here: queries go to /query", [("Allow", "GET")])
            return self._not_found(path)
        if self.headers.get("Transfer-Encoding"):
            return self._fail(411, "send the body with a Content-Length")
        try:
            size = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._fail(411, "a POST needs a Content-Length")
        if size < 0 or size > MAX_BODY:
            return self._fail(413, f"the request body is over {MAX_BODY // (1024 * 1024)} MB")
        body = self.rfile.read(size)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            fields = _fields(body)
        elif kind == "application/sparql-query":
            fields = _fields(urllib.parse.urlsplit(self.path).query)
            if "query" in fields:
                return self._fail(400, "the query is the body: give no query= in the URL as well")
            fields["query"] = [body.decode("utf-8", errors="strict")]
        elif kind == "application/sparql-update":
            return self._fail(400, "not run: this endpoint is read-only, it takes no updates")
        else:
            return self._fail(415, "POST a query as application/x-www-form-urlencoded (query=…) or "
                                   "application/sparql-query")
        self._answer(fields)

    def _answer(self, fields: dict[str, list[str]]) -> None:
        if "update" in fields:
            return self._fail(400, "not run: this endpoint is read-only, it takes no updates")
        queries = fields.get("query", [])
        if len(queries) != 1:
            return self._fail(400, "give one query: query=… (the SPARQL 1.1 Protocol)")
        sparql = queries[0]
        try:
            found = vet(sparql)
        except QueryError as exc:
            return self._fail(400, str(exc))
        asked = fields.get("format", [None])[0] or None
        chosen = negotiate(found.form, self.headers.get("Accept"), asked)
        if chosen is None:
            offers = GRAPH if found.form in ("CONSTRUCT", "DESCRIBE") else TABLE
            return self._fail(406, f"a {found.form} query's results come as "
                                   f"{', '.join(media.split(';')[0] for _, media in offers.values())} "
                                   f"(Accept, or format={'|'.join(offers)})")
        fmt, media = chosen
        try:
            body = self.server.engine.run(sparql, fmt, fields.get("default-graph-uri", []),
                                          fields.get("named-graph-uri", []))
        except QueryError as exc:
            return self._fail(400, str(exc))
        except TimeoutError as exc:
            return self._fail(503, str(exc))
        except StoreError as exc:
            return self._fail(500, str(exc))
        self._send(200, body, media, [("Vary", "Accept")])

    def _page(self, fields: dict[str, list[str]]) -> None:
        query = fields.get("query", [SAMPLE])[0]
        options = '<option value="">by Accept</option>' + "".join(
            f'<option value="{name}">{name}</option>' for name in (*TABLE, *GRAPH))
        page = PAGE.format(store=html.escape(str(self.server.engine.location)), endpoint=html.escape(self.server.url),
                           query=html.escape(query), options=options)
        self._send(200, page.encode("utf-8"), "text/html; charset=utf-8",
                   [("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")])

    def _site(self, path: str) -> None:
        from kg.site import files

        moved = files.see_other(self.server.site, path)
        if moved is not None:  # an IRI's own path: its page, by Accept, is at the address without /id
            return self._send(303, f"see {moved}\n".encode("utf-8"), "text/plain; charset=utf-8", [("Location", moved)])
        found = files.find(self.server.site, path, self.headers.get("Accept"))
        if found is None:
            return self._fail(404, f"nothing at {path[:200]}: the site's index is /, queries go to /query")
        self._send(200, found.read_bytes(), files.content_type(found),
                   [("Content-Security-Policy", files.policy(self.server.site, found)), ("Vary", "Accept")])

    def _not_found(self, path: str) -> None:
        if path == "/update":
            return self._fail(404, "this endpoint is read-only: it has no /update")
        self._fail(404, f"nothing at {path[:200]}: queries go to /query, the query page is /")

    def _fail(self, status: int, message: str, headers: list[tuple[str, str]] = ()) -> None:
        self.close_connection = True
        self._send(status, (" ".join(message.split()) + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def _send(self, status: int, body: bytes, kind: str, headers: list[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _safely(self, work) -> None:
        try:
            work()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client has gone
        except UnicodeDecodeError:
            self._fail(400, "the request is not UTF-8")
        except Exception as exc:  # noqa: BLE001 - a bug: the client gets 500, the server goes on
            try:
                self._fail(500, f"internal error: {type(exc).__name__}: {_line(exc)}")
            except OSError:
                pass


def _fields(data: str | bytes) -> dict[str, list[str]]:
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="strict")
    return urllib.parse.parse_qs(data, keep_blank_values=True, errors="strict", max_num_fields=100)


class Endpoint(ThreadingHTTPServer):
    """The HTTP server: :meth:`serve_forever` answers until interrupted."""

    daemon_threads = True

    def __init__(self, host: str, port: int, engine: QueryEngine | None = None, site: Path | None = None):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host.strip("[]"), port), _Handler)
        shown = f"[{host.strip('[]')}]" if ":" in host else host
        self.url = f"http://{shown}:{port}/query"
        self.engine = engine
        self.site = site  # a folder `fazhi-kg site` wrote, served at / (the query page moves to /sparql)

    def handle_error(self, request, client_address) -> None:
        pass  # a connection that broke; the handler answers 500 for anything else
