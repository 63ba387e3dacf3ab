"""The graph page: offline, complete, escaped — and checked in a real headless Chromium.

The browser test opens the page as ``page.html#selfcheck&…``; the page then exercises itself
(rendered node count, the search box, one filter, click-to-focus, the tooltips) and writes a JSON
report into ``<pre id="kg-selfcheck">``, which ``chromium --dump-dom`` prints.  Chromium runs
with its network pointed at a dead proxy, so a page that needed a CDN would fail.
"""

import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.views.analyze import analyze
from kg.views.model import Assignment, Document, GraphData, Target, Task, Theme, Unit
from kg.views.readmodel import load_graph_data
from kg.viz.chart import render_chart_svg
from kg.viz.page import LAYOUT_THRESHOLD, render_page
from kg.viz.style import EDGE_STYLE

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ROOT = Path(__file__).resolve().parent.parent
SIFA = "南京市栖霞区司法局"
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"}</script>'
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
         "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--virtual-time-budget=10000"]


@pytest.fixture(scope="module")
def samples():
    from kg.jobs.build import build
    from kg.resources import samples_dir
    from kg.store import open_store

    st = open_store("memory")
    build([samples_dir()], st)
    data = load_graph_data(st)
    return data, analyze(data)


@pytest.fixture(scope="module")
def page(samples, tmp_path_factory):
    data, analysis = samples
    return render_page(data, analysis, tmp_path_factory.mktemp("viz") / "graph.html")


def evil_data() -> GraphData:
    doc = Document("doc:evil", "evil.txt", "<b>粗体</b>文件", "〔2024〕<i>1</i>号", "2024-01-01", "某区", "000000", "AnnualPlan")
    units = [Unit("unit:1", "</script><script>window.__pwned=3</script>局", ["<svg onload=window.__pwned=4>"],
                  "GovernmentDepartment", "某区", "000000"),
             Unit("unit:2", "区司法局", ["区司法局"], "CollectiveSubject", "某区", "000000")]
    tasks = [Task("task:1", doc.iri, doc.title, doc.source, "1.", 1, "一.1", EVIL, ["evil"],
                  [Target("target:1", "</script>率 ≥ 100%", True, "<img src=y onerror=window.__pwned=5>")]),
             Task("task:2", doc.iri, doc.title, doc.source, "2.", 2, "一.2", "普通任务", [], [])]
    assignments = [Assignment("task:1", "unit:1", "lead", 1), Assignment("task:1", "unit:2", "responsible", 1),
                   Assignment("task:2", "unit:2", "cooperating", 1)]
    return GraphData([doc], tasks, units, assignments, [Theme("evil", "<u>主题</u>", "theme", None)])


def page_data(text: str) -> dict:
    """The page's graph data, its nodes and edges unpacked as the page unpacks them (kg.viz.pack)."""
    from kg.viz.pack import unpack

    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert m, "no data block"
    return unpack(json.loads(m.group(1)))


def expected_nodes(data: GraphData) -> int:
    targets = sum(len(t.targets) for t in data.tasks)
    return len(data.units) + len(data.tasks) + len(data.themes) + targets + len(data.documents)


def _start_tags(text: str) -> list[str]:
    from html.parser import HTMLParser

    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)
            assert not [k for k, _ in attrs if k.startswith("on")], (tag, attrs)

    Collect().feed(text)
    return tags


