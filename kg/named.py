"""Named SPARQL queries: ``kg/queries/*.rq``, each opening with comments that state the question
it answers in Chinese and English.  Parameters are bound as RDF terms in a trailing VALUES
block, never pasted into the query text, so a value cannot change the query."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import FazhiError
from .resources import queries_dir


class UnknownQuery(FazhiError):
    """No named query of that name."""

    exit_code = 23


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


def bind(query: str, params: dict[str, str]) -> str:
    """Append ``VALUES (?a ?b) { ("…" "…") }``: each value an escaped literal (or an IRI written <…>)."""
    from .mapping import lit

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
    return f"{query.rstrip()}\nVALUES ({head}) {{ ({' '.join(terms)}) }}\n"
