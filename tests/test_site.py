"""``fazhi-kg site``: the static site of the samples, checked against facts read off the sample
documents by hand, for links that resolve, RDF that parses, byte-identical rebuilds, and once in
a headless Chromium with the network pointed at a dead proxy.

The site is built once for the module (the samples into a store on disk, then the command).
"""

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from kg import ids
from kg.cli import app
from kg.site.build import MARKER

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
         "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--virtual-time-budget=1000", "--dump-dom"]
# seed 000: 宁栖依法〔2021〕1号, the 栖霞区 plan; its task 8 reads
# "8. 积极参与立法制规。…(牵头单位:区司法局,责任单位:区政府各有关部门、各街道)"
SIFA = ids.unit_iri("320113", "南京市栖霞区司法局")
FAGAIWEI = ids.unit_iri("320113", "南京市栖霞区发展和改革委员会")  # written 区发改委
QIXIA_PLAN = "栖霞区2021年法治政府建设工作计划"
SEED_000, SEED_003 = "000_fbb961a89fe9d432.txt", "003_06ec0521e48adf05.txt"
NOTE_8 = "(牵头单位:区司法局,责任单位:区政府各有关部门、各街道)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.jobs.build import build
    from kg.resources import samples_dir
    from kg.store import open_store

    root = tmp_path_factory.mktemp("site")
    with open_store(str(root / "store")) as st:
        build([samples_dir()], st)
    store = ["--store", str(root / "store")]
    for command in (["align", str(samples_dir() / SEED_000), str(samples_dir() / SEED_003)],  # stores the links
                    ["track", "--tasks", "--write"]):  # stores the task view of 003 against 浦口区's report 004
        done = CliRunner().invoke(app, command + store)
        assert done.exit_code == 0, done.output
    old = os.umask(0o027)
    try:
        result = CliRunner().invoke(app, ["site", str(root / "out"), "--store", str(root / "store")])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    return root, root / "out", result.output


