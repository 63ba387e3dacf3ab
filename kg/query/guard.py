"""What a query may do, decided from the parsed query: read-only unless asked, no requests to
other servers unless allowed.

The text is parsed with rdflib's SPARQL 1.1 parser and its syntax tree is walked: a SERVICE
anywhere (a subquery, FILTER EXISTS / NOT EXISTS, OPTIONAL, UNION, MINUS, GRAPH, the WHERE of an
update, an expression in SELECT, ORDER BY or HAVING) is a SERVICE, and a keyword inside a string,
an IRI, a comment, a prefixed name (``odrl:delete``, ``e:a\\#``) or a variable (``?service``) is
not.  An update is whatever the update grammar reads; LOAD fetches from another server, so it
needs both permissions.  What the parser cannot read is refused rather than guessed at.

The syntax tree is walked rather than rdflib's algebra: the algebra is made from the same tree
(it adds no SERVICE and drops none), and making it takes time quadratic in the number of triple
patterns (3 s for 1,000), where parsing is linear.

Two places where rdflib reads a text differently from Oxigraph are evened out before parsing,
each without moving a character (so the error positions stay the user's):

* rdflib expands ``\\uXXXX`` escapes in the whole text before parsing, so ``"a\\u005C"`` would end
  its string one quote later for rdflib than for Oxigraph (which reads escapes only inside strings
  and IRIs, where they stand for one character).  Each escape, and each ``\\\\`` pair, is replaced
  by as many ``X``: the same structure for Oxigraph's reading, nothing left for rdflib to expand.
* rdflib ends a comment only at ``\\n``, Oxigraph at ``\\r`` too: a carriage return becomes a
  line feed (``\\r\\n`` a space and a line feed).

rdflib's parser computes, for every SERVICE it matches, the clause's text by searching the whole
query again, which takes quadratic time for many SERVICE clauses and does not finish for nested
ones; the guard's parse leaves that text out (it never evaluates the tree).  Deep nesting is read
in a thread with a large stack; past that, the query is refused as too deeply nested.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import QueryError

#: what rdflib's parser rejects although the text may be valid SPARQL (1.2 syntax, say)
_UNREADABLE = "a query the guard's parser cannot read is not run"

# a \\ pair first, so that the u of \\u0041 stays text; rdflib expands \u and \U with 4 or 8 digits
_ESCAPE = re.compile(r"\\\\|\\[uU][0-9A-Fa-f]{4}")

#: update operations, as the user writes them
_OPERATION = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
              "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
              "Copy": "COPY"}


@dataclass(frozen=True)
class Analysis:
    """What a SPARQL text does, read from its syntax tree."""

    kind: str                       # "query" or "update"
    form: str                       # SELECT / ASK / CONSTRUCT / DESCRIBE, or the update's operations
    operations: tuple[str, ...]     # update operations in order (INSERT DATA, LOAD …); () for a query
    services: tuple[str, ...]       # each SERVICE clause's endpoint as written (<…>, p:x or ?var)
    loads: tuple[str, ...]          # each LOAD's source as written

    @property
    def is_update(self) -> bool:
        return self.kind == "update"


def readable(sparql: str) -> str:
    """The text as the guard's parser should read it: same length, same structure for Oxigraph."""
    text = _ESCAPE.sub(lambda m: "X" * len(m.group(0)), sparql)
    return text.replace("\r\n", " \n").replace("\r", "\n")


def analyse(sparql: str) -> Analysis:
    """Parse ``sparql`` (a query, else an update) and say what it does; QueryError if unreadable."""
    return _analyse(sparql)


@lru_cache(maxsize=16)
def _analyse(sparql: str) -> Analysis:
    text = readable(sparql)
    failures = []
    for kind in ("query", "update"):
        try:
            tree = _parse(text, kind)
        except RecursionError:
            raise QueryError(f"the query is nested too deeply to be checked; {_UNREADABLE}") from None
        except Exception as exc:
            if hasattr(exc, "loc") and hasattr(exc, "lineno"):  # pyparsing's ParseException: try the other
                failures.append(exc)
                continue
            # an escape that names no character (rdflib's ValueError), or a fault in the parser itself
            raise QueryError(f"SPARQL syntax error: {exc}; {_UNREADABLE}") from None
        return _describe(kind, tree)
    raise _syntax_error(max(failures, key=lambda e: e.loc))


def is_update(sparql: str) -> bool:
    return analyse(sparql).is_update


def check(sparql: str, *, allow_update: bool = False, allow_service: bool = False) -> Analysis:
    """The analysis of ``sparql`` if it may run; otherwise QueryError naming what was refused and the
    options that allow it."""
    found = analyse(sparql)
    if found.kind == "update" and not found.operations:
        raise QueryError("the text holds no SPARQL query or update operation")
    given = {"--update": allow_update, "--allow-service": allow_service}
    refusals: list[tuple[str, tuple[str, ...]]] = []
    if found.loads:
        refusals.append((f"LOAD {_first(found.loads)} fetches data from another server into the store",
                         ("--update", "--allow-service")))
    elif found.is_update:
        refusals.append((f"'{found.form}' changes the store", ("--update",)))
    if found.services:
        refusals.append((f"SERVICE {_first(found.services)} sends part of the query to another server",
                         ("--allow-service",)))
    refused = [(what, needs) for what, needs in refusals if not all(given[o] for o in needs)]
    if refused:
        missing = {o for _, needs in refused for o in needs if not given[o]}
        tail = []
        if "--update" in missing:
            tail.append("queries are read-only unless --update is given")
        if "--allow-service" in missing:
            tail.append(("and reach no other server" if tail else "refused") + " unless --allow-service is given")
        raise QueryError(f"{' and '.join(what for what, _ in refused)}: {', '.join(tail)}")
    return found


