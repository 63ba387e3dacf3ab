"""RDF terms as N-Triples strings, the form every store and writer of the project exchanges.

``iri("http://…")`` → ``<http://…>``; ``lit("x", lang="zh")`` → ``"x"@zh``; ``v("skos", "prefLabel")``
and ``fz("Task")`` abbreviate the project's namespaces (:mod:`kg.vocab`).  A quad is a tuple of
four such strings (subject, predicate, object, graph).
"""

from __future__ import annotations

import re

from kg.vocab import FZ, PREFIXES, XSD

Quad = tuple[str, str, str, str]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')


def iri(value: str) -> str:
    return f"<{value}>"


def escape(text: str) -> str:
    """Text as it goes between the quotes of an N-Triples literal."""
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04X}"), text)


def lit(value: object, *, lang: str | None = None, dtype: str | None = None) -> str:
    text = escape(str(value))
    if lang:
        return f'"{text}"@{lang}'
    if dtype and dtype != XSD + "string":
        return f'"{text}"^^<{dtype}>'
    return f'"{text}"'


def zh(text: str) -> str:
    return lit(text, lang="zh")


def integer(n: int, dtype: str = "integer") -> str:
    return lit(n, dtype=XSD + dtype)


def decimal(value: str) -> str:
    """An xsd:decimal in the form Oxigraph stores it (12.50 → 12.5, 1.0 → 1), so that every store
    gives back the same literal."""
    text = str(value)
    if "." in text and text.replace(".", "", 1).lstrip("-").isdigit():
        text = text.rstrip("0").rstrip(".")
    return lit(text, dtype=XSD + "decimal")


def fz(name: str) -> str:
    return iri(FZ + name)


def v(prefix: str, name: str) -> str:
    return iri(PREFIXES[prefix] + name)


A = v("rdf", "type")
