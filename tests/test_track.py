"""Target tracking on the samples and on a hand-written 栖霞区 2021 report.

Expected statuses were worked out by reading the documents:

* 004 (浦口区 2023 report) against the city scheme 003: 004 gives no figure for any metric 003
  sets a number for (it reports 出庭应诉率100%, 受理行政复议案件99件, 满意率, 解决率 … but no 败诉率,
  no 法制审核人员 share, no training hours); it says 法制审核人员配备到位 without a share, and
  that it held a 专题培训班 on 习近平法治思想 (一.(一), next to the 理论学习中心组 study (三十八)
  also asks for) without saying how many; its 行政应诉专题会议 is not the annual 法治政府建设
  meeting (三十七) asks for.  Of the deadlines
  due in 2023 (两法衔接, 行政执法监督工作体系, 基层政务公开标准体系, 执法人员资格考试市级统筹) it
  reports none as done; there is no 浦口区 report for 2022, 2024 or 2025.
* tests/fixtures/qixia_2021_report.txt, written for this test: 听证率达75% (000: ≥70%), 败诉率为10%
  (000 and 003: ≤8%), 满意率 without a figure, nothing on 办复率 or 征求意见.
* tests/fixtures/qixia_2022_report.txt, written for this test: 听证率达82% (the 2022 plan fixture:
  ≥80%), 已编制完成全区行政裁决事项目录并向社会公布 (the 2022 plan's task 6 is due 2022年年底前),
  nothing on 003's 2022年年底前 监管数据汇聚 (三十六).
"""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from kg.jobs.build import build
from kg.errors import FazhiError
from kg.query.named import get_query
from kg.extract.pipeline import extract_path
from kg.store import open_store
from kg.render.output import render
from kg.views import track as tracking
from kg.views.readmodel import load_graph_data
from kg.views.track import compare, to_json, to_table, units_compatible


def track(store, **kw):
    """Tracking as the command runs it: the read model (with the reports' paragraphs) of the store."""
    return tracking.track(load_graph_data(store, with_paragraphs=True), **kw)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
REPORT = FIXTURES / "qixia_2021_report.txt"
TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def samples_store():
    st = open_store("memory")
    build([SAMPLES], st)
    return st


@pytest.fixture(scope="module")
def store():
    st = open_store("memory")
    build([SAMPLES, REPORT], st)
    return st


def by(rows, **match):
    return [r for r in rows if all(getattr(r, k) == v for k, v in match.items())]


def one(rows, **match):
    found = by(rows, **match)
    assert len(found) == 1, (match, [(r.task, r.metric, r.status) for r in found])
    return found[0]


# ---------------------------------------------------------------- the fixture report


def test_fixture_report_is_read_as_a_2021_report_of_qixia():
    result = extract_path(REPORT)
    meta = result.document
    assert meta.genre == "annual_report"
    assert meta.jurisdiction.code == "320113"
    assert meta.year == 2021
    figures = {(a.metric, a.value, a.unit) for a in result.achievements}
    assert ("hearing_rate", "75", "%") in figures
    assert ("loss_rate", "10", "%") in figures
    assert not any(a.metric == "satisfaction_rate" for a in result.achievements)  # named, no figure
    assert all(a.period == "2021" and a.area == "320113" for a in result.achievements)


# ---------------------------------------------------------------- 浦口区 2023 against the city scheme


def test_pukou_2023_against_the_city_scheme(samples_store):
    rows = track(samples_store, area="浦口区", year=2023, today=TODAY)
    targets = by(rows, kind="target")
    assert {r.plan_title for r in rows} == {"南京市法治政府建设实施方案(2021—2025年)"}
    assert len(targets) == 9  # the nine quantitative targets of 003, each against the 2023 report
    assert all(r.report_title == "浦口区2023年度法治政府建设情况报告" for r in targets)
    loss = one(targets, metric="loss_rate")
    assert loss.status == "not mentioned" and loss.target == "≤ 8%" and "败诉率不超过8%" in loss.target_text
    review = one(targets, metric="legal_review_staff_share")
    assert review.status == "reported without a figure" and review.report_text == "法制审核人员配备到位"
    training = one(targets, metric="training_sessions")
    assert training.status == "reported without a figure" and "专题培训班" in training.report_text
    assert one(targets, metric="meeting_count").status == "not mentioned"
    assert not by(targets, status="met") and not by(targets, status="not met")
    assert {r.status for r in targets} == {"not mentioned", "reported without a figure"}
    deadlines = {r.task: r.status for r in by(rows, kind="deadline")}
    assert deadlines == {"(十五)": "overdue", "(十九)": "overdue", "(二十)": "overdue", "(三十九)": "overdue"}


def test_pukou_deadlines_of_other_years_have_no_report(samples_store):
    rows = by(track(samples_store, area="浦口区", today=TODAY), kind="deadline")
    status = {(r.task, r.year): r.status for r in rows}
    assert status[("(三十六)", "2022")] == "no report"  # 2022年年底前
    assert status[("(三十七)", "2024")] == "no report"  # 2024年年初
    assert status[("(十四)", "2025")] == "no report"  # 2025年年底前
    assert status[("(十五)", "2023")] == "overdue"
    overdue = one(rows, task="(十五)")
    assert overdue.target == "2023年年底前 (2023-12-31)" and "两法衔接" in overdue.target_text