def _first(items: tuple[str, ...]) -> str:
    more = len(items) - 1
    return items[0] + (f" (and {more} more)" if more else "")


# --- parsing -------------------------------------------------------------------------------------

_LOCK = threading.Lock()
_STACK = 512 * 1024 * 1024  # bytes of stack for the parsing thread (address space; used as needed)
_DEPTH = 100_000            # Python frames it may use


def _parse(text: str, kind: str):
    """rdflib's parse tree of ``text`` as a query or an update, in a thread with room to recurse."""
    from rdflib.plugins.sparql import parser

    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["tree"] = parser.parseQuery(text) if kind == "query" else parser.parseUpdate(text)
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    with _LOCK, _without_service_text(parser), _quiet(logging.getLogger("rdflib")):
        if not _in_a_deep_thread(work):
            work()  # no thread with a large stack here: the usual recursion limit, in this thread
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["tree"]


def _in_a_deep_thread(work) -> bool:
    """Run ``work`` in a thread with a large stack and a high recursion limit (pyparsing recurses
    once per level of nesting); False, having run nothing, where such a thread cannot be made."""
    depth = sys.getrecursionlimit()
    try:
        before = threading.stack_size(_STACK)
    except (ValueError, RuntimeError):
        return False
    sys.setrecursionlimit(max(depth, _DEPTH))
    try:
        try:
            worker = threading.Thread(target=work, name="sparql-guard", daemon=True)
            worker.start()
        except RuntimeError:  # the stack cannot be had (a memory limit)
            return False
        finally:
            threading.stack_size(before)  # only this thread has the large stack
        worker.join()
        return True
    finally:
        sys.setrecursionlimit(depth)


class _without_service_text:
    """During the guard's parse, SERVICE clauses are built without rdflib's ``service_string``
    (the clause's text, found by searching the whole query again: quadratic, and endless for
    nested SERVICE). The tree is only walked, never evaluated, so nothing needs that text."""

    def __init__(self, parser) -> None:
        self.element = getattr(parser, "ServiceGraphPattern", None)

    def __enter__(self) -> None:
        if self.element is None:
            return
        from rdflib.plugins.sparql.parserutils import CompValue, ParamValue

        name = self.element.name

        def post_parse(instring, loc, tokens):
            res = CompValue(name)
            for t in tokens:
                if isinstance(t, ParamValue):
                    if t.isList:
                        res.setdefault(t.name, []).append(t.tokenList)
                    else:
                        res[t.name] = t.tokenList
            return res

        self.element.postParse = post_parse

    def __exit__(self, *exc: object) -> None:
        if self.element is not None:
            self.element.__dict__.pop("postParse", None)


class _quiet:
    """rdflib logs a warning for each IRI it finds odd (``e:a\\#``): not the user's concern here."""

    def __init__(self, logger) -> None:
        self.logger = logger

    def __enter__(self) -> None:
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)


def _syntax_error(exc) -> QueryError:
    where = f"{exc.lineno}:{exc.col}"
    what = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)\s*$", "", str(exc)) or "cannot be parsed"
    return QueryError(f"SPARQL syntax error: error at {where}: {what} (read by rdflib's SPARQL 1.1 parser; "
                      f"{_UNREADABLE})")


# --- what the tree says --------------------------------------------------------------------------


def _nodes(tree):
    """Every rdflib CompValue in the tree, in the order of the text."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(reversed(list(dict.values(node))))
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":  # pyparsing's lists
            stack.extend(reversed(list(node)))


def _term(term) -> str:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef, Variable

    if isinstance(term, CompValue) and term.name == "pname":
        return f"{dict.get(term, 'prefix') or ''}:{dict.get(term, 'localname') or ''}"
    if isinstance(term, Variable):
        return f"?{term}"
    if isinstance(term, URIRef):
        return f"<{term}>"
    return str(term)


def _describe(kind: str, tree) -> Analysis:
    nodes = list(_nodes(tree))
    services = tuple(_term(dict.get(n, "term")) for n in nodes if n.name == "ServiceGraphPattern")
    if kind == "query":
        form = tree[1].name.removesuffix("Query").upper()
        return Analysis("query", form, (), services, ())
    requests = dict.get(tree, "request") or ()
    operations = tuple(_operation(op) for op in requests)
    loads = tuple(_term(dict.get(op, "iri")) for op in requests if op.name == "Load")
    return Analysis("update", ", ".join(dict.fromkeys(operations)), operations, services, loads)


def _operation(op) -> str:
    if op.name == "Modify":
        parts = [w for w in ("DELETE", "INSERT") if dict.get(op, w.lower()) is not None]
        return " … ".join(parts) + " … WHERE"
    return _OPERATION.get(op.name, op.name.upper())
