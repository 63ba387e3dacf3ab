"""The counts each document's graph carries (fz:UnitTally, fz:LeadPairTally, fz:leadUnitCount; ontology/fazhi.ttl, "summary") say exactly what the facts say.

The named queries that add the tallies up (unit-workload, co-lead-pairs, units-named-once,
tasks-with-many-leads) are compared with the same answers computed from the raw
facts (participations, role shortcuts), on the bundled samples and on a generated
benchmark corpus, and again after a document is rebuilt with one more lead unit, so that a tally
replaced with its document is checked too.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pytest

from kg.jobs.build import build
from kg.query.named import get_query
from kg.resources import samples_dir
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks package (its corpus generator), however pytest was started
    sys.path.insert(0, str(ROOT))

P = """PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

# --- the same answers from the raw facts, not the tallies ---------------------------------------

RAW_ROLE_COUNTS = P + """
SELECT ?unit (COUNT(DISTINCT ?led) AS ?lead) (COUNT(DISTINCT ?resp) AS ?responsible)
       (COUNT(DISTINCT ?coop) AS ?cooperating)
WHERE { { ?led fz:leadUnit ?unit } UNION { ?resp fz:responsibleUnit ?unit } UNION { ?coop fz:cooperatingUnit ?unit } }
GROUP BY ?unit"""

RAW_ASSIGNMENTS = P + """
SELECT ?unit (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a cv:Participation ; cv:hasParticipant ?unit } GROUP BY ?unit"""

RAW_PAIRS = P + """
SELECT ?a ?b (COUNT(DISTINCT ?task) AS ?shared) (COUNT(DISTINCT ?doc) AS ?docs)
WHERE { ?task fz:leadUnit ?a , ?b ; fz:inDocument ?doc . ?a skos:prefLabel ?an . ?b skos:prefLabel ?bn .
        FILTER(STR(?an) < STR(?bn) || (STR(?an) = STR(?bn) && STR(?a) < STR(?b))) }
GROUP BY ?a ?b"""

RAW_LEADS = P + """
SELECT ?task (COUNT(DISTINCT ?lead) AS ?n) WHERE { ?task fz:leadUnit ?lead } GROUP BY ?task"""

# --- what the tallies say ---------------------------------------------------------------------------

TALLY_ROLE_COUNTS = P + """
SELECT ?unit (SUM(?l) AS ?lead) (SUM(?r) AS ?responsible) (SUM(?c) AS ?cooperating) (SUM(?a) AS ?n)
WHERE { ?t a fz:UnitTally ; fz:tallyUnit ?unit ; fz:leadCount ?l ; fz:responsibleCount ?r ;
           fz:cooperatingCount ?c ; fz:assignmentCount ?a }
GROUP BY ?unit"""

TALLY_PAIRS = P + """
SELECT ?a ?b (SUM(?n) AS ?shared) (COUNT(?t) AS ?docs)
WHERE { ?t a fz:LeadPairTally ; fz:firstUnit ?a ; fz:secondUnit ?b ; fz:sharedTasks ?n } GROUP BY ?a ?b"""

TALLY_LEADS = P + "SELECT ?task ?n WHERE { ?task fz:leadUnitCount ?n }"


def _table(st, query: str) -> set[tuple]:
    return {tuple(None if t is None else t.value for t in row) for row in st.query(query).rows}


def _as_int(rows: set[tuple], numeric_from: int) -> set[tuple]:
    return {row[:numeric_from] + tuple(int(v) for v in row[numeric_from:]) for row in rows}


def check_tallies(st) -> dict[str, int]:
    """Every tally against the raw facts; returns how many of each were compared (so a test can
    see that there was something to compare)."""
    raw_roles = _as_int(_table(st, RAW_ROLE_COUNTS), 1)
    raw_assign = {u: int(n) for u, n in _table(st, RAW_ASSIGNMENTS)}
    tally = _as_int(_table(st, TALLY_ROLE_COUNTS), 1)
    # a unit named in an assignment appears in both; its assignment count from the records
    assert {row[:4] for row in tally} == {r for r in raw_roles if r[0] in raw_assign}
    assert {row[0]: row[4] for row in tally} == raw_assign
    raw_pairs = _as_int(_table(st, RAW_PAIRS), 2)
    assert _as_int(_table(st, TALLY_PAIRS), 2) == raw_pairs
    raw_leads = _as_int(_table(st, RAW_LEADS), 1)
    assert _as_int(_table(st, TALLY_LEADS), 1) == raw_leads
    return {"units": len(tally), "pairs": len(raw_pairs), "tasks": len(raw_leads)}


