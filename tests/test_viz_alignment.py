"""The alignment view of the graph page: 栖霞区 2021 (000) against 南京市 2021–2025 (003).

The store gets the alignment the way ``kg align`` writes it; the expected numbers of links and gaps
are counted here with SPARQL on the store (not with kg.views.readmodel), and the page, opened in a
headless Chromium with ``#selfcheck``, reports how many links and gap marks it drew, whether the
two tabs switch views, and what a hovered link shows.  A screenshot of ``#view=align`` goes to
tests/artifacts/alignment.png.
"""

import pytest

from kg.views.analyze import analyze
from kg.views.model import AlignLink, Document, GraphData, PlanAlignment, Task
from kg.views.readmodel import load_graph_data
from kg.viz.page import render_page

from test_viz import ARTIFACTS, EVIL, _chromium, _finish, _launch, _report, page_data

PREFIX = "PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>\n"


@pytest.fixture(scope="module")
def aligned():
    from kg.compare import align as A
    from kg.jobs.build import build
    from kg.rdf.mapping import document_iri
    from kg.extract.pipeline import extract_path
    from kg.resources import sample_files, samples_dir
    from kg.store import open_store

    st = open_store("memory")
    build([samples_dir()], st)
    lo, hi = extract_path(sample_files()[0]), extract_path(sample_files()[3])
    al = A.align(lo, hi)
    lo_iri, hi_iri = document_iri(lo), document_iri(hi)
    graph = A.alignment_graph(lo_iri, hi_iri)
    st.replace_document(graph, A.alignment_quads(al, lo_iri, hi_iri))
    return st, al, graph, lo_iri, hi_iri


def _count(st, body: str) -> int:
    return int(st.query(PREFIX + body).records()[0]["n"])


@pytest.fixture(scope="module")
def expected(aligned):
    """Links and gaps of the 000↔003 alignment, counted straight from the store."""
    st, al, graph, lo_iri, hi_iri = aligned
    links = _count(st, f"""SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE {{
  GRAPH <{graph}> {{ ?l a fz:Alignment ; fz:lowerTask ?lo ; fz:higherTask ?hi }}
  ?lo a fz:Task ; fz:inDocument <{lo_iri}> . ?hi a fz:Task ; fz:inDocument <{hi_iri}> . }}""")
    gaps = _count(st, f"""SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{
  ?t a fz:Task ; fz:inDocument <{hi_iri}> .
  FILTER NOT EXISTS {{ GRAPH <{graph}> {{ ?l fz:higherTask ?t ; fz:score ?s . FILTER(?s >= 0.2) }} }} }}""")
    assert (links, gaps) == (len(al.links), len(al.gaps)) == (111, 8)  # the store holds what align found
    return links, gaps


@pytest.fixture(scope="module")
def page(aligned, tmp_path_factory):
    data = load_graph_data(aligned[0])
    return data, render_page(data, analyze(data), tmp_path_factory.mktemp("align") / "graph.html")


def evil_alignment() -> GraphData:
    docs = [Document("doc:hi", "hi.txt", "<b>市</b>方案", "", "", "某市", "", "ImplementationScheme"),
            Document("doc:lo", "lo.txt", "区计划</script>", "", "", "某区", "", "AnnualPlan")]
    tasks = [Task("hi:1", "doc:hi", "", "hi.txt", "(一)", 1, "s1", EVIL),
             Task("hi:2", "doc:hi", "", "hi.txt", "(二)", 2, "s2", "<img src=z onerror=window.__pwned=6>缺口"),
             Task("lo:1", "doc:lo", "", "lo.txt", "1.", 1, "1", "<svg onload=window.__pwned=7>落实")]
    links = [AlignLink("lo:1", "hi:1", 0.61, 1, True), AlignLink("lo:1", "hi:2", 0.05, 1, False)]
    return GraphData(docs, tasks, [], [], [], alignments=[PlanAlignment("g:1", "doc:lo", "doc:hi", links, ["hi:2"])])


# --- the data ----------------------------------------------------------------------------------


def test_graph_data_holds_the_links_and_gaps(aligned, expected, page):
    st, al, graph, lo_iri, hi_iri = aligned
    data, _ = page
    assert [(a.graph, a.lower, a.higher) for a in data.alignments] == [(graph, lo_iri, hi_iri)]
    assert (len(data.alignment_links), len(data.alignment_gaps)) == expected
    gap_titles = {data.task_by_iri[g].title for g in data.alignment_gaps}
    assert gap_titles == {g.title for g in al.gaps}
    best = [x for x in data.alignment_links if x.best]
    assert len(best) == 37 - 8 and all(x.rank == 1 and x.score >= 0.2 for x in best)
    assert all(x.lower in data.task_by_iri and x.higher in data.task_by_iri for x in data.alignment_links)


