"""Where the graph lives, from the ``--store`` value: a directory (embedded Oxigraph, the default
``./.fazhi-kg/store``), ``memory``, or an ``http(s)://`` SPARQL endpoint.  Parsed here only.

An endpoint URL says where queries and updates go (:func:`kg.store.http.endpoint`):

* ``http://host:8890/sparql`` — the path ends in ``/sparql`` (or ``/sparql-auth``): queries and
  updates both go to that URL (Virtuoso);
* ``http://host:7878/query`` — the path ends in ``/query`` or ``/update``: the other is its sibling;
* ``QUERY_URL,UPDATE_URL`` — both named (GraphDB's ``…/repositories/R`` and ``…/repositories/R/statements``);
* anything else is a dataset base: ``BASE/query`` and ``BASE/update`` (Oxigraph server, Fuseki
  ``http://host:3030/ds``).

Credentials go in the URL (``http://USER:PASSWORD@host/…``) or in ``FAZHI_KG_ENDPOINT_USER`` and
``FAZHI_KG_ENDPOINT_PASSWORD``; the store's ``location`` shows the password masked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import FazhiError, QueryError, UsageError
from kg.store.base import BaseStore, Solutions
from kg.store.http import HttpStore
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

DEFAULT_STORE = Path(".fazhi-kg") / "store"


@dataclass(frozen=True)
class StoreSpec:
    kind: str  # "oxigraph" | "memory" | "http"
    location: str  # the directory, "memory", or the endpoint URL as given (credentials and all)

    @property
    def path(self) -> Path:
        return Path(self.location)


def parse_spec(spec: str | Path | None) -> StoreSpec:
    """``memory``, an ``http(s)://`` endpoint (see above), or a directory (default ``./.fazhi-kg/store``)."""
    text = str(spec) if spec is not None else str(DEFAULT_STORE)
    if text == "memory":
        return StoreSpec("memory", "memory")
    if text.startswith(("http://", "https://")):
        return StoreSpec("http", text)
    return StoreSpec("oxigraph", text)


def open_store(spec: str | Path | StoreSpec | None = None, *, read_only: bool = False, fresh: bool = False,
               timeout: float | None = None) -> BaseStore:
    """The store ``spec`` names.  ``fresh`` starts an empty store directory that replaces the old
    one when it is closed without an error (``build --rebuild``); ``timeout`` is how long an
    endpoint may take to answer (default ``FAZHI_KG_ENDPOINT_TIMEOUT`` or 60 s)."""
    s = spec if isinstance(spec, StoreSpec) else parse_spec(spec)
    if fresh and s.kind != "oxigraph":
        raise UsageError("--rebuild starts a fresh store directory; an endpoint's graphs are cleared on its server "
                         "(DROP them there), and 'memory' starts empty anyway")
    if s.kind == "memory":
        return MemoryStore()
    if s.kind == "http":
        return HttpStore(s.location, timeout=timeout)
    return OxigraphStore(s.path, read_only=read_only, fresh=fresh)


def _query_in_child(spec: str | None, sparql: str, conn) -> None:
    try:
        with open_store(spec, read_only=True) as st:
            conn.send(("ok", st.query(sparql)))
    except FazhiError as exc:
        conn.send(("error", exc))
    finally:
        conn.close()


def query_with_timeout(spec: str | None, sparql: str, timeout: float) -> Solutions:
    """Run a query in a child process and stop it after ``timeout`` seconds.

    An embedded store cannot interrupt a running query, but a process can be killed; the
    store's lock goes with it.
    """
    import multiprocessing as mp

    if parse_spec(spec).kind == "http":
        store = HttpStore(parse_spec(spec).location, timeout=timeout)
        store.RETRIES = 1
        return store.query(sparql)
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_in_child, args=(spec, sparql, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"the query took longer than {timeout:g} s (--timeout) and was stopped")
    status, payload = parent.recv()
    proc.join()
    if status == "error":
        raise payload
    return payload