def _vis_urls() -> set[str]:
    """URLs inside the vendored vis-network script: licence comments and the SVG namespace."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    return {u for js in lib.glob("vis-*/vis-network.min.js") for u in re.findall(r"https?://[^\s\"')]+", js.read_text())}


# --- the file -----------------------------------------------------------------------------------


def test_page_fetches_nothing(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc\s*=", text, re.I)
    assert not re.search(r"<link\b", text, re.I)
    assert not re.search(r"""(src|href|action|poster|data)\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", text, re.I)
    assert "@import" not in text
    graphml_ns = "http://graphml.graphdrawing.org/xmlns"  # a name written into the GraphML export, never fetched
    gexf_ns = {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz"}  # so are the GEXF export's
    assert set(re.findall(r"https?://[^\s\"')]+", text)) <= _vis_urls() | {graphml_ns} | gexf_ns  # none of our own, no IRIs
    assert "default-src 'none'" in text  # and the page forbids fetching anyway


def test_every_unit_and_task_appears(page, samples):
    data, _ = samples
    graph = page_data(page.read_text(encoding="utf-8"))
    areas = sum(m["k"] == "area" for m in graph["meta"].values())  # five documents: an overview of their jurisdictions
    assert len(graph["nodes"]) == expected_nodes(data) + areas and areas == 5 and graph["physics"] is False
    assert graph["layered"] is False and graph["overview"] is True and graph["blocks"] is True
    heads = {m["tip"][0] for m in graph["meta"].values()}
    assert {u.name for u in data.units} <= heads
    assert {f"{t.number} {t.title}" for t in data.tasks} <= heads
    kinds = [m["k"] for m in graph["meta"].values()]
    assert kinds.count("unit") == len(data.units) and kinds.count("task") == len(data.tasks)
    assert len(graph["edges"]) >= len(data.assignments)
    roles = {e["k"]: e["dashes"] for e in graph["edges"]}
    assert roles["lead"] is False and roles["responsible"] == EDGE_STYLE["responsible"][0]  # solid, dashed
    assert EDGE_STYLE["cooperating"][0] not in (False, roles["responsible"])  # dotted (no sample has one)


def test_tooltips_are_chinese_text(page, samples):
    data, _ = samples
    graph = page_data(page.read_text(encoding="utf-8"))
    task = next(t for t in data.tasks if any(x.text == "败诉率 ≤ 8%" for x in t.targets))
    tip = next(m["tip"] for m in graph["meta"].values() if m["tip"][0] == f"{task.number} {task.title}")
    assert any(line.startswith("文件：") for line in tip) and any("败诉率 ≤ 8%" in line for line in tip)
    assert any(line.startswith("时限：") for line in tip)


def test_malicious_text_is_escaped(tmp_path):
    out = render_page(evil_data(), analyze(evil_data()), tmp_path / "evil.html")
    text = out.read_text(encoding="utf-8")
    for raw in ("<script>window.__pwned", "<img src=x", "<img src=y", "<svg onload", "<b>粗体", "<u>主题", "<i>1</i>"):
        assert raw not in text
    tags = _start_tags(text)
    assert tags.count("script") == 4 and "img" not in tags and "iframe" not in tags  # no block closed early
    graph = page_data(text)
    assert any(m["tip"][0] == f"1. {EVIL}" for m in graph["meta"].values())  # the data survives, as text
    assert "&lt;b&gt;粗体&lt;/b&gt;文件" in text.split("<body>")[1].split("<script")[0]  # the header, escaped


def test_chart_svg_is_valid_and_escaped(tmp_path, samples):
    _, analysis = samples
    root = ET.parse(render_chart_svg(analysis, tmp_path / "chart.svg")).getroot()
    text = "".join(root.itertext())
    assert root.tag.endswith("svg") and "区司法局" in text and "26/0" in text
    path = render_chart_svg(analyze(evil_data()), tmp_path / "evil.svg")
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw and "<svg onload" not in raw
    assert "window.__pwned=3" in "".join(ET.parse(path).getroot().itertext())  # the name, as text


def test_big_graph_gets_python_positions(tmp_path):
    docs = [Document(f"doc:{i}", f"{i}.txt", f"文件{i}", "", "", "某区", "", "AnnualPlan") for i in range(4)]
    units = [Unit(f"unit:{i}", f"单位{i:03d}", [], "GovernmentDepartment", "某区", "") for i in range(300)]
    tasks = [Task(f"task:{i}", docs[i % 4].iri, "", "", f"{i}.", i, str(i), f"任务{i}") for i in range(800)]
    links = [Assignment(t.iri, units[(i * 7 + k) % 300].iri, "lead" if k == 0 else "responsible", k + 1)
             for i, t in enumerate(tasks) for k in range(3)]
    data = GraphData(docs, tasks, units, links, [])
    assert expected_nodes(data) > LAYOUT_THRESHOLD
    graph = page_data(render_page(data, None, tmp_path / "big.html").read_text(encoding="utf-8"))
    assert graph["physics"] is False
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in graph["nodes"])
    again = page_data(render_page(data, None, tmp_path / "again.html").read_text(encoding="utf-8"))
    assert again["nodes"] == graph["nodes"]  # a fixed layout


