"""Answering a request for a file of a site (``fazhi-kg serve --site DIR``): the same paths as
on disk, ``/`` for the index, and an address without a suffix (``/unit/320113-d4d9b7d62893``,
what an IRI's tail names) as its page, or as Turtle or JSON-LD when the client asks for them.
An IRI's own path (``/id/unit/320113-d4d9b7d62893``, the path of
``https://w3id.org/fazhi-kg/id/unit/…`` on the served host) is answered 303 See Other with that
address, as linked data answers a thing's IRI with a document about it.

Only regular files inside the site's folder are served: no ``..``, no hidden names (the marker,
temporary files), nothing a symbolic link points to outside.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".ttl": "text/turtle; charset=utf-8",
         ".jsonld": "application/ld+json", ".nq": "application/n-quads", ".gz": "application/gzip", ".md": "text/markdown; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}
# what the served pages may load: their own files, nothing inline, nothing from elsewhere
POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# the graph page (kg.site.graph) holds its scripts and styles inline and loads nothing at all
INLINE_ONLY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
               "font-src data:; base-uri 'none'; frame-ancestors 'none'")
IRI_PATH = "/id/"  # the path of the IRIs' namespace (kg.vocab.BASE) on their host
_RDF = (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"))


def _inside(root: Path, parts: list[str]) -> Path | None:
    target = root.joinpath(*parts)
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_file() and real.is_relative_to(root.resolve()) else None


def find(root: Path, url_path: str, accept: str | None = None) -> Path | None:
    """The file ``url_path`` names in the site at ``root``, or None."""
    path = urllib.parse.unquote(url_path, errors="strict")
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return None
    if not parts or path.endswith("/"):
        return _inside(root, [*parts, "index.html"])
    if "." in parts[-1]:
        return _inside(root, parts)
    wanted = (accept or "").lower()
    for media, suffix in _RDF:
        if media in wanted and "text/html" not in wanted:
            return _inside(root, [*parts[:-1], parts[-1] + suffix])
    return _inside(root, [*parts[:-1], parts[-1] + ".html"])


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix, "application/octet-stream")


def policy(root: Path, path: Path) -> str:
    """The Content-Security-Policy the file ``path`` of the site at ``root`` is served with."""
    from kg.site.urls import GRAPH

    return INLINE_ONLY if path == _inside(root, [GRAPH]) else POLICY


def see_other(root: Path, url_path: str) -> str | None:
    """Where an IRI's path (``/id/unit/…``) is answered from: the address of its page without a
    suffix (``/unit/…``, which gives the page, its Turtle or its JSON-LD by ``Accept``), or None for
    any other path and for an IRI the site has no page of."""
    if not url_path.startswith(IRI_PATH):
        return None
    there = "/" + url_path[len(IRI_PATH):]
    if there == "/" or there.endswith("/") or "." in there.rsplit("/", 1)[-1]:
        return None  # an IRI's path has no suffix and no trailing slash
    return there if find(root, there) is not None else None
