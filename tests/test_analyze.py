"""Graph data and analysis: figures checked by hand on the samples and on tiny hand-made graphs."""

import csv
import io
import json
from pathlib import Path

import pytest

from kg.render.output import render
from kg.views.analyze import CSV_COLUMNS, analyze, gini, hhi, output, to_json, to_table


def to_csv(a):
    return render(output(a), "csv").lstrip("\ufeff")
from kg.errors import NoMatch
from kg.views.model import Assignment, Document, GraphData, Task, Unit
from kg.views.readmodel import load_graph_data

GOLD = Path(__file__).resolve().parent / "gold"
SEED0 = "000_fbb961a89fe9d432.txt"
SIFA = "南京市栖霞区司法局"


@pytest.fixture(scope="module")
def store():
    from kg.jobs.build import build
    from kg.resources import samples_dir
    from kg.store import open_store

    st = open_store("memory")
    build([samples_dir()], st)
    return st


@pytest.fixture(scope="module")
def everything(store):
    return load_graph_data(store)


@pytest.fixture(scope="module")
def seed0(store):
    return load_graph_data(store, document=SEED0)


def tiny(tasks: dict[str, dict[str, list[str]]], collective: tuple[str, ...] = ()) -> GraphData:
    """A GraphData from {task: {role: [unit, …]}}; unit names are their IRIs."""
    doc = Document("doc:1", "tiny.txt", "小计划", "", "", "某区", "000000", "AnnualPlan")
    names = sorted({u for roles in tasks.values() for units in roles.values() for u in units})
    units = [Unit(n, n, [n], "CollectiveSubject" if n in collective else "GovernmentDepartment", "某区", "000000")
             for n in names]
    task_list = [Task(t, doc.iri, doc.title, doc.source, f"{i}.", i, f"一.{i}", f"任务{t}")
                 for i, t in enumerate(tasks, start=1)]
    assignments = [Assignment(t, u, role, pos) for t, roles in tasks.items() for role, us in roles.items()
                   for pos, u in enumerate(us, start=1)]
    return GraphData([doc], task_list, units, assignments, [])


HAND = {  # six tasks; leads: A 4, B 3, C 2, D 0, E 0
    "T1": {"lead": ["A"]},
    "T2": {"lead": ["A", "B"]},
    "T3": {"lead": ["A"], "responsible": ["C"]},
    "T4": {"lead": ["B", "C"], "cooperating": ["D"]},
    "T5": {"responsible": ["E"]},
    "T6": {"lead": ["A", "B", "C"]},
}


# --- graph data ------------------------------------------------------------------------------


def test_graph_data_of_the_samples(everything, seed0):
    assert len(everything.documents) == 5 and len(everything.tasks) == 98
    assert len(seed0.tasks) == 38 and [d.source for d in seed0.documents] == [SEED0]
    task = seed0.tasks[0]
    assert (task.number, task.path, task.title) == ("1.", "二.(一).1", '持续深化"放管服"改革')
    assert task.document_title == "栖霞区2021年法治政府建设工作计划" and task.source == SEED0
    sifa = next(u for u in seed0.units if u.name == SIFA)
    assert "区司法局" in sifa.written and sifa.type == "GovernmentDepartment"
    assert (sifa.jurisdiction, sifa.jurisdiction_code) == ("栖霞区", "320113")
    leads = [seed0.unit_by_iri[u].name for u in seed0.units_of(task.iri, "lead")]
    assert leads[3] == SIFA and len(leads) == 5  # the note's order: 区行政审批局、区委编办、区市场监管局、区司法局、区发改委
    targets = [t.text for t in everything.tasks for t in t.targets]
    assert "败诉率 ≤ 8%" in targets


def test_document_filter_accepts_title_number_stem_and_iri(store, seed0):
    doc = seed0.documents[0]
    for key in (doc.title, doc.number, SEED0[:-4], doc.iri):
        assert [t.iri for t in load_graph_data(store, document=key).tasks] == [t.iri for t in seed0.tasks]
    with pytest.raises(NoMatch):
        load_graph_data(store, document="不存在的文件")


