"""The task view (``fazhi-kg track --tasks``) against a gold made by reading, and on hand-written forms.

The gold, tests/gold_taskview/task_view_003_004.json, was written and committed before the matcher: each
numbered item of the 南京市 scheme (seed 003) judged against the 浦口区 2023 report (seed 004) as
reported (a paragraph of the report is about this work), partly (some of its measures appear,
in a paragraph about something else) or not mentioned.  Items (一)…(三) (guiding thought,
principles, overall goal) are not tasks for the extractor, so 37 items are scored.

The matcher's weights and thresholds were chosen on this same pair, so the numbers below are
measured on the data they were tuned on; they are asserted exactly so that any change to the
scoring shows here.  The baseline (share of the task title's character bigrams in a paragraph)
gets its two cut-offs fitted on the gold by best F1, which favours it.
"""

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.jobs.build import build
from kg.store import open_store
from kg.views import taskview as tv
from kg.views.model import Area, Document, GraphData, Paragraph, Task
from kg.views.readmodel import load_graph_data

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
GOLD = {g["task"]: g for g in json.loads((ROOT / "tests" / "gold_taskview" / "task_view_003_004.json").read_text("utf-8"))}


@pytest.fixture(scope="module")
def data():
    st = open_store("memory")
    build([SAMPLES], st)
    return load_graph_data(st, with_paragraphs=True)


@pytest.fixture(scope="module")
def rows(data):
    return tv.task_view(data, area="浦口区", year=2023)


def gold(task: str) -> str:
    return GOLD[task]["status"].replace("_", " ")


def counts(pred: dict[str, str], wanted: set[str]) -> tuple[int, int, int]:
    """(true positives, predicted, in the gold) of the statuses in ``wanted``."""
    said = {k for k, v in pred.items() if v in wanted}
    truth = {k for k in pred if gold(k) in wanted}
    return len(said & truth), len(said), len(truth)


def fit(scores: dict[str, float]) -> tuple[float, float]:
    """Cut-offs for reported and for mentioned (reported or partly) with the best F1 on the gold."""
    def best(wanted: set[str], below: float) -> float:
        truth = {k for k in scores if gold(k) in wanted}
        cuts = sorted({v for v in scores.values() if v <= below})
        return max(cuts, key=lambda c: (2 * len({k for k in scores if scores[k] >= c} & truth)
                                        / (len({k for k in scores if scores[k] >= c}) + len(truth)), c))
    reported = best({"reported"}, 1.0)
    return reported, best({"reported", "partly"}, reported)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------- the gold


def test_the_gold_judges_every_item_of_the_scheme():
    assert len(GOLD) == 40
    statuses = [g["status"] for g in GOLD.values()]
    assert (statuses.count("reported"), statuses.count("partly"), statuses.count("not_mentioned")) == (18, 9, 13)
    report = _norm((SAMPLES / "004_defe76b096bc4ad6.txt").read_text("utf-8"))
    for g in GOLD.values():  # every quote is the report's own words
        assert (g["evidence"] is None) == (g["status"] == "not_mentioned")
        assert g["evidence"] is None or _norm(g["evidence"]) in report


def test_one_row_per_task_of_the_scheme_against_the_report(rows):
    assert len(rows) == 37
    assert {r.task for r in rows} == set(GOLD) - {"(一)", "(二)", "(三)"}
    assert {r.area for r in rows} == {"浦口区"} and {r.year for r in rows} == {"2023"}
    assert all(r.report_title == "浦口区2023年度法治政府建设情况报告" for r in rows)


def test_precision_and_recall_on_the_gold(rows):
    pred = {r.task: r.status for r in rows}
    assert counts(pred, {"reported"}) == (17, 20, 18)  # P 0.85, R 0.94
    assert counts(pred, {"partly"}) == (5, 9, 7)  # P 0.56, R 0.71
    assert counts(pred, {"reported", "partly"}) == (25, 29, 25)  # mentioned at all: P 0.86, R 1.00


def test_the_paragraph_quoted_is_the_one_the_gold_quotes(rows, data):
    report = next(d for d in data.documents if d.is_report and d.area.endswith("/320111"))
    by_place = {tv._place(p): p for p in tv.body(data.paragraphs[report.iri])}
    both = [(r, GOLD[r.task]) for r in rows if r.paragraph and GOLD[r.task]["evidence"]]
    agree = [r.task for r, g in both if _norm(g["evidence"]) in _norm(by_place[r.paragraph].text)]
    assert (len(agree), len(both)) == (22, 25)
    for r, _ in both:  # the quote is a sentence of that paragraph, not its heading
        assert r.quote in by_place[r.paragraph].text and not r.quote.startswith("(")


