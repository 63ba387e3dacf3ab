"""Any SPARQL 1.1 Query + Update endpoint over HTTP (Oxigraph server, Fuseki, Virtuoso, …)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterator

from kg.errors import QueryError, StoreError
from kg.store.base import BaseStore, Quad, Solutions, Term, literal, replace_update


class HttpStore(BaseStore):
    """Any SPARQL 1.1 Query + Update endpoint.

    ``base`` is the dataset URL; query and update URLs are ``base/query`` and ``base/update`` as
    Oxigraph server and Apache Jena Fuseki document them, unless given explicitly.  The endpoint
    is expected to expose the union of its named graphs as the default graph (Oxigraph:
    ``--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph``; Virtuoso and GraphDB do so).
    """

    kind = "http"
    RETRIES = 3

    def __init__(self, base: str, *, query_url: str | None = None, update_url: str | None = None,
                 timeout: float = 60.0):
        self.location = base.rstrip("/")
        self.query_url = query_url or self.location + "/query"
        self.update_url = update_url or self.location + "/update"
        self.timeout = timeout

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        data = urllib.parse.urlencode(form).encode("utf-8")
        delay = 0.5
        for attempt in range(1, self.RETRIES + 1):
            req = urllib.request.Request(url, data=data, method="POST", headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                body = exc.read().decode("utf-8", "replace").strip().splitlines()
                detail = body[0][:300] if body else exc.reason
                if exc.code >= 500 and attempt < self.RETRIES:
                    time.sleep(delay)
                    delay *= 2
                    continue
                if exc.code == 400:
                    raise QueryError(f"the endpoint refused the request: {detail}") from None
                raise StoreError(f"HTTP {exc.code} from {url}: {detail}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if attempt < self.RETRIES:
                    time.sleep(delay)
                    delay *= 2
                    continue
                reason = getattr(exc, "reason", exc)
                raise StoreError(f"cannot reach the SPARQL endpoint at {url}: {reason}") from None
        raise StoreError(f"no answer from {url}")  # pragma: no cover

    def replace_document(self, graph: str, quads: list[Quad]) -> None:
        self.update(replace_update(graph, quads))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def query(self, sparql: str, *, timeout: float | None = None) -> Solutions:
        raw = self._post(self.query_url, {"query": sparql}, "application/sparql-results+json")
        data = json.loads(raw.decode("utf-8"))
        if "boolean" in data:
            return Solutions(variables=[], boolean=bool(data["boolean"]))
        variables = data["head"].get("vars", [])
        rows = [[_json_term(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
        return Solutions(variables=variables, rows=rows)

    def construct(self, sparql: str) -> list[tuple[str, str, str]]:
        raw = self._post(self.query_url, {"query": sparql}, "application/n-triples")
        out = []
        for line in raw.decode("utf-8").splitlines():
            line = line.strip()
            if line:
                s, p, rest = line.split(" ", 2)
                out.append((s, p, rest.rstrip(" .")))
        return out

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o }"
        sol = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
        for s, p, o, g in sol.rows:
            yield s.nt(), p.nt(), o.nt(), g.nt()


def _json_term(b: dict | None) -> Term | None:
    if b is None:
        return None
    kind = b["type"]
    if kind == "uri":
        return Term("uri", b["value"])
    if kind == "bnode":
        return Term("bnode", b["value"])
    return literal(b["value"], b.get("datatype"), b.get("xml:lang"))




def _json_term(b: dict | None) -> Term | None:
    if b is None:
        return None
    kind = b["type"]
    if kind == "uri":
        return Term("uri", b["value"])
    if kind == "bnode":
        return Term("bnode", b["value"])
    return literal(b["value"], b.get("datatype"), b.get("xml:lang"))
