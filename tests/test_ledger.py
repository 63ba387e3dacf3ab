"""The ledger (台账): exported for the 栖霞区 2021 plan (sample 000), filled in with openpyxl as a
unit would (also with columns reordered, a title row, extra rows and dates typed 2021.6.30 or
6月底), imported back, and its status.  Expected values come from reading the plan: task 27.
(提升行政复议工作质量) is led by 区司法局 with 区政府各有关部门 and 各街道 responsible; task 1. has
four leads (区行政审批局, 区委编办, 区市场监管局, 区司法局 …)."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from kg.cli import app
from kg.ledger.layout import HEADS

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "kg" / "samples" / "000_fbb961a89fe9d432.txt"
PLAN_NAME = "000_fbb961a89fe9d432.txt"
runner = CliRunner()


def cli(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "store"
    code, _, err = cli("build", PLAN, "--store", path)
    assert code == 0, err
    return path


@pytest.fixture()
def ledger(store, tmp_path):
    out = tmp_path / "ledger.xlsx"
    code, _, err = cli("ledger", "export", PLAN_NAME, "-o", out, "--store", store)
    assert code == 0, err
    assert err.strip() == f"wrote {out} (xlsx, 38 tasks, 25 lead-unit sheets)"
    return out


def rows_of(ws):
    """The rows that hold something (the spare rows below the tasks are empty)."""
    return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]


def find(ws, number):
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row[0] == number:
            return r
    raise AssertionError(number)


def fill(ws, r, **values):
    col = {h: i for i, h in enumerate(next(ws.iter_rows(min_row=1, max_row=1, values_only=True)), start=1)}
    for head, value in values.items():
        ws.cell(row=r, column=col[head], value=value)


# ---------------------------------------------------------------- export


def test_layout(ledger):
    wb = load_workbook(ledger)
    assert wb.sheetnames[0] == "全部任务" and wb.sheetnames[-1] == "填表说明"
    assert "区司法局" in wb.sheetnames and "区行政审批局" in wb.sheetnames
    ws = wb["全部任务"]
    rows = rows_of(ws)
    assert list(rows[0]) == list(HEADS) == [
        "序号", "工作任务", "具体措施", "牵头单位", "责任单位", "配合单位", "完成时限", "目标",
        "进展情况", "完成状态", "实际完成日期", "存在问题", "下步计划", "佐证材料", "填报单位", "更新日期"]
    assert len(rows) == 39 and rows[1][0] == "1." and rows[-1][0] == "38."
    r27 = rows[find(ws, "27.") - 1]
    assert r27[1] == "提升行政复议工作质量" and r27[3] == "区司法局" and r27[4] == "区政府各有关部门、各街道"
    assert r27[2].startswith("深化行政复议体制改革") and "听证率不低于70%" in r27[7]
    # 具体措施 without the assignment note the owner columns already give
    r5 = rows[find(ws, "5.") - 1]
    assert r5[3] == "区卫健委" and "牵头单位" not in r5[2] and r5[2].endswith("。")
    assert rows[1][3].startswith("区行政审批局、区委编办、区市场监管局")
    assert all(v is None for v in r27[8:])  # the units fill these
    # print, filter, protect
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws.auto_filter.ref == "A1:P59"  # the 38 tasks and 20 spare rows
    assert not ws.protection.insertRows and ws.protection.deleteRows  # rows may be added, not deleted
    assert not any(ws.cell(row=r, column=c).protection.locked for r in (40, 59) for c in (1, 2, 10, 16))
    assert ws.cell(row=60, column=1).protection.locked
    assert ws.protection.sheet and not ws.protection.password
    assert ws["A2"].protection.locked and ws["H27"].protection.locked
    assert not any(ws.cell(row=28, column=c).protection.locked for c in range(9, 17))
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"未启动,进行中,已完成,逾期,已延期"' and str(lists[0].sqref) == "J2:J59"
    dates = [dv for dv in ws.data_validations.dataValidation if dv.type == "date"]
    assert len(dates) == 1 and str(dates[0].sqref) == "K2:K59 P2:P59"
    # a lead unit's sheet: the tasks it leads, its name filled in
    own = wb["区行政审批局"]
    numbers = [r[0] for r in rows_of(own)[1:]]
    assert numbers == ["1.", "29.", "30.", "31."]
    assert {r[14] for r in rows_of(own)[1:]} == {"区行政审批局"}
    explain = rows_of(wb["填表说明"])
    assert ("计划 plan", wb.properties.identifier) in [tuple(r[:2]) for r in explain]
    assert any(r[0] == "完成状态" and "未启动" in r[1] for r in explain)


def test_same_plan_same_bytes_and_the_users_umask(store, ledger, tmp_path):
    again = tmp_path / "again.xlsx"
    old = os.umask(0o027)
    try:
        assert cli("ledger", "export", PLAN_NAME, "-o", again, "--store", store)[0] == 0
    finally:
        os.umask(old)
    assert again.read_bytes() == ledger.read_bytes()
    assert again.stat().st_mode & 0o777 == 0o640


def test_export_refuses_a_report_and_an_unknown_plan(store, tmp_path):
    code, _, err = cli("ledger", "export", "nothing.txt", "-o", tmp_path / "x.xlsx", "--store", store)
    assert code == 24 and "no document matches 'nothing.txt'" in err and not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- import


def filled(ledger, tmp_path, name="filled.xlsx"):
    """区司法局 fills task 27. on its own sheet; 区行政审批局 task 1. on the all-tasks sheet."""
    wb = load_workbook(ledger)
    own = wb["区司法局"]
    fill(own, find(own, "27."), 进展情况="全年受理行政复议案件86件，听证率75%", 完成状态="已完成", 实际完成日期="2021.11.30",
         存在问题="办案力量不足", 下步计划="推进决定书网上公开", 佐证材料="区司法局年度总结", 更新日期="2021-12-20")
    fill(own, find(own, "26."), 进展情况="公共法律服务中心建设推进中", 完成状态="进行中", 更新日期=datetime.datetime(2021, 12, 20))
    every = wb["全部任务"]
    fill(every, find(every, "1."), 进展情况="一网通办事项达98%", 完成状态="已完成", 实际完成日期="6月底",
         填报单位="区行政审批局", 更新日期="2021年12月20日")
    path = tmp_path / name
    wb.save(path)
    return path


def status_rows(store, *extra):
    import json

    code, out, err = cli("ledger", "status", "--store", store, "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def latest(rows, task, unit):
    found = [r for r in rows if r["task"] == task and r["unit"] == unit]
    assert len(found) == 1, found
    return found[0]


def test_statuses_come_back_exactly(store, ledger, tmp_path):
    path = filled(ledger, tmp_path)
    code, _, err = cli("ledger", "import", path, "--store", store)
    assert code == 0, err
    assert err.strip() == "imported filled.xlsx: 3 rows in 2 returns"
    rows = status_rows(store, "--as-of", "2021-12-31")
    r27 = latest(rows, "27.", "南京市栖霞区司法局")
    assert (r27["status"], r27["completed"], r27["updated"], r27["file"]) == ("已完成", "2021-11-30", "2021-12-20", "filled.xlsx")
    r26 = latest(rows, "26.", "南京市栖霞区司法局")
    assert (r26["status"], r26["completed"]) == ("进行中", "")
    r1 = latest(rows, "1.", "南京市栖霞区行政审批局")
    assert (r1["status"], r1["completed"]) == ("已完成", "2021-06-30")  # 6月底 of the plan's year
    # the other 35 tasks: nobody reported
    silent = [r for r in rows if r["status"] == "未报送"]
    assert len(silent) == 35 and all(r["unit"] == "" for r in silent)
    assert not any(r["overdue"] for r in rows)  # 2021 has not ended
    later = status_rows(store, "--as-of", "2022-01-10")
    overdue = {r["task"] for r in later if r["overdue"]}
    assert "27." not in overdue and "1." not in overdue and "26." in overdue and len(overdue) == 36


def test_reimport_changes_nothing(store, ledger, tmp_path):
    path = filled(ledger, tmp_path)
    assert cli("ledger", "import", path, "--store", store)[0] == 0
    before = cli("export", "--format", "nquads", "--store", store)[1]
    code, _, err = cli("ledger", "import", path, "--store", store)
    assert code == 0 and err.strip() == "imported filled.xlsx: 3 rows in 2 returns, 2 unchanged"
    assert cli("export", "--format", "nquads", "--store", store)[1] == before


def test_a_newer_return_supersedes_the_older_and_both_stay(store, ledger, tmp_path):
    first = filled(ledger, tmp_path)
    assert cli("ledger", "import", first, "--store", store)[0] == 0
    wb = load_workbook(first)
    own = wb["区司法局"]
    r = find(own, "26.")
    fill(own, r, 完成状态="已完成", 实际完成日期="2022/1/5", 更新日期="2022-01-06")
    for other in ("27.",):  # a return is the unit's rows of one day: 27. is sent again unchanged
        fill(own, find(own, other), 更新日期="2022-01-06")
    wb["全部任务"].delete_rows(find(wb["全部任务"], "1."))
    second = tmp_path / "second.xlsx"
    wb.save(second)
    code, _, err = cli("ledger", "import", second, "--store", store)
    assert code == 0, err
    rows = status_rows(store, "--as-of", "2022-01-10")
    r26 = latest(rows, "26.", "南京市栖霞区司法局")
    assert (r26["status"], r26["completed"], r26["updated"], r26["superseded"]) == ("已完成", "2022-01-05", "2022-01-06", 1)
    assert latest(rows, "1.", "南京市栖霞区行政审批局")["updated"] == "2021-12-20"  # not in the second file
    history = [(r["updated"], r["status"], r["latest"]) for r in status_rows(store, "--as-of", "2022-01-10", "--history")
               if r["task"] == "26." and r["unit"] == "南京市栖霞区司法局"]
    assert history == [("2021-12-20", "进行中", False), ("2022-01-06", "已完成", True)]
    from kg.store import open_store
    from kg.views.readmodel import ledger_entries

    with open_store(store, read_only=True) as st:
        history = [(e.updated, e.status) for e in ledger_entries(st) if e.task.endswith("/26") or e.progress.startswith("公共")]
    assert ("2021-12-20", "进行中") in history and ("2022-01-06", "已完成") in history


def test_reordered_columns_extra_rows_and_typed_dates(store, ledger, tmp_path):
    plan = load_workbook(ledger).properties.identifier
    wb = Workbook()
    ws = wb.active
    ws.title = "司法局填报"
    ws.append(["栖霞区2021年法治政府建设工作计划 工作台账（区司法局）"])  # a title row above the header
    ws.append(["完成状态", "序号", "填报单位", "进展情况", "备注", "工作任务", "更新日期", "实际完成日期"])
    ws.append(["已完成", "28.", "区司法局", "出庭应诉率100%", "自加的列", "规范和加强行政应诉工作", "2021.12.31", "2021.6.30"])
    ws.append([None, None, None, None, "合计", None, None, None])  # a row of its own: nothing reported
    ws.append(["进行中", 32, "南京市栖霞区司法局", "智慧普法平台上线", None, "推进\"智慧普法\"建设", "12月31日", None])  # 32. read as a number
    about = wb.create_sheet("说明")
    # an IRI the store does not know (as after a rebuild that gave the plan another): found by its title
    assert plan.startswith("https://w3id.org/fazhi-kg/id/doc/")
    about.append(["计划 plan", "https://w3id.org/fazhi-kg/id/doc/320113-2021-00000000"])
    about.append(["计划标题 title", "栖霞区2021年法治政府建设工作计划"])
    path = tmp_path / "reordered.xlsx"
    wb.save(path)
    code, _, err = cli("ledger", "import", path, "--store", store)
    assert code == 0, err
    rows = status_rows(store, "--as-of", "2021-12-31")
    r28 = latest(rows, "28.", "南京市栖霞区司法局")
    assert (r28["status"], r28["completed"], r28["updated"]) == ("已完成", "2021-06-30", "2021-12-31")
    assert latest(rows, "32.", "南京市栖霞区司法局")["status"] == "进行中"


def test_bad_rows_reject_the_file_and_nothing_is_stored(store, ledger, tmp_path):
    good = filled(ledger, tmp_path)
    wb = load_workbook(good)
    every = wb["全部任务"]
    extra = every.max_row + 1
    fill(every, extra, 序号="99.", 工作任务="不存在的任务", 进展情况="x", 完成状态="进行中", 填报单位="区司法局", 更新日期="2021-12-20")
    # a street, but 鼓楼区's: not one of the 各街道 (of 栖霞区) that task 27. names
    fill(every, find(every, "27."), 进展情况="y", 完成状态="进行中", 填报单位="鼓楼区宁海路街道", 更新日期="2021-12-20")
    fill(every, find(every, "26."), 进展情况="z", 完成状态="差不多", 填报单位="区司法局", 更新日期="2021-12-20")
    fill(every, find(every, "10."), 进展情况="w", 完成状态="已完成", 实际完成日期="下个月", 填报单位="区司法局", 更新日期="2021-12-20")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    before = cli("export", "--format", "nquads", "--store", store)[1]
    code, _, err = cli("ledger", "import", bad, "--store", store)
    assert code == 27
    lines = err.strip().splitlines()
    assert f"fazhi-kg: error: bad.xlsx: sheet 全部任务, row {extra}: unknown task 序号 '99.' 工作任务 '不存在的任务' " \
           "(not a task of 栖霞区2021年法治政府建设工作计划)" in lines
    assert "fazhi-kg: error: bad.xlsx: sheet 全部任务, row 28: 填报单位 '鼓楼区宁海路街道' is neither an owner of task 27. " \
           "nor a member of one (its owners: 区司法局、区政府各有关部门、各街道)" in lines
    assert "fazhi-kg: error: bad.xlsx: sheet 全部任务, row 27: 完成状态 '差不多' is not one of 未启动、进行中、已完成、逾期、已延期" in lines
    assert "fazhi-kg: error: bad.xlsx: sheet 全部任务, row 11: 实际完成日期 '下个月' is not a date " \
           "(write 2024-06-30, 2024.6.30 or 6月底)" in lines
    assert lines[-1] == "fazhi-kg: error: bad.xlsx: rejected, nothing of it stored"
    assert len(lines) == 5
    # nothing of that file, not even its good rows
    assert cli("export", "--format", "nquads", "--store", store)[1] == before
    # the good file beside it is imported
    code, _, err = cli("ledger", "import", bad, good, "--store", store)
    assert code == 27 and "imported filled.xlsx: 3 rows in 2 returns" in err


def test_a_member_of_a_collective_owner_may_report(store, ledger, tmp_path):
    """Task 27. is owned by 区司法局, 区政府各有关部门 and 各街道 (as every task of the plan is):
    燕子矶街道 (a street of 栖霞区) and 区卫健委 (a department of its government) report as members;
    the city's 南京市司法局 and the district court (区法院: a court is no department of the
    government) are neither owners of task 1. nor members of its collective owners."""
    wb = load_workbook(ledger)
    every = wb["全部任务"]
    fill(every, find(every, "27."), 进展情况="街道设立行政复议申请接收窗口", 完成状态="已完成", 填报单位="燕子矶街道",
         更新日期="2021-12-20")
    good = tmp_path / "street.xlsx"
    wb.save(good)
    code, _, err = cli("ledger", "import", good, "--store", store)
    assert code == 0, err
    assert err.strip() == "imported street.xlsx: 1 rows in 1 returns"
    rows = status_rows(store, "--as-of", "2021-12-31")
    assert latest(rows, "27.", "燕子矶街道")["status"] == "已完成"  # as written: the plan does not name it
    from kg.query.named import get_query
    from kg.store import open_store

    with open_store(store, read_only=True) as st:
        named = {(r["task_number"], r["unit_name"]) for r in st.query(get_query("ledger-status").text).records()}
        member_of = st.query("SELECT ?c WHERE { ?u <http://www.w3.org/ns/org#memberOf> ?c . "
                             "?u <http://www.w3.org/2004/02/skos/core#prefLabel> \"南京市栖霞区燕子矶街道\"@zh . "
                             "?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }").records()
    assert named == {("27.", "南京市栖霞区燕子矶街道")} and len(member_of) == 1
    wb = load_workbook(ledger)
    every = wb["全部任务"]
    fill(every, find(every, "27."), 进展情况="配合做好复议应诉", 完成状态="进行中", 填报单位="区卫健委", 更新日期="2021-12-21")
    fill(every, find(every, "1."), 进展情况="x", 完成状态="进行中", 填报单位="南京市司法局", 更新日期="2021-12-21")
    fill(every, find(every, "2."), 进展情况="x", 完成状态="进行中", 填报单位="区法院", 更新日期="2021-12-21")
    bad = tmp_path / "street-bad.xlsx"
    wb.save(bad)
    code, _, err = cli("ledger", "import", bad, "--store", store)
    assert code == 27
    owners = "(its owners: 区发改委、区司法局、区工信局、区政府各有关部门、各街道)"
    assert err.strip().splitlines() == [
        "fazhi-kg: error: street-bad.xlsx: sheet 全部任务, row 2: 填报单位 '南京市司法局' is neither an owner of task 1. nor a "
        "member of one (its owners: 区发改委、区司法局、区委编办、区市场监管局、区政府各有关部门、区行政审批局、各街道)",
        f"fazhi-kg: error: street-bad.xlsx: sheet 全部任务, row 3: 填报单位 '区法院' is neither an owner of task 2. nor a member of one {owners}",
        "fazhi-kg: error: street-bad.xlsx: rejected, nothing of it stored"]
    # without those two rows, 区卫健委's is taken: the plan's own node for it (it leads task 5.)
    heads = {h: i for i, h in enumerate(next(every.iter_rows(min_row=1, max_row=1, values_only=True)), start=1)}
    for number in ("1.", "2."):
        for head in ("进展情况", "完成状态", "填报单位", "更新日期"):
            every.cell(row=find(every, number), column=heads[head]).value = None
    wb.save(bad)
    code, _, err = cli("ledger", "import", bad, "--store", store)
    assert code == 0, err
    assert latest(status_rows(store, "--as-of", "2021-12-31"), "27.", "南京市栖霞区卫生健康委员会")["status"] == "进行中"


def test_not_a_workbook(store, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a zip", encoding="utf-8")
    code, _, err = cli("ledger", "import", junk, "--store", store)
    assert code == 27 and "fazhi-kg: error: junk.xlsx: not an xlsx workbook" in err
    assert "Traceback" not in err
    csv = tmp_path / "filled.csv"
    csv.write_text("序号,完成状态\n1.,已完成\n", encoding="utf-8")
    code, _, err = cli("ledger", "import", csv, "--store", store)
    assert code == 27 and err.splitlines() == ["fazhi-kg: error: filled.csv: not an xlsx workbook (InvalidFileException)",
                                               "fazhi-kg: error: filled.csv: rejected, nothing of it stored"]


def test_named_query_gives_the_latest_status(store, ledger, tmp_path):
    from kg.query.named import get_query
    from kg.store import open_store

    assert cli("ledger", "import", filled(ledger, tmp_path), "--store", store)[0] == 0
    with open_store(store, read_only=True) as st:
        rows = st.query(get_query("ledger-status").text).records()
    got = {(r["task_number"], r["unit_name"], r["status"], r["updated"][:10]) for r in rows}
    assert got == {("1.", "南京市栖霞区行政审批局", "已完成", "2021-12-20"), ("26.", "南京市栖霞区司法局", "进行中", "2021-12-20"),
                   ("27.", "南京市栖霞区司法局", "已完成", "2021-12-20")}


def test_the_ledger_opens_in_libreoffice(ledger, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    env = dict(os.environ, HOME=str(tmp_path))
    try:
        done = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(ledger)],
                              capture_output=True, text=True, timeout=180, env=env)
    except subprocess.TimeoutExpired:
        pytest.skip("soffice did not finish converting within 180 s")
    pdf = tmp_path / "ledger.pdf"
    if not pdf.exists():
        pytest.skip(f"soffice could not convert an xlsx (LibreOffice Calc missing?): {done.stderr.strip()[:200]}")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000
    # round trip through Calc: the validations survive
    done = subprocess.run([soffice, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                           str(tmp_path / "calc"), str(ledger)], capture_output=True, text=True, timeout=180, env=env)
    back = load_workbook(tmp_path / "calc" / "ledger.xlsx")["全部任务"]
    kinds = sorted(dv.type for dv in back.data_validations.dataValidation)
    assert kinds == ["date", "list"]


def test_dates_as_units_type_them():
    from kg.ledger.dates import BadDate, parse_date

    d = datetime.date
    assert parse_date("2024.6.30", None) == d(2024, 6, 30)
    assert parse_date("2024/06/30", None) == d(2024, 6, 30)
    assert parse_date("2024-6-3", None) == d(2024, 6, 3)
    assert parse_date("2024年6月30日", None) == d(2024, 6, 30)
    assert parse_date("2024年2月", None) == d(2024, 2, 29)  # a month alone: its last day
    assert parse_date("6月底", 2021) == d(2021, 6, 30)
    assert parse_date("11月15日", 2021) == d(2021, 11, 15)
    assert parse_date("年底", 2021) == d(2021, 12, 31)
    assert parse_date(datetime.datetime(2021, 5, 4, 9, 30), None) == d(2021, 5, 4)
    assert parse_date("  ", 2021) is None and parse_date(None, 2021) is None
    for bad in ("下个月", "2024.13.1", "2024.2.30", "6月底前后"):
        with pytest.raises(BadDate):
            parse_date(bad, 2021)
    with pytest.raises(BadDate, match="no year"):
        parse_date("6月底", None)


def test_status_shows_where_the_year_end_report_disagrees(store, ledger, tmp_path):
    """The 栖霞区 2021 report (the test fixture, with one sentence added that says the 公共法律服务
    体系 of task 26. is complete): 区司法局 returned 26. as 进行中 although the report says it is done,
    and 27. as 已完成 although the report only describes the work (听证率达75%) without saying it is
    done; task 1. (已完成) is described but not said to be done either."""
    text = (ROOT / "tests" / "fixtures" / "qixia_2021_report.txt").read_text(encoding="utf-8")
    added = "全区公共法律服务体系建设已全面完成，区、街道、社区三级公共法律服务平台实现全覆盖。"
    text = text.replace("四、依法有效化解社会矛盾纠纷\n", "四、依法有效化解社会矛盾纠纷\n\n（三）加快推进公共法律服务体系建设。" + added + "\n", 1)
    assert added in text
    report = tmp_path / "qixia_2021_report.txt"
    report.write_text(text, encoding="utf-8")
    assert cli("build", report, "--store", store)[0] == 0
    assert cli("ledger", "import", filled(ledger, tmp_path), "--store", store)[0] == 0
    rows = status_rows(store, "--as-of", "2022-03-01", "--plan", PLAN_NAME)
    r26 = latest(rows, "26.", "南京市栖霞区司法局")
    assert r26["report_says"].startswith("栖霞区2021年度法治政府建设情况报告 says it was done (")
    assert r26["report_says"].endswith("): " + added.replace("，", ","))
    r27 = latest(rows, "27.", "南京市栖霞区司法局")
    assert r27["report_says"].startswith("栖霞区2021年度法治政府建设情况报告 does not say it was done; nearest: 0.")
    assert "推进行政复议规范化建设,全面公开行政复议案件审理过程,全年案件听证率达75%。" in r27["report_says"]
    assert latest(rows, "1.", "南京市栖霞区行政审批局")["report_says"].startswith("栖霞区2021年度法治政府建设情况报告 does not say")
    assert all(r["report_says"] == "" for r in rows if r["status"] == "未报送")


def test_status_before_any_return(store):
    code, out, err = cli("ledger", "status", "--store", store)
    assert code == 0 and len(out.splitlines()) == 2  # the header and its rule: no plan has a return
    assert err.strip() == ("fazhi-kg: no ledger returns in the store yet: `ledger import` them, or give --plan "
                           "to list a plan's tasks as not reported")
    rows = status_rows(store, "--plan", PLAN_NAME, "--as-of", "2021-06-01")
    assert len(rows) == 38 and {r["status"] for r in rows} == {"未报送"} and not any(r["overdue"] for r in rows)
    code, _, err = cli("ledger", "status", "--store", store, "--as-of", "2021-13-01")
    assert code == 2 and "--as-of needs a date as YYYY-MM-DD, got '2021-13-01'" in err


def test_a_ledger_of_a_plan_the_store_does_not_hold(store, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "完成状态", "进展情况", "填报单位", "更新日期"])
    ws.append(["1.", "已完成", "完成", "区司法局", "2021-12-01"])
    wb.properties.identifier = "https://w3id.org/fazhi-kg/id/doc/320113-2030-00000000"
    path = tmp_path / "other.xlsx"
    wb.save(path)
    code, _, err = cli("ledger", "import", path, "--store", store)
    assert code == 27 and err.splitlines()[0] == ("fazhi-kg: error: other.xlsx: its plan "
                                                  "(https://w3id.org/fazhi-kg/id/doc/320113-2030-00000000) is not in the "
                                                  "store; build the plan first")
    wb.properties.identifier = None
    wb.save(path)
    code, _, err = cli("ledger", "import", path, "--store", store)
    assert code == 27 and "other.xlsx: does not say which plan it is the ledger of" in err


def test_a_ledger_given_to_build_is_not_read_as_a_second_plan(store, ledger, tmp_path):
    """A filled ledger left among the plans is a table of the plan's tasks: read as a plan it would
    put the same tasks in the store twice. It is passed over, saying what to do with it."""
    path = filled(ledger, tmp_path)
    code, _, err = cli("extract", path)
    assert code == 5, err
    assert err.strip() == (f"fazhi-kg: error: {path}: a progress ledger (台账) exported by fazhi-kg, not a plan: "
                           "read the units' returns with `fazhi-kg ledger import`")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / PLAN_NAME).write_bytes(PLAN.read_bytes())
    (folder / "ledger.xlsx").write_bytes(path.read_bytes())
    code, out, err = cli("build", folder, "--store", tmp_path / "fresh")
    assert code == 15, out + err
    assert "1 documents, 38 tasks" in out + err and "ledger.xlsx" in out + err and "台账" in out + err
