"""SPARQL endpoints as they are run (issue 12): Oxigraph server with and without a union default
graph, OpenLink Virtuoso (one URL for queries and updates, its ASK, its Digest-protected
/sparql-auth), HTTP Basic behind a proxy, and every malformed answer a server can send.  Each
failure is one line naming the endpoint, never a traceback and never a silent empty answer."""

import base64
import json
import os
import re
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import _oxigraph, _stop
from kg.cli import app
from kg.errors import EndpointError, QueryError
from kg.jobs.build import build
from kg.store import HttpStore, open_store
from kg.store.http import PASSWORD_ENV, USER_ENV, endpoint

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
SAMPLE = SAMPLES / "000_fbb961a89fe9d432.txt"
CLI = [sys.executable, str(ROOT / "cli.py")]
NO_CREDENTIALS = {k: v for k, v in os.environ.items() if k not in (USER_ENV, PASSWORD_ENV)}


def run(*args, env=None):
    """The command in this process (fast); credentials only from ``env``."""
    return CliRunner().invoke(app, [str(a) for a in args], env={USER_ENV: None, PASSWORD_ENV: None, **(env or {})})


def cli(*args, env=None):
    """The command as a user runs it: its own process, stderr apart."""
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**NO_CREDENTIALS, **(env or {})})


def one_line_error(result, *needles):
    """A command failed with exit 26 and one line on stderr holding every needle, no traceback."""
    err = result.stderr
    assert result.returncode == 26, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, err
    return err


# --- where requests go ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec, query_url, update_url", [
    ("http://h:7878", "http://h:7878/query", "http://h:7878/update"),  # Oxigraph server
    ("http://h:3030/ds/", "http://h:3030/ds/query", "http://h:3030/ds/update"),  # Fuseki
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql"),  # Virtuoso
    ("http://h:8890/sparql/", "http://h:8890/sparql", "http://h:8890/sparql"),
    ("https://h/sparql-auth", "https://h/sparql-auth", "https://h/sparql-auth"),
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update"),
    ("http://h:3030/ds/update", "http://h:3030/ds/query", "http://h:3030/ds/update"),
    ("http://h:7200/repositories/kg,http://h:7200/repositories/kg/statements",  # GraphDB
     "http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements"),
])
def test_the_url_says_where_queries_and_updates_go(spec, query_url, update_url):
    ep = endpoint(spec, environ={})
    assert (ep.query_url, ep.update_url, ep.user) == (query_url, update_url, None)


def test_credentials_come_from_the_url_or_the_environment_and_are_never_shown():
    ep = endpoint("http://fazhi:pa%3Ass%20%40word@h:8890/sparql", environ={USER_ENV: "other", PASSWORD_ENV: "x"})
    assert (ep.user, ep.password) == ("fazhi", "pa:ss @word")
    assert ep.query_url == ep.update_url == "http://h:8890/sparql"
    assert ep.shown == "http://fazhi:***@h:8890/sparql"
    ep = endpoint("http://h:8890/sparql", environ={USER_ENV: "fazhi", PASSWORD_ENV: "secret"})
    assert (ep.user, ep.password, ep.shown) == ("fazhi", "secret", "http://h:8890/sparql")
    ep = endpoint("http://fazhi@h:8890/sparql", environ={PASSWORD_ENV: "secret"})
    assert (ep.user, ep.password, ep.shown) == ("fazhi", "secret", "http://fazhi@h:8890/sparql")
    st = HttpStore("http://fazhi:secret@h:7878")
    assert st.location == "http://fazhi:***@h:7878" and "secret" not in st.query_url + st.update_url


# --- a default graph that is not the union of the named graphs ----------------------------------


def test_a_default_graph_that_is_not_the_union_is_refused(oxigraph_server_plain):
    st = HttpStore(oxigraph_server_plain)
    assert st.query("SELECT * WHERE { ?s ?p ?o }").rows == []  # nothing anywhere: nothing to refuse
    # updates are not checked: the build writes, then its count is refused
    proc = cli("build", SAMPLE, "--store", oxigraph_server_plain)
    one_line_error(proc, oxigraph_server_plain, "--union-default-graph", "tdb2:unionDefaultGraph true")
    for args in (["query", "--name", "unit-workload"], ["matrix"], ["analyze"], ["track", "--today", "2026-01-01"]):
        proc = cli(*args, "--store", oxigraph_server_plain)
        one_line_error(proc, f"the SPARQL endpoint at {oxigraph_server_plain} does not query its named graphs",
                       "Oxigraph server with --union-default-graph", "Virtuoso")
        assert proc.stdout == "", args
    with pytest.raises(EndpointError, match="default graph is not their union"):
        HttpStore(oxigraph_server_plain).graphs()