def test_filters_keep_only_loaded_tasks(aligned):
    st = aligned[0]
    assert load_graph_data(st, document="000_fbb961a89fe9d432.txt").alignments == []  # the city plan is not loaded
    themed = load_graph_data(st, theme="fangguanfu")
    keep = {t.iri for t in themed.tasks}
    assert all(x.lower in keep and x.higher in keep for x in themed.alignment_links)
    assert set(themed.alignment_gaps) <= keep


def test_page_carries_the_alignment(page, expected):
    data, path = page
    text = path.read_text(encoding="utf-8")
    pairs = page_data(text)["align"]
    assert len(pairs) == 1 and [len(c) for c in pairs[0]["items"]] == [37, 38]
    assert (len(pairs[0]["links"]), len(pairs[0]["gaps"])) == expected
    assert "上下对应 alignment</button>" in text


def test_no_alignment_says_so(tmp_path):
    from kg.jobs.build import build
    from kg.resources import samples_dir
    from kg.store import open_store

    st = open_store("memory")
    build([samples_dir()], st)
    data = load_graph_data(st)
    assert data.alignments == []
    text = render_page(data, None, tmp_path / "plain.html").read_text(encoding="utf-8")
    assert "上下对应 alignment（无 none）" in text and page_data(text)["align"] == []


# --- the browser -------------------------------------------------------------------------------


def test_alignment_view_in_headless_chromium(page, expected, tmp_path):
    _chromium()
    data, path = page
    evil = render_page(evil_alignment(), None, tmp_path / "evil.html")
    plain = render_page(GraphData(), None, tmp_path / "empty.html")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "alignment.png"
    shot.unlink(missing_ok=True)
    procs = [
        _launch(f"{path.as_uri()}#selfcheck", tmp_path / "a1", "--dump-dom"),
        _launch(f"{path.as_uri()}#view=align", tmp_path / "a2", f"--screenshot={shot}", "--window-size=1400,1000",
                "--hide-scrollbars"),
        _launch(f"{evil.as_uri()}#selfcheck", tmp_path / "a3", "--dump-dom"),
        _launch(f"{plain.as_uri()}#selfcheck", tmp_path / "a4", "--dump-dom"),
        _launch(f"{path.as_uri()}#view=align&selfcheck", tmp_path / "a5", "--dump-dom"),
    ]
    main, _, bad, empty, direct = (_finish(p) for p in procs)

    r = _report(main)
    assert "exception" not in r, r.get("exception")
    assert r["errors"] == [] and r["pwned"] is False
    a = r["align"]
    links, gaps = expected
    assert (a["links_expected"], a["links_drawn"]) == (links, links)
    assert (a["gaps_expected"], a["gaps_drawn"]) == (gaps, gaps)
    assert a["items_drawn"] == 37 + 38
    assert a["align_shown"] is True and a["graph_shown"] is True  # the tabs switch views, both ways
    assert r["after_views"] == r["nodes_rendered"] == r["shown"]  # the graph is intact after the round trip
    # the hovered link: both titles and the score, as text, highlighted
    first = data.alignment_links[0]
    hi, lo = data.task_by_iri[first.higher], data.task_by_iri[first.lower]
    hover = a["hover"]
    assert hover["elements"] == 0 and hover["highlighted"] == 1
    for part in (f"{hi.number} {hi.title}", f"{lo.number} {lo.title}", f"{first.score:.3f}"):
        assert part in hover["text"], (part, hover["text"])
    assert "缺口 gap" in a["gap_click"] and a["pinned_kept"] is True
    assert a["svg_elements_unsafe"] == 0

    e = _report(bad)
    assert "exception" not in e, e.get("exception")
    assert e["pwned"] is False and e["errors"] == []
    assert (e["align"]["links_drawn"], e["align"]["gaps_drawn"]) == (2, 1)
    assert e["align"]["hover"]["elements"] == 0 and EVIL in e["align"]["hover"]["text"]  # shown as text
    assert e["align"]["svg_elements_unsafe"] == 0

    z = _report(empty)
    assert "exception" not in z and z["errors"] == []
    assert z["align"]["pairs"] == 0 and z["align"]["links_drawn"] == 0 and "没有上下对应数据" in z["align"]["empty_text"]
    assert z["align"]["align_shown"] is True and z["align"]["graph_shown"] is True

    d = _report(direct)  # opened on the alignment view, then back to the graph: drawn, fitted, intact
    assert "exception" not in d, d.get("exception")
    assert d["opened_in"] == "align" and d["errors"] == [] and d["ink"] > 1000
    assert d["nodes_rendered"] == d["shown"] == r["shown"] and d["align"]["links_drawn"] == links

    assert shot.exists() and shot.stat().st_size > 20_000, "no screenshot"
