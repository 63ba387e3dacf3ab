"""Faults of the store, the build and the files around them (issue 15): two files of one document,
two writers, a reader during a long extraction, a corrupt store, a folder that is not a store, a
full disk, SIGTERM and SIGKILL mid-write, an endpoint that hangs, a jieba cache another user owns.
Each ends in one line and its exit code, or in the promised behaviour — never a traceback."""

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EndpointError
from kg.jobs.build import build
from kg.store import HttpStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
QIXIA = SAMPLES / "000_fbb961a89fe9d432.txt"  # 文号 宁栖依法〔2021〕1号, 38 tasks
YANCHENG = SAMPLES / "001_244a23676422eee3.txt"  # 文号 盐开委法办〔2021〕2号, 23 tasks
CLI = [sys.executable, str(ROOT / "cli.py")]
FILES = "SELECT ?f WHERE { ?d <https://w3id.org/fazhi-kg/ontology#sourceFile> ?f } ORDER BY ?f"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def run(*args, env=None):
    """The command in this process."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def cli(*args, env=None, timeout=60):
    """The command as a user runs it: its own process."""
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})})


def python(code, *args, env=None):
    """A Python process running ``code`` (it prints a line when it is where the test wants it)."""
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})


def one_line(stderr: str, code: int, returncode: int, *needles: str) -> str:
    assert returncode == code, stderr
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    for needle in needles:
        assert needle in stderr, stderr
    return stderr


def source_files(store) -> list[str]:
    with open_store(store, read_only=True) as st:
        return [r["f"] for r in st.query(FILES).records()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store holding the 盐城 plan, built once; tests copy it."""
    path = tmp_path_factory.mktemp("built") / "store"
    with open_store(path) as st:
        build([YANCHENG], st)
    return path


