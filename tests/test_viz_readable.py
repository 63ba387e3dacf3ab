"""The graph page read as a person reads it: colours that do not mislead, an opening view whose
labels are legible and never cover each other, a summary that follows the filters, a shared link
that shows the task it names.  Pages are opened in headless Chromium (see tests/test_viz.py)."""

import re
import sys
from pathlib import Path

import pytest

from kg.viz.legend import legend
from kg.viz.style import KINDS, STATUS_STYLE
from test_viz import _chromium, _finish, _launch, _report

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks.generate writes the synthetic corpus
    sys.path.insert(0, str(ROOT))


def test_an_untracked_target_is_neutral_not_failed():
    plain = KINDS["target"][3]
    # before: the plain target colour was 未达标's red (#dc2626), so every untracked target looked failed
    assert plain.lower() not in {colour.lower() for _, _, colour in STATUS_STYLE.values()}
    html = legend()
    entry = re.search(r'<li><svg[^>]*><polygon points="9,2 16,15 2,15" fill="([^"]+)"/></svg>([^<]*)<i>([^<]*)</i>', html)
    assert entry and entry.group(1) == plain
    assert "未跟踪" in entry.group(2) and "untracked" in entry.group(3)


# --- the opening view: the overview of several documents -----------------------------------------

LEGIBLE = 11  # px: the least label size on screen the page opens on (kg/viz/static/page.js)


def _page(sources, out):
    from kg.jobs.build import build
    from kg.store import open_store
    from kg.views.analyze import analyze
    from kg.views.readmodel import load_graph_data
    from kg.viz.page import render_page

    st = open_store("memory")
    build(sources, st)
    data = load_graph_data(st)
    return data, render_page(data, analyze(data), out)


@pytest.fixture(scope="module")
def opening(tmp_path_factory):
    """The five samples, 15 and 40 generated documents, each page opened at 1400×900 with its
    self-check (which measures the view as it opens, then opens the second document)."""
    from benchmarks.generate import generate
    from kg.resources import samples_dir

    _chromium()
    work = tmp_path_factory.mktemp("opening")
    pages = {5: _page([samples_dir()], work / "p5.html")}
    for n in (15, 40):
        generate(n, work / f"g{n}")
        pages[n] = _page([work / f"g{n}"], work / f"p{n}.html")
    procs = {n: _launch(f"{page.as_uri()}#selfcheck&open=d1", work / f"profile{n}", "--dump-dom", "--window-size=1400,900")
             for n, (_, page) in pages.items()}
    out = {}
    for n, proc in procs.items():
        r = _report(_finish(proc))
        assert "exception" not in r, r.get("exception")
        assert r["errors"] == []
        out[n] = (pages[n][0], r)
    return out


@pytest.mark.parametrize("n", [5, 15, 40])
def test_the_overview_opens_legible_and_without_overlaps(opening, n):
    data, r = opening[n]
    areas = len({d.jurisdiction for d in data.documents})
    # every document under its jurisdiction, none of them covering another: before, each jurisdiction's
    # star stood where a lone document's disc was (40 documents: all 72 nodes overlapping), and 5 or 15
    # documents opened as one strip of columns with labels 2–5 px high
    assert r["kinds"] == {"document": n, "area": areas}
    assert r["overlapping"] == []
    assert r["label_px"] >= LEGIBLE


@pytest.mark.parametrize("n", [5, 15, 40])
def test_a_document_opens_in_columns(opening, n):
    data, r = opening[n]
    second = data.documents[1]
    # one document open at a time, in the columns its own page would have: no two boxes overlap
    assert r["opened"]["kinds"]["task"] == len(data.tasks_in(second.iri))
    assert r["opened"]["overlapping"] == 0


# --- a shared link restores its view with the node it names in the middle --------------------------


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """Seed 000's page and the five samples' page, each opened from a link that filters by the
    theme 行政复议 and focuses task 27 (提升行政复议工作质量)."""
    from kg.jobs.build import build
    from kg.resources import samples_dir
    from kg.store import open_store
    from kg.views.readmodel import load_graph_data
    from kg.viz.page import render_page
    from test_viz import page_data

    _chromium()
    work = tmp_path_factory.mktemp("linked")
    st = open_store("memory")
    build([samples_dir()], st)
    procs = {}
    for name, data in (("seed", load_graph_data(st, document="000_fbb961a89fe9d432.txt")), ("all", load_graph_data(st))):
        page = render_page(data, None, work / f"{name}.html")
        graph = page_data(page.read_text(encoding="utf-8"))
        theme = next(v for v, label in graph["filters"]["theme"] if label.startswith("行政复议（"))
        task = next(k for k, m in graph["meta"].items() if m["k"] == "task" and m["tip"][0] == "27. 提升行政复议工作质量")
        procs[name] = (task, _launch(f"{page.as_uri()}#theme={theme}&focus={task}&check=view", work / f"profile-{name}",
                                     "--dump-dom", "--window-size=1400,900"))
    return {name: (task, _report(_finish(proc))) for name, (task, proc) in procs.items()}


@pytest.mark.parametrize("name", ["seed", "all"])
def test_a_link_with_a_filter_and_a_focus_shows_the_focused_task(linked, name):
    task, r = linked[name]
    assert r["errors"] == [] and r["focus"] == task and r["selected"] == [task]
    # before: the filter's view was fitted from the top and task 27 stood below the panel's edge
    x, y = r["at"]["x"], r["at"]["y"]
    assert abs(x - r["width"] / 2) < 0.1 * r["width"] and abs(y - r["height"] / 2) < 0.1 * r["height"]
    assert r["label_px"] >= LEGIBLE


