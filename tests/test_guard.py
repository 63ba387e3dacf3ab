"""The query guard reads the query as the engine does (issue 15): SERVICE and LOAD are found in the
parsed query wherever they are, however they are spelled, and nothing else is mistaken for them.

A local HTTP server stands for "another server": each refused spelling is run through the CLI
against a real store, and the server must receive no request; the same text with
--allow-service does reach it, so the fixture would have seen a request that got through.
"""

from __future__ import annotations

import json
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query.guard import analyse, check, is_update
from kg.query.named import bind, list_queries
from kg.resources import queries_dir

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "kg" / "samples" / "000_fbb961a89fe9d432.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result, code: int = 22) -> str:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fazhi-kg: error: "), result.output
    return lines[0]


class _Remote(BaseHTTPRequestHandler):
    """Answers a SERVICE request (POST) with one row and a LOAD (GET) with one triple."""

    def do_POST(self):
        self.server.requests.append(("POST", self.path))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        row = {v: {"type": "literal", "value": "remote"} for v in ("s", "p", "o")}
        self._send("application/sparql-results+json",
                   json.dumps({"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": [row]}}).encode())

    def do_GET(self):
        self.server.requests.append(("GET", self.path))
        self._send("text/turtle", b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")

    def _send(self, kind: str, body: bytes):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def remote():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Remote)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}/sparql"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def requests(remote):
    remote.requests.clear()
    return remote.requests


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("guard") / "store"
    result = run("build", SAMPLE, "--store", path)
    assert result.exit_code == 0, result.output
    return path


def count(store) -> str:
    return run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "csv", "--store",
               store).output


