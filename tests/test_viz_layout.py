"""The graph page of one plan (seed 000, 栖霞区 2021), read in a real headless Chromium.

One page, written by ``fazhi-kg viz`` beside a static site built by ``fazhi-kg site``, is opened
once with ``#selfcheck``: the page measures itself — the boxes (shape and label) of the nodes shown
that overlap another's, at the default zoom, read from vis-network (``getBoundingBox``) — then
works its controls (collectives switch, debounced search, a theme filter, the detail panel, the
three export buttons) and reports.  Before the column layout, 99 of its 118 nodes overlapped.
"""

import html
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.views.model import Assignment, Document, GraphData, Task, Unit
from kg.viz.page import render_page
from test_viz import _chromium, _finish, _launch, _report, page_data

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_fbb961a89fe9d432.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The store of the samples, the site beside the page, and seed 000's page linking into it."""
    work = tmp_path_factory.mktemp("layout")
    store = work / "store"
    run = CliRunner().invoke
    assert run(app, ["build", str(ROOT / "kg" / "samples"), "--store", str(store)]).exit_code == 0
    # the task view of 南京市's scheme (003) against 浦口区's 2023 report (004), stored as links
    tasks = run(app, ["track", "--tasks", "--area", "浦口区", "--year", "2023", "--write", "-o", str(work / "tv.csv"),
                      "--store", str(store)])
    assert tasks.exit_code == 0 and "20 reported, 9 partly, 8 not mentioned" in tasks.output, tasks.output
    assert run(app, ["site", str(work / "site"), "--store", str(store)]).exit_code == 0
    page = work / "graph.html"
    result = run(app, ["viz", "--document", SEED, "--store", str(store), "--output", str(page), "--site-url", "site"])
    assert result.exit_code == 0, result.output
    return work, store, page


def synthetic(documents: int, areas: int, tasks: int, units: int, roles: int) -> GraphData:
    """``documents`` documents (document i in 区 i mod ``areas``), ``tasks`` tasks (task i in
    document i mod ``documents``), ``units`` units (task i led by unit 7i mod ``units``, with the
    next ``roles`` - 1 units responsible)."""
    docs = [Document(f"doc:{i}", f"{i}.txt", f"文件{i}", "", "", f"区{i % areas}", "", "AnnualPlan") for i in range(documents)]
    held = [Unit(f"unit:{i}", f"单位{i:03d}", [], "GovernmentDepartment", "某区", "") for i in range(units)]
    work = [Task(f"task:{i}", docs[i % documents].iri, "", "", f"{i}.", i, str(i), f"任务{i}") for i in range(tasks)]
    links = [Assignment(t.iri, held[(i * 7 + k) % units].iri, "lead" if k == 0 else "responsible", k + 1)
             for i, t in enumerate(work) for k in range(roles)]
    return GraphData(docs, work, held, links, [])


def big_data() -> GraphData:
    """1,104 nodes: 4 documents in 2 jurisdictions, 800 tasks, 300 units (7i lead, 7i+1 and 7i+2 responsible)."""
    return synthetic(4, 2, 800, 300, 3)


def many_documents() -> GraphData:
    """240 documents in 12 jurisdictions (document i in 区 i mod 12), 960 tasks, 60 units."""
    return synthetic(240, 12, 960, 60, 2)


@pytest.fixture(scope="module")
def reports(built):
    _chromium()
    work, _, page = built
    graph = page_data(page.read_text(encoding="utf-8"))
    theme = next(v for v, label in graph["filters"]["theme"] if label.startswith("行政复议（"))
    task27 = next(k for k, m in graph["meta"].items() if m["k"] == "task" and m["tip"][0] == "27. 提升行政复议工作质量")
    big = render_page(big_data(), None, work / "big.html")
    many = render_page(many_documents(), None, work / "many.html")
    procs = [_launch(f"{page.as_uri()}#selfcheck&q=%E5%8C%BA%E5%8F%B8%E6%B3%95%E5%B1%80&theme={theme}&detail={task27}"
                     f"&hover={task27}",
                     work / "profile", "--dump-dom", "--window-size=1400,900"),
             _launch(f"{big.as_uri()}#selfcheck&open=d0&go=t1", work / "profile-big", "--dump-dom", "--window-size=1400,900"),
             _launch(f"{many.as_uri()}#selfcheck&area=a0&go=t5", work / "profile-many", "--dump-dom", "--window-size=1400,900")]
    out = []
    for proc in procs:
        r = _report(_finish(proc))
        assert "exception" not in r, r.get("exception")
        assert r["errors"] == [] and r["pwned"] is False
        out.append(r)
    return out[0], graph, out[1], out[2]


