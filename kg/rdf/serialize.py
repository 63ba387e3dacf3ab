"""Deterministic RDF writers over N-Triples term strings.

Every store hands quads over as N-Triples strings; sorting them and abbreviating IRIs with the
project's prefixes gives byte-identical Turtle, TriG, N-Triples and N-Quads for the same
content, whichever store they came from, without building an rdflib graph.

The writers work on *sorted* input and produce their text in chunks, so that an export can be
streamed to a file: Turtle, N-Triples and N-Quads read triples sorted by subject (graphs merged),
TriG and JSON-LD read one named graph at a time.  Turtle, TriG and JSON-LD name the prefixes they
used at the top, which is only known once the body has been written: the ``*_body`` functions
give the body in chunks, :data:`HEADS` the head, to be called after.

Order, everywhere: N-Triples strings in Python's default string order — triples by (subject,
predicate, object), quads by (subject, predicate, object, graph), graphs by name.  Within a
Turtle subject: ``a`` first, then the abbreviated predicates in order, objects abbreviated and
sorted.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from itertools import chain, groupby, islice
from operator import itemgetter
from typing import Callable, Iterable, Iterator, Sequence

from kg.vocab import PREFIXES

Quad = tuple[str, str, str, str]
Triple = Sequence[str]  # (s, p, o)
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# A local name we can write after a prefix without escaping (a safe subset of Turtle's PN_LOCAL).
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$|^[0-9][A-Za-z0-9_\-]*$")
_TYPED = re.compile(r'^(".*")\^\^<([^>]*)>$', re.S)
_first, _second = itemgetter(0), itemgetter(1)


class _Memo(dict):
    """fn(key) for each key, remembered; past ``limit`` keys the remembered ones become the old
    generation (the one before is forgotten) and a key found there is remembered again, so the
    terms used all the time (predicates, classes) stay while a stream of terms seen once goes
    by; memory stays bounded (two generations) however many distinct terms there are."""

    __slots__ = ("fn", "limit", "old")

    def __init__(self, fn: Callable[[str], object], limit: int = 200_000):
        super().__init__()
        self.fn, self.limit, self.old = fn, limit, {}

    def __missing__(self, key: str):
        if len(self) >= self.limit:
            self.old = self.copy()
            self.clear()
        value = self.old.get(key, _MISSING)
        if value is _MISSING:
            value = self.fn(key)
        self[key] = value
        return value


_MISSING = object()


class Abbreviator:
    def __init__(self, prefixes: dict[str, str] = PREFIXES):
        # longest namespace first, so fzid: does not swallow a longer registered namespace
        self.prefixes = dict(sorted(prefixes.items()))
        self._ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()
        # When every namespace ends in '/' or '#' (neither can occur in a local name), the only
        # namespace that can abbreviate an IRI is the IRI up to its last '/' or '#': one lookup.
        self._by_ns: dict[str, str] | None = None
        if all(ns[-1:] in ("/", "#") for _, ns in self._ordered):
            self._by_ns = {}
            for name, ns in self._ordered:
                self._by_ns.setdefault(ns, name)
        # term -> its abbreviation (IRIs) or itself (anything else); ``used`` is filled on a miss
        self.short: _Memo = _Memo(self._abbreviate)
        # object term -> how Turtle writes it (IRIs and typed literals abbreviated)
        self.objects: _Memo = _Memo(self._term)

    def _abbreviate(self, term: str) -> str:
        if not term.startswith("<"):
            return term
        value = term[1:-1]
        if self._by_ns is not None:
            cut = max(value.rfind("/"), value.rfind("#")) + 1
            name = self._by_ns.get(value[:cut])
            if name is not None:
                local = value[cut:]
                if local == "" or _LOCAL.match(local):
                    self.used.add(name)
                    return f"{name}:{local}"
            return term
        for name, ns in self._ordered:
            if value.startswith(ns):
                local = value[len(ns):]
                if _LOCAL.match(local) or local == "":
                    self.used.add(name)
                    return f"{name}:{local}"
        return term

    def iri(self, term: str) -> str:
        return self.short[term]

    def _term(self, term: str) -> str:
        if term.startswith("<"):
            return self.short[term]
        if "^^<" in term:
            m = _TYPED.match(term)
            if m:
                return f"{m.group(1)}^^{self.short['<' + m.group(2) + '>']}"
        return term

    def term(self, term: str) -> str:
        if term.startswith("<") or "^^<" in term:
            return self.objects[term]
        return term

    def header(self, turtle_style: bool = True) -> str:
        return "".join(f"@prefix {name}: <{self.prefixes[name]}> .\n" for name in sorted(self.used))


# --- subjects ----------------------------------------------------------------------------------
# The writers read "subjects": (subject, [(predicate, [object, ...]), ...]) in order, from sorted,
# duplicate-free triples, so predicates come sorted and objects sorted within each predicate.


def subjects_from_lines(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, list[str]]]]]:
    """Subjects of sorted, duplicate-free ``s p o`` lines (N-Triples without the final `` .``);
    subject and predicate hold no space, the object may."""
    subject = pred = None
    groups: list[tuple[str, list[str]]] = []
    objs: list[str] = []
    for line in lines:
        s, p, o = line.split(" ", 2)
        if s != subject:
            if subject is not None:
                yield subject, groups
            subject, groups, pred = s, [], None
        if p != pred:
            pred, objs = p, [o]
            groups.append((p, objs))
        else:
            objs.append(o)
    if subject is not None:
        yield subject, groups


def subjects_from_triples(triples: Iterable[Triple]) -> Iterator[tuple[str, list[tuple[str, list[str]]]]]:
    """Subjects of sorted, duplicate-free (s, p, o) triples."""
    for subject, sq in groupby(triples, key=_first):
        yield subject, [(p, [t[2] for t in pq]) for p, pq in groupby(sq, key=_second)]


Subjects = Iterable[tuple[str, list[tuple[str, list[str]]]]]
Graphs = Iterable[tuple[str, Subjects]]


def _batched(texts: Iterable[str], n: int = 256) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, n)):
        yield batch


# --- Turtle, TriG --------------------------------------------------------------------------------


def _blocks(subjects: Subjects, ab: Abbreviator, indent: str = "") -> Iterator[str]:
    """One text per subject: the subject line, then one line per predicate (``a`` first, then the
    abbreviated predicates in order), objects abbreviated and sorted; each ends with a newline.

    Subjects of one kind share their predicates, so the order the predicates are written in and
    their line heads are worked out once per list of predicates and remembered."""
    short, objects, abbreviate = ab.short, ab.objects, ab._abbreviate  # a subject comes once: not remembered
    inner = indent + "    "
    plans: dict[tuple[str, ...], tuple[list[int], list[str]]] = {}

    def plan_of(preds: tuple[str, ...]) -> tuple[list[int], list[str]]:
        names = ["a" if p == RDF_TYPE else short[p] for p in preds]
        # rdf:type first, then predicates in order (abbreviations are distinct)
        order = sorted(range(len(preds)), key=lambda i: (preds[i] != RDF_TYPE, names[i]))
        if len(plans) >= 10_000:
            plans.clear()
        plan = plans[preds] = (order, [f"{inner}{names[i]} " for i in order])
        return plan

    for subject, groups in subjects:
        preds = []
        texts = []
        for p, objs in groups:
            preds.append(p)
            if len(objs) == 1:
                o = objs[0]
                texts.append(objects[o] if (o[0] == "<" or "^^<" in o) else o)
            else:
                texts.append(" , ".join(sorted({objects[o] if (o[0] == "<" or "^^<" in o) else o for o in objs})))
        key = tuple(preds)
        order, heads = plans.get(key) or plan_of(key)
        parts = [indent, abbreviate(subject), "\n"]
        for head, i in zip(heads, order):
            parts += (head, texts[i], " ;\n")
        parts[-1] = " .\n"
        yield "".join(parts)


def turtle_body(subjects: Subjects, ab: Abbreviator) -> Iterator[str]:
    """The Turtle after the prefix lines, in chunks: one block per subject, a blank line between."""
    sep = ""
    for batch in _batched(_blocks(subjects, ab)):
        yield sep + "\n".join(batch)
        sep = "\n"
    if not sep:
        yield "\n"


def turtle_head(ab: Abbreviator) -> str:
    return ab.header() + "\n"


def trig_body(graphs: Graphs, ab: Abbreviator) -> Iterator[str]:
    """TriG after the prefix lines: one block per graph, a blank line between."""
    sep = ""
    for graph, subjects in graphs:
        yield f"{sep}{ab.short[graph]} {{\n"
        inner = ""
        for batch in _batched(_blocks(subjects, ab, indent="    ")):
            yield inner + "\n".join(batch)
            inner = "\n"
        yield "}\n"
        sep = "\n"
    if not sep:
        yield "\n"


# --- JSON-LD ---------------------------------------------------------------------------------

# A literal's value, language tag or datatype: the value is any run of non-quote characters and
# escapes, written as [^"\\]*(?:\\.[^"\\]*)* rather than (?:[^"\\]|\\.)* (the same strings, scanned
# without backtracking).
_LITERAL = re.compile(r'^"(?P<value>[^"\\]*(?:\\.[^"\\]*)*)"(?:@(?P<lang>[A-Za-z0-9-]+)|\^\^<(?P<dtype>[^>]*)>)?$', re.S)
_UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "\\": "\\", "'": "'"}
_json_str = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) writes for a str


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _SIMPLE_ESCAPES.get(m.group(3), m.group(3))

    return _UNESCAPE.sub(one, text) if "\\" in text else text


def _jsonld_iri(term: str, ab: Abbreviator) -> str:
    """A compact IRI (fz:Task) where a prefix fits, else the bare IRI (no angle brackets)."""
    short = ab.short[term]
    return short[1:-1] if short.startswith("<") else short


_VALUE_PAD, _VALUE_INNER = " " * 6, " " * 7
_ID_OPEN = f'{_VALUE_PAD}{{\n{_VALUE_INNER}"@id": '
_VALUE_OPEN = f'{_VALUE_PAD}{{\n{_VALUE_INNER}"@value": '
_CLOSE = f"\n{_VALUE_PAD}}}"


def _value_json(term: str, ids: _Memo) -> tuple[str, str]:
    """(sort key, text) of the value object of one object term: the key is what json.dumps writes
    for it with sorted keys, the text what json.dumps(indent=1) writes for it in a node's list.
    ``ids`` gives an IRI's compact form as a JSON string."""
    if term.startswith("<"):
        v = ids[term]
        return '{"@id": ' + v + "}", _ID_OPEN + v + _CLOSE
    if term.startswith("_:"):
        v = _json_str(term)
        return '{"@id": ' + v + "}", _ID_OPEN + v + _CLOSE
    m = _LITERAL.match(term)
    if m is None:  # pragma: no cover - every store hands over well-formed N-Triples terms
        v = _json_str(term)
        return '{"@value": ' + v + "}", _VALUE_OPEN + v + _CLOSE
    value, lang, dtype = m.groups()
    v = _json_str(_unescape(value))
    if lang:
        x = _json_str(lang)
        return ('{"@language": ' + x + ', "@value": ' + v + "}",
                _VALUE_OPEN + v + ",\n" + _VALUE_INNER + '"@language": ' + x + _CLOSE)
    if dtype:
        x = ids["<" + dtype + ">"]
        return ('{"@type": ' + x + ', "@value": ' + v + "}",
                _VALUE_OPEN + v + ",\n" + _VALUE_INNER + '"@type": ' + x + _CLOSE)
    return '{"@value": ' + v + "}", _VALUE_OPEN + v + _CLOSE