@pytest.fixture
def store(built, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(built, path)
    return path


# --- 1. two files that claim one document ----------------------------------------------------------


def test_two_files_of_one_document_keep_the_first_and_name_both(tmp_path):
    first, later = tmp_path / "a.txt", tmp_path / "b.txt"
    text = QIXIA.read_text(encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    later.write_text(text, encoding="gb18030")  # a GBK copy: other bytes, the same 文号
    store = tmp_path / "store"
    result = run("build", first, later, YANCHENG, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 documents, 61 tasks,"), result.stdout  # documents stored, not files
    assert result.stderr.splitlines() == [
        f"kept {first}, not {later}: both are the document 文号 宁栖依法〔2021〕1号 (build --replace takes the later file)"]
    assert source_files(store) == [YANCHENG.name, "a.txt"]
    result = run("build", first, later, "--replace", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 documents, 38 tasks,"), result.stdout
    assert f"{later} replaced {first}: both are the document 文号 宁栖依法〔2021〕1号 (--replace)" in result.stderr
    assert source_files(store) == [YANCHENG.name, "b.txt"]


def test_a_document_the_store_holds_is_said_to_be_replaced(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(QIXIA, copy)
    store = tmp_path / "store"
    assert run("build", QIXIA, "--store", store).exit_code == 0
    with open_store(store, read_only=True) as st:
        quads = st.count()
    again = run("build", QIXIA, "--store", store)  # the normal rebuild
    assert again.exit_code == 0, again.output
    assert "replaced 1 documents the store already held (built before from files of the same names)" in again.stderr
    other = run("build", copy, "--store", store)  # another file of the same document
    assert other.exit_code == 0, other.output
    assert f"{copy} replaced the document the store held from {QIXIA.name}: both are 文号 宁栖依法〔2021〕1号" in other.stderr
    with open_store(store, read_only=True) as st:
        assert st.count() == quads and len(st.graphs()) == 1


# --- 2. locks: one writer, readers between writes -------------------------------------------------

# a writer that does what a build does between documents, for as long as it is told
WRITER = """
import sys, time
from kg.store import open_store
st = open_store(sys.argv[1])
print("open", flush=True)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    st.let_readers_in()
    time.sleep(0.1)
st.close()
"""

# a build whose extraction of each document takes argv[1] seconds
SLOW_BUILD = """
import sys, time
import kg.jobs.build as job
real, seconds = job._extract_one, float(sys.argv[1])
def slow(path, *rest):
    print("extracting", flush=True)
    time.sleep(seconds)
    return real(path, *rest)
job._extract_one = slow
from kg.cli import main
sys.argv = ["fazhi-kg", "build", *sys.argv[2:]]
main()
"""

# a reader that holds the store for argv[2] seconds once it has it
READER = """
import sys, time
from kg.store import open_store
st = open_store(sys.argv[1], read_only=True)
print("open", flush=True)
time.sleep(float(sys.argv[2]))
st.close()
"""


def test_a_second_writer_waits_then_fails_while_readers_get_in(store):
    writer = python(WRITER, store, 10)
    try:
        assert writer.stdout.readline().strip() == "open"
        started = time.monotonic()
        second = cli("build", QIXIA, "--store", store, env={"FAZHI_KG_LOCK_WAIT": "1.5"})
        one_line(second.stderr, 21, second.returncode, str(store), "store in use by another fazhi-kg process that "
                 "writes to it", "FAZHI_KG_LOCK_WAIT")
        assert 1.4 < time.monotonic() - started < 8
        reader = cli("query", "--store", store, GRAPHS, "--format", "csv", env={"FAZHI_KG_LOCK_WAIT": "5"})
        assert reader.returncode == 0, reader.stderr
        assert reader.stdout.split()[-1] == "1"  # the second writer wrote nothing
    finally:
        writer.kill()
        writer.wait()


def test_a_reader_gets_in_during_a_long_extraction(store):
    builder = python(SLOW_BUILD, 3, QIXIA, "--store", store)
    try:
        assert builder.stdout.readline().strip() == "extracting"
        reader = cli("query", "--store", store, GRAPHS, "--format", "csv", env={"FAZHI_KG_LOCK_WAIT": "2"})
        assert reader.returncode == 0, reader.stderr
        assert reader.stdout.split()[-1] == "1"
        assert builder.poll() is None, "the reader got in only after the extraction"
    finally:
        out, err = builder.communicate(timeout=60)
    assert builder.returncode == 0, err
    assert cli("query", "--store", store, GRAPHS, "--format", "csv").stdout.split()[-1] == "2"


def test_a_build_waits_for_the_readers_it_let_in_up_to_a_limit_and_says_so(store):
    builder = python(SLOW_BUILD, 2, QIXIA, "--store", store, env={"FAZHI_KG_PAUSE_WAIT": "1"})
    reader = None
    try:
        assert builder.stdout.readline().strip() == "extracting"
        reader = python(READER, store, 6, env={"FAZHI_KG_LOCK_WAIT": "10"})
        assert reader.stdout.readline().strip() == "open"
        out, err = builder.communicate(timeout=30)
    finally:
        builder.kill()
        if reader:
            reader.kill()
            reader.wait()
    one_line(err, 21, builder.returncode, str(store), "this build let readers in and they still use the store after 1 s",
             "FAZHI_KG_PAUSE_WAIT", "run the build again")


def test_the_pause_limit_is_an_hour_unless_set(monkeypatch):
    from kg.errors import UsageError
    from kg.store.locking import pause_wait

    monkeypatch.delenv("FAZHI_KG_PAUSE_WAIT", raising=False)
    assert pause_wait() == 3600
    monkeypatch.setenv("FAZHI_KG_PAUSE_WAIT", "2.5")
    assert pause_wait() == 2.5
    monkeypatch.setenv("FAZHI_KG_PAUSE_WAIT", "an hour")
    with pytest.raises(UsageError, match="FAZHI_KG_PAUSE_WAIT must be a number of seconds"):
        pause_wait()


# --- 3. a corrupt store, a folder that is not one ----------------------------------------------------


def _largest_sst(store: Path) -> Path:
    return max(store.glob("*.sst"), key=lambda p: p.stat().st_size)


def _truncate_sst(store):
    sst = _largest_sst(store)
    os.truncate(sst, sst.stat().st_size // 2)


def _garbage_current(store):
    (store / "CURRENT").write_text("garbage\n")


def _garbage_manifest(store):
    for manifest in store.glob("MANIFEST-*"):
        manifest.write_bytes(b"\x00not a manifest\x00" * 10)


def _no_current(store):  # RocksDB would start an empty store over the old files
    (store / "CURRENT").unlink()


@pytest.mark.parametrize("damage", [_truncate_sst, _garbage_current, _garbage_manifest, _no_current])
def test_a_corrupt_store_is_one_line_and_rebuild_is_the_way_out(store, damage):
    damage(store)
    for command in (["query", GRAPHS], ["export"], ["build", QIXIA]):
        result = run(*command, "--store", store)
        one_line(result.stderr, 20, result.exit_code, f"{store}: the store is corrupt (",
                 f"`fazhi-kg build --rebuild --store {store} FILE…`", f"a backup of {store}")
        assert result.stdout == ""
    fresh = run("build", QIXIA, "--rebuild", "--store", store)
    assert fresh.exit_code == 0, fresh.output
    assert fresh.stdout.startswith("1 documents, 38 tasks") and f"({store})" in fresh.stdout
    assert source_files(store) == [QIXIA.name]  # a fresh store: only what this build wrote
    assert [p.name for p in store.parent.iterdir() if "rebuild" in p.name or "replaced" in p.name] == []


def test_a_rebuild_that_fails_leaves_the_old_store(store, tmp_path):
    result = run("build", tmp_path / "missing.txt", "--rebuild", "--strict", "--store", store)
    assert result.exit_code == 3, result.output
    assert source_files(store) == [YANCHENG.name]


def test_build_into_a_folder_of_other_files_is_refused(tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    for extra in ([], ["--rebuild"]):
        result = run("build", YANCHENG, *extra, "--store", folder)
        one_line(result.stderr, 20, result.exit_code, f"{folder}: this folder holds other files (notes.txt) and is "
                 "not a fazhi-kg store, so nothing was written to it")
        assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", YANCHENG, "--store", empty).exit_code == 0
    assert run("build", QIXIA, "--store", empty).exit_code == 0  # a store now: built into again
    assert source_files(empty) == [QIXIA.name, YANCHENG.name]


# --- 3b. a full disk ---------------------------------------------------------------------------------


class _FullDisk:
    """A file on a disk with ``room`` bytes left: writes past it fail with ENOSPC (buffered, as a
    real file's do, at the write that overflows or at the flush)."""

    def __init__(self, real, room: int):
        self.real, self.room, self.size = real, room, 0

    def write(self, data):
        self.size += len(data)
        if self.size > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.real.write(data)

    def flush(self):
        self.real.flush()

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


@pytest.mark.parametrize("command, name", [(["export", "--format", "turtle"], "graph.ttl"),
                                           (["export", "--format", "nquads"], "graph.nq"),
                                           (["matrix"], "matrix.csv")])
def test_a_full_disk_is_one_line_and_the_old_file_stays(store, tmp_path, monkeypatch, command, name):
    from kg import fileio

    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    target.write_text("the old file\n", encoding="utf-8")
    real = os.fdopen
    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, *a, **k: _FullDisk(real(fd, *a, **k), room=2000))
    result = run(*command, "--store", store, "--output", target)
    monkeypatch.undo()
    one_line(result.stderr, 17, result.exit_code, f"{target}: cannot write it: no space left on device",
             "the old file is left as it was")
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in out.iterdir()] == [name]  # no temporary file left


def test_a_full_disk_at_the_sync_is_one_line_too(tmp_path, monkeypatch):
    """Written data sits in the page cache until the sync; a full disk (or a quota) often shows there."""
    from kg import fileio
    from kg.errors import OutputError

    def full(fd):
        raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))

    monkeypatch.setattr(fileio.os, "fsync", full)
    with pytest.raises(OutputError) as caught:
        fileio.atomic_write_text(tmp_path / "new.csv", "a,b\n" * 1000)
    assert str(caught.value) == (f"{tmp_path / 'new.csv'}: cannot write it: disk quota exceeded (after 4,000 bytes); "
                                 "no file was made")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_an_export_to_a_full_standard_output_is_one_line(store):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(CLI + ["export", "--store", str(store)], stdout=full, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, timeout=60)
    one_line(proc.stderr, 17, proc.returncode, "standard output: cannot write the export to it: no space left on device")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", [["matrix"], ["analyze", "--format", "csv"], ["query", "--name", "documents"]])
def test_any_answer_to_a_full_standard_output_is_one_line(store, command):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(CLI + [*command, "--store", str(store)], stdout=full, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, timeout=60)
    one_line(proc.stderr, 17, proc.returncode, "standard output: cannot write it: no space left on device")


# --- 4. temporary files on SIGTERM and after SIGKILL -------------------------------------------------

# an export that writes a little of its file, then waits to be stopped
STUCK_EXPORT = """
import sys, time
import kg.jobs.export as job
def stuck(store, fmt, out, **kwargs):
    out(b"@prefix half-written .\\n")
    print("writing", flush=True)
    time.sleep(60)
job.write = stuck
from kg.cli import main
sys.argv = ["fazhi-kg", "export", *sys.argv[1:]]
main()
"""


def test_temporary_files_go_on_sigterm_and_after_sigkill(store, tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("the old file\n", encoding="utf-8")

    def temporary():
        return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".graph.ttl."))

    other = tmp_path / "other-store"  # the stuck exports hold theirs
    shutil.copytree(store, other)
    killed = python(STUCK_EXPORT, "--store", store, "--output", target)
    assert killed.stdout.readline().strip() == "writing"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    left = temporary()
    assert len(left) == 1 and left[0].startswith(".graph.ttl.fazhi-kg-tmp."), left  # the project's prefix
    # another export is writing the same file meanwhile: its temporary file is not touched
    alive = python(STUCK_EXPORT, "--store", store, "--output", target)
    assert alive.stdout.readline().strip() == "writing"
    result = run("export", "--store", other, "--output", target, "--format", "ntriples")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<https://w3id.org/fazhi-kg/")
    assert len(temporary()) == 1 and temporary() != left  # the killed one's went, the live one's stays
    alive.send_signal(signal.SIGTERM)
    out, err = alive.communicate(timeout=30)
    assert alive.returncode == 143 and "Traceback" not in err, err
    assert temporary() == []
    assert target.read_text(encoding="utf-8").startswith("<https://w3id.org/fazhi-kg/")


# --- 5. an endpoint that accepts the connection and never answers ----------------------------------


@pytest.fixture
def silent_endpoint():
    """A server on 127.0.0.1 that accepts every connection, reads nothing and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", held
    stop.set()
    thread.join()
    for s in held + [listener]:
        s.close()


def test_a_hanging_endpoint_stops_a_build_after_its_timeout(silent_endpoint):
    url, connections = silent_endpoint
    started = time.monotonic()
    result = run("build", YANCHENG, "--store", url, "--timeout", "1")
    one_line(result.stderr, 26, result.exit_code, f"the SPARQL endpoint at {url}/query did not answer within 1 s")
    assert time.monotonic() - started < 6 and len(connections) == 1  # not asked again


def test_connect_and_answer_timeouts_are_set_apart(silent_endpoint, monkeypatch):
    url, _ = silent_endpoint
    monkeypatch.setenv("FAZHI_KG_ENDPOINT_TIMEOUT", "0.5")
    monkeypatch.setenv("FAZHI_KG_CONNECT_TIMEOUT", "7")
    st = HttpStore(url)
    assert (st.timeout, st.connect_timeout) == (0.5, 7)
    with pytest.raises(EndpointError, match=r"did not answer within 0\.5 s$"):
        st.query("ASK {}")
    monkeypatch.setenv("FAZHI_KG_CONNECT_TIMEOUT", "soon")
    result = run("query", "--store", url, "ASK {}")
    one_line(result.stderr, 2, result.exit_code, "FAZHI_KG_CONNECT_TIMEOUT must be a number of seconds")


def test_a_connection_never_accepted_is_not_tried_again():
    """A connect timeout has been waited once: three attempts would only triple the wait."""
    from conftest import unaccepted_port

    with unaccepted_port() as port:
        st = HttpStore(f"http://127.0.0.1:{port}", connect_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(EndpointError, match=r"cannot reach .*: no connection within 0\.5 s$"):
            st.query("ASK {}")
        assert time.monotonic() - started < 1.4


def _answering(body: bytes, content_type: str = "application/sparql-results+json"):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)

    def serve():
        for _ in range(4):
            try:
                conn = listener.accept()[0]
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                         f"Connection: close\r\n\r\n".encode() + body)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.parametrize("body, said", [
    (b"", "it sent application/sparql-results+json, nothing"),
    ("{\"head\": \"结果\"}".encode("gb18030"), "it sent application/sparql-results+json, '{\"head\": \""),
    (b"null", "it sent JSON without SPARQL's head and results: 'null'"),
    (json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal"}}]}}).encode(),
     "it sent JSON without SPARQL's head and results"),
    (json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": ["n"]}}).encode(),
     "it sent JSON without SPARQL's head and results"),
])
def test_more_malformed_answers_are_one_line(body, said):
    """Beside test_endpoints.py's cases: an empty answer, one not in UTF-8, JSON null, bindings
    without a value or not objects."""
    listener, url = _answering(body)
    try:
        with pytest.raises(EndpointError) as caught:
            HttpStore(url).query("SELECT ?n WHERE { ?n ?p ?o }")
    finally:
        listener.close()
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"the SPARQL endpoint at {url}/query did not send SPARQL "
                                                      "results: "), message
    assert said in message, message


# --- 6. jieba's cache ----------------------------------------------------------------------------

TOKENS = "from kg.reference.tokenizer import tokenizer; print(tokenizer().lcut('区司法局牵头'))"


def test_jiebas_cache_is_per_user_and_a_cache_that_cannot_be_written_is_passed_over(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    (shared / "jieba.cache").mkdir()  # the shared cache cannot be written (as another user's cannot)
    home = tmp_path / "home"
    env = {"TMPDIR": str(shared), "HOME": str(home), "XDG_CACHE_HOME": ""}
    proc = python(TOKENS, env=env)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "区司法局" in out, err
    assert "Traceback" not in err and "failed" not in err, err
    assert (home / ".cache" / "fazhi-kg" / "jieba.cache").is_file()  # the user's own
    assert [p.name for p in shared.iterdir()] == ["jieba.cache"]  # nothing left in the shared folder
    nowhere = tmp_path / "a-file"
    nowhere.write_text("not a folder", encoding="utf-8")
    env = {"TMPDIR": str(shared), "HOME": str(nowhere), "XDG_CACHE_HOME": str(nowhere)}
    proc = python(TOKENS, env=env)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "区司法局" in out, err  # no cache at all: it runs without
    assert "Traceback" not in err and "failed" not in err, err
    assert [p.name for p in shared.iterdir()] == ["jieba.cache"]