@pytest.fixture(scope="module")
def report(reports):
    return reports[:2]


def test_no_two_nodes_overlap_at_the_default_zoom(report):
    r, graph = report
    assert r["nodes_expected"] == 118 == len(graph["nodes"])  # 29 units, 38 tasks, 36 themes, 14 targets, 1 document
    assert r["overlapping"] == [] and r["shown"] == 115  # three collectives hidden
    assert r["with_collectives"]["shown"] == 118 and r["with_collectives"]["overlapping"] == 0


def test_collectives_are_hidden_behind_a_switch_and_counted(report):
    r, _ = report
    # 区政府各有关部门 and 各街道 are each named by all 38 notes, 重大行政决策承办单位 by 3 (read in the plan)
    assert "已隐藏泛指主体、占位角色 3 个（79 条分工）" in r["summary"]
    assert r["summary"].startswith("当前视图 view：38 项任务 tasks · 26 个单位 units · 92 条分工")  # 171 - 79
    assert "29 个单位" in r["with_collectives"]["summary"] and "171 条分工" in r["with_collectives"]["summary"]
    assert "已隐藏" not in r["with_collectives"]["summary"]


def test_search_is_debounced_and_answered_by_name(report):
    r, graph = report
    sifa = next(k for k, m in graph["meta"].items() if m["tip"][0] == "南京市栖霞区司法局")
    assert r["search"]["matches"] == [sifa]  # 区司法局 is how the plan writes it: one of its names
    assert r["debounce"] == {"runs": 1, "matches": 1}  # five keystrokes, one search, after the last


