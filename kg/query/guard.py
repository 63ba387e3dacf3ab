"""What a query may do: read-only unless asked, no requests to other servers unless allowed.

The checks look at the query's keywords with comments, strings and IRIs masked out, so a unit
name containing "DELETE" or "SERVICE" in a literal is not mistaken for an operation.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_MASK = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>')
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def masked(sparql: str) -> str:
    return _MASK.sub(lambda m: " " * len(m.group(0)), sparql)


def is_update(sparql: str) -> bool:
    return bool(_UPDATE.search(masked(sparql)))


def check(sparql: str, *, allow_update: bool = False, allow_service: bool = False) -> None:
    text = masked(sparql)
    if not allow_update:
        m = _UPDATE.search(text)
        if m:
            raise QueryError(f"'{m.group(1).upper()}' changes the store: queries are read-only unless --update is given")
    if not allow_service:
        if _SERVICE.search(text):
            raise QueryError("SERVICE sends part of the query to another server: refused unless --allow-service is given")
