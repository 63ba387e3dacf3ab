"""``fazhi-kg serve``: the embedded store behind Oxigraph's read-only SPARQL server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from kg.errors import FazhiError
from kg.store import DEFAULT_STORE


def server_binary() -> str:
    """The `oxigraph` executable installed with the `oxigraph` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise FazhiError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def server_command(store: str | None, port: int) -> list[str]:
    location = Path(store) if store else DEFAULT_STORE
    if str(store or "").startswith(("http://", "https://")) or store == "memory":
        raise FazhiError("serve needs a store directory; an endpoint is already served, and 'memory' has nothing to serve")
    if not (location / "CURRENT").exists():
        raise FazhiError("no store here (run `fazhi-kg build` or `fazhi-kg demo` first)", path=location)
    return [server_binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph"]


def run_server(store: str | None, port: int, *, echo: Callable[[str], None] = print) -> int:
    cmd = server_command(store, port)
    echo(f"SPARQL endpoint http://127.0.0.1:{port}/query (query page: http://127.0.0.1:{port}/) — Ctrl-C to stop")
    sys.stdout.flush()
    if hasattr(os, "execv"):
        # become the server: a signal that stops `fazhi-kg serve` stops the server, and no
        # orphan is left behind
        os.execv(cmd[0], cmd)
    proc = subprocess.Popen(cmd)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)
        return 0