def test_the_matcher_beats_the_keyword_baseline(rows, data):
    report = next(d for d in data.documents if d.is_report and d.area.endswith("/320111"))
    paras = tv.body(data.paragraphs[report.iri])
    tasks = [t for t in data.tasks if t.number in {r.task for r in rows} and "/320100-" in t.document]
    scores = {t.number: max(tv.baseline(t.title, p.title + p.text) for p in paras) for t in tasks}
    reported, mentioned = fit(scores)
    pred = {k: "reported" if s >= reported else "partly" if s >= mentioned else "not mentioned"
            for k, s in scores.items()}
    base = counts(pred, {"reported"})
    assert base == (16, 19, 18)  # P 0.84, R 0.89 with cut-offs fitted on the gold
    assert counts(pred, {"partly"}) == (3, 6, 7)  # P 0.50, R 0.43
    assert (round(reported, 2), round(mentioned, 2)) == (0.45, 0.29)
    assert counts(pred, {"reported", "partly"}) == (23, 25, 25)  # mentioned at all: P 0.92, R 0.92
    mine = counts({r.task: r.status for r in rows}, {"reported"})

    def f1(c):
        return 2 * c[0] / (c[1] + c[2])
    assert f1(mine) > f1(base)


def test_statuses_follow_the_thresholds(rows):
    for r in rows:
        assert r.status == tv.status(r.score)  # the score shown agrees with the status
        assert (r.paragraph is None) == (r.status == "not mentioned")
    assert tv.status(tv.REPORTED) == "reported" and tv.status(tv.PARTLY) == "partly"
    assert tv.status(tv.PARTLY - 0.001) == "not mentioned"


# ---------------------------------------------------------------- hand-written forms

AREA = "https://w3id.org/fazhi-kg/id/area/"
TASKS = [
    ("(一)", "深化行政复议体制改革", "(一)深化行政复议体制改革。健全行政复议工作制度,优化行政复议审理机制,全面实施行政复议决定书网上公开制度。"),
    ("(二)", "稳妥推进行政裁决", "(二)稳妥推进行政裁决。梳理适用行政裁决的事项,实行目录管理,完善行政裁决程序制度。"),
    ("(三)", "加强行政执法队伍建设", "(三)加强行政执法队伍建设。严格执法人员持证上岗和资格管理,每人每年接受不少于60学时的法律知识培训,"
                                  "健全执法辅助人员管理,推进执法装备配备标准化。"),
]
PARAGRAPHS = [
    ("一", "依法化解行政争议", "一、依法化解行政争议"),
    # (一) in other words: 复议 for 行政复议, 审结 and 在网上公开 for its measures
    ("一.(一)", "做好复议案件办理", "(一)做好复议案件办理。复议机构统一受理全区的复议申请,全年审结复议案件120件,审理程序进一步规范,"
                                "复议决定书全部在网上公开,制发复议意见书3份。"),
    ("一.(二)", "推进政务公开", "(二)推进政务公开。主动公开政务信息3000条,依申请公开200件,召开新闻发布会5场。"),
    # (三) partly: one of its four measures, in a paragraph about something else
    ("一.(三)", "提升执法规范化水平", "(三)提升执法规范化水平。开展全区执法案卷评查,评查案卷300卷。严格落实执法人员持证上岗制度,"
                                  "清理无证人员12名。"),
]


def fixture_data(report_area: str = "320111", years=(2023,)) -> GraphData:
    areas = {AREA + "320100": Area(AREA + "320100", "南京市", "320100", None, frozenset({"南京市"})),
             AREA + "320111": Area(AREA + "320111", "浦口区", "320111", AREA + "320100", frozenset({"浦口区"})),
             AREA + "320113": Area(AREA + "320113", "栖霞区", "320113", AREA + "320100", frozenset({"栖霞区"}))}
    plan = Document("urn:plan", "plan.txt", "某市实施方案", "", "", "南京市", "320100", "ImplementationScheme",
                    AREA + "320100", (2023, 2024))
    report = Document("urn:report", "report.txt", "某区2023年度报告", "", "", "", report_area, "AnnualReport",
                      AREA + report_area, tuple(years))
    themes = [["admin_review", "dispute_resolution"], ["admin_adjudication", "dispute_resolution"], ["law_enforcement"]]
    tasks = [Task(f"urn:task/{i}", plan.iri, plan.title, plan.source, n, i, "", title, themes=th, text=text)
             for i, ((n, title, text), th) in enumerate(zip(TASKS, themes))]
    paras = [Paragraph(path, title, "某区2023年度报告", text) for path, title, text in PARAGRAPHS]
    return GraphData(documents=[plan, report], tasks=tasks, areas=areas, paragraphs={report.iri: paras})