def page_of(iri: str) -> str:
    return iri.split("/id/", 1)[1] + ".html"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parsed(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_command_says_what_it_wrote(built):
    _, out, said = built
    # 5 documents (kg/samples/README.md); index.html, graph.html and the page of each
    assert said.splitlines()[0].startswith("206 pages: 5 documents, ")
    assert said.splitlines()[-1] == f"open {out / 'index.html'}"
    assert (out / MARKER).is_file() and (out / "index.html").is_file()


def test_unit_page_lists_its_tasks_by_role_with_the_note(built):
    _, out, _ = built
    text = (out / page_of(SIFA)).read_text(encoding="utf-8")
    assert "<h1>南京市栖霞区司法局</h1>" in text and "区司法局" in text
    lead = section(text, '<h3 id="lead">', '<h3 id="responsible">')
    assert "牵头 lead (26)" in lead  # the 26 tasks of seed 000 it leads (counted in the plan's notes)
    task8 = ids.task_iri(ids.document_iri(ids.document_key_of(_qixia(out))), "二.(二).8")
    assert f'href="../{page_of(task8)}">积极参与立法制规</a>' in lead
    quote = '<q class="note">(牵头单位:<mark class="f lead">区司法局</mark>,责任单位:区政府各有关部门、各街道)</q>'
    assert quote in lead
    # seed 000 task 5: "(牵头单位:区卫健委,责任单位:区发改委、区市场监管局、…)": 区发改委 is responsible there
    fgw = (out / page_of(FAGAIWEI)).read_text(encoding="utf-8")
    responsible = section(fgw, '<h3 id="responsible">', '<h3 id="cooperating">')
    assert "依法毫不松懈做好常态化疫情防控" in responsible
    assert "依法毫不松懈做好常态化疫情防控" not in section(fgw, '<h3 id="lead">', '<h3 id="responsible">')
    assert "<svg" in text and text.count("<circle") == 26 + 1  # its tasks (all led) and itself
    # every task of seed 000 names 各街道 and 区政府各有关部门 responsible: left out of the drawing, counted
    assert re.search(r"collectives not drawn: <a [^>]+>各街道</a> \(26\)、<a [^>]+>区政府各有关部门</a> \(26\)", text)
    # task 22 sets targets (满意率 ≥ 95%…); the samples hold no report of 栖霞区 to judge them by
    row22 = section(lead, "自觉接受党内监督", "</tr>")
    assert "满意率" in row22 and "跟踪 无报告 (no report)" in row22
    share = section(text, "牵头占比", "</table>")
    assert "26 / 38" in share  # every one of seed 000's 38 tasks names a lead


def _qixia(out: Path) -> str:
    """The IRI of seed 000, read from the index's link to it."""
    index = (out / "index.html").read_text(encoding="utf-8")
    m = re.search(r'href="doc/([^"]+)\.html">' + QIXIA_PLAN, index)
    assert m, "the index does not list seed 000"
    return "https://w3id.org/fazhi-kg/id/doc/" + m.group(1)


def test_task_page_marks_the_note_owners_targets_and_deadline_in_place(built):
    _, out, _ = built
    doc = _qixia(out)
    task8 = ids.task_iri(doc, "二.(二).8")
    text = (out / page_of(task8)).read_text(encoding="utf-8")
    unit_link = "../../../" + page_of(SIFA)
    assert (f'<mark class="f note" title="分工说明 note">(牵头单位:<a class="f lead" href="{unit_link}" '
            f'title="南京市栖霞区司法局 · lead">区司法局</a>,责任单位:') in text
    assert "未找到 nothing found: no report in the store speaks of this task" in text  # no report of 栖霞区
    # the alignment of seed 000 with the city's scheme 003 (stored by align in the fixture)
    implements = section(text, "落实的上级任务 higher-plan items it implements", "</table>")
    assert "完善政府立法工作机制" in implements and "✓ 最佳 best" in implements
    # seed 003, item (三十七): "…专题会议不少于1次…2024年年初…"
    scheme = next(p for p in (out / "doc").glob("*.html") if "<h1>南京市法治政府建设实施方案" in p.read_text(encoding="utf-8"))
    item = (scheme.with_suffix("") / "task" / "s37.html").read_text(encoding="utf-8")
    assert '<mark class="f deadline" title="2024-03-31">2024年年初</mark>' in item
    # a 不得 clause of the scheme, marked where it stands
    assert re.search(r'<mark class="f obligation"[^>]*>行政机关内部会议纪要不得作为行政执法依据。?</mark>',
                     scheme.read_text(encoding="utf-8"))
    assert re.search(r'<mark class="f target" title="[^"]*≥ 1次">[^<]*不少于1次</mark>', item)
    # item (二十) 全面推进政务公开: 浦口区's 2023 report answers it in 七.(三) "聚焦群众关注热点,深化高质量政务
    # 公开…" (tests/gold_taskview/task_view_003_004.json, judged by reading)
    twenty = (scheme.with_suffix("") / "task" / "s20.html").read_text(encoding="utf-8")
    evidence = section(twenty, "报告中的证据 report evidence", "</table>")
    assert "浦口区2023年度法治政府建设情况报告" in evidence and "<td>已报告 (reported)</td>" in evidence
    assert "深化高质量政务公开" in evidence
    m = re.search(r'<a href="\.\./\.\./([^"#]+)#(p-\d+)">七\.\(三\) 全面提升政务公开效能</a>', evidence)
    assert m, "the evidence does not link to the report's paragraph"
    report = (scheme.parent / m.group(1)).read_text(encoding="utf-8")
    para = report[report.index(f'<p id="{m.group(2)}"'):]
    para, answers = para[:para.index("</p>")], para[para.index("</p>"):][:2000]
    assert "深化高质量政务公开" in para and "全面推进政务公开" in answers.split("</p>", 2)[1]


def test_document_page_has_the_outline_matrix_and_marked_text(built):
    _, out, _ = built
    path = out / page_of(_qixia(out))
    text = path.read_text(encoding="utf-8")
    links = parsed(path)
    toc = section(text, '<nav class="toc">', "</nav>")
    assert toc.count('class="nav-t"') == 38  # seed 000's 38 tasks
    matrix = section(text, "责任分工表 responsibility matrix", "</table>")
    assert matrix.count("<tr>") == 38 + 1
    assert text.count('class="f lead"') >= 38  # every task names a lead in its note
    assert all(ref[1:] in links.ids for ref in links.refs if ref.startswith("#"))
    assert "未能解析的分工说明 unparsed notes</h2>\n<p class=\"none\">" in text  # the samples have none


def test_every_link_resolves_and_nothing_leaves_the_site(built):
    _, out, _ = built
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 206  # graph.html among them: its links to the pages are in its data, checked elsewhere
    for page in pages:
        for ref in parsed(page).refs:
            if ref == "data:,":  # the empty icon, so that browsers ask for no /favicon.ico
                continue
            assert not re.match(r"^[a-z]+:|^//", ref), f"{page}: {ref} leaves the site"
            target = ref.split("#", 1)[0]
            if target:
                assert (page.parent / target).resolve().is_file(), f"{page.relative_to(out)}: {ref} is missing"
    # the graph page's links to the tasks' pages are in its data
    text = (out / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1))
    hrefs = [m["href"] for m in data["meta"].values() if m.get("href")]
    assert len(hrefs) == 98 and all((out / h).is_file() for h in hrefs)


