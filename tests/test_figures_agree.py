"""`analyze` (networkx over the read model) and the named queries (SPARQL over the graph) define
the same figures in two places; on the samples they must give the same answers, task by task
and unit by unit, so neither can drift."""

from pathlib import Path

import pytest

from kg.jobs.build import build
from kg.query.named import get_query
from kg.store import open_store
from kg.views.analyze import analyze
from kg.views.readmodel import load_graph_data

SAMPLES = Path(__file__).resolve().parent.parent / "kg" / "samples"


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("agree") / "store")
    build(sorted(SAMPLES.glob("*.txt")), st)
    yield st, analyze(load_graph_data(st))
    st.close()


def rows(st, name):
    return st.query(get_query(name).text).records()


def test_tasks_without_lead(both):
    st, a = both
    assert {r["task"] for r in rows(st, "tasks-without-lead")} == {t["task"] for t in a.gaps["no_lead"]}
    assert len(a.gaps["no_lead"]) > 0


def test_tasks_with_many_leads(both):
    st, a = both
    assert {r["task"] for r in rows(st, "tasks-with-many-leads")} == {t["task"] for t in a.gaps["many_leads"]}
    assert len(a.gaps["many_leads"]) > 0


def test_collective_only_tasks(both):
    st, a = both
    assert {r["task"] for r in rows(st, "collective-only-tasks")} == {t["task"] for t in a.gaps["collective_only"]}


def test_units_named_once(both):
    st, a = both
    assert {r["unit"] for r in rows(st, "units-named-once")} == {u["unit"] for u in a.gaps["named_once"]}
    assert len(a.gaps["named_once"]) > 0


def test_unit_workload(both):
    st, a = both
    query = {r["unit"]: (int(r["lead_count"]), int(r["responsible_count"]), int(r["cooperating_count"]))
             for r in rows(st, "unit-workload")}
    mine = {w.iri: (w.led, w.responsible, w.cooperating) for w in a.workload}
    assert query == mine and len(mine) > 20
