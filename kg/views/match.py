"""What ``--document``, ``--unit`` and ``--area`` (and a named query's parameters) mean, in every
command: one matcher each.

A value matches exactly one thing or is an error:

* a **document** by its IRI, its source file name (with or without the suffix), the path it was
  built from (its file name is what counts), its title or its 文号;
* a **unit** by its IRI, its canonical name, or a form some document writes it in (区司法局);
* an **area** by its IRI key, name, full name (江苏省南京市栖霞区), the form unit names use
  (南京市栖霞区) or its code (320113).

No value is matched by a part of it: ``--document 2021`` is not three documents.  A value that
matches several things raises :class:`~kg.errors.Ambiguous` listing them; one that matches nothing
raises :class:`~kg.errors.NoMatch`, with the near candidates where there are some.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Callable, Iterable, Sequence, TypeVar

from kg import ids
from kg.errors import Ambiguous, NoMatch
from kg.views.model import Area, Document, Unit

T = TypeVar("T")


def _one(things: Sequence[T], value: str, what: str, keys: Callable[[T], Iterable[str]],
         show: Callable[[T], str]) -> T:
    wanted = value.strip()
    found = [t for t in things if wanted in {k for k in keys(t) if k}]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(sorted(show(t) for t in found)[:10])
        raise Ambiguous(f"{len(found)} {what}s match {value!r}: {listed}. Give one of them exactly")
    near = sorted({show(t) for t in things if wanted and any(wanted in k for k in keys(t) if k)})
    hint = f"; did you mean: {'; '.join(near[:8])}" if near else ""
    raise NoMatch(f"no {what} matches {value!r}{hint}")


def _document_keys(d: Document) -> list[str]:
    stem = d.source.rsplit(".", 1)[0] if "." in d.source else d.source
    key = ids.document_key_of(d.iri)
    return [d.iri, key, ids.graph_iri(key), d.source, stem, d.title, d.number]


def document(docs: Sequence[Document], value: str) -> Document:
    """The document ``value`` names; a path counts by its file name."""
    name = PurePath(value.strip()).name if ("/" in value or "\\" in value) else value
    return _one(docs, name, "document", _document_keys, lambda d: f"{d.source} ({d.title or d.iri})")


def unit(units: Sequence[Unit], value: str) -> Unit:
    return _one(units, value, "unit", lambda u: [u.iri, u.name, *u.written],
                lambda u: f"{u.name}" + (f" ({u.jurisdiction})" if u.jurisdiction else ""))


def _without_province(label: str) -> str | None:
    """江苏省南京市栖霞区 → 南京市栖霞区: the form unit names carry."""
    for mark in ("自治区", "省"):
        i = label.find(mark)
        if 0 < i and i + len(mark) < len(label):
            return label[i + len(mark):]
    return None


def _area_keys(a: Area) -> list[str]:
    return [a.iri, a.code, *a.labels, *(x for x in map(_without_province, a.labels) if x)]


def area(areas: Iterable[Area], value: str) -> Area:
    """The area ``value`` names, among the areas the store knows."""
    return _one(list(areas), value, "area", _area_keys, lambda a: f"{a.name} ({a.code})")
