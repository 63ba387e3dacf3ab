"""Any SPARQL 1.1 Query + Update endpoint over HTTP (Oxigraph server, Apache Jena Fuseki, Virtuoso,
GraphDB, …), as the servers are actually run.

Where queries and updates go is read from the ``--store`` URL by :func:`endpoint` (the rules are in
:mod:`kg.store.spec`): ``http://host:8890/sparql`` takes both (Virtuoso, which reads updates
from the ``update`` form field once its SPARQL user holds SPARQL_UPDATE); a dataset base
``http://host:7878`` has ``/query`` and ``/update`` (Oxigraph server, Fuseki).

Credentials (:mod:`kg.store.endpoint`: in the URL, or ``FAZHI_KG_ENDPOINT_USER`` and
``FAZHI_KG_ENDPOINT_PASSWORD``) are sent as HTTP Basic, or as Digest when the server asks for it
(Virtuoso's ``/sparql-auth``).  Messages name the endpoint with the password masked.

Refused with one line (:class:`~kg.errors.EndpointError`) instead of a wrong or empty answer: a
default graph that is not the union of the named graphs (checked once, before the first query;
Oxigraph server needs ``--union-default-graph``, Fuseki ``tdb2:unionDefaultGraph true``, Virtuoso
does it by default); an answer that is not SPARQL results (HTML, invalid or truncated JSON,
``{}``) or not HTTP; a connection closed without an answer; missing or refused credentials; an
answer the server cut short (Virtuoso's ``ResultSetMaxRows``, its anytime queries' partial results).
Connecting and answering have separate timeouts (:mod:`kg.store.endpoint`): a server that cannot be
reached is "cannot reach", one that accepted the connection and is slow "did not answer within N s"
(not asked again: it would only double the wait).  Retried, twice at most, only what a retry can
mend: a refused connection (a server restarting), a dropped one, a 5xx answer.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.client
import json
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterator

from kg.errors import EndpointError, QueryError
from kg.store.base import BaseStore, Quad, Solutions, replace_update, replace_update_text, solutions_from_json
from kg.store.endpoint import PASSWORD_ENV, USER_ENV, Endpoint, endpoint
from kg.store.endpoint import answer_timeout as _answer_timeout, connect_timeout as _connect_timeout
from kg.vocab import BASE

__all__ = ["HttpStore", "Endpoint", "endpoint", "USER_ENV", "PASSWORD_ENV", "GRAPHS"]

#: every named graph fazhi-kg writes starts so; an endpoint may hold others (Virtuoso's own)
GRAPHS = BASE + "graph/"

_RESULTS_JSON = "application/sparql-results+json"


# --- the connection: separate connect and read timeouts ------------------------------------------


def _timed(connection_class):
    """``connection_class`` whose socket, once connected (the request is marked so), waits the
    request's ``read_timeout`` for each read."""

    class Timed(connection_class):
        def __init__(self, *args, for_request, **kwargs):
            super().__init__(*args, **kwargs)
            self.for_request = for_request

        def connect(self):
            super().connect()
            self.for_request.connected = True
            self.sock.settimeout(self.for_request.read_timeout)

    return Timed


class _Timing:
    def do_open(self, http_class, req, **kwargs):
        return super().do_open(functools.partial(_timed(http_class), for_request=req), req, **kwargs)


class _HTTPHandler(_Timing, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_Timing, urllib.request.HTTPSHandler):
    pass


def _may_mend(reason: object) -> bool:
    """Whether connecting again may succeed: a refused or reset connection (a server restarting), a
    name server that said "try again".  Not a connection that timed out (the connect timeout was
    waited already), an unknown host, a certificate or a URL the server will refuse again."""
    if isinstance(reason, socket.gaierror):
        return reason.errno == socket.EAI_AGAIN
    return isinstance(reason, (ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError))


class _Sent(Exception):
    """The server accepted the connection: what went wrong after that (internal)."""


def _one_line(text: str, n: int = 200) -> str:
    return " ".join(text.split())[:n]


def _excerpt(raw: bytes) -> str:
    """What a server sent, for a message: its first 200 characters on one line."""
    return repr(_one_line(raw[:2000].decode("utf-8", "replace"))) if raw.strip() else "nothing"


