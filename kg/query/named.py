"""Named SPARQL queries: ``kg/queries/*.rq``, each opening with comments that state the question
it answers in Chinese and English.  Parameters are bound as RDF terms in a VALUES block, never
pasted into the query text, so a value cannot change the query.  The block goes where the query
marks it with a line ``# @values`` (inside the group that joins on the parameter, so that the
store can use the value before it computes everything else), or after the query."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import FazhiError, UnknownQuery
from kg.resources import queries_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question_zh: str
    question_en: str
    text: str
    params: tuple[str, ...]  # variables the query expects to be bound: # @param ?unit


_PARAM = re.compile(r"^#\s*@param\s+\?(\w+)", re.M)


def _read(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    comments = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#") and not ln.startswith("# @")]
    # the convention: the first comment line asks the question in Chinese, the second in English
    zh = comments[0] if comments else ""
    en = comments[1] if len(comments) > 1 else ""
    return NamedQuery(path.stem, zh, en, text, tuple(_PARAM.findall(text)))


def list_queries() -> list[NamedQuery]:
    return [_read(p) for p in sorted(queries_dir().glob("*.rq"))]


def get_query(name: str) -> NamedQuery:
    path = queries_dir() / f"{name}.rq"
    if not path.exists():
        known = ", ".join(q.name for q in list_queries())
        raise UnknownQuery(f"no named query '{name}'; known: {known}")
    return _read(path)


# the line a query marks for its VALUES block: a comment, so the query runs unchanged without it
_VALUES_MARK = re.compile(r"^([ \t]*)#[ \t]*@values[ \t]*$", re.M)


def bind(query: str, params: dict[str, str]) -> str:
    """Add ``VALUES (?a ?b) { ("…" "…") }``: each value an escaped literal (or an IRI written <…>).

    The block replaces the query's ``# @values`` line if it has one, else it follows the query
    (a join with the whole result). A query marks the group where joining the values gives the
    answer it documents for them, so that the store can start from them."""
    from kg.rdf.terms import lit

    if not params:
        return query
    names = sorted(params)
    terms = []
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise FazhiError(f"parameter name '{name}' is not a SPARQL variable name")
        value = params[name]
        if re.fullmatch(r"<[^<>\"{}|^`\\\s]*>", value):
            terms.append(value)
        else:
            terms.append(lit(value))
    head = " ".join("?" + n for n in names)
    block = f"VALUES ({head}) {{ ({' '.join(terms)}) }}"
    marks = list(_VALUES_MARK.finditer(query))
    if len(marks) > 1:
        raise FazhiError("a query may mark one place for its VALUES block (# @values), not several")
    if marks:
        mark = marks[0]
        return query[:mark.start()] + mark.group(1) + block + query[mark.end():]
    return f"{query.rstrip()}\n{block}\n"