def test_deadlines_not_yet_passed_are_pending(samples_store):
    rows = by(track(samples_store, area="浦口区", today=date(2023, 12, 1)), kind="deadline")
    # 2023-06-30 and 2022-12-31 have passed; the 2023年年底前 ones, 2024年年初 and 2025年年底前 are pending
    assert {r.task for r in rows if r.status != "pending"} == {"(三十九)", "(三十六)"}
    pending = {r.task: r.target for r in by(rows, status="pending")}
    assert pending == {"(十五)": "2023年年底前 (2023-12-31)", "(十九)": "2023年年底前 (2023-12-31)",
                       "(二十)": "2023年年底前 (2023-12-31)", "(三十七)": "2024年年初 (2024-03-31)",
                       "(十四)": "2025年年底前 (2025-12-31)"}
    assert all(r.report is None and r.note == "not due yet as of 2023-12-01" for r in by(rows, status="pending"))
    # years that have not ended get no "no report" row, but a report that exists is read
    targets = by(track(samples_store, area="浦口区", today=date(2023, 12, 1)), kind="target")
    assert {r.year for r in targets} == {"2021", "2022", "2023"}


def test_qixia_2021_plan_has_no_report_in_the_samples(samples_store):
    rows = track(samples_store, area="栖霞区", year=2021, today=TODAY)
    own = [r for r in rows if r.plan_title == "栖霞区2021年法治政府建设工作计划"]
    assert len(own) == 6  # 满意率, 办复率 ×2, 听证率, 败诉率, 征求意见 — all without a report
    assert {r.status for r in own} == {"no report"}
    assert all(r.report is None for r in own)


def test_area_by_name_full_name_or_code(samples_store):
    want = track(samples_store, area="浦口区", today=TODAY)
    for spelling in ("南京市浦口区", "江苏省南京市浦口区", "320111"):
        assert track(samples_store, area=spelling, today=TODAY) == want
    with pytest.raises(FazhiError):
        track(samples_store, area="火星区", today=TODAY)


def test_an_area_without_documents_still_falls_under_the_city_plan(samples_store):
    rows = track(samples_store, area="玄武区", year=2022, today=TODAY)
    assert rows and {r.status for r in rows} == {"no report"}
    assert {r.area for r in rows} == {"玄武区"}


def test_year_filter_and_scope_without_filters(samples_store):
    rows = track(samples_store, today=TODAY)
    areas = {r.area for r in rows if r.plan_title.startswith("南京市")}
    assert areas == {"南京市", "栖霞区", "秦淮区", "浦口区"}  # the city and every district below it
    # 秦淮区's report covers 2016–2020: it never meets the 2021–2025 scheme
    assert not any(r.report for r in rows if r.area == "秦淮区")
    assert all(r.year == "2023" for r in track(samples_store, year=2023, today=TODAY))


def test_an_area_question_reads_only_what_applies_there(store):
    """`track --area` reads the area's reports and the plans that apply there (its own and those
    above it), not the whole store, and answers exactly as from the whole store."""
    from kg.views import taskview

    full = load_graph_data(store, with_paragraphs=True)
    sources = {"浦口区": {"003", "004"}, "320111": {"003", "004"}, "栖霞区": {"000", "003", "qixia"},
               "南京市": {"003"}, "玄武区": {"003"}, "秦淮区": {"002", "003"}, "江苏省": set()}
    for area, expected in sources.items():
        scoped = load_graph_data(store, with_paragraphs=True, scope=tracking.area_scope(area))
        assert {d.source.split("_")[0] for d in scoped.documents} == expected, area
        assert tracking.track(scoped, area=area, today=TODAY) == tracking.track(full, area=area, today=TODAY)
        assert taskview.task_view(scoped, area=area) == taskview.task_view(full, area=area)
    with pytest.raises(FazhiError):
        load_graph_data(store, scope=tracking.area_scope("火星区"))


# ---------------------------------------------------------------- 栖霞区 2021 with the fixture report


def test_qixia_2021_against_its_report(store):
    rows = track(store, area="南京市栖霞区", year=2021, today=TODAY)
    own = [r for r in rows if r.plan_title == "栖霞区2021年法治政府建设工作计划"]
    assert all(r.report_title == "栖霞区2021年度法治政府建设情况报告" for r in own)
    hearing = one(own, metric="hearing_rate")
    assert (hearing.status, hearing.value, hearing.report_text) == ("met", "75%", "全年案件听证率达75%")
    assert hearing.target_text == "全年案件听证率不低于70%"
    loss = one(own, metric="loss_rate")
    assert (loss.status, loss.value) == ("not met", "10%")
    assert loss.report_text == "经复议后被诉讼案件的败诉率为10%"
    satisfaction = one(own, metric="satisfaction_rate")
    assert satisfaction.status == "reported without a figure"
    assert satisfaction.report_text == "代表委员对办理工作的满意率进一步提升"
    assert one(own, metric="comment_period").status == "not mentioned"
    assert [r.status for r in by(own, metric="reply_rate")] == ["not mentioned", "not mentioned"]
    # the city scheme's 败诉率 ≤ 8% applies to 栖霞区 2021 as well
    city = [r for r in rows if r.plan_title.startswith("南京市")]
    assert one(city, metric="loss_rate").status == "not met"