def test_rdf_beside_pages_parses_and_says_what_the_page_says(built):
    import rdflib

    _, out, _ = built
    fz = rdflib.Namespace("https://w3id.org/fazhi-kg/ontology#")
    for ttl in sorted(out.rglob("*.ttl")):
        rdflib.Graph().parse(ttl, format="turtle")
    for path in sorted(out.rglob("*.jsonld")):
        json.loads(path.read_text(encoding="utf-8"))
    unit = out / page_of(SIFA)
    g = rdflib.Graph().parse(unit.with_suffix(".ttl"), format="turtle")
    j = rdflib.Graph().parse(unit.with_suffix(".jsonld"), format="json-ld")
    assert set(g) == set(j) and len(g) > 26
    task8 = ids.task_iri(_qixia(out), "二.(二).8")
    assert (rdflib.URIRef(task8), fz.leadUnit, rdflib.URIRef(SIFA)) in g
    # the task's own RDF holds the alignment links that point to it (stored by align in the fixture)
    t8 = rdflib.Graph().parse(out / page_of(task8).replace(".html", ".ttl"), format="turtle")
    assert any(t8.triples((None, fz.lowerTask, rdflib.URIRef(task8))))
    catalog = rdflib.Graph().parse(out / "catalog.ttl", format="turtle", publicID=(out / "catalog.ttl").as_uri())
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    lines = gzip.decompress((out / "data.nq.gz").read_bytes()).decode("utf-8").splitlines()
    triples = {line[:-2].rsplit(" ", 1)[0] for line in lines}  # "s p o g ." without its graph
    assert int(next(catalog.objects(None, void.triples))) == len(triples)
    parts = {str(c): int(n) for p in catalog.objects(None, void.classPartition)
             for c in catalog.objects(p, void["class"]) for n in catalog.objects(p, void.entities)}
    assert parts[str(fz.Task)] == sum(1 for line in lines if line.split(" ")[1:3] == [
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{fz.Task}>"])


def test_same_store_gives_the_same_bytes_and_a_rebuild_replaces_the_site(built):
    root, out, _ = built
    again = root / "again"
    again.mkdir()
    (again / MARKER).write_text("")
    (again / "stale.html").write_text("left from an earlier site")
    # another process, with other string hashes: nothing may depend on the order of a set
    env = dict(os.environ, PYTHONHASHSEED="12345")
    done = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "site", str(again), "--store", str(root / "store")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (again / "stale.html").exists()
    mine = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert mine == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((out / p).read_bytes() == (again / p).read_bytes() for p in mine)
    assert [x.name for x in root.iterdir() if "fazhi-kg-tmp" in x.name] == []  # no temporary folder left
    # built under umask 027: no file readable by others
    assert (out / "index.html").stat().st_mode & 0o777 == 0o640 and out.stat().st_mode & 0o777 == 0o750


def test_a_folder_that_is_not_a_site_is_left_alone(built, tmp_path):
    root, _, _ = built
    (tmp_path / "notes.txt").write_text("mine")
    done = CliRunner().invoke(app, ["site", str(tmp_path), "--store", str(root / "store")])
    assert done.exit_code != 0 and "not a site fazhi-kg wrote" in done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_bundled_search_library_is_the_recorded_one(built):
    _, out, _ = built
    readme = (Path(__file__).resolve().parent.parent / "kg" / "site" / "static" / "README.md").read_text()
    digest = hashlib.sha256((out / "_static" / "minisearch.js").read_bytes()).hexdigest()
    assert f"`{digest}`" in readme and "MiniSearch 7.2.0" in readme
    assert "Luca Ongaro" in (out / "_static" / "minisearch.LICENSE.txt").read_text()
    data = (out / "search-data.js").read_text(encoding="utf-8")
    shipped = json.loads(data[len("window.KG_SEARCH = "):-2])
    entries, facets = shipped["entries"], shipped["facets"]
    sifa = next(e for e in entries if e["u"] == page_of(SIFA))
    assert sifa["k"] == "unit" and [facets["a"][i] for i in sifa["a"]] == ["栖霞区"]
    assert [facets["y"][i] for i in sifa["y"]] == ["2021"]
    assert shipped["index"]["documentIds"][str(sifa["id"])] == sifa["id"]
    theme = next(e for e in entries if e["k"] == "theme" and e["x"] == "admin_review")  # found by 行政复议 too
    assert theme["t"] == "行政复议" and theme["u"] == "theme/admin_review.html"


def test_serve_site_answers_the_same_paths(built):
    from kg.jobs.endpoint import Endpoint

    root, out, _ = built
    server = Endpoint("127.0.0.1", 0, engine=SimpleNamespace(location=root / "store"), site=out)  # no query is run
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}"

    def get(path: str, accept: str = "text/html"):
        req = urllib.request.Request(base + path, headers={"Accept": accept})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers["Content-Type"], r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers["Content-Type"], exc.read()

    try:
        assert get("/")[2] == (out / "index.html").read_bytes()
        stem = "/" + page_of(SIFA)[:-5]
        assert get(stem + ".html")[2] == get(stem)[2] == (out / page_of(SIFA)).read_bytes()
        status, kind, body = get(stem, "text/turtle")
        assert (status, kind) == (200, "text/turtle; charset=utf-8") and body == (out / page_of(SIFA)).with_suffix(".ttl").read_bytes()
        assert get("/" + MARKER)[0] == get("/../store/CURRENT")[0] == get("/%2e%2e/store/CURRENT")[0] == 404
        assert b"SPARQL endpoint" in get("/sparql")[2]
    finally:
        server.shutdown()
        server.server_close()


def test_pages_in_headless_chromium(built, tmp_path):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {CHROMIUM} is missing")
        pytest.skip(f"no headless Chromium at {CHROMIUM}")
    _, out, _ = built
    doc = _qixia(out)
    pages = {"index": (out / "index.html").as_uri() + "#selfcheck&q=%E5%8F%B8%E6%B3%95%E5%B1%80",  # 司法局
             "unit": (out / page_of(SIFA)).as_uri() + "#selfcheck",
             "task": (out / page_of(ids.task_iri(doc, "二.(二).8"))).as_uri() + "#selfcheck",
             "document": (out / page_of(doc)).as_uri() + "#selfcheck"}
    procs = {k: subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / k}", url],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for k, url in pages.items()}
    reports = {}
    for k, proc in procs.items():
        try:
            dom, _ = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"chromium did not finish the {k} page")
        m = re.search(r'<pre id="kg-selfcheck">(.*?)</pre>', dom, re.S)
        assert m, f"the {k} page wrote no self-check report"
        import html

        reports[k] = json.loads(html.unescape(m.group(1)))
    root = out.as_uri() + "/"
    for k, r in reports.items():
        assert r["errors"] == [], (k, r["errors"])
        # what the page loaded (file:// loads are not in the Resource Timing list, requests would be)
        assert r["loaded"] and all(x.startswith(root) for x in r["loaded"] + r["resources"]), (k, r)
        assert r["styled"], f"the {k} page's style sheet did not apply"
    assert any(x.endswith("_static/minisearch.js") for x in reports["index"]["loaded"])
    search = reports["index"]["search"]
    assert search["index_as_built"], "the index shipped differs from the one MiniSearch builds of the entries"
    assert page_of(SIFA) in search["pages"] and search["status"].startswith(f"{len(search['pages'])} 个结果")
    assert reports["unit"]["svg"] == 26 + 12  # its 26 tasks and the 12 units it shares most with


