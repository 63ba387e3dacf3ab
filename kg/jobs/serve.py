"""``fazhi-kg serve``: the embedded store behind Oxigraph's read-only SPARQL server.

The server runs in this process (``exec``), so stopping ``fazhi-kg serve`` stops it.  Beside the
store it leaves a marker with its process id, so that a build into the store it serves is refused
instead of the server answering from the old data; a marker left by a killed server is ignored.

Oxigraph's server runs every SERVICE clause a client sends: the server's machine then requests
any address the query names (another host on its network, a service on localhost), for anyone
who can reach the endpoint, and a web page the user opens can send such a query to a server on
127.0.0.1 without reading the answer.  ``oxigraph serve-read-only`` has no option to turn SERVICE
off (its options: --location, --bind, --cors, --union-default-graph, --timeout-s), so ``serve``
does not start unless ``--allow-service`` says that this is accepted.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Callable

from kg.errors import MissingDependency, StoreError, UsageError
from kg.store import parse_spec
from kg.store.oxigraph import serving_marker


def server_binary() -> str:
    """The `oxigraph` executable installed with the `oxigraph` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise MissingDependency("the Oxigraph server is not installed: pip install oxigraph")
    return found


def server_command(store: str | None, port: int, host: str = "127.0.0.1") -> list[str]:
    spec = parse_spec(store)
    if spec.kind != "oxigraph":
        raise UsageError("serve needs a store directory; an endpoint is already served, and 'memory' has nothing to serve")
    if not (spec.path / "CURRENT").exists():
        raise StoreError("no store here (run `fazhi-kg build` or `fazhi-kg demo` first)", path=spec.path)
    return [server_binary(), "serve-read-only", "--location", str(spec.path), "--bind", f"{_bind_host(host)}:{port}",
            "--union-default-graph"]


def _bind_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def check_port(host: str, port: int) -> None:
    """Fail before starting when the address cannot be listened on (a port in use, a bad host)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host.strip("[]"), port))
        except OSError as exc:
            reason = "the port is in use (another server?)" if exc.errno in (98, 48, 10048) else exc.strerror
            raise UsageError(f"cannot listen on {host}:{port}: {reason}; choose another with --port") from None


#: why serve needs --allow-service (one line, as the error says it)
NEEDS_ALLOW_SERVICE = ("not serving: Oxigraph's server runs the SERVICE clauses of any query it is sent (this machine "
                       "then requests whatever address the query names, for anyone who can reach the endpoint) and has "
                       "no option to turn that off; start serve with --allow-service to accept it")


def run_server(store: str | None, port: int, *, host: str = "127.0.0.1", echo: Callable[[str], None] = print,
               allow_service: bool = False) -> int:
    cmd = server_command(store, port, host)
    check_port(host, port)
    if not allow_service:
        raise UsageError(NEEDS_ALLOW_SERVICE)
    shown = _bind_host(host)
    # the caller shows this line, and must have it out before the process becomes the server
    echo(f"SPARQL endpoint http://{shown}:{port}/query (query page: http://{shown}:{port}/) — Ctrl-C to stop")
    marker = serving_marker(parse_spec(store).path)
    try:
        marker.write_text(str(os.getpid()))
    except OSError:
        pass  # a read-only folder: builds are then not warned, the server still serves
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