def _detail(raw: bytes, reason: str) -> str:
    """An error answer's gist: the text of its first lines (tags of an HTML page dropped)."""
    text = raw[:4000].decode("utf-8", "replace")
    if text.lstrip().startswith("<"):
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", text, flags=re.S | re.I)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return _one_line(lines[0], 300) if lines else reason


class HttpStore(BaseStore):
    """Any SPARQL 1.1 Query + Update endpoint (the URL rules are in :mod:`kg.store.spec`).

    ``base`` is the ``--store`` URL; ``query_url`` and ``update_url`` override what it names.
    ``timeout`` is how long to wait for an answer once connected, ``connect_timeout`` how long to
    wait for the connection.
    """

    kind = "http"
    RETRIES = 3

    def __init__(self, base: str, *, query_url: str | None = None, update_url: str | None = None,
                 timeout: float | None = None, connect_timeout: float | None = None,
                 user: str | None = None, password: str | None = None):
        ep = endpoint(base)
        self.location = ep.shown
        self.query_url = query_url or ep.query_url
        self.update_url = update_url or ep.update_url
        self.user = user if user is not None else ep.user
        self.password = (password if password is not None else ep.password) if self.user else None
        self.timeout = timeout if timeout is not None else _answer_timeout()
        self.connect_timeout = connect_timeout if connect_timeout is not None else _connect_timeout()
        self._auth = "basic" if self.user else None  # "basic" | "probe" (none, to learn the scheme) | "digest"
        self._challenge: dict[str, str] = {}
        self._nonce_count = 0
        self._union_checked = False
        self._opener = urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler())

    # --- requests ----------------------------------------------------------------------------------

    def _post(self, url: str, form: dict[str, str], accept: str,
              timeout: float | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
        data = urllib.parse.urlencode(form).encode("utf-8")
        read_timeout = timeout if timeout is not None else self.timeout
        delay, attempt, auth_rounds = 0.5, 0, 0
        while True:
            attempt += 1
            sent = self._authorization(url)
            try:
                return self._send(url, data, accept, read_timeout, sent)
            except urllib.error.HTTPError as exc:
                try:
                    body = exc.read()
                except (OSError, http.client.HTTPException):
                    body = b""
                if exc.code == 401 and auth_rounds < 3 and self._challenged(exc.headers, sent):
                    auth_rounds, attempt = auth_rounds + 1, attempt - 1
                    continue
                if exc.code == 401:
                    raise self._unauthorized(url) from None
                detail = _detail(body, str(exc.reason))
                error, retry = self._http_error(url, exc.code, detail), exc.code >= 500 and "SR186" not in detail
            except urllib.error.URLError as exc:  # not connected: refused, unknown host, connect timeout, TLS
                reason, retry = exc.reason, _may_mend(exc.reason)
                if isinstance(reason, TimeoutError):
                    reason = f"no connection within {self.connect_timeout:g} s"
                error = EndpointError(f"cannot reach the SPARQL endpoint at {url}: {reason}")
            except _Sent as wrapped:
                error = self._broken(url, wrapped.__cause__, read_timeout)
                retry = isinstance(wrapped.__cause__, (http.client.RemoteDisconnected, ConnectionResetError,
                                                       ConnectionAbortedError, BrokenPipeError))
            if not retry or attempt >= self.RETRIES:
                raise error
            time.sleep(delay)
            delay *= 2

    def _send(self, url: str, data: bytes, accept: str, read_timeout: float,
              authorization: str | None) -> tuple[int, http.client.HTTPMessage, bytes]:
        req = urllib.request.Request(url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        req.read_timeout, req.connected = read_timeout, False
        if authorization:
            req.add_unredirected_header("Authorization", authorization)
        try:
            with self._opener.open(req, timeout=self.connect_timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as exc:
            if req.connected and isinstance(exc.reason, OSError):
                raise _Sent() from exc.reason  # connected, then sending the request failed
            raise
        except (OSError, http.client.HTTPException) as exc:
            raise _Sent() from exc

    def _broken(self, url: str, exc: BaseException, read_timeout: float) -> EndpointError:
        """What went wrong after the server accepted the connection."""
        at = f"the SPARQL endpoint at {url}"
        if isinstance(exc, TimeoutError):
            return EndpointError(f"{at} did not answer within {read_timeout:g} s")
        if isinstance(exc, http.client.RemoteDisconnected):
            return EndpointError(f"{at} closed the connection without answering")
        if isinstance(exc, http.client.BadStatusLine):
            line = exc.line if isinstance(exc.line, str) else repr(exc.line)
            return EndpointError(f"{at} did not answer in HTTP: it sent {_excerpt(line.encode('utf-8', 'replace'))}")
        if isinstance(exc, http.client.IncompleteRead):
            expected = f" of {len(exc.partial) + exc.expected}" if exc.expected else ""
            return EndpointError(f"{at} broke off its answer after {len(exc.partial)}{expected} bytes: "
                                 f"it sent {_excerpt(exc.partial)}")
        if isinstance(exc, http.client.HTTPException):
            return EndpointError(f"{at} sent a malformed HTTP answer ({type(exc).__name__}: {_one_line(str(exc))})")
        return EndpointError(f"the connection to {at} broke: {_one_line(str(exc)) or type(exc).__name__}")

    def _http_error(self, url: str, code: int, detail: str) -> Exception:
        if code == 400:
            return QueryError(f"the endpoint refused the request: {detail}")
        if code == 404:
            return EndpointError(f"no SPARQL endpoint at {url} (HTTP 404): give a dataset's base (Oxigraph, "
                                 f"Fuseki: http://HOST:3030/DATASET) or the endpoint (Virtuoso: http://HOST:8890/sparql)")
        # Virtuoso's SR186: this user may not write (a permission: not retried)
        hint = f" (Virtuoso: in isql, GRANT SPARQL_UPDATE TO \"{self.user or 'SPARQL'}\";)" if "SR186" in detail else ""
        return EndpointError(f"HTTP {code} from {url}: {detail}{hint}")

    # --- authentication ------------------------------------------------------------------------

    def _authorization(self, url: str) -> str | None:
        if not self.user or self._auth == "probe":
            return None
        if self._auth == "digest":
            return self._digest(url)
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode("utf-8")).decode("ascii")
        return f"Basic {token}"

    def _challenged(self, headers, sent: str | None) -> bool:
        """After a 401: whether to send the request again, answering the server's challenge."""
        if not self.user:
            return False
        offers = headers.get_all("WWW-Authenticate") or []
        digest = next((h for h in offers if h.strip().lower().startswith("digest")), None)
        if digest is not None:
            challenge = urllib.request.parse_keqv_list(
                filter(None, urllib.request.parse_http_list(digest.strip()[len("digest"):])))
            stale = challenge.get("stale", "").lower() == "true"
            if sent and sent.startswith("Digest") and not stale:
                return False  # our answer to this challenge was refused: wrong credentials
            self._auth, self._challenge, self._nonce_count = "digest", challenge, 0
            return True
        if sent and sent.startswith("Basic") and not offers:
            self._auth = "probe"  # refused without saying how to authenticate (Virtuoso): ask
            return True
        return False  # Basic refused, or no scheme we speak

    def _digest(self, url: str) -> str:
        """An RFC 7616 Digest answer (MD5 or SHA-256; qop=auth when offered) to the last challenge."""
        c, self._nonce_count = self._challenge, self._nonce_count + 1
        algorithm = c.get("algorithm", "MD5")
        if algorithm.upper() not in ("MD5", "SHA-256"):
            raise EndpointError(f"the SPARQL endpoint at {url} asks for Digest {algorithm}; MD5 and SHA-256 are spoken")

        def h(text: str) -> str:
            return hashlib.new(algorithm.replace("-", "").lower(), text.encode("utf-8")).hexdigest()

        parts = urllib.parse.urlsplit(url)
        uri = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        realm, nonce, nc, cnonce = c.get("realm", ""), c.get("nonce", ""), f"{self._nonce_count:08x}", os.urandom(8).hex()
        ha1, ha2 = h(f"{self.user}:{realm}:{self.password or ''}"), h(f"POST:{uri}")
        qop = "auth" in [q.strip() for q in c.get("qop", "").split(",")]
        response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}" if qop else f"{ha1}:{nonce}:{ha2}")
        fields = [f'username="{self.user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
                  f"algorithm={algorithm}", f'response="{response}"']
        fields += [f'qop=auth, nc={nc}, cnonce="{cnonce}"'] if qop else []
        fields += [f'opaque="{c["opaque"]}"'] if "opaque" in c else []
        return "Digest " + ", ".join(fields)

    def _unauthorized(self, url: str) -> EndpointError:
        if not self.user:
            return EndpointError(
                f"the SPARQL endpoint at {url} asks for credentials (HTTP 401): give them in the URL "
                f"(http://USER:PASSWORD@HOST/…) or in {USER_ENV} and {PASSWORD_ENV}")
        return EndpointError(f"the SPARQL endpoint at {url} refused the credentials of user "
                             f"'{self.user}' (HTTP 401)")

    # --- the store -----------------------------------------------------------------------------

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        self.update(replace_update(graph, quads))

    def replace_document_text(self, graph: str, text: str) -> None:
        self.update(replace_update_text(graph, text))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        self._check_union()
        return self._select(sparql, timeout)

    def _select(self, sparql: str, timeout: float | None = None) -> Solutions:
        status, headers, raw = self._post(self.query_url, {"query": sparql}, _RESULTS_JSON, timeout)
        self._check_complete(status, headers)
        return _parse_results(raw, headers.get("Content-Type", ""), self.query_url)

    def _check_complete(self, status: int, headers) -> None:
        """Refuse an answer the server says it cut short (Virtuoso's row limit, its anytime queries)."""
        at = f"the SPARQL endpoint at {self.query_url}"
        if headers.get("X-SPARQL-MaxRows"):
            raise EndpointError(
                f"{at} sent only the first {headers['X-SPARQL-MaxRows']} rows (its row limit), so the "
                f"answer may be cut: raise it (Virtuoso: ResultSetMaxRows in [SPARQL] of virtuoso.ini)")
        state = headers.get("X-SQL-State", "")
        if status == 206 or state.startswith("S1TAT"):
            message = _one_line(headers.get("X-SQL-Message", "") or "")
            raise EndpointError(
                f"{at} sent partial results: it stopped the query at its time limit"
                f"{': ' + message if message else ''} (Virtuoso: MaxQueryExecutionTime in [SPARQL] of virtuoso.ini)")

    def _check_union(self) -> None:
        """Once per store: the named graphs' triples must be in the default graph, which every
        query reads; otherwise each would answer nothing, and say so with exit 0."""
        if self._union_checked:
            return
        sol = self._select("SELECT ?in WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } "
                           "OPTIONAL { ?s ?p ?o BIND(1 AS ?in) } }")
        if sol.rows and all(row[0] is None for row in sol.rows):
            raise EndpointError(
                f"the SPARQL endpoint at {self.location} does not query its named graphs by default "
                f"(its default graph is not their union), so every query would answer nothing: start "
                f"Oxigraph server with --union-default-graph, or set tdb2:unionDefaultGraph true on the "
                f"Fuseki dataset (Virtuoso and GraphDB do this by default)")
        self._union_checked = bool(sol.rows)  # an empty store cannot tell: asked again once it holds a graph

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        self._check_union()
        _, _, raw = self._post(self.query_url, {"query": sparql}, "application/n-triples")
        lines = (line.strip() for line in raw.decode("utf-8", "replace").splitlines())
        return [(s, p, rest.rstrip(" .")) for s, p, rest in (ln.split(" ", 2) for ln in lines if ln)]

    # only fazhi-kg's graphs: an endpoint may hold others (Virtuoso's system graphs, other data)
    graph_filter = f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}"))'

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        if graph:
            where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)"
        else:
            where = f"GRAPH ?g {{ ?s ?p ?o }} {self.graph_filter}"
        sol = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
        for s, p, o, g in sol.rows:
            yield s.nt(), p.nt(), o.nt(), g.nt()


def _parse_results(raw: bytes, content_type: str, url: str) -> Solutions:
    """SPARQL 1.1 JSON results, or one line saying what the endpoint sent instead."""
    sent = f"the SPARQL endpoint at {url} did not send SPARQL results"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        kind = content_type.split(";")[0].strip() or "no content type"
        raise EndpointError(f"{sent}: it sent {kind}, {_excerpt(raw)}") from None
    try:
        return solutions_from_json(data)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        raise EndpointError(f"{sent}: it sent JSON without SPARQL's head and results: {_excerpt(raw)}") from None
