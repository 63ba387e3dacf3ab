"""`fazhi-kg serve`'s own endpoint speaks the SPARQL 1.1 Protocol: GET and POST queries, results
by Accept, a clear status for everything it does not do, a query that runs too long stopped
without stopping the server, and a clean stop that hands the store back to builds.

The guard's refusals over HTTP (every spelling of SERVICE) are in test_guard.py.
"""

from __future__ import annotations

import csv
import io
import json
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.jobs.endpoint import negotiate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "kg" / "samples" / "000_fbb961a89fe9d432.txt"
FZ = "https://w3id.org/fazhi-kg/ontology#"
TASKS = f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a <{FZ}Task> }}"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(store: Path, *options: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(store), "--port", str(port),
                             *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    assert first.startswith(f"SPARQL endpoint http://127.0.0.1:{port}/query"), first + proc.stderr.read()
    return proc, f"http://127.0.0.1:{port}"


def stop(proc: subprocess.Popen, sig: int = signal.SIGINT) -> int:
    proc.send_signal(sig)
    try:
        return proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def ask(url: str, data: bytes | None = None, method: str | None = None, **headers) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def q(base: str, sparql: str, **params) -> str:
    return f"{base}/query?" + urllib.parse.urlencode({"query": sparql, **params})


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    assert run("build", SAMPLE, "--store", path).exit_code == 0
    return path


@pytest.fixture(scope="module")
def base(store):
    proc, url = start(store, "--timeout", "2")
    yield url
    assert stop(proc) == 0


def test_get_and_both_posts_give_the_same_answer(base):
    by_get = ask(q(base, TASKS))
    form = ask(f"{base}/query", urllib.parse.urlencode({"query": TASKS}).encode(),
               **{"Content-Type": "application/x-www-form-urlencoded"})
    direct = ask(f"{base}/query", TASKS.encode(), **{"Content-Type": "application/sparql-query"})
    for status, headers, body in (by_get, form, direct):
        assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
        # 38 tasks: counted by hand in the sample's plan (see tests/gold)
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "38"