def _jsonld_nodes(subjects: Subjects, ab: Abbreviator, ids: _Memo) -> Iterator[str]:
    """The node objects of one graph as json.dumps(indent=1) writes them inside the graph's @graph."""
    for subject, groups in subjects:
        parts = ["    {\n     \"@id\": ", ids[subject]]
        for p, objs in groups:
            if p == RDF_TYPE:
                parts.append(",\n     \"@type\": [\n")
                if len(objs) == 1:
                    parts.append(_VALUE_PAD + ids[objs[0]])
                else:
                    parts.append(",\n".join([_VALUE_PAD + _json_str(x) for x in sorted(_jsonld_iri(o, ab) for o in objs)]))
            else:
                parts.append(f",\n     {ids[p]}: [\n")
                if len(objs) == 1:
                    parts.append(_value_json(objs[0], ids)[1])
                else:
                    values = [_value_json(o, ids) for o in objs]
                    values.sort(key=_first)
                    parts.append(",\n".join([text for _, text in values]))
            parts.append("\n     ]")
        parts.append("\n    }")
        yield "".join(parts)


def jsonld_body(graphs: Graphs, ab: Abbreviator) -> Iterator[str]:
    """JSON-LD from the top-level @graph array to the end: one named graph object per graph,
    node objects sorted by subject, values sorted."""
    ids = _Memo(lambda t: _json_str(_jsonld_iri(t, ab)))  # IRI -> its compact form as a JSON string
    sep = "[\n"
    for graph, subjects in graphs:
        yield f"{sep}  {{\n   \"@id\": {ids[graph]},\n   \"@graph\": [\n"
        inner = ""
        for batch in _batched(_jsonld_nodes(subjects, ab, ids)):
            yield inner + ",\n".join(batch)
            inner = ",\n"
        yield "\n   ]\n  }"
        sep = ",\n"
    yield "[]\n}\n" if sep == "[\n" else "\n ]\n}\n"


