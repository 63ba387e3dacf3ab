"""What the graph page takes from the store besides :class:`kg.views.model.GraphData`: each
task's note as written (for the tooltip and the detail panel), and a theme's key from its name."""

from __future__ import annotations

from kg.store import BaseStore
from kg.vocab import SPARQL_PREFIXES


def task_notes(store: BaseStore) -> dict[str, str]:
    """Task IRI → its note (分工说明) as the document writes it, e.g. （牵头单位：区司法局）."""
    rows = store.query(SPARQL_PREFIXES + "SELECT ?task ?note WHERE { ?task a fz:Task ; fz:note ?note }").records()
    out: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: (r["task"], r["note"] or "")):
        out.setdefault(r["task"], r["note"] or "")
    return out


def theme_key(name: str) -> str:
    """The key of the theme called ``name`` in Chinese (行政复议 → admin_review; its section-title
    variants too), or ``name`` as given: a key already, or no theme (the read model says so)."""
    from kg.reference.lexicon import themes

    wanted = name.strip()
    for t in themes():
        if wanted == t.key or wanted == t.label_zh or wanted in t.aliases or wanted.lower() == t.label_en.lower():
            return t.key
    return wanted


def report_links(store: BaseStore) -> list[tuple[str, str, str]]:
    """(report IRI, task IRI, status) for every plan task a report speaks of — reported or partly —
    as the task view stored them (``fazhi-kg track --tasks --write``, and ``demo``)."""
    rows = store.query(SPARQL_PREFIXES + """SELECT DISTINCT ?report ?task ?status WHERE {
  ?e a fz:TaskEvidence ; fz:evidenceOf ?task ; fz:inReport ?report ; fz:reportStatus ?status .
  FILTER(STR(?status) IN ("reported", "partly")) }""").records()
    return sorted((r["report"], r["task"], str(r["status"])) for r in rows)
