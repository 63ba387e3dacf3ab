"""Every IRI the project mints, from plain keys: one formula each, used by extraction (a unit's
``id`` in the JSON contract), the mapping, alignment and the views.

IRIs are built from ASCII keys: ``id/doc/320113-2021-3f9a1c2e`` (jurisdiction key, year, a hash
of the document number), ``…/task/p2-s1-i1`` (the outline path: part 二, section (一), item 1),
``id/unit/320113-<hash>`` (jurisdiction + canonical name).  Chinese goes into labels, never into
IRIs, so they stay readable and stable when a document is rebuilt.
"""

from __future__ import annotations

import hashlib
import re

from kg.numerals import cn_number
from kg.vocab import BASE


def digest(*parts: str, n: int = 8) -> str:
    """A short stable hash of the parts (SHA-1, hex)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def document_key(area_key: str | None, year: int | None, period: tuple[int, int] | None,
                 doc_number: str | None, title: str | None, sha256: str | None, source: str) -> str:
    """A document's key: its area, its year (or period) and a hash of what names it — the 文号,
    failing that its title in its area, failing that its bytes."""
    area = area_key or "000000"
    when = str(year) if year else (f"{period[0]}-{period[1]}" if period else "x")
    ident = doc_number or (f"{area}\x1f{title}" if title else None) or sha256 or source
    return f"{area}-{when}-{digest(ident)}"


def document_iri(key: str) -> str:
    return f"{BASE}doc/{key}"


def graph_iri(key: str) -> str:
    """The named graph holding one document's facts."""
    return f"{BASE}graph/{key}"


def document_key_of(iri: str) -> str:
    """The key back from a document IRI: ``…/doc/320113-2021-3f9a1c2e`` → ``320113-2021-3f9a1c2e``."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


_SEGMENT = (
    (re.compile(r"^#(\d+)$"), "b"), (re.compile(r"^([一二三四五六七八九十百零〇两]+)是$"), "g"),
    (re.compile(r"^\(([一二三四五六七八九十百零〇两]+)\)$"), "s"), (re.compile(r"^\((\d+)\)$"), "u"),
    (re.compile(r"^第(.+)$"), "a"), (re.compile(r"^([一二三四五六七八九十百零〇两]+)$"), "p"),
    (re.compile(r"^(\d+)$"), "i"),
)


def path_key(path: str) -> str:
    """二.(一).1 → p2-s1-i1; an ASCII, readable key for an outline node."""
    out = []
    for segment in path.split("."):
        for pattern, tag in _SEGMENT:
            m = pattern.match(segment)
            if m:
                n = cn_number(m.group(1))
                out.append(f"{tag}{n if n is not None else digest(segment, n=6)}")
                break
        else:
            out.append("x" + digest(segment, n=6))
    return "-".join(out)


def task_iri(doc_iri: str, path: str) -> str:
    return f"{doc_iri}/task/{path_key(path)}"


def section_iri(doc_iri: str, path: str) -> str:
    """A part or section that holds tasks."""
    return f"{doc_iri}/part/{path_key(path)}"


def paragraph_iri(doc_iri: str, path: str) -> str:
    """A report's body paragraph."""
    return f"{doc_iri}/para/{path_key(path)}"


def observation_iri(doc_iri: str, n: int) -> str:
    """A report's n-th figure (1-based)."""
    return f"{doc_iri}/obs/{n}"


def unparsed_iri(doc_iri: str, n: int) -> str:
    """The n-th note of a document that named no unit (1-based)."""
    return f"{doc_iri}/unparsed/{n}"


def figures_iri(doc_iri: str) -> str:
    """The qb:DataSet of a report's figures."""
    return f"{doc_iri}/figures"


FIGURES_STRUCTURE = f"{BASE}figures-structure"  # declared in ontology/fazhi.ttl


def unit_iri(jurisdiction_key: str, name: str) -> str:
    """A unit: its jurisdiction and its canonical name."""
    return f"{BASE}unit/{jurisdiction_key}-{digest(jurisdiction_key, name, n=12)}"


def area_iri(key: str) -> str:
    return f"{BASE}area/{key}"


AREA_SCHEME = f"{BASE}area"


def metric_iri(key: str) -> str:
    return f"{BASE}metric/{key}"


def theme_iri(key: str) -> str:
    return f"{BASE}theme/{key}"


def change_iri(area_key: str, rename_key: str) -> str:
    """A 机构改革 renaming event in one area."""
    return f"{BASE}change/{area_key}-{rename_key}"


AGENT = f"{BASE}agent/fazhi-kg"


def alignment_graph(lower_doc_iri: str, higher_doc_iri: str) -> str:
    """The named graph of the links from a lower plan's tasks to a higher plan's items."""
    return f"{BASE}graph/align/{document_key_of(lower_doc_iri)}--{document_key_of(higher_doc_iri)}"


def alignment_link_iri(lower_doc_iri: str, higher_doc_iri: str, n: int) -> str:
    return f"{BASE}align/{document_key_of(lower_doc_iri)}--{document_key_of(higher_doc_iri)}/link/{n}"
