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

from kg.rdf.serialize import (Abbreviator, jsonld_body, jsonld_head, lines_body, subjects_from_triples, turtle_body,
                              turtle_head)
from kg.vocab import BASE, PREFIXES

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


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


def page_triples(quads: list[tuple[str, str, str, str]], pages: set[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Each page IRI's triples, sorted and without duplicates (a triple two graphs hold is one)."""
    out: dict[str, set[tuple[str, str, str]]] = {p: set() for p in pages}
    for s, p, o, _ in quads:
        mine = _owner(s, pages)
        if mine is not None:
            out[mine].add((s, p, o))
        if o.startswith("<") and o[1:-1] in pages and o[1:-1] != mine and (mine is None or s[1:-1] == mine):
            out[o[1:-1]].add((s, p, o))
    return {k: sorted(v) for k, v in out.items()}


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


def dump(quads: list[tuple[str, str, str, str]]) -> bytes:
    """Every quad as N-Quads, gzipped with no time or name in the header (the same bytes each time)."""
    import gzip

    text = "".join(lines_body(f"{s} {p} {o} {g}" for s, p, o, g in quads))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def _lit(text: str, lang: str = "") -> str:
    body = json.dumps(text, ensure_ascii=False)
    return body + (f"@{lang}" if lang else "")


def catalog(quads: list[tuple[str, str, str, str]], *, documents: int, pages: int, dump_bytes: int,
            spatial: list[str], themes: list[str], years: list[int]) -> str:
    """``catalog.ttl``: the catalogue, the dataset with its VoID figures, and its distributions
    (the site and the N-Quads dump); relative IRIs resolve against the file's own address."""
    triples = {(s, p, o) for s, p, o, _ in quads}
    subjects = {s for s, _, _ in triples}
    objects = {o for _, _, o in triples}
    classes = Counter(o for s, p, o in triples if p == RDF_TYPE)
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
    void:triples {len(triples)} ;
    void:entities {pages} ;
    void:distinctSubjects {len(subjects)} ;
    void:distinctObjects {len(objects)} ;
    void:properties {len({p for _, p, _ in triples})} ;
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