def test_forms_reported_in_other_words_not_mentioned_and_partly():
    got = {r.task: r for r in tv.task_view(fixture_data())}
    assert got["(一)"].status == "reported"
    assert got["(一)"].paragraph == "一.(一) 做好复议案件办理"
    assert got["(一)"].quote.startswith("复议机构统一受理")
    assert got["(二)"].status == "not mentioned" and got["(二)"].paragraph is None and got["(二)"].quote is None
    assert got["(三)"].status == "partly"
    assert got["(三)"].quote == "严格落实执法人员持证上岗制度,清理无证人员12名。"
    assert all(not r.paragraph or not r.paragraph.startswith("一 ") for r in got.values())  # a bare heading is no evidence


def test_other_words_need_the_concepts(monkeypatch):
    """Without the theme names added, 复议 shares no word with 行政复议: the synonym is lost."""
    assert "行政复议" in tv.concepts("复议决定书全部在网上公开")
    assert tv.concepts("召开新闻发布会5场") == "召开新闻发布会5场"
    monkeypatch.setattr(tv, "concepts", lambda text: text)
    got = {r.task: r.status for r in tv.task_view(fixture_data())}
    assert got["(一)"] != "reported"


def test_scope_area_year_and_a_report_without_text():
    data = fixture_data()
    assert tv.task_view(data, area="栖霞区") == []
    assert tv.task_view(data, year=2024) == []
    assert len(tv.task_view(data, area="浦口区", year=2023)) == 3
    assert tv.task_view(fixture_data(years=(2021,))) == []  # the report covers no year of the plan
    data.paragraphs.clear()
    assert {r.status for r in tv.task_view(data)} == {"unchecked"}


# ---------------------------------------------------------------- the command


