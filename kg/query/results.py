"""SPARQL results out: the W3C formats (JSON, CSV, TSV) other tools read, and a terminal table."""

from __future__ import annotations

import csv
import io
import json

from kg.store import Solutions, Term
from kg.render.output import Output

import re

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Turtle writes these literals bare, and a bare token is read back as exactly this datatype: 30 is
# an xsd:integer, 30.5 an xsd:decimal, 3e1 an xsd:double.  A lexical form that does not fit its
# datatype's bare syntax ("30" as a decimal) keeps its quotes and datatype.
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?\d+"),
    _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    _XSD + "double": re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+"),
    _XSD + "boolean": re.compile(r"true|false"),
}


def to_json(sol: Solutions) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if sol.boolean is not None:
        return json.dumps({"head": {}, "boolean": sol.boolean}, ensure_ascii=False, indent=1) + "\n"
    bindings = []
    for row in sol.rows:
        b = {}
        for var, term in zip(sol.variables, row):
            if term is None:
                continue
            item = {"type": term.kind, "value": term.value}
            if term.lang:
                item["xml:lang"] = term.lang
            elif term.datatype:
                item["datatype"] = term.datatype
            b[var] = item
        bindings.append(b)
    return json.dumps({"head": {"vars": sol.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1) + "\n"


def to_csv(sol: Solutions) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if sol.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if sol.boolean else "false"])
        return buf.getvalue()
    writer.writerow(sol.variables)
    for row in sol.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row])
    return buf.getvalue()


def _tsv_term(t: Term | None) -> str:
    if t is None:
        return ""
    bare = _BARE.get(t.datatype or "") if t.kind == "literal" and not t.lang else None
    if bare is not None and bare.fullmatch(t.value):
        return t.value
    return t.nt()


def to_tsv(sol: Solutions) -> str:
    """SPARQL 1.1 Query Results TSV Format: terms in Turtle/N-Triples syntax."""
    if sol.boolean is not None:
        return "?boolean\n" + ("true" if sol.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in sol.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in sol.rows]
    return "\n".join(lines) + "\n"


def to_table(sol: Solutions, *, max_width: int = 40) -> str:
    from kg.rdf.serialize import Abbreviator
    from kg.render.text import table

    if sol.boolean is not None:
        return "true" if sol.boolean else "false"
    ab = Abbreviator()

    def show(t: Term | None) -> str:
        if t is None:
            return ""
        if t.kind == "uri":
            return ab.iri(f"<{t.value}>")
        return t.value

    out = table(sol.variables, ([show(t) for t in row] for row in sol.rows), max_width=max_width)
    return out + f"\n({len(sol.rows)} row{'s' if len(sol.rows) != 1 else ''})"


def output(sol: Solutions) -> Output:
    """Query results in the W3C SPARQL results formats (JSON, CSV, TSV) or as a terminal table."""
    rows = [[t.value if t is not None else None for t in row] for row in sol.rows]
    return Output(sol.variables, rows, offers=("table", "json", "csv", "tsv"), summary=f"{len(sol.rows)} rows",
                  own={"json": lambda: to_json(sol), "csv": lambda: to_csv(sol), "tsv": lambda: to_tsv(sol),
                       "table": lambda: to_table(sol)})
