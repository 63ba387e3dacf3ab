"""Shared fixtures: the bundled samples, and live SPARQL servers on loopback: Oxigraph server (with
and without a union default graph) and OpenLink Virtuoso."""

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def unaccepted_port():
    """A port on 127.0.0.1 whose listener never accepts and whose backlog is full, so that a new
    connection to it hangs (an endpoint that takes no connection): yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filling = []
    for _ in range(3):  # fill the backlog
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        filling.append(s)
    try:
        yield port
    finally:
        for s in filling + [listener]:
            s.close()


def _wait_for(proc: subprocess.Popen, url: str, name: str, seconds: float, log=None) -> None:
    """Poll ``url`` until it answers; fail with the server's own words if it exits or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if proc.poll() is not None:
                said = log() if log else proc.stderr.read().decode(errors="replace")
                pytest.fail(f"{name} exited: {said[-800:]}")
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"{name} did not start within {seconds:g} s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _oxigraph(location: Path, *, union: bool):
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the `oxigraph` server binary is missing: pip install -e '.[test]'")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
                            + (["--union-default-graph"] if union else []),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    _wait_for(proc, base + "/query?query=ASK%7B%7D", "oxigraph server", 30)
    return proc, base


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """An Oxigraph server (from the `oxigraph` PyPI package) on 127.0.0.1, union default graph."""
    proc, base = _oxigraph(tmp_path_factory.mktemp("oxigraph-server"), union=True)
    yield base
    _stop(proc)


@pytest.fixture(scope="session")
def oxigraph_server_plain(tmp_path_factory):
    """An Oxigraph server started as its documentation shows, without --union-default-graph: its
    default graph is its own, empty graph (Fuseki's default too)."""
    proc, base = _oxigraph(tmp_path_factory.mktemp("oxigraph-plain"), union=False)
    yield base
    _stop(proc)


# --- OpenLink Virtuoso ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Virtuoso:
    sparql: str  # http://127.0.0.1:PORT/sparql — anonymous, queries and updates (SPARQL user)
    auth: str  # http://127.0.0.1:PORT/sparql-auth — Digest authentication
    user: str  # a user with a password who may update (through /sparql-auth)
    password: str
    reader: str  # a user with a password who may only query
    isql: tuple  # the isql command line, to run SQL as dba


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql}
DisableUnixSocket  = 1
ServerThreads      = 10
CheckpointInterval = 0
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
DirsAllowed        = .

[HTTPServer]
ServerPort           = 127.0.0.1:{http}
ServerRoot           = {d}
ServerThreads        = 4
MaxClientConnections = 4
Charset              = UTF-8

[SPARQL]
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """OpenLink Virtuoso 7 (Debian's virtuoso-opensource) on 127.0.0.1, on free ports, with a new
    database in a temporary folder and a virtuoso.ini written here (never the system service).
    The SPARQL user may update (GRANT SPARQL_UPDATE TO "SPARQL", as Virtuoso's documentation
    says); user `fazhi` may update through /sparql-auth, user `reader` may only query."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if binary is None or isql is None:
        pytest.fail("the Virtuoso server (virtuoso-t, isql-vt) is missing: "
                    "apt-get install virtuoso-opensource (.ci/run installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, web = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=web), encoding="utf-8")
    proc = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{web}"
    log = lambda: (folder / "virtuoso.log").read_text(errors="replace") if (folder / "virtuoso.log").exists() else ""
    _wait_for(proc, base + "/sparql?query=ASK%7B%7D", "virtuoso", 60, log)
    command = (isql, f"127.0.0.1:{sql}", "dba", "dba")
    setup = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
             "DB.DBA.USER_CREATE('fazhi', 'pa:ss @word'); GRANT SPARQL_UPDATE TO \"fazhi\"; "
             "DB.DBA.USER_CREATE('reader', 'only-reads'); GRANT SPARQL_SELECT TO \"reader\";")
    done = subprocess.run([*command, f"exec={setup}"], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        _stop(proc)
        pytest.fail(f"setting up Virtuoso's users failed: {(done.stdout + done.stderr)[-800:]}")
    yield Virtuoso(base + "/sparql", base + "/sparql-auth", "fazhi", "pa:ss @word", "reader", command)
    _stop(proc)