# each spelling hides, or nests, a SERVICE to {url}; every one ran a SERVICE (or would have) before
SPELLINGS = {
    "escaped # in a prefixed name": r"PREFIX e: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?x e:a\# ?y }} "
                                    r"SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "escaped ' in a prefixed name": r"PREFIX e: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?x e:a\' ?y }} "
                                    r"SERVICE <{url}> {{ ?s ?p ?o }} FILTER(?o != 'x') }}",
    "\\u005C before a quote": 'SELECT * WHERE {{ BIND("a\\u005C" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} #" AS ?z)\n}}',
    "comment ended by a carriage return": "SELECT * WHERE {{ BIND(1 AS ?x) # note\r SERVICE <{url}> {{ ?s ?p ?o }}\n}}",
    "lower case": "select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
    "SILENT": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "FILTER EXISTS": "SELECT * WHERE {{ BIND(1 AS ?x) FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "FILTER NOT EXISTS": "SELECT * WHERE {{ BIND(1 AS ?x) FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "subquery": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "OPTIONAL": "SELECT * WHERE {{ BIND(1 AS ?x) OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "UNION": "SELECT * WHERE {{ {{ BIND(1 AS ?x) }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "MINUS": "SELECT * WHERE {{ BIND(1 AS ?s) MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "GRAPH": "SELECT * WHERE {{ GRAPH ?g {{ ?a ?b ?c }} SERVICE <{url}> {{ ?s ?p ?o }} }} LIMIT 1",
    "EXISTS in SELECT": "SELECT (EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} AS ?e) WHERE {{ }}",
    "EXISTS in ORDER BY": "SELECT * WHERE {{ BIND(1 AS ?x) }} ORDER BY (EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }})",
    "nested SERVICE": "SELECT * WHERE {{ SERVICE <{url}> {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "ASK": "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("name", SPELLINGS)
def test_each_spelling_of_service_is_refused_and_reaches_no_server(store, remote, requests, name):
    sparql = SPELLINGS[name].format(url=remote.url)
    line = one_line_error(run("query", sparql, "--store", store))
    assert "SERVICE <" in line and "--allow-service" in line, line
    assert requests == [], f"{name}: a request reached the other server"


@pytest.mark.parametrize("name", ["escaped # in a prefixed name", "escaped ' in a prefixed name",
                                  "\\u005C before a quote", "comment ended by a carriage return", "FILTER EXISTS"])
def test_the_same_spelling_with_allow_service_reaches_the_server(store, remote, requests, name):
    """The control: the refused texts do run a SERVICE once allowed, so the fixture sees requests."""
    result = run("query", SPELLINGS[name].format(url=remote.url), "--allow-service", "--store", store)
    assert result.exit_code == 0, result.output
    assert requests, f"{name}: SERVICE did not run even when allowed"


HARMLESS = {
    "?with ?add ?copy ?service": "SELECT ?with ?add ?copy ?service WHERE { ?with a ?add . BIND(?with AS ?copy) "
                                 "BIND(?add AS ?service) } LIMIT 1",
    "odrl:delete": "PREFIX odrl: <http://www.w3.org/ns/odrl/2/> SELECT ?s ?action WHERE { ?s a ?c . "
                   "BIND(odrl:delete AS ?action) } LIMIT 1",
    "ex:create": "PREFIX ex: <http://example.org/> SELECT ?s ?made WHERE { ?s a ?c . BIND(ex:create AS ?made) } LIMIT 1",
    "a keyword in a string": 'SELECT ?s ?note WHERE { ?s a ?c . BIND("DELETE SERVICE LOAD" AS ?note) } LIMIT 1',
    "a keyword in an IRI or comment": "SELECT ?s WHERE { ?s a ?c . # SERVICE <http://x/> { }\n "
                                      "FILTER(?c != <http://x/SERVICE#LOAD>) } LIMIT 1",
    "SERVICE as a prefix": "PREFIX service: <http://example.org/> SELECT ?s WHERE { ?s a ?c . "
                           "FILTER(?c != service:load) } LIMIT 1",
}


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_queries_are_accepted_and_answer(store, requests, name):
    result = run("query", HARMLESS[name], "-f", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 2, result.output  # a header and one row
    assert requests == []
    assert analyse(HARMLESS[name]).services == () and not is_update(HARMLESS[name])


def test_load_needs_update_and_allow_service(tmp_path, remote, requests):
    path = tmp_path / "store"
    assert run("build", SAMPLE, "--store", path).exit_code == 0
    before = count(path)
    load = f"LOAD <{remote.url}> INTO GRAPH <http://example.org/loaded>"
    line = one_line_error(run("query", load, "--update", "--store", path))
    assert "LOAD <" in line and "--allow-service" in line, line
    line = one_line_error(run("query", load, "--store", path))
    assert "--update" in line and "--allow-service" in line, line
    line = one_line_error(run("query", f"LOAD SILENT <{remote.url}>", "--update", "--store", path))
    assert "--allow-service" in line, line
    assert requests == [] and count(path) == before
    # allowed, it does fetch: the fixture sees the request and the store gets the triple
    result = run("query", load, "--update", "--allow-service", "--store", path)
    assert result.exit_code == 0, result.output
    assert requests and requests[0][0] == "GET"
    assert count(path) != before


@pytest.mark.parametrize("sparql, words", [
    ("DELETE WHERE { ?s ?p ?o }", "'DELETE WHERE' changes the store: queries are read-only unless --update"),
    ("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }", "'INSERT DATA' changes the store"),
    ("DROP ALL", "'DROP' changes the store"),
    ("WITH <http://g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "'DELETE … INSERT … WHERE'"),
    ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }",
     "read-only unless --update is given, and reach no other server unless --allow-service"),
])
def test_updates_are_named_and_refused(store, sparql, words):
    before = count(store)
    line = one_line_error(run("query", sparql, "--store", store))
    assert words in line, line
    assert count(store) == before


def test_an_update_with_service_needs_both_options():
    sparql = "INSERT { ?s ?p ?o } WHERE { FILTER EXISTS { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } } }"
    with pytest.raises(QueryError, match="SERVICE <http://127.0.0.1:9/s> .*refused unless --allow-service"):
        check(sparql, allow_update=True)
    assert check(sparql, allow_update=True, allow_service=True).operations == ("INSERT … WHERE",)


def test_a_syntax_error_is_one_line_with_its_position(store):
    line = one_line_error(run("query", "SELECT * WHERE {\n  ?s ?p\n}", "--store", store))
    assert line.startswith("fazhi-kg: error: SPARQL syntax error: error at ") and "rdflib" in line, line
    assert QueryError.exit_code == 22


def test_what_the_parser_cannot_read_is_refused(store, remote, requests):
    """SPARQL 1.2 syntax that Oxigraph runs but rdflib's parser cannot read: refused, not guessed at."""
    sparql = f"SELECT * WHERE {{ BIND(<<( <a:a> <a:b> <a:c> )>> AS ?t) SERVICE <{remote.url}> {{ ?s ?p ?o }} }}"
    line = one_line_error(run("query", sparql, "--allow-service", "--store", store))
    assert "SPARQL syntax error" in line and "cannot read" in line, line
    assert requests == []
    for empty in ("# only a comment\n", "PREFIX e: <http://e/>"):
        assert "no SPARQL query" in one_line_error(run("query", empty, "--store", store))


def test_every_named_query_passes_the_guard():
    files = sorted(queries_dir().glob("*.rq"))
    assert [p.stem for p in files] == [q.name for q in list_queries()]  # what `query --list` shows
    for q in list_queries():
        found = check(q.text)
        assert found.kind == "query" and found.services == (), q.name
        bound = bind(q.text, {p: "区司法局" for p in q.params})
        assert check(bound).kind == "query", q.name


def test_a_named_query_with_parameters_runs(store):
    result = run("query", "--name", "unit-tasks", "--param", "unit=区司法局", "-f", "csv", "--store", store)
    assert result.exit_code in (0, 24), result.output  # rows, or "names nothing": never a guard refusal
    assert "refused" not in result.output and "syntax" not in result.output


def _finishes(fn, seconds: float):
    out = {}
    worker = threading.Thread(target=lambda: out.setdefault("r", _catch(fn)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"the guard did not finish within {seconds} s"
    return out["r"]


def _catch(fn):
    try:
        return fn()
    except QueryError as exc:
        return exc


def test_nested_and_many_service_clauses_are_read_in_linear_time():
    """rdflib's parser searches the whole text again for each SERVICE it matches (endless for
    nested ones); the guard's parse does not."""
    nested = "SELECT * WHERE { " + "SERVICE <http://x/> { " * 40 + "?s ?p ?o" + " }" * 40 + " }"
    assert "--allow-service" in str(_finishes(lambda: check(nested), 60))
    deep = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000
    assert _finishes(lambda: check(deep), 60).kind == "query"

    def seconds(n: int, run: int) -> float:
        text = "SELECT * WHERE { " + " ".join(f"SERVICE <http://x/{i}> {{ ?s ?p ?o{i} }}" for i in range(n)) + " }"
        start = time.process_time()  # this process's CPU: what other work on a shared machine does not change
        _finishes(lambda: analyse(text + " " * run), 60)  # a different text each time: no cache
        return time.process_time() - start

    runs = [(seconds(100, i), seconds(400, i)) for i in range(3)]  # interleaved, best of three each
    small, large = min(a for a, _ in runs), min(b for _, b in runs)
    assert large < 8 * small, (small, large)  # four times the text: about four times the work, not sixteen


# --- the guard against the engine: whatever Oxigraph sends out, the guard refused ----------------

_PIECES = ["a", "#", "'", '"', "\\", "\\#", "\\'", '\\"', "\\\\", "\\u0023", "\\u0027", "\\u0022", "\\u000A",
           "\\u005C", "\\U00000022", "%41", ".", "-", ":", "_", "\r", "\n", "}", "{", " ", "<", ">", "é", "\u2028", "@"]


def _hostile(rng: random.Random, url: str) -> str:
    def chars(k: int) -> str:
        return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, k)))

    term = rng.choice([f"'{chars(4)}'", f'"{chars(4)}"', f"'''{chars(6)}'''", f'"""{chars(6)}"""', f"e:{chars(4)}",
                       f"<http://e/{chars(3)}>", f"?{chars(2)}", f"'x'@{chars(3)}"])
    gap = rng.choice([" ", " . ", " # c" + rng.choice(["\n", "\r", "\r\n", "\u2028", "\\u000A", ""]) + " "])
    return f"PREFIX e: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?a e:b {term} }}{gap}SERVICE <{url}> {{ ?s ?p ?o }}\n}}"


def test_no_text_that_makes_oxigraph_send_a_request_gets_past_the_guard(remote, requests):
    import pyoxigraph as ox

    engine = ox.Store()
    engine.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.NamedNode("http://e/c")))
    rng = random.Random(15)
    reached = 0
    for _ in range(400):
        sparql = _hostile(rng, remote.url)
        requests.clear()
        try:
            list(engine.query(sparql))
        except (SyntaxError, OSError, RuntimeError, ValueError):
            pass
        if requests:
            reached += 1
            with pytest.raises(QueryError):
                check(sparql)
    assert reached > 50  # the texts do exercise the engine's SERVICE


# --- serve ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """`fazhi-kg serve` (its own guarded endpoint) on a store of its own: the base URL."""
    store = tmp_path_factory.mktemp("served") / "store"
    assert run("build", SAMPLE, "--store", store).exit_code == 0
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    assert first.startswith(f"SPARQL endpoint http://127.0.0.1:{port}/query"), first + proc.stderr.read()
    yield f"http://127.0.0.1:{port}"
    proc.send_signal(signal.SIGINT)
    try:
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def post(base: str, sparql: str) -> tuple[int, str]:
    import urllib.error
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"query": sparql}).encode()
    req = urllib.request.Request(f"{base}/query", data=body, method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.parametrize("name", SPELLINGS)
def test_serve_refuses_each_spelling_of_service_and_reaches_no_server(endpoint, remote, requests, name):
    status, text = post(endpoint, SPELLINGS[name].format(url=remote.url))
    assert status == 400, text
    assert text.startswith("not run: SERVICE <http://127.0.0.1:") and "--allow-service" in text, text
    assert requests == [], f"{name}: a request reached the other server"


def test_serve_answers_what_the_guard_lets_through(endpoint, requests):
    status, text = post(endpoint, "SELECT ?with ?service WHERE { BIND(1 AS ?with) BIND(2 AS ?service) }")
    assert status == 200, text
    assert json.loads(text)["results"]["bindings"] == [
        {"with": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
         "service": {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    status, text = post(endpoint, "DROP ALL")
    assert status == 400 and "read-only" in text, text
    assert requests == []


def test_serve_help_says_what_allow_service_does():
    help_text = " ".join(run("serve", "--help").output.split())
    assert "--allow-service" in help_text and "SERVICE" in help_text and "refused" in help_text


def test_serve_starts_with_allow_service(store):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(store), "--port", str(port),
                             "--allow-service"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.startswith("SPARQL endpoint http://127.0.0.1:"), first + proc.stderr.read()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