def test_the_report_text_comes_from_the_graph(store):
    # the fixture is not a bundled sample and no source folder is given: the report's body
    # paragraphs stored in its graph are enough to find figures and mentions
    rows = track(store, area="栖霞区", year=2021, today=TODAY)
    own = [r for r in rows if r.plan_title == "栖霞区2021年法治政府建设工作计划"]
    assert one(own, metric="hearing_rate").status == "met"
    assert one(own, metric="satisfaction_rate").status == "reported without a figure"
    assert one(own, metric="comment_period").status == "not mentioned"


def test_deadline_done_and_overdue():
    st = open_store("memory")
    build([SAMPLES / "003_06ec0521e48adf05.txt", FIXTURES / "qixia_2022_plan.txt", FIXTURES / "qixia_2022_report.txt"], st)
    rows = track(st, area="栖霞区", year=2022, today=TODAY)
    done = one(rows, kind="deadline", task="6.")
    assert done.status == "done" and "已编制完成全区行政裁决事项目录" in done.report_text
    assert done.target == "2022年年底前 (2022-12-31)"
    overdue = one(rows, kind="deadline", task="(三十六)")
    assert overdue.status == "overdue" and overdue.report_title == "栖霞区2022年度法治政府建设情况报告"
    plan = [r for r in rows if r.kind == "target" and r.plan_title == "栖霞区2022年法治政府建设工作计划"]
    assert {(r.metric, r.status, r.value) for r in plan} == {
        ("hearing_rate", "met", "82%"), ("loss_rate", "not mentioned", None), ("comment_period", "not mentioned", None)}
    # before the deadline passes it is pending
    early = one(track(st, area="栖霞区", today=date(2022, 12, 31)), kind="deadline", task="6.")
    assert early.status == "pending" and early.report is None


def test_named_query_agrees_with_track(store):
    sparql = store.query(get_query("target-status").text).records()
    assert get_query("target-status").question_zh.startswith("目标达成情况")
    rows = [r for r in track(store, today=TODAY) if r.kind == "target" and r.report]
    figures = {(r.plan, r.task, r.target_text, r.report, r.status) for r in rows if r.status in ("met", "not met")}
    assert {(q["plan"], q["task_number"], q["target_text"], q["report"], q["status"])
            for q in sparql if q["status"] != "not mentioned"} == figures
    silent = {(r.plan, r.task, r.target_text, r.report) for r in rows if r.status not in ("met", "not met")}
    assert {(q["plan"], q["task_number"], q["target_text"], q["report"])
            for q in sparql if q["status"] == "not mentioned"} == silent
    pukou = [q for q in sparql if q["area_name"] == "浦口区"]
    assert len(pukou) == 9 and {q["status"] for q in pukou} == {"not mentioned"}


def test_named_query_in_oxigraph(tmp_path):
    st = open_store(tmp_path / "db")
    try:
        build([SAMPLES, REPORT], st)
        rows = st.query(get_query("target-status").text).records()
    finally:
        st.close()
    qixia = {(q["task_number"], q["target_text"]): q["status"] for q in rows if q["area_name"] == "栖霞区"}
    assert qixia[("27.", "全年案件听证率不低于70%")] == "met"
    assert qixia[("27.", "确保全年经复议后被诉讼案件的败诉率不超过8%")] == "not met"
    assert len(rows) == 24  # 15 targets for 栖霞区 2021 (6 of 000, 9 of 003) and 9 for 浦口区 2023


def test_compare_and_units():
    from decimal import Decimal as D

    assert compare(D("75"), ">=", D("70")) and not compare(D("10"), "<=", D("8"))
    assert compare(D("100"), "=", D("100"), "higher_is_better")
    assert not compare(D("99.5"), "=", D("100"), "higher_is_better")
    assert compare(D("98"), "=", D("95"), "higher_is_better")  # 达95% is reached by 98%
    assert not compare(D("98"), "=", D("95"))  # a neutral count must be equal
    assert units_compatible("%", "%") and units_compatible("次", "期") and not units_compatible("%", "件")


def test_renderers(store):
    rows = track(store, area="栖霞区", year=2021, today=TODAY)
    text = to_table(rows)
    assert "状态 status" in text.splitlines()[0] and "reported without a figure" in text
    parsed = list(csv.DictReader(io.StringIO(render(tracking.output(rows), "csv").lstrip("\ufeff"))))
    assert len(parsed) == len(rows) and parsed[0].keys() >= {"status", "area", "year", "target_text", "report_text"}
    data = json.loads(to_json(rows))
    assert [d["status"] for d in data] == [r.status for r in rows]