# --- the named queries against their raw-fact forms -------------------------------------------------

def _records(st, query: str) -> list[dict]:
    return st.query(query).records()


def check_queries(st) -> None:
    # unit-workload: the counts per unit as the raw facts give them (units named in an assignment)
    workload = _records(st, get_query("unit-workload").text)
    raw = {r[0]: tuple(int(v) for v in r[1:]) for r in _table(st, RAW_ROLE_COUNTS)}
    assert {r["unit"]: (int(r["lead_count"]), int(r["responsible_count"]), int(r["cooperating_count"]))
            for r in workload} == raw
    keys = [(-int(r["lead_count"]), -int(r["responsible_count"]), -int(r["cooperating_count"]), r["name"], r["unit"])
            for r in workload]
    assert keys == sorted(keys)  # most leads first, then by name and IRI
    # co-lead-pairs
    pairs = _records(st, get_query("co-lead-pairs").text)
    assert {(r["unit_a"], r["unit_b"], int(r["shared_tasks"]), int(r["document_count"])) for r in pairs} \
        == _as_int(_table(st, RAW_PAIRS), 2)
    # units-named-once: the units with one participation record over all documents
    once = _records(st, get_query("units-named-once").text)
    raw_assign = collections.Counter({u: int(n) for u, n in _table(st, RAW_ASSIGNMENTS)})
    assert {r["unit"] for r in once} == {u for u, n in raw_assign.items() if n == 1}
    # tasks-with-many-leads
    many = _records(st, get_query("tasks-with-many-leads").text)
    assert {(r["task"], int(r["lead_count"])) for r in many} \
        == {(t, n) for t, n in _as_int(_table(st, RAW_LEADS), 1) if n >= 3}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("summary") / "store")
    build([samples_dir()], st)
    yield st
    st.close()


def test_tallies_match_the_facts_on_the_samples(samples):
    seen = check_tallies(samples)
    assert min(seen.values()) > 0, seen


def test_summary_queries_match_the_facts_on_the_samples(samples):
    check_queries(samples)


def test_samples_hand_checked(samples):
    """One count read off the documents by hand: 000 (栖霞区 2023) names 区司法局 as a lead on
    several tasks; its tally in that document agrees with the participations listed."""
    rows = _records(samples, P + """
        SELECT ?name ?l WHERE { ?t a fz:UnitTally ; fz:tallyUnit ?u ; fz:leadCount ?l .
                                ?u skos:prefLabel ?name . FILTER(STR(?name) = "南京市栖霞区司法局") }""")
    assert rows, "栖霞区司法局 has no tally in the samples"
    led = _records(samples, P + """
        SELECT DISTINCT ?task WHERE { ?task fz:leadUnit ?u . ?u skos:prefLabel ?name .
                                      FILTER(STR(?name) = "南京市栖霞区司法局") }""")
    assert sum(int(r["l"]) for r in rows) == len(led) > 1


def test_tallies_match_on_the_benchmark_corpus_and_after_a_rebuild(tmp_path):
    from benchmarks.generate import generate

    paths = generate(24, tmp_path / "corpus")
    st = open_store(tmp_path / "store")
    try:
        build(paths, st)
        seen = check_tallies(st)
        assert seen["pairs"] > 10 and seen["tasks"] > 10, seen
        check_queries(st)
        # the first document again, one task given one more lead unit: its graph (tallies with it)
        # is replaced in one transaction; the counts must follow
        first = Path(paths[0])
        text = first.read_text(encoding="utf-8")
        changed = text.replace("牵头单位:", "牵头单位:区审计局、", 1)
        assert changed != text
        first.write_text(changed, encoding="utf-8")
        before = _table(st, TALLY_PAIRS)
        build([first], st)
        assert _table(st, TALLY_PAIRS) != before
        check_tallies(st)
        check_queries(st)
    finally:
        st.close()