def test_the_command_lists_tasks_in_every_format(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["build", str(SAMPLES), "-s", store]).exit_code == 0
    base = ["track", "--tasks", "--area", "浦口区", "--year", "2023", "-s", store]
    out = runner.invoke(app, base + ["--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert len(rows) == 37 and set(rows[0]) == set(tv.FIELDS)
    assert {r["status"] for r in rows} == {"reported", "partly", "not mentioned"}
    table = runner.invoke(app, base)
    assert table.exit_code == 0 and "状态 status" in table.stdout and "二.(二) 加快建设服务型政府" in table.stdout
    csv = runner.invoke(app, base + ["--format", "csv"])
    assert csv.exit_code == 0 and csv.stdout.lstrip("\ufeff").startswith("status,area,area_code,year,plan")
    xlsx = tmp_path / "tasks.xlsx"
    assert runner.invoke(app, base + ["-o", str(xlsx)]).exit_code == 0 and xlsx.stat().st_size > 0
    assert "--tasks" in runner.invoke(app, ["track", "--help"]).stdout


def test_a_paragraph_naming_an_owner_scores_higher():
    data = fixture_data()
    task = data.tasks[1]
    paras = [Paragraph("一.(二)", "推进政务公开", "某区2023年度报告", "(二)推进政务公开。区政务服务管理办公室主动公开政务信息3000条。")]
    plain = tv.Scorer([task], paras).scores(task)[0]
    named = tv.Scorer([task], paras, {task.iri: ["区政务服务管理办公室"]}).scores(task)[0]
    assert named == pytest.approx(plain + tv.OWNER)
    other = tv.Scorer([task], paras, {task.iri: ["区司法局"]}).scores(task)[0]
    assert other == pytest.approx(plain)


# ---------------------------------------------------------------- the links in the graph


def test_links_are_stored_as_prov_and_the_same_input_gives_the_same_quads(rows):
    from kg.views import taskgraph

    plan, report = rows[0].plan, rows[0].report
    quads = taskgraph.quads(plan, report, rows)
    assert quads == taskgraph.quads(plan, report, list(rows))
    assert {q[3] for q in quads} == {f"<{taskgraph.taskview_graph(plan, report)}>"}
    assert not any("dateTime" in q[2] or "AtTime" in q[1] for q in quads)  # no clock time in the graph
    fz = "https://w3id.org/fazhi-kg/ontology#"
    evidence = {q[0] for q in quads if q[1].endswith("#type>") and q[2] == f"<{fz}TaskEvidence>"}
    assert len(evidence) == 37
    activity = f"<{taskgraph.activity_iri(plan, report)}>"
    assert {(q[1], q[2]) for q in quads if q[0] == activity} >= {
        ("<http://www.w3.org/ns/prov#used>", f"<{plan}>"), ("<http://www.w3.org/ns/prov#used>", f"<{report}>"),
        ("<http://www.w3.org/ns/prov#wasAssociatedWith>", "<https://w3id.org/fazhi-kg/id/agent/fazhi-kg>")}
    seven = next(r for r in rows if r.task == "(七)")
    node = f"<{taskgraph.evidence_iri(plan, report, seven.task_iri)}>"
    mine = {q[1].rsplit("#", 1)[-1][:-1]: q[2] for q in quads if q[0] == node}
    assert mine["reportStatus"] == '"reported"' and mine["evidenceOf"] == f"<{seven.task_iri}>"
    assert mine["bestParagraph"] == f"<{report}/para/p2-s2>"  # 二.(二) 加快建设服务型政府
    assert mine["evidenceScore"] == f'"{seven.score:.3f}"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert mine["evidenceQuote"].startswith('"印发《浦口区便民服务中心') and mine["evidenceQuote"].endswith('"@zh')
    not_mentioned = next(r for r in rows if r.status == "not mentioned")
    node = f"<{taskgraph.evidence_iri(plan, report, not_mentioned.task_iri)}>"
    assert not any(q[0] == node and ("bestParagraph" in q[1] or "evidenceQuote" in q[1]) for q in quads)


def test_writing_again_replaces_the_pair_graph(rows):
    from kg.views import taskgraph

    st = open_store("memory")
    assert taskgraph.write(st, rows) == [(taskgraph.taskview_graph(rows[0].plan, rows[0].report), 37)]
    first = st.count()
    taskgraph.write(st, rows)
    assert st.count() == first
    changed = [tv.TaskRow(**{**r.to_dict(), "status": "not mentioned", "paragraph_iri": None, "quote": None})
               for r in rows]
    taskgraph.write(st, changed)  # nothing of the earlier links is left over
    left = st.query('SELECT (COUNT(*) AS ?n) WHERE { ?e <https://w3id.org/fazhi-kg/ontology#evidenceQuote> ?q }')
    assert left.records() == [{"n": "0"}]


def test_track_tasks_write_stores_what_the_named_query_lists(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["build", str(SAMPLES / "003_06ec0521e48adf05.txt"), str(SAMPLES / "004_defe76b096bc4ad6.txt"),
                               "-s", store]).exit_code == 0
    base = ["track", "--tasks", "-s", store, "--format", "json"]
    def listed() -> list[dict[str, str]]:
        out = runner.invoke(app, ["query", "--name", "task-evidence", "-s", store, "--format", "json"])
        assert out.exit_code == 0, out.output
        return [{k: v["value"] for k, v in b.items()} for b in json.loads(out.stdout)["results"]["bindings"]]

    assert listed() == []  # nothing stored without --write
    out = runner.invoke(app, base + ["--write"])
    assert out.exit_code == 0, out.output
    assert "stored 37 task links in 1 graph" in out.stderr
    computed = {(r["task"], r["status"], r["quote"]) for r in json.loads(out.stdout)}
    stored = {(r["task_label"], r["status"], r.get("quote")) for r in listed()}
    assert stored == computed and len(stored) == 37
    bad = runner.invoke(app, ["track", "--write", "-s", store])
    assert bad.exit_code == 2 and "--tasks" in bad.output


# ---------------------------------------------------------------- a second pair, judged by hand

FIXTURES = ROOT / "tests" / "fixtures"
SECOND = {g["task"]: g for g in json.loads((ROOT / "tests" / "gold_taskview" / "task_view_jiangning_2023.json")
                                           .read_text("utf-8"))}


@pytest.fixture(scope="module")
def second():
    """The 江宁区 2023 plan against its 2023 report (tests/fixtures/jiangning_2023_*.txt), written by
    hand with the forms the seeds lack: tasks reported in other words (1., 3., 8., 13.), partly
    (4., 6., 11.), not mentioned (9., 10., 14.), a report naming the task's owner (5., 12.).  The
    gold was committed before the task view was run on it; nothing was tuned on it since."""
    st = open_store("memory")
    build([FIXTURES / "jiangning_2023_plan.txt", FIXTURES / "jiangning_2023_report.txt"], st)
    data = load_graph_data(st, with_paragraphs=True)
    return data, tv.task_view(data)


def second_counts(pred: dict[str, str], wanted: set[str]) -> tuple[int, int, int]:
    said = {k for k, v in pred.items() if v in wanted}
    truth = {k for k in pred if SECOND[k]["status"].replace("_", " ") in wanted}
    return len(said & truth), len(said), len(truth)


def test_the_second_gold_quotes_the_report():
    report = _norm((FIXTURES / "jiangning_2023_report.txt").read_text("utf-8"))
    statuses = [g["status"] for g in SECOND.values()]
    assert (len(SECOND), statuses.count("reported"), statuses.count("partly"), statuses.count("not_mentioned")) == (14, 8, 3, 3)
    for g in SECOND.values():
        assert (g["evidence"] is None) == (g["status"] == "not_mentioned")
        assert g["evidence"] is None or _norm(g["evidence"]) in report


def test_precision_and_recall_on_the_second_pair_beside_the_baseline(second):
    """Measured, not tuned: the task view over-calls reported where a paragraph is about one of the
    task's measures (6., 11.) and takes 14. 督察 for the 述法 paragraph (纳入年度综合考核); the
    baseline, with the cut-offs fitted on the seeds' gold, misses the tasks reported in other words."""
    data, rows = second
    assert len(rows) == 14 and {r.report_title for r in rows} == {"江宁区2023年度法治政府建设情况报告"}
    pred = {r.task: r.status for r in rows}
    assert second_counts(pred, {"reported"}) == (8, 11, 8)  # P 0.73, R 1.00
    assert second_counts(pred, {"partly"}) == (1, 1, 3)  # P 1.00, R 0.33
    assert second_counts(pred, {"reported", "partly"}) == (11, 12, 11)  # mentioned at all: P 0.92, R 1.00
    assert {k for k, v in pred.items() if v != SECOND[k]["status"].replace("_", " ")} == {"6.", "11.", "14."}
    report = next(d for d in data.documents if d.is_report)
    paras = tv.body(data.paragraphs[report.iri])
    scores = {t.number: max(tv.baseline(t.title, p.title + p.text) for p in paras) for t in data.tasks}
    base = {k: "reported" if s >= 0.45 else "partly" if s >= 0.29 else "not mentioned" for k, s in scores.items()}
    assert second_counts(base, {"reported"}) == (4, 5, 8)  # P 0.80, R 0.50
    assert second_counts(base, {"partly"}) == (1, 2, 3)  # P 0.50, R 0.33
    assert second_counts(base, {"reported", "partly"}) == (7, 7, 11)  # P 1.00, R 0.64


def test_the_second_pair_quotes_the_paragraph_the_gold_quotes(second):
    data, rows = second
    report = next(d for d in data.documents if d.is_report)
    by_place = {tv._place(p): p for p in tv.body(data.paragraphs[report.iri])}
    both = [(r, SECOND[r.task]) for r in rows if r.paragraph and SECOND[r.task]["evidence"]]
    agree = [r.task for r, g in both if _norm(g["evidence"]) in _norm(by_place[r.paragraph].text)]
    assert (len(agree), len(both)) == (11, 11)
    # the owner named in the report: 区城管局 (5.) and 区司法局 (12.) are in the quoted paragraphs
    got = {r.task: r for r in rows}
    assert "区城管局" in got["5."].quote and got["12."].quote.startswith("区司法局")


def test_stored_links_conform_to_the_shapes_and_a_broken_one_does_not(rows, data):
    from kg.rdf.validate import dataset_from_quads, validate
    from kg.views import taskgraph

    plan, report = rows[0].plan, rows[0].report
    st = open_store("memory")
    build([SAMPLES / "003_06ec0521e48adf05.txt", SAMPLES / "004_defe76b096bc4ad6.txt"], st)
    taskgraph.write(st, rows)
    result = validate(dataset_from_quads(st.quads()))
    assert result.conforms, [v.render() for v in result.violations]
    broken = [tv.TaskRow(**{**r.to_dict(), "status": "done"}) if r.task == "(七)" else r for r in rows]
    taskgraph.write(st, broken)
    result = validate(dataset_from_quads(st.quads()))
    assert [(v.focus_node, v.path) for v in result.violations] == [
        (taskgraph.evidence_iri(plan, report, broken[3].task_iri), "fz:reportStatus")]