def test_unit_and_theme_filters(store):
    focus = load_graph_data(store, unit="区司法局")  # a written form
    assert len(focus.tasks) == 26 and focus.filters == {"unit": "区司法局"}
    sifa = next(u for u in focus.units if u.name == SIFA)
    assert set(focus.tasks_of(sifa.iri)) == {t.iri for t in focus.tasks}
    assert len(focus.units) > 1  # the other units of those tasks come along
    assert [t.iri for t in load_graph_data(store, unit=SIFA).tasks] == [t.iri for t in focus.tasks]
    themed = load_graph_data(store, theme="fangguanfu")
    assert themed.tasks and all("fangguanfu" in t.themes for t in themed.tasks)
    with pytest.raises(NoMatch):
        load_graph_data(store, unit="火星司法局")


def test_loading_is_deterministic(store, everything):
    assert load_graph_data(store).to_dict() == everything.to_dict()


def test_oxigraph_gives_the_same_graph(everything, tmp_path):
    """Oxigraph's union default graph and rdflib's must read the same (no doubled rows, same order)."""
    from kg.jobs.build import build
    from kg.resources import samples_dir
    from kg.store import open_store

    with open_store(tmp_path / "store") as ox:
        build([samples_dir()], ox)
        data = load_graph_data(ox)
    assert data.to_dict() == everything.to_dict()
    assert to_json(analyze(data)) == to_json(analyze(everything))


# --- figures on the samples -----------------------------------------------------------------------


def test_top_lead_unit_of_seed_000(seed0):
    a = analyze(seed0)
    top = a.workload[0]
    assert (top.name, top.led) == (SIFA, 26)
    assert top.lead_share == pytest.approx(26 / 38)
    assert a.summary["top_unit"] == SIFA and a.summary["top_unit_led"] == 26
    assert a.summary["top1_share"] == pytest.approx(26 / 38)
    assert a.scope["tasks"] == 38


def test_tasks_without_a_lead_are_the_37_of_seed_003(everything):
    a = analyze(everything)
    no_lead = a.gaps["no_lead"]
    assert len(no_lead) == 37 == a.summary["no_lead"]
    assert {g["source"] for g in no_lead} == {"003_06ec0521e48adf05.txt"}
    assert {g["task"] for g in no_lead} == {t.iri for t in everything.tasks if t.source.startswith("003_")}


def test_co_lead_weight_matches_the_gold_annotations(seed0):
    gold = json.loads((GOLD / "000_fbb961a89fe9d432.json").read_text(encoding="utf-8"))
    both = [t["number"] for t in gold["tasks"] if {"区司法局", "区发改委"} <= set(t["lead"])]
    assert both == [1, 2, 20, 23, 29]  # counted by hand in the document
    edges = {(e["source"], e["target"]): e["weight"] for e in analyze(seed0).edges}
    assert edges[("南京市栖霞区发展和改革委员会", SIFA)] == 5
    assert edges[("南京市栖霞区人民政府办公室", SIFA)] == 3  # tasks 12, 14, 22


# --- figures by hand ----------------------------------------------------------------------------


