"""Answering a request for a file of a site (``fazhi-kg serve --site DIR``): the same paths as
on disk, ``/`` for the index, and an address without a suffix (``/unit/320113-d4d9b7d62893``,
what an IRI's tail names) as its page, or as Turtle or JSON-LD when the client asks for them.

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
