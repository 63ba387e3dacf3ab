"""``fazhi-kg serve``: the embedded store behind a read-only SPARQL endpoint.

By default the endpoint is fazhi-kg's own (:mod:`kg.jobs.endpoint`): every query is read by the
guard first, so it runs no update and no SERVICE.  Oxigraph's own server (``oxigraph
serve-read-only``) runs every SERVICE clause a client sends: the server's machine then requests
any address the query names (another host on its network, a service on localhost), for anyone who
can reach the endpoint, and a web page the user opens can send such a query to a server on
127.0.0.1 without reading the answer; it has no option to turn SERVICE off (its options:
--location, --bind, --cors, --union-default-graph, --timeout-s).  ``--allow-service`` serves with
it all the same (``exec``: stopping ``fazhi-kg serve`` stops it), with its query page.

Beside the store either leaves a marker with its process id, so that a build into the store it
serves is refused instead of the server answering from the old data; a marker left by a killed
server is ignored.  The own endpoint also holds the store's writer lock while it serves (its
workers open the store read-only, which is safe only while nobody writes), so it does not start
while a build writes.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Callable

from kg.errors import MissingDependency, StoreError, StoreLocked, UsageError
from kg.store import parse_spec
from kg.store.oxigraph import serving_marker, serving_pid


def server_binary() -> str:
    """The `oxigraph` executable installed with the `oxigraph` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise MissingDependency("the Oxigraph server is not installed: pip install oxigraph")
    return found


def store_path(store: str | None) -> Path:
    """The store directory ``store`` names, which must hold a store."""
    spec = parse_spec(store)
    if spec.kind != "oxigraph":
        raise UsageError("serve needs a store directory; an endpoint is already served, and 'memory' has nothing to serve")
    if not (spec.path / "CURRENT").exists():
        raise StoreError("no store here (run `fazhi-kg build` or `fazhi-kg demo` first)", path=spec.path)
    return spec.path


def server_command(store: str | None, port: int, host: str = "127.0.0.1", timeout: float | None = None) -> list[str]:
    """Oxigraph's read-only server on the store (it runs SERVICE clauses)."""
    path = store_path(store)
    return [server_binary(), "serve-read-only", "--location", str(path), "--bind", f"{_bind_host(host)}:{port}",
            "--union-default-graph"] + (["--timeout-s", f"{max(1, round(timeout))}"] if timeout else [])


def _bind_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _cannot_listen(host: str, port: int, exc: OSError) -> UsageError:
    reason = "the port is in use (another server?)" if exc.errno in (98, 48, 10048) else exc.strerror
    return UsageError(f"cannot listen on {host}:{port}: {reason}; choose another with --port")


def check_port(host: str, port: int) -> None:
    """Fail before starting when the address cannot be listened on (a port in use, a bad host)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host.strip("[]"), port))
        except OSError as exc:
            raise _cannot_listen(host, port, exc) from None


def banner(host: str, port: int, site: bool = False) -> str:
    shown = _bind_host(host)
    if site:
        return (f"site http://{shown}:{port}/, SPARQL endpoint http://{shown}:{port}/query (query page: "
                f"http://{shown}:{port}/sparql) — Ctrl-C to stop")
    return f"SPARQL endpoint http://{shown}:{port}/query (query page: http://{shown}:{port}/) — Ctrl-C to stop"


def site_folder(site: str | Path) -> Path:
    """The folder of a site `fazhi-kg site` wrote, to serve beside the endpoint."""
    from kg.site.build import MARKER

    path = Path(site).absolute()
    if not (path / MARKER).is_file() or not (path / "index.html").is_file():
        raise UsageError(f"{path}: not a site `fazhi-kg site` wrote (run `fazhi-kg site {site}` first)")
    return path


#: seconds a query may run on the endpoint (``serve --timeout``)
TIMEOUT = 30.0


def run_server(store: str | None, port: int, *, host: str = "127.0.0.1", echo: Callable[[str], None] = print,
               allow_service: bool = False, timeout: float = TIMEOUT, site: str | Path | None = None) -> int:
    """Serve until Ctrl-C (exit status 0).  ``echo`` shows the banner once the endpoint answers.
    ``site``: a folder `fazhi-kg site` wrote, served at / beside the endpoint."""
    if allow_service:
        if site is not None:
            raise UsageError("--site is served by fazhi-kg's own endpoint, not with --allow-service")
        return _oxigraph(server_command(store, port, host, timeout), store_path(store), host, port, echo)
    path = store_path(store)
    folder = site_folder(site) if site is not None else None
    check_port(host, port)
    return _guarded(path, host, port, echo, timeout, folder)


def _guarded(path: Path, host: str, port: int, echo: Callable[[str], None], timeout: float,
             site: Path | None = None) -> int:
    from kg.jobs.endpoint import Endpoint, QueryEngine
    from kg.store.locking import WriterLock, lock_wait

    try:
        server = Endpoint(host, port, site=site)
    except OSError as exc:
        raise _cannot_listen(host, port, exc) from None
    lock, marker, engine, marked = WriterLock(path), serving_marker(path), None, False
    try:
        with _sigterm_stops():
            other = serving_pid(path)
            if other is not None:
                raise StoreLocked(f"the store is already served by `fazhi-kg serve` (process {other})", path=path)
            lock.acquire(lock_wait())  # no build writes while the workers read (StoreLocked if one does)
            marked = _mark(marker)
            server.engine = engine = QueryEngine(path, timeout=timeout)
            echo(banner(host, port, site is not None))
            server.serve_forever()
    except KeyboardInterrupt:
        return 0
    finally:
        server.server_close()
        if engine is not None:
            engine.close()
        if marked:
            marker.unlink(missing_ok=True)
        lock.release()
    return 0


class _sigterm_stops:
    """SIGTERM (``kill``, a service manager) stops the endpoint as Ctrl-C does: cleanly. Ctrl-C
    (SIGINT) stops it too even where the process was started with SIGINT ignored (a parent that
    ignores it passes that on: nohup, a job runner, a test runner's worker)."""

    def __enter__(self) -> None:
        import signal

        def stop(signum, frame):
            raise KeyboardInterrupt

        try:
            self.before = signal.signal(signal.SIGTERM, stop)
            self.before_int = signal.signal(signal.SIGINT, stop)
        except ValueError:  # not the main thread: left as it is
            self.before = self.before_int = None

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.before is not None:
            signal.signal(signal.SIGTERM, self.before)
        if self.before_int is not None:
            signal.signal(signal.SIGINT, self.before_int)


def _mark(marker: Path) -> bool:
    try:
        marker.write_text(str(os.getpid()))
        return True
    except OSError:
        return False  # a read-only folder: builds are then not warned, the server still serves


def _oxigraph(cmd: list[str], path: Path, host: str, port: int, echo: Callable[[str], None]) -> int:
    check_port(host, port)
    # the caller shows this line, and must have it out before the process becomes the server
    echo(banner(host, port))
    marker = serving_marker(path)
    _mark(marker)
    if hasattr(os, "execv"):
        # become the server: a signal that stops `fazhi-kg serve` stops the server, and no
        # orphan is left behind; the process id in the marker stays the server's
        os.execv(cmd[0], cmd)
    proc = subprocess.Popen(cmd)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)
        return 0
    finally:
        marker.unlink(missing_ok=True)