def test_gini_and_hhi_on_known_distributions():
    assert gini([1, 1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)  # one holder of four: (n-1)/n
    assert gini([0, 1, 2, 3]) == pytest.approx(20 / 48)  # sum of |xi-xj| over ordered pairs / (2 n^2 mean)
    assert gini([]) == 0.0 and hhi([]) == 0.0
    assert hhi([5, 5]) == pytest.approx(0.5) and hhi([10]) == 1.0
    assert hhi([1, 1, 2]) == pytest.approx(0.25 ** 2 * 2 + 0.5 ** 2)


def test_concentration_and_gaps_by_hand():
    a = analyze(tiny(HAND, collective=("E",)))
    s = a.summary
    assert [(w.name, w.led) for w in a.workload] == [("A", 4), ("B", 3), ("C", 2), ("E", 0), ("D", 0)]
    assert s["top_unit"] == "A" and s["top1_share"] == pytest.approx(4 / 6)
    assert s["top3_units"] == ["A", "B", "C"] and s["top3_share"] == pytest.approx(5 / 6)  # T5 has no lead
    assert s["gini"] == pytest.approx(22 / 45)  # lead counts 4,3,2,0,0
    assert s["hhi"] == pytest.approx(29 / 81)  # (16 + 9 + 4) / 9^2
    c = next(w for w in a.workload if w.name == "C")
    assert (c.led, c.responsible, c.cooperating, c.involved) == (2, 1, 0, 3)
    assert c.task_share == pytest.approx(3 / 6)
    assert {(e["source"], e["target"]): e["weight"] for e in a.edges} == {("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 1}
    assert [g["task"] for g in a.gaps["no_lead"]] == ["T5"]
    assert [g["task"] for g in a.gaps["many_leads"]] == ["T6"]
    assert [g["task"] for g in a.gaps["collective_only"]] == ["T5"]
    assert [g["name"] for g in a.gaps["named_once"]] == ["D", "E"]
    assert (s["network_nodes"], s["network_edges"], s["network_components"]) == (3, 3, 1)


def test_disconnected_network_is_deterministic():
    data = tiny({"T1": {"lead": ["A", "B"]}, "T2": {"lead": ["C", "D"]}, "T3": {"lead": ["C", "E"]},
                 "T4": {"lead": ["F"]}})
    a = analyze(data)
    by = {w.name: w for w in a.workload}
    assert by["C"].eigenvector == pytest.approx(1.0)  # the core of the largest component
    assert by["A"].eigenvector == pytest.approx(2 / 3) == by["B"].eigenvector  # scaled by component size
    assert by["F"].eigenvector == 0.0 and by["F"].degree == 0  # isolated
    assert by["C"].betweenness == pytest.approx(1 / 10)  # one of the 10 pairs of six units goes through C
    assert a.summary["network_components"] == 3
    assert a.communities[0] == ["C", "D", "E"] and ["F"] in a.communities
    assert to_json(a) == to_json(analyze(data))


def test_themes_say_who_carries_them(everything):
    a = analyze(everything)
    fgf = next(t for t in a.themes if t["key"] == "fangguanfu")
    assert fgf["label"] == "放管服改革" and fgf["theme_tasks"] >= 1
    assert all(set(x) == {"name", "led"} for x in fgf["theme_leads"])
    assert set(a.explanations) >= set(a.summary) | {"led", "lead_share", "theme_leads"}
    assert all(e["zh"] and e["en"] for e in a.explanations.values())


# --- renderers ------------------------------------------------------------------------------------


def test_renderers_produce_parseable_output(seed0):
    a = analyze(seed0)
    doc = json.loads(to_json(a))
    assert doc["summary"]["top_unit"] == SIFA and doc["summary"]["top1_share"] == round(26 / 38, 4)
    assert doc["workload"][0]["led"] == 26 and "explanations" in doc
    rows = list(csv.reader(io.StringIO(to_csv(a))))
    assert tuple(rows[0]) == CSV_COLUMNS and all(len(r) == len(CSV_COLUMNS) for r in rows)
    summary = {r[1]: r[CSV_COLUMNS.index("value")] for r in rows if r[0] == "summary"}
    assert summary["top_unit"] == SIFA and summary["top1_share"] == "0.6842" and summary["tasks"] == "38"
    units = [r for r in rows if r[0] == "unit"]
    assert units[0][CSV_COLUMNS.index("name")] == SIFA and units[0][CSV_COLUMNS.index("led")] == "26"
    assert len(units) == len(seed0.units)
    text = to_table(a)
    assert SIFA in text and "概要 Summary" in text and "0.6842" in text
    assert to_json(a) == to_json(analyze(seed0)) and to_csv(a) == to_csv(analyze(seed0))


def test_table_columns_line_up():
    from kg.render.text import width

    data = tiny({"T1": {"lead": ["南京市栖霞区司法局", "A"]}, "T2": {"lead": ["区委编办"]}})
    block = to_table(analyze(data)).split("工作量 Workload")[1].split("\n\n")[0].splitlines()[1:]
    sizes = [len(seg) for seg in block[1].split("  ")]
    for row in [block[0], *block[2:]]:
        used, n = 0, 0
        for n, ch in enumerate(row):
            if used >= sizes[0] + 2:
                break
            used += width(ch)
        assert used == sizes[0] + 2 and row[n - 2:n] == "  " and row[n] != " ", row