def jsonld_head(ab: Abbreviator) -> str:
    """The JSON-LD up to the top-level @graph: the @context of the prefixes used."""
    if ab.used:
        context = "{\n" + ",\n".join(f"  {_json_str(n)}: {_json_str(ab.prefixes[n])}" for n in sorted(ab.used)) + "\n }"
    else:
        context = "{}"
    return f'{{\n "@context": {context},\n "@graph": '


# --- N-Triples, N-Quads ------------------------------------------------------------------------


def lines_body(lines: Iterable[str]) -> Iterator[str]:
    """``s p o`` (or ``s p o g``) lines, already sorted and duplicate-free, as N-Triples (N-Quads)."""
    for batch in _batched(lines, 1024):
        yield " .\n".join(batch) + " .\n"


def merged_blocks(runs: list[Iterable[list]]) -> Iterator[list]:
    """Sorted runs, each given as consecutive blocks of lines, merged into sorted blocks.

    Each round takes, from every run's current block, the lines up to the smallest last line
    of those blocks (nothing later in any run can come before it) and sorts them together —
    a merge of sorted runs, which Python's sort does at C speed.  Lines are ``str`` or ``bytes``
    (all of one kind); a single run is passed through."""
    if len(runs) == 1:
        yield from (block for block in runs[0] if block)
        return
    current: list[tuple[list[str], Iterator[list[str]]]] = []
    for run in runs:
        it = iter(run)
        block = next(it, None)
        while block is not None and not block:
            block = next(it, None)
        if block:
            current.append((block, it))
    while current:
        cut = min(block[-1] for block, _ in current)
        out: list[str] = []
        kept = []
        for block, it in current:
            i = bisect_right(block, cut)
            if i == len(block):
                out += block
                block = next(it, None)
                while block is not None and not block:
                    block = next(it, None)
                if block is None:
                    continue
            elif i:
                out += block[:i]
                block = block[i:]
            kept.append((block, it))
        current = kept
        out.sort()
        yield out


def merge_sorted(runs: list[Iterable[list[str]]]) -> Iterator[str]:
    """Sorted runs of lines (each given as consecutive blocks) merged into one sorted run,
    duplicates dropped."""
    blocks = merged_blocks(runs)
    return map(_first, groupby(chain.from_iterable(blocks)))
