"""Bad input, faults and hostile text: nothing lost, nothing run, every error clear (issue 9)."""

import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import FazhiError
from kg.ingest.normalize import normalize, normalize_text
from kg.extract.pipeline import extract_text
from kg.ingest.segment import segment
from kg.errors import StoreError
from kg.store import HttpStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
CLI = [sys.executable, str(ROOT / "cli.py")]

# --- property tests ----------------------------------------------------------------------------

GENRE_PIECES = ["一、", "(一)", "（二）", "1.", "2、", "(3)", "一是", "牵头单位:", "责任单位：", "区司法局", "、", ",", "。",
                "\n", "\n\n", " ", "﹙", "﹚", "【", "】", "〔2021〕1号", "不低于70%", "2023年年底前", "应当", "不得", "**", "#", "- ",
                "\u200b", "\x00", "\ufeff", "\u3000", "區司法局", "<script>alert(1)</script>", '"}', "\r\n"]
genre_text = st.lists(st.one_of(st.sampled_from(GENRE_PIECES), st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), genre_text))
def test_normalizing_twice_equals_once(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), genre_text))
def test_offsets_always_cover_the_text(text):
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert all(0 <= o <= len(text) for o in n.offsets)
    # in order, except the names a matrix table's row takes from its header (kg.ingest.matrix),
    # which point back at the header where the page prints them
    assert list(n.offsets[:-1]) == sorted(n.offsets[:-1]) or " | " in n.text and "单位" in n.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), genre_text))
def test_outline_and_extraction_never_crash(text):
    segment(normalize_text(text))
    try:
        result = extract_text(text)
    except FazhiError:
        return
    for task in result.tasks:
        for unit in task.lead + task.responsible + task.cooperating:
            # the contract: a unit's text is the normalized text at its span; as the document writes
            # it (its own script, no whitespace) it is `shown`
            assert result.text[unit.start: unit.end] == unit.text
            assert unit.shown == result.written(unit.start, unit.end)


def test_very_long_line_and_lookalike_brackets():
    text = "1.推进依法行政。" + "全面推进" * 20000 + "﹙牵头单位﹕区司法局﹚"
    result = extract_text("栖霞区2022年法治政府建设工作计划\n一、重点工作\n" + text)
    assert [u.text for u in result.tasks[0].lead] == ["区司法局"]


# --- input files ----------------------------------------------------------------------------------


def cli(*args, env=None, timeout=120):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(100 * 2**20)  # sparse: 100 MB on paper, nothing to read
    start = time.monotonic()
    proc = cli("extract", big)
    assert proc.returncode == 13
    assert "big.txt" in proc.stderr and "too large (100.0 MB)" in proc.stderr
    assert time.monotonic() - start < 30 and "Traceback" not in proc.stderr