def test_summary_chart_and_exports_follow_a_filter(report):
    r, graph = report
    # 行政复议 in seed 000: tasks 23 (强化行政监督、审计监督) and 27 (提升行政复议工作质量)
    f = r["filtered"]
    f["theme"] = next(k for k, m in graph["meta"].items() if m["k"] == "theme" and m["tip"][0] == "行政复议")
    assert f["kinds"]["task"] == 2 and f["summary"].startswith("当前视图 view：2 项任务")
    # their notes: 23 led by 区委编办、区司法局、区财政局、区发改委、区审计局; 27 by 区司法局 (others: collectives)
    for unit in ("区委编办", "区财政局", "区发改委", "区审计局"):
        assert f"{unit}1/0" in f["chart"], unit
    assert "区司法局2/0" in f["chart"] and "区政府办" not in f["chart"]  # 区政府办 leads six others, not these
    rows = r["exports"]["csv"]["text"].lstrip("\ufeff").strip().split("\r\n")
    assert len(rows) == 1 + 2 and sorted(row.split(",")[0] for row in rows[1:]) == ["23.", "27."]
    assert r["exports"]["csv"]["name"] == "tasks-view.csv"
    root = ET.fromstring(r["exports"]["graphml"]["text"])
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    nodes = root.findall(f"{ns}graph/{ns}node")
    assert len(nodes) == sum(f["kinds"].values()) and len(root.findall(f"{ns}graph/{ns}edge")) > 2
    # the same view for Gephi: GEXF 1.2 with the same nodes and edges, kinds and roles as attributes
    gexf = ET.fromstring(r["exports"]["gexf"]["text"])
    gx = "{http://www.gexf.net/1.2draft}"
    assert r["exports"]["gexf"]["name"] == "graph-view.gexf" and gexf.get("version") == "1.2"
    g_nodes = gexf.findall(f"{gx}graph/{gx}nodes/{gx}node")
    g_edges = gexf.findall(f"{gx}graph/{gx}edges/{gx}edge")
    assert sorted(n.get("id") for n in g_nodes) == sorted(n.get("id") for n in nodes)
    assert len(g_edges) == len(root.findall(f"{ns}graph/{ns}edge"))
    assert "南京市栖霞区司法局" in {n.get("label") for n in g_nodes}
    assert {v.get("value") for v in gexf.iter(f"{gx}attvalue")} >= {"task", "unit"}
    # read back as Gephi would (networkx's GEXF reader): the page's visible graph, node for node, edge for edge
    import networkx as nx
    g = nx.read_gexf(io.BytesIO(r["exports"]["gexf"]["text"].encode("utf-8")))
    shown = {n.get("id"): (n.find(f"{ns}data[@key='label']").text, n.find(f"{ns}data[@key='kind']").text) for n in nodes}
    assert {n: (d["label"], d["kind"]) for n, d in g.nodes(data=True)} == shown
    kinds_read = [d["kind"] for _, d in g.nodes(data=True)]
    assert {k: kinds_read.count(k) for k in set(kinds_read)} == {k: v for k, v in f["kinds"].items() if v}
    edges_ml = sorted((tuple(sorted((e.get("source"), e.get("target")))), e.find(f"{ns}data[@key='role']").text)
                      for e in root.findall(f"{ns}graph/{ns}edge"))
    assert sorted((tuple(sorted((a, b))), d["role"]) for a, b, d in g.edges(data=True)) == edges_ml
    assert r["exports"]["png"]["text"] == "data:image/png;base64," and r["exports"]["png"]["size"] > 5000
    drawing = ET.fromstring(r["exports"]["svg"]["text"])  # the same view as a vector drawing
    svg = "{http://www.w3.org/2000/svg}"
    labels = [t.text for t in drawing.iter(f"{svg}text")]
    assert len(labels) == len(nodes) and "27.提升行政复议工作质量" in labels and "区司法局" in labels
    assert len(list(drawing.iter(f"{svg}line"))) == len(root.findall(f"{ns}graph/{ns}edge"))
    assert r["link"] == f"#theme={f['theme']}&c=1"


def test_task_details_show_text_note_and_site_link(report, built):
    r, _ = report
    work = built[0]
    d = r["detail"]
    assert "提升行政复议工作质量" in d["text"] and "分工原文 note as written" in d["text"]
    assert any(line.startswith("分工原文：") and "区司法局" in line for line in d["tip"])
    assert d["href"].startswith("site/doc/") and (work / d["href"]).is_file()  # the site's page of task 27
    assert "提升行政复议工作质量" in html.unescape((work / d["href"]).read_text(encoding="utf-8"))
    hover = r["hover"]  # the tooltip vis-network shows on hover: the note and the start of the text, as text
    assert hover["elements"] == 0 and "分工原文：(牵头单位:区司法局" in hover["text"]
    assert "任务原文：27. 提升行政复议工作质量。深化行政复议体制改革" in hover["text"]


def test_theme_by_its_chinese_name(built, tmp_path):
    _, store, _ = built
    pages = {}
    for name in ("行政复议", "admin_review"):
        out = tmp_path / f"{name}.html"
        result = CliRunner().invoke(app, ["viz", "--theme", name, "--store", str(store), "--output", str(out), "--no-chart"])
        assert result.exit_code == 0, result.output
        meta = page_data(out.read_text(encoding="utf-8"))["meta"]
        pages[name] = sorted(m["tip"][0] for m in meta.values() if m["k"] in ("task", "unit", "theme"))
    assert pages["行政复议"] == pages["admin_review"] and "27. 提升行政复议工作质量" in pages["行政复议"]