# --- the browser ------------------------------------------------------------------------------


def _chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {CHROMIUM} is missing: the browser test must run there (apt-get install -y chromium)")
        pytest.skip(f"no headless Chromium at {CHROMIUM} (apt-get install -y chromium chromium-driver)")


def _launch(url: str, profile: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, url],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _finish(proc: subprocess.Popen) -> str:
    try:
        out, _ = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("chromium did not finish within 180 s")
    return out


def _report(dom: str) -> dict:
    m = re.search(r'<pre id="kg-selfcheck"[^>]*>(.*?)</pre>', dom, re.S)
    assert m and m.group(1).strip(), "the page wrote no self-check report:\n" + dom[-2000:]
    return json.loads(html.unescape(m.group(1)))


def test_page_in_headless_chromium(page, samples, tmp_path):
    _chromium()
    data, _ = samples
    evil = render_page(evil_data(), None, tmp_path / "evil.html")
    control = tmp_path / "cdn.html"  # what a CDN-linked page would meet: the load must fail
    control.write_text('<!DOCTYPE html><html><body><pre id="kg-selfcheck"></pre><script>function done(v){'
                       'document.getElementById("kg-selfcheck").textContent=JSON.stringify({cdn:v})}</script>'
                       '<script src="https://cdn.jsdelivr.net/npm/vis-network@9.1.2/standalone/umd/vis-network.min.js"'
                       ' onload="done(\'loaded\')" onerror="done(\'blocked\')"></script></body></html>', encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graph-samples.png"
    shot.unlink(missing_ok=True)
    seed0 = next(d for d in data.documents if d.source.startswith("000_"))
    doc_id = f"d{data.documents.index(seed0)}"
    sifa = f"u{[u.name for u in data.units].index(SIFA)}"
    query = "%E5%8F%B8%E6%B3%95%E5%B1%80"  # 司法局
    procs = [  # four Chromium processes side by side
        _launch(f"{page.as_uri()}#selfcheck&q={query}&filter=document&value={doc_id}&unit={sifa}&open={doc_id}",
                tmp_path / "p1", "--dump-dom", "--window-size=1400,900"),
        _launch(f"{evil.as_uri()}#selfcheck&q=pwned&hover=t0", tmp_path / "p2", "--dump-dom"),
        _launch(page.as_uri(), tmp_path / "p3", f"--screenshot={shot}", "--window-size=1400,900", "--hide-scrollbars"),
        _launch(control.as_uri(), tmp_path / "p4", "--dump-dom"),
    ]
    main, bad, _, cdn = (_finish(p) for p in procs)
    assert _report(cdn) == {"cdn": "blocked"}, "the browser reached the network: this test proves nothing offline"

    r = _report(main)
    assert "exception" not in r, r.get("exception")
    assert r["errors"] == [] and r["pwned"] is False
    # collectives and placeholders (7 in the samples: 各街道, 政府各有关部门, …) start hidden, with their edges
    collectives = sum(u.collective for u in data.units)
    graph = page_data(page.read_text(encoding="utf-8"))
    cut = sum(1 for e in graph["edges"] if graph["meta"][e["from"]].get("c") or graph["meta"][e["to"]].get("c"))
    assert collectives == 7 and r["nodes_expected"] == expected_nodes(data) + 5 and cut >= 106  # 106 assignments name a collective
    # five documents open on an overview: each document under its jurisdiction (five), nothing overlapping
    assert r["kinds"] == {"document": 5, "area": 5} and r["nodes_rendered"] == 10 == r["shown"]
    assert r["edges_rendered"] == 5 and r["overlapping"] == [] and r["label_px"] >= 11
    assert r["with_collectives"]["shown"] == 10
    assert r["ink"] > 1000, "the canvas stayed blank"
    # a click on document 000 draws it in columns, as its own page does: its 38 tasks, 26 units (3 collectives hidden)
    opened = r["opened"]
    assert opened["kinds"]["task"] == 38 and opened["kinds"]["unit"] == 26 and opened["overlapping"] == 0
    # search by name: the only unit whose name holds 司法局 is 栖霞's 区司法局; no task title holds it
    assert r["search"]["matches"] == [sifa] and r["search"]["status"].startswith("1 个匹配")
    # filter by document 000: its 38 tasks, its units, one document node
    seed_tasks = [t for t in data.tasks if t.document == seed0.iri]
    seed_units = {a.unit for a in data.assignments if data.task_by_iri[a.task].document == seed0.iri}
    kinds = r["filter"]["kinds"]
    assert (kinds["task"], kinds["document"], kinds["unit"] + 3) == (38, 1, len(seed_units)) == (len(seed_tasks), 1, 29)
    assert kinds["target"] == sum(len(t.targets) for t in seed_tasks)
    assert r["filter"]["rendered"] == sum(kinds.values())
    assert r["after_reset"] == r["nodes_rendered"]
    # click-to-focus on 区司法局: itself and its 26 tasks stay opaque
    assert r["focus"] == {"unit": sifa, "tasks": 26, "opaque": 27, "open": [doc_id]}
    assert r["tooltips_unsafe"] == 0

    e = _report(bad)
    assert "exception" not in e, e.get("exception")
    assert e["pwned"] is False and e["errors"] == []
    assert e["nodes_rendered"] == expected_nodes(evil_data()) - 1  # unit:2 is a collective: hidden
    assert e["hover"]["elements"] == 0 and e["hover"]["text"].startswith(f"1. {EVIL}")  # shown as text
    assert e["search"]["matches"] == ["u0", "t0", "g0_0"]  # "pwned" is in their names (the target's clause)

    assert shot.exists() and shot.stat().st_size > 20_000, "no screenshot"


# ---------------------------------------------------------------- tasks coloured by status


def test_tasks_are_coloured_by_their_status_with_a_legend(tmp_path):
    from kg.views.taskstatus import TaskStatus
    from kg.viz.style import KINDS, STATUS_STYLE

    data = evil_data()
    statuses = {"task:1": TaskStatus("逾期", "ledger", "区司法局 逾期 2021-12-20")}
    text = render_page(data, None, tmp_path / "status.html", statuses=statuses).read_text(encoding="utf-8")
    nodes = {n["id"]: n for n in page_data(text)["nodes"]}
    meta = page_data(text)["meta"]
    t1, t2 = (next(k for k, m in meta.items() if m["k"] == "task" and m["tip"][0].startswith(n)) for n in ("1.", "2."))
    assert nodes[t1]["color"] == "#b91c1c" == STATUS_STYLE["逾期"][2] and meta[t1]["st"] == "逾期"
    assert "状态：逾期 overdue (ledger)（区司法局 逾期 2021-12-20）" in meta[t1]["tip"]
    assert nodes[t2]["color"] == KINDS["task"][3] and "st" not in meta[t2]  # no status known: the plain colour
    keys = re.findall(r'class="kg-status-key" data-status="([^"]+)"', text)
    assert keys == ["逾期"]  # the legend lists the statuses shown, only those
    plain = render_page(data, None, tmp_path / "plain.html").read_text(encoding="utf-8")
    plain_graph = page_data(plain)
    assert "kg-status-key" not in plain and {n["color"] for n in plain_graph["nodes"]
                                             if plain_graph["meta"][n["id"]]["k"] == "task"} == {KINDS["task"][3]}


def test_a_tasks_status_from_ledger_returns_or_stored_report_links():
    from kg.store import open_store
    from kg.views import taskgraph
    from kg.views.model import LedgerEntry
    from kg.views.taskstatus import combine, from_ledger, task_statuses
    from kg.views.taskview import TaskRow

    def e(unit, status, day="2021-12-20", graph="g1"):
        return LedgerEntry(graph, "urn:t", unit, status, day)

    assert combine([e("a", "已完成"), e("b", "已完成")]) == "已完成"
    assert combine([e("a", "已完成"), e("b", "进行中")]) == "进行中"
    assert combine([e("a", "已完成"), e("b", "逾期")]) == "逾期"
    assert combine([e("a", "未启动"), e("b", "已延期")]) == "已延期"
    assert combine([e("a", "未启动")]) == "未启动" and combine([e("a", "")]) == ""
    # a unit's later return supersedes its earlier one
    got = from_ledger([e("a", "进行中", "2021-06-30", "g0"), e("a", "已完成", "2021-12-20")], {"a": "区司法局"})
    assert got["urn:t"].status == "已完成" and got["urn:t"].note == "区司法局 已完成 2021-12-20"
    st = open_store("memory")
    doc = "https://w3id.org/fazhi-kg/id/doc/"
    rows = [TaskRow("partly", "某区", "1", "2021", doc + "p", "计划", "1.", "甲", 0.2, doc + "r1", task_iri=doc + "p/task/i1"),
            TaskRow("reported", "某区", "1", "2021", doc + "p", "计划", "2.", "乙", 0.3, doc + "r1", task_iri=doc + "p/task/i2"),
            TaskRow("not mentioned", "某区", "1", "2022", doc + "p", "计划", "1.", "甲", 0.1, doc + "r2", task_iri=doc + "p/task/i1")]
    taskgraph.write(st, rows)
    statuses = task_statuses(st)
    assert {k[len(doc):]: v.status for k, v in statuses.items()} == {"p/task/i1": "partly", "p/task/i2": "reported"}


# ---------------------------------------------------------------- targets coloured by tracking


def test_targets_are_coloured_by_their_tracking_status(tmp_path):
    """The 栖霞区 2021 plan against a 2021 report (tests/fixtures/qixia_2021_report.txt): task 27's
    hearing rate (不低于70%, reported 75%) is met, its loss rate after review (不超过8%, reported 10%)
    is not; `viz` colours the two target nodes so, says it in their tooltips and lists both in the
    legend (what tests/test_track.py reads for the same pair)."""
    from kg.jobs.build import build
    from kg.store import open_store
    from kg.viz.style import STATUS_STYLE

    store = tmp_path / "store"
    with open_store(store) as st:
        build([ROOT / "kg" / "samples" / "000_fbb961a89fe9d432.txt", ROOT / "tests" / "fixtures" / "qixia_2021_report.txt"], st)
    out = tmp_path / "page.html"
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "viz", "--store", str(store), "-o", str(out), "--no-chart"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    graph = page_data(text)
    nodes = {n["id"]: n for n in graph["nodes"]}
    targets = {m["tip"][0]: (nid, m) for nid, m in graph["meta"].items() if m["k"] == "target"}
    hearing = next(v for k, v in targets.items() if "听证率" in k)
    loss = next(v for k, v in targets.items() if "败诉率" in k)
    assert hearing[1]["st"] == "met" and nodes[hearing[0]]["color"] == STATUS_STYLE["met"][2]
    assert loss[1]["st"] == "not met" and nodes[loss[0]]["color"] == STATUS_STYLE["not met"][2]
    assert any(line.startswith("跟踪：未达标 not met") and "10%" in line for line in loss[1]["tip"])
    keys = re.findall(r'class="kg-status-key" data-status="([^"]+)"', text)
    assert "met" in keys and "not met" in keys
