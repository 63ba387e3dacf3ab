"""``fazhi-kg site`` on two small hand-written plans, for what the samples do not hold: a note that
names no unit, words found only in a task's text; and the graph page, the help and the served
addresses of the site.

Plan A, 测试县's work points: task 2 ends "(责任单位:抓紧推进)", a note naming no unit (`fazhi-kg
extract --warnings` reports it unparsed), and its text says 听证 where no title, owner or
document name does; task 3 sets the target 行政诉讼败诉率不超过5%.  Plan B, 示例市's plan: three
tasks, all led by 市司法局, the third titled 规范行政处罚听证程序.
"""

import html
import json
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
         "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--virtual-time-budget=3000", "--dump-dom"]
PLAN_A = """# 测试县2022年法治政府建设工作要点

## 一、完善依法行政制度体系

1. 加强行政规范性文件合法性审核。规范性文件审核率达到100%。(牵头单位:县司法局)
2. 推进重大行政决策制度建设。严格执行公众参与、专家论证和听证程序，提高决策质量。(责任单位:抓紧推进)
3. 深化行政复议体制改革。行政诉讼败诉率不超过5%。(牵头单位:县司法局,责任单位:各乡镇)
"""
PLAN_B = """# 示例市2022年法治政府建设工作计划

## 一、加强行政执法

1. 全面推行行政执法三项制度。(牵头单位:市司法局)
2. 加强行政执法人员培训。(牵头单位:市司法局,责任单位:市公安局)
3. 规范行政处罚听证程序。(牵头单位:市司法局)
"""
UNPARSED = "(责任单位:抓紧推进)"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from kg.jobs.build import build
    from kg.store import open_store

    root = tmp_path_factory.mktemp("small")
    (root / "plans").mkdir()
    (root / "plans" / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (root / "plans" / "b.txt").write_text(PLAN_B, encoding="utf-8")
    with open_store(str(root / "store")) as st:
        build([root / "plans"], st)
    done = CliRunner().invoke(app, ["site", str(root / "site"), "--store", str(root / "store")])
    assert done.exit_code == 0, done.output
    return root, root / "site"


def doc_page(site: Path, title: str) -> Path:
    return next(p for p in sorted((site / "doc").glob("*.html")) if f"<h1>{title}</h1>" in p.read_text(encoding="utf-8"))


def task_page(site: Path, title: str, number: str) -> str:
    """The site path of task ``number`` of the document titled ``title``."""
    doc = doc_page(site, title)
    m = re.search(r'<a href="([^"#]+/task/[^"]+)">' + re.escape(number) + " ", doc.read_text(encoding="utf-8"))
    assert m, f"no task {number} on the page of {title}"
    return (doc.parent / m.group(1)).resolve().relative_to(site.resolve()).as_posix()


def chromium(url: str, profile: Path, *extra: str) -> str:
    """The DOM of the page at ``url`` once loaded, in headless Chromium with every request sent to
    a dead proxy (those to the loopback too, unless the page is served there)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {CHROMIUM} is missing")
        pytest.skip(f"no headless Chromium at {CHROMIUM}")
    flags = [f for f in FLAGS if not (url.startswith("http://127.0.0.1:") and f.startswith("--proxy-bypass-list"))]
    proc = subprocess.run([str(CHROMIUM), *flags, f"--user-data-dir={profile}", *extra, url], capture_output=True,
                          text=True, timeout=180)
    return proc.stdout


def selfcheck(dom: str) -> dict:
    m = re.search(r'<pre[^>]*id="kg-selfcheck"[^>]*>(.*?)</pre>', dom, re.S)
    assert m and m.group(1).strip(), "the page wrote no self-check report:\n" + dom[-2000:]
    return json.loads(html.unescape(m.group(1)))


# --- search finds a task by the words of its text ----------------------------------------------------


def test_search_finds_a_task_by_a_word_of_its_text_only(small, tmp_path):
    _, site = small
    task2 = task_page(site, "测试县2022年法治政府建设工作要点", "2.")
    task3 = task_page(site, "测试县2022年法治政府建设工作要点", "3.")
    shipped = (site / "search-data.js").read_text(encoding="utf-8")
    data = json.loads(shipped[len("window.KG_SEARCH = "):-2])
    entry = next(e for e in data["entries"] if e["u"] == task2)
    assert "专家" not in entry["t"] + entry["s"] + entry["x"]  # found by its text alone
    assert "专家" not in shipped.split('"body":', 1)[0]  # the text's terms are indexed, the text is not shipped
    for query, pages in (("败诉率", [task3]), ("专家论证", [task2]), ("听证 决策", [task2]),
                         ("公众参与审核", [])):
        dom = chromium((site / "index.html").as_uri() + "#selfcheck&q=" + urllib.parse.quote(query), tmp_path / "p")
        r = selfcheck(dom)
        assert r["errors"] == [], r["errors"]
        assert r["search"]["pages"] == pages, (query, r["search"])
        assert r["search"]["index_as_built"], "the shipped index differs from the one MiniSearch builds"
        if pages:  # the hit says where it was found
            assert "见于正文 found in its text</small>" in dom
    # a pair in the title and another only in the text: found (决策 is in task 2's title, 听证 in its text)
    assert entry["t"].endswith("推进重大行政决策制度建设")


def test_the_body_index_lists_each_terms_bodies_in_base_36_steps():
    from kg.site.searchindex import body_postings

    bodies = [""] * 60
    bodies[4], bodies[51] = "严格执行听证程序", "听证"
    postings = body_postings(bodies)
    assert postings["听证"] == "4,1b" and postings["执行"] == "4"  # 4, then 4 + 47 = 51
    assert list(postings) == ["严格", "格执", "执行", "行听", "听证", "证程", "程序"]
    script = (Path(__file__).resolve().parent.parent / "kg" / "site" / "static" / "search.js").read_text()
    assert "parseInt(d, 36)" in script


def test_a_title_hit_ranks_above_a_hit_in_the_text(small, tmp_path):
    # 听证: in the title of plan B's task 3, in the text only of plan A's task 2
    _, site = small
    title_hit = task_page(site, "示例市2022年法治政府建设工作计划", "3.")
    text_hit = task_page(site, "测试县2022年法治政府建设工作要点", "2.")
    dom = chromium((site / "index.html").as_uri() + "#selfcheck&q=" + urllib.parse.quote("听证"), tmp_path / "p")
    assert selfcheck(dom)["search"]["pages"] == [title_hit, text_hit]
    results = re.findall(r"<li>.*?</li>", dom[dom.index('<ol id="results">'):], re.S)
    assert "见于正文" not in results[0] and "见于正文 found in its text" in results[1]


def test_the_pages_own_scoring_ranks_as_minisearchs_search(small, tmp_path):
    # search.js scores a term from MiniSearch's index itself (MiniSearch's search makes, and sorts, a
    # result object for every hit: most of a common pair's time); the self-check ranks the same query
    # again through MiniSearch's own search and compares the whole list, order included
    _, site = small
    for query in ("司法局", "行政", "法", "听证", "行政执法 审核", "a"):
        r = selfcheck(chromium((site / "index.html").as_uri() + "#selfcheck&q=" + urllib.parse.quote(query),
                               tmp_path / "p"))
        assert r["errors"] == [], r["errors"]
        assert r["search"]["ranked_as_minisearch"], (query, r["search"])
        if query in ("司法局", "行政", "法"):
            assert len(r["search"]["pages"]) > 3, (query, r["search"])


# --- a note that names no unit -------------------------------------------------------------------------


def test_document_page_lists_a_note_that_names_no_unit_with_its_quote(small):
    _, site = small
    page = doc_page(site, "测试县2022年法治政府建设工作要点")
    text = page.read_text(encoding="utf-8")
    notes = text[text.index("未能解析的分工说明 unparsed notes"):text.index("</main>")]
    task2 = task_page(site, "测试县2022年法治政府建设工作要点", "2.")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", notes)
    assert len(rows) == 1, notes
    quote, reason, task = rows[0]
    assert quote == UNPARSED and reason == "a note whose units could not be read"
    m = re.fullmatch(r'<a href="([^"]+)">2\. 推进重大行政决策制度建设</a>', task)
    assert m and (page.parent / m.group(1)).resolve() == (site / task2).resolve()
    # the other plan's notes all name units: its section says none
    other = doc_page(site, "示例市2022年法治政府建设工作计划").read_text(encoding="utf-8")
    assert '未能解析的分工说明 unparsed notes</h2>\n<p class="none">' in other


# --- the graph page --------------------------------------------------------------------------------


def page_requests(netlog: Path) -> list[str]:
    """The requests a page made, from Chromium's net log (``--log-net-log``): those with the page's
    origin as initiator (the browser's own, to its update and account services, have none)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return sorted(e["params"]["url"] for e in log["events"] if e["type"] == start and "url" in e.get("params", {})
                  and e["params"].get("initiator") != "not an origin")


def test_the_site_has_the_graph_page_linked_from_the_index_and_each_document(small, tmp_path):
    _, site = small
    graph = site / "graph.html"
    assert graph.is_file() and '<script type="application/json" id="kg-data">' in graph.read_text(encoding="utf-8")
    assert '<a href="graph.html">图谱 graph' in (site / "index.html").read_text(encoding="utf-8")
    # each task's details link to its page in the site, from where graph.html sits
    task2 = task_page(site, "测试县2022年法治政府建设工作要点", "2.")
    assert re.search(r'"href": ?"' + re.escape(task2) + '"', graph.read_text(encoding="utf-8"))
    links = {}
    for title, tasks in (("测试县2022年法治政府建设工作要点", 3), ("示例市2022年法治政府建设工作计划", 3)):
        doc = doc_page(site, title)
        m = re.search(r'<a href="(\.\./graph\.html#document=d\d+)">', doc.read_text(encoding="utf-8"))
        assert m, f"the page of {title} does not link to the graph"
        links[tasks] = (doc.parent / m.group(1).split("#")[0]).resolve().as_uri() + "#" + m.group(1).split("#")[1]
    # a page that reaches out, for the control: the net log must show its requests
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><img src="https://example.com/x.png">', encoding="utf-8")
    assert page_requests_of(control.as_uri(), tmp_path / "c") == ["https://example.com/x.png"]
    r = selfcheck(chromium(graph.as_uri() + "#selfcheck", tmp_path / "g", f"--log-net-log={tmp_path / 'g.json'}"))
    assert r["errors"] == [] and r["ready"] and r["ink"] > 0, r
    assert r["nodes_expected"] > 6 + 3  # six tasks, their units, themes and targets, two documents
    assert page_requests(tmp_path / "g.json") == []
    # a document's link opens the graph of that document: the summary counts its tasks
    for tasks, url in links.items():
        dom = chromium(url, tmp_path / f"d{tasks}")
        summary = re.search(r'id="kg-view-summary"[^>]*>([^<]*)<', dom).group(1)
        assert f"当前视图 view：{tasks} 项任务 tasks" in summary, summary


def page_requests_of(url: str, profile: Path) -> list[str]:
    chromium(url, profile, f"--log-net-log={profile}.json")
    return page_requests(Path(f"{profile}.json"))


# --- the help, and the served site ---------------------------------------------------------------------


def test_site_help_names_the_dump_it_writes(small):
    _, site = small
    said = " ".join(CliRunner().invoke(app, ["site", "--help"], terminal_width=200).output.split())
    assert "(data.nq.gz, gzipped N-Quads)" in said and (site / "data.nq.gz").is_file()
    assert not (site / "data.nq").exists()


def served(site: Path):
    from types import SimpleNamespace

    from kg.jobs.endpoint import Endpoint

    server = Endpoint("127.0.0.1", 0, engine=SimpleNamespace(location=site), site=site)  # no query is run
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def get(url: str, accept: str = "text/html", follow: bool = True):
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(*([] if follow else [Stay()]))
    try:
        with opener.open(urllib.request.Request(url, headers={"Accept": accept}), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_an_iris_path_on_the_served_site_sees_other_to_its_page(small, tmp_path):
    from kg.vocab import BASE

    _, site = small
    unit = next(p for p in sorted((site / "unit").glob("*.html")) if re.search("<h1>[^<]*司法局</h1>", p.read_text(encoding="utf-8")))
    iri = BASE + unit.relative_to(site).with_suffix("").as_posix()
    path = "/" + iri.split("://", 1)[1].split("/", 1)[1].split("/", 1)[1]  # /id/unit/…: the IRI's path
    assert path.startswith("/id/unit/")
    server, base = served(site)
    try:
        status, headers, _ = get(base + path, follow=False)
        assert status == 303 and headers["Location"] == path[len("/id"):]
        # followed, with content negotiation as at the address without /id
        assert get(base + path)[2] == unit.read_bytes()
        status, headers, body = get(base + path, "text/turtle")
        assert (status, headers["Content-Type"], body) == (200, "text/turtle; charset=utf-8", unit.with_suffix(".ttl").read_bytes())
        assert get(base + path, "application/ld+json")[2] == unit.with_suffix(".jsonld").read_bytes()
        task = task_page(site, "测试县2022年法治政府建设工作要点", "2.")
        assert get(base + "/id/" + task[:-5])[2] == (site / task).read_bytes()
        # an IRI the site has no page of, and paths that are no IRI's, are not redirected
        for other in ("/id/unit/nobody", "/id/", "/id/unit/" + unit.name, "/id/../store/CURRENT", "/id/%2e%2e/index"):
            assert get(base + other, follow=False)[0] == 404, other
        # the graph page is served with its scripts allowed to run (they are inline) and nothing to load
        status, headers, body = get(base + "/graph.html")
        assert status == 200 and body == (site / "graph.html").read_bytes()
        assert "script-src 'unsafe-inline'" in headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in get(base + "/")[1]["Content-Security-Policy"]
        r = selfcheck(chromium(base + "/graph.html#selfcheck", tmp_path / "g", f"--log-net-log={tmp_path / 'g.json'}"))
        assert r["errors"] == [] and r["ready"] and r["ink"] > 0, r
        assert page_requests(tmp_path / "g.json") == []  # nothing besides itself (which the browser asked for)
        # a browser given the IRI's path lands on the page
        dom = chromium(base + path, tmp_path / "u")
        assert re.search(r"<h1>[^<]*司法局</h1>", dom), dom[-1000:]
    finally:
        server.shutdown()
        server.server_close()