def test_many_documents_start_from_an_overview_that_opens_on_click(reports):
    big = reports[2]
    # the documents and their two jurisdictions (区0, 区1) only
    assert big["nodes_expected"] == 1106 and big["nodes_rendered"] == 6 and big["kinds"] == {"document": 4, "area": 2}
    assert big["overlapping"] == [] and big["label_px"] >= 11  # each jurisdiction over its documents, not on them
    # document 0 opened: its 200 tasks (0, 4, 8 …) and the units holding them, 7i, 7i+1, 7i+2 (mod 300)
    units = {(i * 7 + k) % 300 for i in range(0, 800, 4) for k in range(3)}
    assert big["opened"]["kinds"] == {"document": 4, "area": 2, "task": 200, "unit": len(units)}
    assert big["opened"]["rendered"] == 6 + 200 + len(units) <= 1000
    assert "已展开 1 个 open" in big["opened"]["summary"] and big["closed"]["rendered"] == 6
    assert big["go"] == {"present": True, "open": ["d1"], "areas": [], "selected": ["t1"]}  # task 1 is in document 1: opened


def test_hundreds_of_documents_start_from_their_jurisdictions(reports):
    many = reports[3]
    assert many["errors"] == [] and many["nodes_expected"] == 12 + 240 + 960 + 60
    assert many["nodes_rendered"] == 12 and many["kinds"] == {"area": 12}  # the jurisdictions alone
    assert many["overlapping"] == []
    assert "12 个辖区 jurisdictions · 0 件文件 documents shown" in many["summary"]
    # a click on 区0 (a0) draws its 20 documents (0, 12, 24 …); another closes them
    opened = many["area_opened"]
    assert {k: opened[k] for k in ("kinds", "rendered")} == {"kinds": {"area": 12, "document": 20}, "rendered": 32}
    # in a grid of cells under their jurisdiction, as below 200 documents: apart, and all in view with titles that read
    assert opened["overlapping"] == 0 and opened["label_px"] >= 11 and opened["fitted"] == 21
    assert many["area_closed"] == {"kinds": {"area": 12}, "rendered": 12}
    # a search hit in a closed jurisdiction opens it and its document: task 5 is in document 5, in 区5 (a7)
    assert many["go"] == {"present": True, "open": ["d5"], "areas": ["a7"], "selected": ["t5"]}


def test_reports_are_linked_to_the_tasks_they_speak_of(built):
    work, store, _ = built
    out = work / "all.html"
    assert CliRunner().invoke(app, ["viz", "--store", str(store), "--output", str(out), "--no-chart"]).exit_code == 0
    graph = page_data(out.read_text(encoding="utf-8"))
    meta = graph["meta"]
    links = [e for e in graph["edges"] if e["k"] == "report"]
    assert len(links) == 20 + 9  # the tasks the report speaks of, fully or in part; not the 8 it does not mention
    assert {meta[e["from"]]["tip"][0] for e in links} == {"浦口区2023年度法治政府建设情况报告"}
    plan = {meta[e["to"]]["d"] for e in links}
    assert len(plan) == 1 and meta[plan.pop()]["tip"][0].startswith("南京市法治政府建设实施方案")
    assert {meta[e["to"]]["st"] for e in links} == {"reported", "partly"}


def test_a_national_corpus_opens_on_the_level_that_keeps_the_overview_small():
    from kg.views.model import Area
    from kg.viz.page import AREAS_MAX, _area_groups

    # 600 counties in 30 cities in one province, a document each: more counties than the overview
    # draws, so each document is shown under its city
    areas = {"p": Area("p", "某省", "1", None, frozenset())}
    areas.update({f"c{i}": Area(f"c{i}", f"市{i}", str(i), "p", frozenset()) for i in range(30)})
    areas.update({f"x{i}": Area(f"x{i}", f"县{i}", str(i), f"c{i % 30}", frozenset()) for i in range(600)})
    docs = [Document(f"doc:{i}", f"{i}.txt", "", "", "", f"县{i}", "", "AnnualPlan", area=f"x{i}") for i in range(600)]
    data = GraphData(docs, [], [], [], [], areas=areas)
    groups = _area_groups(data)
    assert len(set(groups.values())) == 30 <= AREAS_MAX and groups["doc:31"] == "市1"
    # fewer counties than that: each its own
    few = GraphData(docs[:40], [], [], [], [], areas=areas)
    assert _area_groups(few)["doc:31"] == "县31"
