"""Where each thing's page lives: the path is the IRI's tail after ``…/id/``, so that a page's
address can be read back as its IRI and stays the same whenever the site is rebuilt.

``https://w3id.org/fazhi-kg/id/unit/320113-d4d9b7d62893`` → ``unit/320113-d4d9b7d62893.html``
(and ``.ttl``, ``.jsonld`` beside it); a task's page sits under its document's folder,
``doc/KEY/task/p2-s2-i8.html``.  Links between pages are relative, so the site works from any
folder, from ``file://`` and under any prefix on a web server.
"""

from __future__ import annotations

import re

from kg.ids import digest
from kg.vocab import BASE

INDEX = "index.html"
STATIC = "_static"
SEARCH_DATA = "search-data.js"
GRAPH = "graph.html"  # the interactive graph (kg.site.graph)
CATALOG = "catalog.ttl"
DUMP = "data.nq.gz"
# what an IRI tail may hold to become a path as it is: the keys kg.ids mints
_SAFE = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*$")


def stem(iri: str) -> str | None:
    """The path of an IRI's page without its suffix, or None for an IRI outside the project's."""
    if not iri.startswith(BASE):
        return None
    tail = iri[len(BASE):]
    if _SAFE.match(tail):
        return tail
    head = tail.split("/", 1)[0] if "/" in tail else "x"  # a key with other characters: hashed
    return f"{head if re.match(r'^[a-z]+$', head) else 'x'}/{digest(tail, n=16)}"


def page(iri: str) -> str | None:
    s = stem(iri)
    return None if s is None else s + ".html"


def rel(here: str, there: str) -> str:
    """The relative link from the page at ``here`` to the file at ``there`` (both site paths,
    relative to the site's folder, without ``.`` or ``..``)."""
    base, target = here.split("/")[:-1], there.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])