# --- malformed answers, from a tiny server that sends exactly what each case needs --------------


def _http(status: str, content_type: str, body: bytes, *headers: str, length: int | None = None) -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}",
            f"Content-Length: {len(body) if length is None else length}", "Connection: close", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


ROWS = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
    {"n": {"type": "literal", "value": str(i)}} for i in range(3)]}}).encode()
HTML = (b"<!DOCTYPE html>\n<html><head><title>Sign in - Corporate Proxy</title></head>\n<body>"
        + b"<p>Please sign in to continue.</p>" * 20 + b"</body></html>")

MALFORMED = {
    "invalid JSON": (_http("200 OK", "application/sparql-results+json", b'{"head": {"vars": ["n"]}, "results": {"bind'),
                     ['did not send SPARQL results: it sent application/sparql-results+json', '\'{"head": {"vars"']),
    "HTML instead of JSON": (_http("200 OK", "text/html; charset=utf-8", HTML),
                             ["did not send SPARQL results: it sent text/html",
                              "'<!DOCTYPE html> <html><head><title>Sign in - Corporate Proxy"]),
    "{} without head": (_http("200 OK", "application/sparql-results+json", b"{}"),
                        ["it sent JSON without SPARQL's head and results: '{}'"]),
    "a truncated body": (_http("200 OK", "application/sparql-results+json", ROWS[:60], length=400),
                         ["broke off its answer after 60 of 400 bytes", '\'{"head": {"vars": ["n"]}']),
    "not HTTP at all": (b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
                        ["did not answer in HTTP: it sent 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3'"]),
    "a row limit": (_http("200 OK", "application/sparql-results+json", ROWS, "X-SPARQL-MaxRows: 3"),
                    ["sent only the first 3 rows", "ResultSetMaxRows"]),
    "partial results": (_http("206 Partial Content", "application/sparql-results+json", ROWS, "X-SQL-State: S1TAT",
                              "X-SQL-Message: RC...: Returning incomplete results, query interrupted by result timeout."),
                        ["sent partial results", "Returning incomplete results", "MaxQueryExecutionTime"]),
    "no credentials": (_http("401 Unauthorized", "text/plain", b"", 'WWW-Authenticate: Basic realm="kg"'),
                       ["asks for credentials (HTTP 401)", USER_ENV, PASSWORD_ENV]),
    "no endpoint there": (_http("404 Not Found", "text/html", b"<h1>Not Found</h1>"),
                          ["no SPARQL endpoint at", "(HTTP 404)"]),
}


class _Canned(socketserver.BaseRequestHandler):
    def handle(self):
        server = self.server
        server.connections += 1
        stream = self.request.makefile("rb")
        length = 0
        while True:
            line = stream.readline()
            if line in (b"", b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        server.requests.append(stream.read(length).decode())
        if server.answer == "slow":
            time.sleep(2)
        elif server.answer != "close":
            self.request.sendall(server.answer)


class CannedServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer):
        super().__init__(("127.0.0.1", 0), _Canned)
        self.answer, self.connections, self.requests = answer, 0, []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def canned():
    servers = []

    def start(answer):
        server = CannedServer(answer)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_answer_is_one_line_naming_the_endpoint_and_what_it_sent(canned, case):
    answer, needles = MALFORMED[case]
    server = canned(answer)
    with pytest.raises(EndpointError) as caught:
        HttpStore(server.url).query("SELECT ?n WHERE { ?n ?p ?o }")
    message = str(caught.value)
    assert "\n" not in message and f" {server.url}/query" in message, message
    for needle in needles:
        assert needle in message, message
    assert len(message) < 600
    assert server.connections == 1  # a malformed answer is not asked again


def test_a_malformed_answer_through_the_command_line(canned):
    server = canned(MALFORMED["HTML instead of JSON"][0])
    proc = cli("query", "--store", server.url, "SELECT * WHERE { ?s ?p ?o }")
    one_line_error(proc, f"the SPARQL endpoint at {server.url}/query did not send SPARQL results", "text/html")


def test_a_connection_closed_without_an_answer_is_retried_then_one_line(canned):
    server = canned("close")
    st = HttpStore(server.url)
    st.RETRIES = 2
    with pytest.raises(EndpointError, match=r"at http://127\.0\.0\.1:\d+/query closed the connection without answering$"):
        st.query("ASK {}")
    assert server.connections == 2