def test_a_folder_of_mixed_files_builds_the_good_ones(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_plan.txt").write_text((SAMPLES / "001_244a23676422eee3.txt").read_text(encoding="utf-8"), encoding="gb18030")
    (folder / "b_blank.txt").write_text("   \n\t\n", encoding="utf-8")
    (folder / "c_binary.txt").write_bytes(os.urandom(2048))
    (folder / "d_truncated.docx").write_bytes(b"PK\x03\x04" + os.urandom(100))
    (folder / "e_notes.xyz").write_text("ignored in a folder", encoding="utf-8")
    proc = cli("build", folder, "--store", tmp_path / "store")
    assert proc.returncode == 15
    assert "1 documents, 23 tasks" in proc.stdout
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3
    assert any("b_blank.txt" in s and "whitespace" in s for s in skipped)
    assert any("c_binary.txt" in s for s in skipped) and any("d_truncated.docx" in s for s in skipped)


# --- the store ------------------------------------------------------------------------------------


def _corpus(folder: Path, copies: int) -> list[Path]:
    folder.mkdir()
    text = (SAMPLES / "000_fbb961a89fe9d432.txt").read_text(encoding="utf-8")
    paths = []
    for i in range(copies):
        p = folder / f"plan_{i:04d}.txt"
        p.write_text(text.replace("宁栖依法〔2021〕1号", f"宁栖依法〔2021〕{i + 1}号"), encoding="utf-8")
        paths.append(p)
    return paths


def _kill_when(proc: subprocess.Popen, ready, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not ready() and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _bytes_in(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob("*") if f.is_file()) if folder.exists() else 0


def test_killing_a_build_leaves_every_document_whole(tmp_path):
    """A build into a store that already holds documents writes each new one in its own
    transaction: killed in the middle, the store has some of them, each whole."""
    from kg.rdf.mapping import graph_iri, quads
    from kg.extract.pipeline import extract_path

    paths = _corpus(tmp_path / "docs", 120)
    store = tmp_path / "store"
    assert cli("build", SAMPLES / "001_244a23676422eee3.txt", "--store", store).returncode == 0
    # each document is extracted, then written, before the next is extracted: when the seventh
    # extraction starts, six documents have been committed
    script = ("import sys\nimport kg.jobs.build as job\nreal = job._extract_one\n"
              "def told(path, *rest):\n    print('extracting', flush=True)\n    return real(path, *rest)\n"
              "job._extract_one = told\nfrom kg.cli import main\nsys.argv = ['fazhi-kg', *sys.argv[1:]]\nmain()\n")
    proc = subprocess.Popen([sys.executable, "-c", script, "build", str(tmp_path / "docs"), "--store", str(store)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seen = 0
    while seen < 7 and proc.stdout.readline().startswith("extracting"):
        seen += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    st = open_store(store)
    graphs = set(st.graphs())
    sample = graph_iri(extract_path(SAMPLES / "001_244a23676422eee3.txt"))
    assert sample in graphs
    graphs.discard(sample)
    assert 0 < len(graphs) < len(paths), "the kill should land in the middle of the build"
    expected = {}
    for p in paths:
        result = extract_path(p)
        expected[graph_iri(result)] = sorted(quads(result))
    for g in graphs:
        got = sorted(st.quads(g))
        assert len(got) == len(expected[g]), g
    st.close()


@pytest.mark.parametrize("moment", ["spooling", "bulk loading"])
def test_killing_a_fresh_build_leaves_nothing_then_a_build_gives_everything(tmp_path, moment):
    """A build into a new store spools every document and bulk-loads them at once into a store
    beside it: killed while spooling or while loading, there is no store, or an empty one, never
    a part of the documents; the next build clears what the killed one left and gives all."""
    _corpus(tmp_path / "docs", 40)
    store = tmp_path / "store"
    spool, beside = tmp_path / ".store.spool", tmp_path / ".store.rebuild"
    proc = subprocess.Popen(CLI + ["build", str(tmp_path / "docs"), "--store", str(store)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if moment == "spooling":
        _kill_when(proc, lambda: len(list(spool.glob("*.nq"))) >= 10)
    else:
        _kill_when(proc, lambda: beside.exists())
    assert proc.returncode == -signal.SIGKILL, "the build ended before the kill"
    with open_store(store) as st:
        assert st.count() == 0
    proc = cli("build", tmp_path / "docs", "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert "40 documents" in proc.stdout
    assert not spool.exists() and not beside.exists()
    with open_store(store) as st:
        assert len(st.graphs()) == 40


def test_a_second_writer_gets_store_in_use(tmp_path):
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from kg.store import open_store; s = open_store(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(store)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        proc = cli("build", SAMPLES / "000_fbb961a89fe9d432.txt", "--store", store, env={"FAZHI_KG_LOCK_WAIT": "0.5"})
        assert proc.returncode == 21
        assert "store in use" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()
    proc = cli("build", SAMPLES / "000_fbb961a89fe9d432.txt", "--store", store)
    assert proc.returncode == 0, proc.stderr


# --- a remote endpoint that is down, slow or failing -------------------------------------------


class _Flaky(BaseHTTPRequestHandler):
    failures = 0
    mode = "flaky"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        cls = type(self)
        if cls.mode == "slow":
            time.sleep(2)
        if cls.mode == "broken" or (cls.mode == "flaky" and cls.failures < 2):
            cls.failures += 1
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"busy")
            return
        body = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    server = HTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_transient_failures_are_retried(endpoint):
    _Flaky.mode, _Flaky.failures = "flaky", 0
    st = HttpStore(f"http://127.0.0.1:{endpoint.server_port}")
    assert st.query("SELECT ?n WHERE {}").records() == [{"n": "1"}]
    assert _Flaky.failures == 2


def test_a_broken_endpoint_gives_a_clear_error_after_bounded_retries(endpoint):
    _Flaky.mode, _Flaky.failures = "broken", 0
    st = HttpStore(f"http://127.0.0.1:{endpoint.server_port}")
    with pytest.raises(StoreError, match="HTTP 503"):
        st.query("SELECT ?n WHERE {}")
    assert _Flaky.failures == HttpStore.RETRIES


def test_a_slow_endpoint_times_out(endpoint):
    _Flaky.mode = "slow"
    st = HttpStore(f"http://127.0.0.1:{endpoint.server_port}", timeout=0.5)
    st.RETRIES = 1
    # it accepted the connection: the message says it did not answer, not that it cannot be reached
    with pytest.raises(StoreError, match="did not answer within 0.5 s"):
        st.query("SELECT ?n WHERE {}")


def test_an_endpoint_that_is_down():
    from conftest import _free_port

    proc = cli("build", SAMPLES / "000_fbb961a89fe9d432.txt", "--store", f"http://127.0.0.1:{_free_port()}")
    assert proc.returncode == 26  # EndpointError
    assert "cannot reach the SPARQL endpoint" in proc.stderr and "Traceback" not in proc.stderr


def test_query_timeout(tmp_path):
    store = tmp_path / "store"
    assert cli("build", SAMPLES, "--store", store).returncode == 0
    proc = cli("query", "--timeout", "1", "--store", store,
               "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert proc.returncode == 22 and "longer than 1 s" in proc.stderr


# --- writing files ----------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    from kg import fileio

    target = tmp_path / "out.ttl"
    target.write_text("good", encoding="utf-8")

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        fileio.atomic_write_text(target, "half")
    assert target.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_a_file_without_read_permission(tmp_path, monkeypatch):
    """Root reads anything, so the permission error is raised the way the OS would raise it."""
    from kg.ingest import load as loader
    from kg.errors import FileUnreadable

    path = tmp_path / "secret.txt"
    path.write_text("区司法局", encoding="utf-8")
    path.chmod(0)

    def denied(file, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(loader, "open", denied, raising=False)
    with pytest.raises(FileUnreadable) as err:
        loader.load(path)
    assert str(err.value) == f"{path}: permission denied: cannot read it"
    assert err.value.exit_code == 4


def test_a_document_with_no_tasks_is_read_and_built(tmp_path):
    doc = tmp_path / "notice.txt"
    doc.write_text("南京市栖霞区人民政府文件\n关于做好法治政府建设工作的通知\n各街道:请认真贯彻落实。\n", encoding="utf-8")
    proc = cli("build", doc, "--store", tmp_path / "store")
    assert proc.returncode == 0, proc.stderr
    assert "1 documents, 0 tasks" in proc.stdout


def test_hostile_text_stays_text_in_the_xlsx(tmp_path):
    import io

    import openpyxl

    from kg.views.matrix import Row, to_xlsx

    evil = ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '+1+1', '@SUM(A1)', '"}']
    rows = [Row(task=f"t{i}", document="文件", source="f.txt", number=i, path=str(i), title=text, lead=[text])
            for i, text in enumerate(evil, start=1)]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows)))
    ws = wb["全部 all tasks"]
    for i, text in enumerate(evil, start=2):
        cell = ws.cell(row=i, column=4)
        assert cell.value == text and cell.data_type == "s"  # a string, never a formula


def test_readers_get_in_while_a_long_build_runs(tmp_path):
    """A build lets waiting readers in between documents, so a query during a long build
    answers instead of waiting for the whole build."""
    _corpus(tmp_path / "docs", 150)
    store = tmp_path / "store"
    first = tmp_path / "first.txt"
    first.write_text((SAMPLES / "000_fbb961a89fe9d432.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("build", first, "--store", store).returncode == 0
    proc = subprocess.Popen(CLI + ["build", str(tmp_path / "docs"), "--store", str(store)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        assert proc.poll() is None, "the build ended before the reader came"
        reader = cli("query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv",
                     "--store", store, env={"FAZHI_KG_LOCK_WAIT": "15"})
        assert reader.returncode == 0, reader.stderr
        assert int(reader.stdout.split()[-1]) >= 1
        assert proc.poll() is None, "the reader only got in after the build"
    finally:
        proc.wait(timeout=600)
    assert proc.returncode == 0
