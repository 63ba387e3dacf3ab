"""The machine form of every page: the triples about its IRI as Turtle and JSON-LD beside the
HTML, the whole store as one gzipped N-Quads file, and ``catalog.ttl``, a DCAT catalogue of the dataset
with its VoID counts.

A page's triples are those whose subject is its IRI or an IRI beneath it that has no page of its
own (a task's participation records, targets, deadlines and their provenance), and those that
point to it from another page's IRI (the tasks that name a unit, the documents of an area) or
from a node that has no page (an alignment link, the task view's evidence, a ledger return).  Written with the
project's deterministic writers (:mod:`kg.rdf.serialize`): the same store gives the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterator

from kg.rdf.serialize import (Abbreviator, jsonld_body, jsonld_head, lines_body, subjects_from_triples, turtle_body,
                              turtle_head)
from kg.vocab import BASE, PREFIXES


def _owner(term: str, pages: set[str]) -> str | None:
    """The page IRI a subject belongs to: itself, or the nearest IRI above it with a page."""
    if not term.startswith("<" + BASE):
        return None
    iri = term[1:-1]
    while iri:
        if iri in pages:
            return iri
        cut = iri.rfind("/")
        if cut <= len(BASE):
            return None
        iri = iri[:cut]
    return None


def _pages_of(s: str, o: str, pages: set[str]) -> list[str]:
    """The pages a triple belongs to: its subject's, and the page it points to (see above)."""
    mine = _owner(s, pages)
    out = [mine] if mine is not None else []
    if o.startswith("<") and o[1:-1] in pages and o[1:-1] != mine and (mine is None or s[1:-1] == mine):
        out.append(o[1:-1])
    return out


BUCKET_QUADS = 400_000  # quads of the store per temporary file the pages' triples are sorted into


def store_page_triples(store, pages: set[str]) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """Each page IRI's triples, sorted and without duplicates (a triple two graphs hold is one),
    read from the store in bounded memory, page by page (in no set order):
    one pass over the store's graphs (as N-Triples lines the store writes) puts each triple,
    tagged with its page, into one of several temporary files chosen by the page; each file is
    then grouped alone.  Memory grows with one file's share of the store, not with the store."""
    import tempfile
    from zlib import crc32

    buckets = 1 + store.count() // BUCKET_QUADS
    files = [tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") for _ in range(buckets)]
    try:
        for graph in store.graphs():
            for line in store.graph_lines(graph):
                s, _, rest = line.partition(" ")
                o = rest.partition(" ")[2]
                for page in _pages_of(s, o, pages):
                    files[crc32(page.encode("utf-8")) % buckets].write(f"{page}\t{line}\n")
        seen: set[str] = set()
        for fh in files:
            fh.seek(0)
            grouped: dict[str, set[str]] = {}
            for row in fh:
                page, _, line = row.rstrip("\n").partition("\t")
                grouped.setdefault(page, set()).add(line)
            for page, lines in grouped.items():
                seen.add(page)
                yield page, sorted(_triple(line) for line in lines)
            grouped.clear()
        for page in pages - seen:  # a page nothing is said of still gets its (empty) RDF
            yield page, []
    finally:
        for fh in files:
            fh.close()


def _triple(line: str) -> tuple[str, str, str]:
    s, _, rest = line.partition(" ")
    p, _, o = rest.partition(" ")
    return s, p, o


def turtle(triples: list[tuple[str, str, str]]) -> str:
    ab = Abbreviator()
    body = "".join(turtle_body(subjects_from_triples(triples), ab))
    return turtle_head(ab) + body


def jsonld(triples: list[tuple[str, str, str]]) -> str:
    """JSON-LD of the triples in the default graph: the node objects of the project's writer,
    without its named-graph wrapper."""
    ab = Abbreviator()
    body = "".join(jsonld_body([("<urn:x-page>", subjects_from_triples(triples))], ab))
    doc = json.loads(jsonld_head(ab) + body)
    doc["@graph"] = doc["@graph"][0]["@graph"] if doc["@graph"] else []
    return json.dumps(doc, ensure_ascii=False) + "\n"


def dump_store(store, fh, nquads=None) -> None:
    """Every quad as sorted N-Quads, gzipped into the open binary file ``fh`` as it is written,
    with no time or name in the header (the same bytes each time).  ``nquads(write)`` hands the
    sorted N-Quads to ``write`` in UTF-8 chunks (the CLI passes the export's, which sorts in
    spilled runs: bounded memory); without it the quads are sorted here, in memory."""
    import gzip

    with gzip.GzipFile(filename="", mode="wb", compresslevel=6, fileobj=fh, mtime=0) as gz:
        if nquads is not None:
            nquads(gz.write)
            return
        lines = sorted({f"{s} {p} {o} {g}" for s, p, o, g in store.quads()})
        for chunk in lines_body(lines):
            gz.write(chunk.encode("utf-8"))


def void_counts(store) -> dict[str, object]:
    """The VoID figures of the store, counted by the store's engine (no copy of the data here):
    distinct triples, subjects, objects, properties, and the entities of each class."""
    from kg.vocab import SPARQL_PREFIXES

    def one(body: str) -> int:
        rows = store.query(SPARQL_PREFIXES + body).records()
        return int(rows[0]["n"] or 0) if rows else 0

    # subjects, objects and properties in one pass over the quads
    row = (store.query(SPARQL_PREFIXES + "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
                       "(COUNT(DISTINCT ?p) AS ?properties) WHERE { GRAPH ?g { ?s ?p ?o } }").records() or [{}])[0]
    out: dict[str, object] = {
        "triples": one("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"),
        **{k: int(row.get(k) or 0) for k in ("subjects", "objects", "properties")},
    }
    rows = store.query(SPARQL_PREFIXES + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } "
                       "GROUP BY ?c").records()
    out["classes"] = Counter({f"<{r['c']}>": int(r["n"]) for r in rows if r["c"]})
    return out