# --- the summary table follows the filters --------------------------------------------------------


def _figures_fixture():
    """One plan, six tasks. Theme x: t1 (lead 单位1, responsible 单位2), t2 (lead 单位2, 单位3 and
    单位5), t3 (responsible 各部门, a collective), t6 (lead 单位1); theme y: t4 (lead 单位2), t5 (lead
    单位4, cooperating 单位1)."""
    from kg.views.model import Assignment, Document, GraphData, Task, Theme, Unit

    doc = Document("doc:p", "p.txt", "某区计划", "", "2024-01-01", "某区", "", "AnnualPlan")
    names = {"u1": "单位1", "u2": "单位2", "u3": "单位3", "u4": "单位4", "u5": "单位5"}
    units = [Unit(f"unit:{k}", v, [v], "GovernmentDepartment", "某区", "") for k, v in names.items()]
    units.append(Unit("unit:c", "各部门", ["各部门"], "CollectiveSubject", "某区", ""))
    themes = {1: ["x"], 2: ["x"], 3: ["x"], 4: ["y"], 5: ["y"], 6: ["x"]}
    tasks = [Task(f"task:{i}", doc.iri, doc.title, doc.source, f"{i}.", i, str(i), f"任务{i}", themes[i], [])
             for i in range(1, 7)]
    roles = [(1, "u1", "lead"), (1, "u2", "responsible"), (2, "u2", "lead"), (2, "u3", "lead"), (2, "u5", "lead"),
             (3, "c", "responsible"), (4, "u2", "lead"), (5, "u4", "lead"), (5, "u1", "cooperating"), (6, "u1", "lead")]
    links = [Assignment(f"task:{t}", f"unit:{u}", role, k + 1) for k, (t, u, role) in enumerate(roles)]
    return GraphData([doc], tasks, units, links, [Theme("x", "主题甲", "x", None), Theme("y", "主题乙", "y", None)])


def test_the_summary_table_follows_a_filter(tmp_path):
    from kg.views.analyze import analyze
    from kg.views.model import GraphData
    from kg.viz.page import render_page
    from test_viz import page_data

    _chromium()
    data = _figures_fixture()
    page = render_page(data, analyze(data), tmp_path / "figures.html")
    graph = page_data(page.read_text(encoding="utf-8"))
    x = next(v for v, label in graph["filters"]["theme"] if label.startswith("主题甲"))
    r = _report(_finish(_launch(f"{page.as_uri()}#selfcheck&theme={x}", tmp_path / "profile", "--dump-dom")))
    assert "exception" not in r and r["errors"] == []
    # the whole graph: 单位2 leads t2 and t4 and is responsible for t1, so it is first (单位1 leads two too)
    assert r["figures"]["top_unit"] == "单位2" and r["figures"]["scope"] == "全图 whole graph"
    # theme x by hand: four tasks; leads 单位1 2 (t1, t6), 单位2 1, 单位3 1, 单位5 1, 各部门 0
    # top unit 单位1: 2/4; the top three (单位1, 单位2, 单位3) lead t1, t6, t2: 3/4
    # Gini of [0, 1, 1, 1, 2]: (−4·0 − 2·1 + 0·1 + 2·1 + 4·2) / (5·5) = 0.32; HHI: 0.4² + 3·0.2² = 0.28
    # no lead: t3; three leads or more: t2; only collectives: t3; named once: 单位3, 单位5, 各部门
    f = r["filtered"]["figures"]
    expected = {"top_unit": "单位1", "top1_share": "0.5", "top3_share": "0.75", "gini": "0.32", "hhi": "0.28",
                "no_lead": "1", "many_leads": "1", "collective_only": "1", "named_once": "3"}
    assert {k: f[k] for k in expected} == expected
    assert f["communities"].endswith("（全图）") and f["scope"].startswith("当前筛选 filtered view")
    # and as kg.views.analyze computes them for the graph the filter leaves
    keep = [t for t in data.tasks if "x" in t.themes]
    held = [a for a in data.assignments if a.task in {t.iri for t in keep}]
    sub = GraphData(data.documents, keep, [u for u in data.units if u.iri in {a.unit for a in held}], held, data.themes)
    summary = analyze(sub).to_dict()["summary"]
    assert {k: str(summary[k]) for k in expected} == expected


# --- the page's data, packed -------------------------------------------------------------------------


def test_the_page_writes_each_style_once(tmp_path):
    import json

    from kg.viz.pack import pack, unpack
    from kg.viz.page import render_page
    from kg.viz.style import FONT
    from test_viz import page_data
    from test_viz_layout import synthetic

    data = synthetic(40, 32, 400, 120, 2)
    text = render_page(data, None, tmp_path / "p.html").read_text(encoding="utf-8")
    raw = json.loads(re.search(r'id="kg-data">(.*?)</script>', text, re.S).group(1))
    # before: the font (face and all) and the edge style were written for each of 600 nodes and 1,200 edges
    assert len(raw["nodes"]) == 40 + 32 + 400 + 120 and text.count(json.dumps(FONT)[1:-1]) <= len(raw["looks"]) + 2
    assert len(raw["edgeLooks"]) <= 8 and all(len(e) == 3 for e in raw["edges"])
    graph = page_data(text)  # unpacked as the page unpacks it
    assert pack(graph)["nodes"] == raw["nodes"] and unpack(pack(graph)) == graph
    assert graph["edges"][0]["id"] == "e0" and "font" in graph["nodes"][0]
