"""Running a query as the ``query`` command does: the text from the argument, a file or the
named queries; parameters checked against what the named query takes and bound as terms; the
guard, read from the parsed query (read-only unless asked, no SERVICE or LOAD unless allowed); a
timeout; and no silent empty answer for a parameter that names nothing."""

from __future__ import annotations

from pathlib import Path

from kg.errors import NoMatch, QueryError, UsageError
from kg.store import Solutions, open_store


def parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param needs key=value, got '{item}'")
        params[key.strip().lstrip("?")] = value
    return params


def _text(text: str | None, file: Path | None, name: str | None, params: dict[str, str]) -> str:
    from kg.query.named import get_query

    if name:
        q = get_query(name)
        unknown = sorted(set(params) - set(q.params))
        if unknown:
            takes = f"it takes {', '.join(q.params)}" if q.params else "it takes none"
            raise UsageError(f"named query '{name}' has no parameter {', '.join(unknown)}: {takes}")
        return q.text
    if file:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read the query file ({getattr(exc, 'strerror', None) or exc})", path=file) from None
    return text or ""


def _resolve(store, params: dict[str, str]) -> dict[str, str]:
    """A jurisdiction given the way unit names write it (南京市栖霞区) or by any of its names is
    bound as the area's IRI, so every form of one area gives the same rows."""
    if "jurisdiction" not in params or params["jurisdiction"].startswith("<"):
        return params
    from kg.views import match
    from kg.views.readmodel import areas

    try:
        area = match.area(areas(store).values(), params["jurisdiction"])
    except NoMatch:
        return params  # the query itself says whether the value names an area
    return dict(params, jurisdiction=f"<{area.iri}>")


def run(store_spec: str | None, *, text: str | None = None, file: Path | None = None, name: str | None = None,
        params: dict[str, str] | None = None, update: bool = False, allow_service: bool = False,
        timeout: float | None = None) -> Solutions | str:
    """Solutions of a query, or for an update a line saying what it changed.

    The guard reads the text as a SPARQL parser does (kg.query.guard) before the store is opened,
    and again after parameters are bound: the text the store runs is the text that was checked."""
    from kg.query.guard import check
    from kg.query.named import bind
    from kg.store import query_with_timeout

    params = params or {}
    sparql = _text(text, file, name, params)
    if params and not name:
        import re

        missing = sorted(k for k in params if not re.search(rf"[?$]{re.escape(k)}\b", sparql))
        if missing:
            raise UsageError(f"the query has no variable {', '.join('?' + k for k in missing)} to bind")
    found = check(sparql, allow_update=update, allow_service=allow_service)
    if found.is_update:
        with open_store(store_spec) as st:
            before = st.count()
            st.update(sparql)
            after = st.count()
        return f"update done: {before} → {after} quads"
    if params:
        with open_store(store_spec, read_only=True) as st:
            sparql = bind(sparql, _resolve(st, params))
        check(sparql, allow_update=False, allow_service=allow_service)
    if timeout is not None:
        sol = query_with_timeout(store_spec, sparql, timeout)
    else:
        with open_store(store_spec, read_only=True) as st:
            sol = st.query(sparql)
    if name and params and not sol.rows and sol.boolean is None:
        given = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        raise NoMatch(f"named query '{name}' gives no rows for {given}: nothing in the store is named so "
                      "(see --list for what each parameter takes)")
    return sol


__all__ = ["run", "parse_params", "QueryError"]