def test_search_terms_are_character_pairs_as_the_page_cuts_them():
    from kg.site.searchindex import serialized, tokenize

    assert tokenize("区司法局") == ["区司", "司法", "法局"]
    assert tokenize("完善“12345”平台、Hello 局") == ["完善", "12345", "平台", "hello", "局"]
    index = serialized([{"id": "a", "t": "司法局", "s": "", "x": ""}, {"id": "b", "t": "司法", "s": "司法", "x": ""}])
    terms = dict(index["index"])
    assert terms["司法"] == {"0": {"0": 1, "1": 1}, "1": {"1": 1}} and terms["法局"] == {"0": {"0": 1}}
    assert index["fieldLength"] == {"0": [2, 0, 0], "1": [1, 1, 0]} and index["averageFieldLength"] == [1.5, 0.5, 0.0]


def test_a_failed_write_leaves_the_old_site_and_no_temporary_folder(built, monkeypatch):
    from kg.errors import OutputError
    from kg.site import build as site_build

    root, out, _ = built
    before = (out / "index.html").read_bytes()

    def full_disk(site, folder, *rest):
        (folder / "index.html").write_text("half a site")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site_build, "collect", lambda store, as_of: None)
    monkeypatch.setattr(site_build, "_write", full_disk)
    with pytest.raises(OutputError, match="no space left on device|No space left on device"):
        site_build.build_site(None, out)
    assert (out / "index.html").read_bytes() == before
    assert [x.name for x in root.iterdir() if "fazhi-kg-tmp" in x.name] == []