def test_results_come_in_the_type_the_client_accepts(base):
    status, headers, body = ask(q(base, TASKS), Accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["n"], ["38"]]
    status, headers, body = ask(q(base, TASKS), Accept="application/sparql-results+xml;q=0.5, text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines()[0] == "?n"
    status, headers, body = ask(q(base, TASKS, format="xml"))
    assert status == 200 and b"<sparql" in body
    graph = f"CONSTRUCT {{ ?t a <{FZ}Task> }} WHERE {{ ?t a <{FZ}Task> }} ORDER BY ?t LIMIT 3"
    status, headers, body = ask(q(base, graph))
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    lines = body.decode().splitlines()
    assert len(lines) == 3 and all(line.endswith(f"<{FZ}Task> .") for line in lines)
    status, headers, body = ask(q(base, graph), Accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    status, headers, body = ask(q(base, TASKS), Accept="image/png")
    assert status == 406 and b"text/csv" in body


def test_the_default_graph_can_be_one_document(base):
    docs = json.loads(ask(q(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))[2])["results"]["bindings"]
    graph = docs[0]["g"]["value"]
    status, _, body = ask(q(base, TASKS, **{"default-graph-uri": graph}))
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "38"
    status, _, body = ask(q(base, TASKS, **{"default-graph-uri": "http://example.org/none"}))
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"


@pytest.mark.parametrize("request_, status, words", [
    (("/query?query=SELECT%20*%20WHERE%20%7B%20%3Fs", None, None, {}), 400, "syntax"),
    (("/query?query=INSERT%20DATA%20%7B%3Ca%3E%20%3Cb%3E%20%3Cc%3E%7D", None, None, {}), 400, "read-only"),
    (("/query?update=DROP%20ALL", None, None, {}), 400, "read-only"),
    (("/query", None, None, {}), 400, "give one query"),
    (("/query?query=ASK%7B%7D&query=ASK%7B%7D", None, None, {}), 400, "give one query"),
    (("/update", b"update=DROP+ALL", "POST", {"Content-Type": "application/x-www-form-urlencoded"}), 404, "no /update"),
    (("/elsewhere", None, None, {}), 404, "nothing at /elsewhere"),
    (("/query", b"", "PUT", {}), 405, "not allowed"),
    (("/query", b"x", "DELETE", {}), 405, "not allowed"),
    (("/query", b"ASK{}", "POST", {"Content-Type": "text/plain"}), 415, "application/sparql-query"),
    (("/query", b"DROP ALL", "POST", {"Content-Type": "application/sparql-update"}), 400, "read-only"),
])
def test_what_it_does_not_do_gets_a_status_and_one_line(base, request_, status, words):
    path, data, method, headers = request_
    got, head, body = ask(base + path, data, method, **headers)
    assert got == status, body
    assert head["Content-Type"] == "text/plain; charset=utf-8"
    text = body.decode()
    assert text.endswith("\n") and text.count("\n") == 1 and words in text, text


def test_a_body_over_the_limit_is_refused_unread(base):
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 999999999\r\n\r\nASK {}")
        head = conn.recv(4096).decode()
    assert head.startswith("HTTP/1.0 413") or head.startswith("HTTP/1.1 413"), head


def test_the_query_page_escapes_what_it_shows(base):
    status, headers, body = ask(base + "/?" + urllib.parse.urlencode({"query": "</textarea><script>alert(1)</script>"}))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode()
    assert "<script>" not in page and "&lt;/textarea&gt;&lt;script&gt;" in page
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_a_query_that_runs_too_long_is_stopped_and_the_server_goes_on(base):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = ask(q(base, slow))
    assert status == 503 and b"--timeout" in body, body
    status, _, body = ask(q(base, TASKS))
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "38"


def test_a_stopped_server_hands_the_store_back(tmp_path, monkeypatch):
    store = tmp_path / "store"
    assert run("build", SAMPLE, "--store", store).exit_code == 0
    proc, url = start(store)
    try:
        monkeypatch.setenv("FAZHI_KG_LOCK_WAIT", "1")
        refused = run("build", SAMPLE, "--store", store)
        assert refused.exit_code == 21 and "served" in refused.output, refused.output
        second = subprocess.run([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(store), "--port",
                                 str(free_port())], capture_output=True, text=True, timeout=60)
        assert second.returncode == 21 and second.stdout == "" and "already served" in second.stderr, second.stderr
    finally:
        assert stop(proc, signal.SIGTERM) == 0
    assert not (tmp_path / ".store.serving").exists(), "a clean stop removes the serving marker"
    assert run("build", SAMPLE, "--store", store).exit_code == 0


def test_a_missing_store_is_refused_before_the_banner(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(tmp_path / "none"),
                             "--port", str(free_port())], capture_output=True, text=True, timeout=60)
    assert result.returncode == 20 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no store here" in result.stderr


@pytest.mark.parametrize("form, accept, asked, chosen", [
    ("SELECT", None, None, "JSON"),
    ("SELECT", "*/*", None, "JSON"),
    ("SELECT", "text/*", None, "CSV"),
    ("ASK", "application/json", None, "JSON"),
    ("SELECT", "text/csv;q=0.1, application/sparql-results+xml", None, "XML"),
    ("SELECT", "text/csv;q=0", None, None),
    ("SELECT", "text/html", "tsv", "TSV"),
    ("CONSTRUCT", None, None, "N_TRIPLES"),
    ("DESCRIBE", "text/turtle", None, "TURTLE"),
    ("CONSTRUCT", "text/csv", None, None),
    ("SELECT", None, "turtle", None),
])
def test_negotiation(form, accept, asked, chosen):
    got = negotiate(form, accept, asked)
    assert (got[0] if got else None) == chosen


def test_ctrl_c_stops_the_endpoint_even_when_the_parent_ignored_it(tmp_path):
    # nohup, a job runner or a test runner's worker may start it with SIGINT ignored, which a
    # child inherits: the endpoint must still stop on it (it hung until killed before)
    store = tmp_path / "store"
    assert run("build", SAMPLE, "--store", store).exit_code == 0
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert proc.stdout.readline().startswith(f"SPARQL endpoint http://127.0.0.1:{port}/query")
    assert stop(proc) == 0