def _lit(text: str, lang: str = "") -> str:
    body = json.dumps(text, ensure_ascii=False)
    return body + (f"@{lang}" if lang else "")


def catalog(counts: dict[str, object], *, documents: int, pages: int, dump_bytes: int,
            spatial: list[str], themes: list[str], years: list[int]) -> str:
    """``catalog.ttl``: the catalogue, the dataset with its VoID figures (``counts``, from
    :func:`void_counts`), and its distributions (the site and the N-Quads dump); relative IRIs
    resolve against the file's own address."""
    classes = counts["classes"]
    fz, ab = PREFIXES["fz"], Abbreviator()
    parts = "".join(f"\n    void:classPartition [ void:class {ab.iri(c)} ; void:entities {n} ] ;"
                    for c, n in sorted(classes.items()))
    temporal = (f'\n    dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "{min(years)}"^^xsd:gYear ; '
                f'dcat:endDate "{max(years)}"^^xsd:gYear ] ;' if years else "")
    spatial_text = "".join(f"\n    dct:spatial <{s}> ;" for s in sorted(spatial))
    keywords = "".join(f"\n    dcat:keyword {_lit(t, 'zh')} ;" for t in sorted(themes))
    head = "".join(f"@prefix {n}: <{ns}> .\n" for n, ns in sorted(
        {**{k: PREFIXES[k] for k in ab.used}, "dcat": "http://www.w3.org/ns/dcat#", "dct": PREFIXES["dct"],
         "void": "http://rdfs.org/ns/void#", "xsd": PREFIXES["xsd"], "fz": fz}.items()))
    return f"""{head}
<> a dcat:Catalog ;
    dct:title "法治政府建设知识图谱"@zh, "fazhi-kg: rule-of-law government plans and reports"@en ;
    dcat:dataset <#dataset> .

<#dataset> a dcat:Dataset, void:Dataset ;
    dct:title "法治政府建设文件的任务、责任单位、目标与报告"@zh, "tasks, responsible units, targets and reports of rule-of-law government documents"@en ;
    dct:description "Extracted by fazhi-kg from {documents} documents; one page per document, task, unit, area and theme, each with its RDF beside it."@en ;
    dcat:landingPage <index.html> ;{temporal}{spatial_text}{keywords}
    void:uriSpace "{BASE}" ;
    void:dataDump <data.nq.gz> ;
    void:triples {counts["triples"]} ;
    void:entities {pages} ;
    void:distinctSubjects {counts["subjects"]} ;
    void:distinctObjects {counts["objects"]} ;
    void:properties {counts["properties"]} ;
    void:classes {len(classes)} ;{parts}
    dcat:distribution <#nquads>, <#site> .

<#nquads> a dcat:Distribution ;
    dct:title "全部数据 all data, one named graph per document"@en ;
    dcat:downloadURL <data.nq.gz> ;
    dcat:mediaType <https://www.iana.org/assignments/media-types/application/n-quads> ;
    dcat:compressFormat <https://www.iana.org/assignments/media-types/application/gzip> ;
    dcat:byteSize {dump_bytes} .

<#site> a dcat:Distribution ;
    dct:title "网页 the site: a page per thing, with Turtle and JSON-LD beside it"@en ;
    dcat:accessURL <index.html> ;
    dcat:mediaType <https://www.iana.org/assignments/media-types/text/html> .
"""