def test_a_slow_answer_is_not_cannot_reach(canned):
    server = canned("slow")
    st = HttpStore(server.url, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(EndpointError) as caught:
        st.query("ASK {}")
    assert str(caught.value) == f"the SPARQL endpoint at {server.url}/query did not answer within 0.5 s"
    assert server.connections == 1 and time.monotonic() - started < 2  # waited once, not retried
    result = run("query", "--timeout", "0.5", "--store", server.url, "ASK {}")  # --timeout is that wait
    assert result.exit_code == 26 and f"{server.url}/query did not answer within 0.5 s" in result.output


def test_a_connection_that_is_never_accepted_times_out_as_cannot_reach():
    from conftest import unaccepted_port

    with unaccepted_port() as port:
        st = HttpStore(f"http://127.0.0.1:{port}", connect_timeout=0.5, timeout=30)
        st.RETRIES = 1
        with pytest.raises(EndpointError) as caught:
            st.query("ASK {}")
        assert str(caught.value) == f"cannot reach the SPARQL endpoint at http://127.0.0.1:{port}/query: no connection within 0.5 s"


def test_the_union_check_is_made_once_per_store_and_never_for_updates(canned):
    server = canned(_http("200 OK", "application/sparql-results+json", ROWS))
    st = HttpStore(server.url)
    st.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    for _ in range(3):
        assert st.query("SELECT ?n WHERE { ?n ?p ?o }").records() == [{"n": "0"}, {"n": "1"}, {"n": "2"}]
    checks = [r for r in server.requests if "OPTIONAL" in urllib.parse.unquote_plus(r)]
    assert len(server.requests) == 5 and len(checks) == 1
    assert server.requests[0].startswith("update=") and "OPTIONAL" in urllib.parse.unquote_plus(server.requests[1])


# --- HTTP Basic, in front of Oxigraph ------------------------------------------------------------

USER, PASSWORD = "fazhi", "pa:ss @word"
IN_URL = f"{USER}:{urllib.parse.quote(PASSWORD, safe='')}"


class _BasicProxy(BaseHTTPRequestHandler):
    """Requires HTTP Basic, then forwards to an Oxigraph server (as nginx in front of one would)."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        server = self.server
        if self.headers.get("Authorization") != expected:
            server.refused += 1
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="fazhi-kg test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        server.passed += 1
        req = urllib.request.Request(server.upstream + self.path, data=body, method="POST", headers={
            "Content-Type": self.headers["Content-Type"], "Accept": self.headers.get("Accept", "*/*")})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, ctype, out = resp.status, resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            status, ctype, out = exc.code, exc.headers.get("Content-Type", ""), exc.read()
        self.send_response(status)
        self.send_header("Content-Type", ctype or "text/plain")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def basic_proxy(tmp_path_factory):
    proc, upstream = _oxigraph(tmp_path_factory.mktemp("oxigraph-behind-basic"), union=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicProxy)
    server.daemon_threads = True
    server.upstream, server.refused, server.passed = upstream, 0, 0
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    server.port = server.server_address[1]
    yield server
    server.shutdown()
    server.server_close()
    _stop(proc)


def test_basic_credentials_in_the_url(basic_proxy):
    url = f"http://{IN_URL}@127.0.0.1:{basic_proxy.port}"
    proc = cli("build", SAMPLE, "--store", url)
    assert proc.returncode == 0, proc.stderr
    assert f"(http://{USER}:***@127.0.0.1:{basic_proxy.port})" in proc.stdout
    assert basic_proxy.refused == 0 and basic_proxy.passed >= 2  # sent with the first request
    result = run("query", "--name", "unit-workload", "--format", "json", "--store", url)
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)["results"]["bindings"][0]
    assert (top["name"]["value"], top["lead_count"]["value"]) == ("南京市栖霞区司法局", "26")
    assert PASSWORD not in proc.stdout + proc.stderr + result.output and IN_URL not in proc.stdout + result.output


def test_basic_credentials_from_the_environment(basic_proxy):
    url = f"http://127.0.0.1:{basic_proxy.port}"
    result = run("query", "--store", url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json",
                 env={USER_ENV: USER, PASSWORD_ENV: PASSWORD})
    assert result.exit_code == 0, result.output
    assert int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]) > 0


def test_refused_and_missing_credentials_are_one_line_without_the_password(basic_proxy):
    wrong = cli("query", "--store", f"http://{USER}:not-the-password@127.0.0.1:{basic_proxy.port}", "ASK {}")
    one_line_error(wrong, f"at http://127.0.0.1:{basic_proxy.port}/query refused the credentials of user 'fazhi' (HTTP 401)")
    assert "not-the-password" not in wrong.stderr
    missing = cli("query", "--store", f"http://127.0.0.1:{basic_proxy.port}", "ASK {}")
    one_line_error(missing, "asks for credentials (HTTP 401)", USER_ENV)


# --- OpenLink Virtuoso ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def virtuoso(virtuoso_server):
    """The samples built into Virtuoso through its one URL, http://HOST:PORT/sparql."""
    result = run("build", SAMPLES, "--store", virtuoso_server.sparql)
    assert result.exit_code == 0, result.output
    # the count is of fazhi-kg's graphs, not of Virtuoso's own (virtrdf#, …)
    assert re.search(rf"(\d+) quads written; the store holds \1 quads \({re.escape(virtuoso_server.sparql)}\)",
                     result.output), result.output
    return virtuoso_server


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    path = tmp_path_factory.mktemp("embedded") / "store"
    with open_store(path) as st:
        build([SAMPLES], st)
    return path


def answer(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_virtuoso_answers_a_named_query_as_the_embedded_store_does(virtuoso, embedded):
    args = ["query", "--name", "unit-workload", "--format", "json", "--store"]
    rows = json.loads(answer(*args, virtuoso.sparql))["results"]["bindings"]
    assert rows == json.loads(answer(*args, embedded))["results"]["bindings"]
    assert (rows[0]["name"]["value"], rows[0]["lead_count"]["value"]) == ("南京市栖霞区司法局", "26")


@pytest.mark.parametrize("command", [["matrix"], ["analyze"], ["track", "--today", "2026-01-01"],
                                     ["export", "--format", "nquads"]])
def test_virtuoso_answers_matrix_analyze_track_and_export_as_the_embedded_store_does(virtuoso, embedded, command):
    fmt = [] if command[0] == "export" else ["--format", "csv"]
    got = answer(*command, *fmt, "--store", virtuoso.sparql)
    assert got.count("\n") > 50
    assert got == answer(*command, *fmt, "--store", embedded)


def test_virtuoso_ask_and_graphs(virtuoso, embedded):
    st = HttpStore(virtuoso.sparql)
    assert st.query("ASK { ?s a ?t }").boolean is True  # Virtuoso answers ASK as a SELECT of __ASK_RETVAL
    assert st.query("ASK { <urn:nothing> ?p ?o }").boolean is False
    with open_store(embedded, read_only=True) as local:
        assert st.graphs() == local.graphs() and st.count() == local.count()  # its own graphs are not ours
    with pytest.raises(QueryError, match="SPARQL compiler"):
        st.query("SELEC ?x WHERE { ?x ?p ?o }")


def test_virtuoso_digest_authentication_on_sparql_auth(virtuoso, monkeypatch):
    monkeypatch.delenv(USER_ENV, raising=False)
    graph = "urn:fazhi-kg:test:digest"
    st = HttpStore(virtuoso.auth.replace("://", f"://{virtuoso.user}:{urllib.parse.quote(virtuoso.password, safe='')}@"))
    st.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> \"数字法治\"@zh }} }}")
    anonymous = HttpStore(virtuoso.sparql)
    assert anonymous.query(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").records() == [{"o": "数字法治"}]
    assert st.query("ASK { <urn:a> <urn:b> ?o }").boolean is True  # the nonce is reused
    st.update(f"DROP SILENT GRAPH <{graph}>")
    wrong = HttpStore(virtuoso.auth.replace("://", f"://{virtuoso.user}:wrong@"))
    with pytest.raises(EndpointError, match=r"refused the credentials of user 'fazhi' \(HTTP 401\)$"):
        wrong.query("ASK {}")
    with pytest.raises(EndpointError, match="asks for credentials"):
        HttpStore(virtuoso.auth).query("ASK {}")


def test_virtuoso_user_who_may_not_update(virtuoso):
    st = HttpStore(virtuoso.auth.replace("://", f"://{virtuoso.reader}:only-reads@"))
    assert st.query("ASK { ?s ?p ?o }").boolean is True
    started = time.monotonic()
    with pytest.raises(EndpointError) as caught:
        st.update("INSERT DATA { GRAPH <urn:fazhi-kg:test:reader> { <urn:a> <urn:b> <urn:c> } }")
    assert "SR186" in str(caught.value) and 'GRANT SPARQL_UPDATE TO "reader";' in str(caught.value)
    assert time.monotonic() - started < 1  # a permission is not retried