def test_serve_site_needs_a_site_and_the_own_endpoint(built, tmp_path):
    from kg.errors import UsageError
    from kg.jobs.serve import run_server, site_folder

    root, out, _ = built
    assert site_folder(out) == out
    (tmp_path / "index.html").write_text("someone else's page")
    with pytest.raises(UsageError, match="not a site `fazhi-kg site` wrote"):
        site_folder(tmp_path)
    with pytest.raises(UsageError, match="not with --allow-service"):
        run_server(str(root / "store"), 7, allow_service=True, site=out)


def test_the_pages_rdf_is_the_same_however_many_files_it_is_sorted_through(built, monkeypatch):
    # the RDF beside each page is grouped through temporary files, as many as the store's size asks
    # for (memory grows with one file's share, not with the store): one file or fifty, the same bytes
    from kg.site import rdfout

    root, out, _ = built
    monkeypatch.setattr(rdfout, "BUCKET_QUADS", 300)  # the samples' store is then read into ~50 files
    result = CliRunner().invoke(app, ["site", str(root / "many-files"), "--store", str(root / "store")])
    assert result.exit_code == 0, result.output
    rdf = sorted(p.relative_to(out) for p in out.rglob("*") if p.suffix in (".ttl", ".jsonld") or p.name == "data.nq.gz")
    assert len(rdf) > 300
    assert all((out / p).read_bytes() == (root / "many-files" / p).read_bytes() for p in rdf)


def test_the_dump_is_the_same_sorted_in_memory_or_by_the_export(built):
    # a caller of build_site that passes no N-Quads writer gets the quads sorted in memory: the same dump
    import gzip

    from kg.site.build import build_site
    from kg.store import open_store

    root, out, _ = built
    with open_store(str(root / "store"), read_only=True) as st:
        build_site(st, root / "in-memory")
    assert gzip.decompress((root / "in-memory" / "data.nq.gz").read_bytes()) == gzip.decompress((out / "data.nq.gz").read_bytes())
