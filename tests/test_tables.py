"""Task tables (issue 18): the same plan written as text and published as a Word table, an Excel
workbook, CSV files and a PDF table gives the same tasks with the same units in each role.

Every fixture is built here.  The expected tasks are written out by hand below, not taken from
the code's own output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import CorruptFile, DocumentTooLarge, EmptyDocument, FazhiError, FileUnreadable, UnsupportedFormat
from kg.extract.pipeline import extract_path, extract_text
from kg.ingest import tables
from kg.ingest.load import LOADERS, iter_documents, load

TITLE = "某区2024年法治政府建设工作要点任务分工"
CONVENTION = "责任单位列第一位的为牵头单位。"

# The plan as text: the way a notice prints it, each task with its note.
TEXT = f"""{TITLE}
{CONVENTION}
一、依法全面履行政府职能
1.深化放管服改革，全面推行证明事项告知承诺制。（牵头单位：区发改委；配合单位：区市场监管局、区政务服务中心；完成时限：2024年12月底前）
2.推进政务服务标准化规范化便利化。（牵头单位：区发改委；配合单位：区政务服务中心；完成时限：2024年12月底前）
二、严格规范公正文明执法
3.全面推行行政执法三项制度。（牵头单位：区司法局；责任单位：区各行政执法部门；完成时限：2024年6月底前）
4.开展行政执法案卷评查。（牵头单位：区司法局；配合单位：区城管局；完成时限：2024年9月底前）
5.推进综合行政执法改革。（责任单位：区委编办、区司法局；配合单位：区财政局；完成时限：2024年12月底前）
6.加强行政复议规范化建设。（牵头单位：区司法局；完成时限：2024年12月底前）
"""

SECTION_1, SECTION_2 = "一、依法全面履行政府职能", "二、严格规范公正文明执法"
HEADER = ["序号", "工作任务", "牵头单位", "责任单位", "配合单位", "完成时限"]
# number, task, lead, responsible, cooperating, deadline: one row per task
ROWS = [
    ["1", "深化放管服改革，全面推行证明事项告知承诺制", "区发改委", "", "区市场监管局、区政务服务中心", "2024年12月底前"],
    ["2", "推进政务服务标准化规范化便利化", "区发改委", "", "区政务服务中心", "2024年12月底前"],
    ["3", "全面推行行政执法三项制度", "区司法局", "区各行政执法部门", "", "2024年6月底前"],
    ["4", "开展行政执法案卷评查", "区司法局", "", "区城管局", "2024年9月底前"],
    ["5", "推进综合行政执法改革", "", "区委编办、区司法局", "区财政局", "2024年12月底前"],
    ["6", "加强行政复议规范化建设", "区司法局", "", "", "2024年12月底前"],
]

# What every form must give, written by hand: (number, title, section, lead, responsible,
# cooperating, deadlines).  Task 5 names no lead: the convention makes its first unit lead.
EXPECTED = [
    (1, "深化放管服改革,全面推行证明事项告知承诺制", "依法全面履行政府职能",
     ["区发改委"], [], ["区市场监管局", "区政务服务中心"], ["2024-12-31"]),
    (2, "推进政务服务标准化规范化便利化", "依法全面履行政府职能", ["区发改委"], [], ["区政务服务中心"], ["2024-12-31"]),
    (3, "全面推行行政执法三项制度", "严格规范公正文明执法", ["区司法局"], ["区各行政执法部门"], [], ["2024-06-30"]),
    (4, "开展行政执法案卷评查", "严格规范公正文明执法", ["区司法局"], [], ["区城管局"], ["2024-09-30"]),
    (5, "推进综合行政执法改革", "严格规范公正文明执法", ["区委编办"], ["区司法局"], ["区财政局"], ["2024-12-31"]),
    (6, "加强行政复议规范化建设", "严格规范公正文明执法", ["区司法局"], [], [], ["2024-12-31"]),
]


def tasks_of(path: Path) -> list[tuple]:
    result = extract_path(path)
    return [(t.number, t.title, t.section, [u.shown for u in t.lead], [u.shown for u in t.responsible],
             [u.shown for u in t.cooperating], [d.date for d in t.deadlines]) for t in result.tasks]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- the fixtures ---------------------------------------------------------------------------------


def make_docx() -> bytes:
    """A Word table with a two-row header (责任分工 over 牵头/责任/配合), section rows merged across
    the table, and 牵头单位 and 完成时限 merged down over the rows they serve."""
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph(CONVENTION)
    table = document.add_table(rows=2 + 2 + len(ROWS), cols=len(HEADER))
    grid = [[cell for cell in row.cells] for row in table.rows]

    def put(r: int, c: int, text: str) -> None:
        grid[r][c].text = text

    for c, head in enumerate(["序号", "工作任务", "责任分工", "责任分工", "责任分工", "完成时限"]):
        put(0, c, head)
    for c, head in enumerate(HEADER):
        if c in (2, 3, 4):
            put(1, c, head)
    layout = [SECTION_1, ROWS[0], ROWS[1], SECTION_2, *ROWS[2:]]
    for r, values in enumerate(layout, 2):
        if isinstance(values, str):
            put(r, 0, values)
        else:
            for c, value in enumerate(values):
                put(r, c, value)
    for c in (0, 1, 5):  # 序号, 工作任务, 完成时限 each span both header rows
        grid[0][c].merge(grid[1][c]).text = HEADER[c]
    table.cell(0, 2).merge(table.cell(0, 4)).text = "责任分工"
    for r in (2, 5):  # the section rows span the table
        table.cell(r, 0).merge(table.cell(r, 5)).text = layout[r - 2]
    table.cell(3, 2).merge(table.cell(4, 2)).text = "区发改委"  # tasks 1-2: one 牵头单位 …
    table.cell(3, 5).merge(table.cell(4, 5)).text = "2024年12月底前"  # … and one 完成时限
    table.cell(6, 2).merge(table.cell(7, 2)).text = "区司法局"  # tasks 3-4
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    """Two sheets; a title row merged across, merged 牵头单位 and 完成时限 cells, a section row, the
    header repeated where a printed page would start."""
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "任务分工"
    first.append([TITLE])
    first.merge_cells("A1:F1")
    first.append([CONVENTION])
    first.append([])  # an empty row
    first.append(HEADER)
    first.append([SECTION_1])
    first.merge_cells("A5:F5")
    first.append(ROWS[0])
    first.append([int(ROWS[1][0]), ROWS[1][1], None, None, ROWS[1][4], None])  # a number, not text
    first.merge_cells("C6:C7")
    first.merge_cells("F6:F7")
    first.append([SECTION_2])
    first.append(HEADER)  # the header again: a new printed page
    first.append(ROWS[2])
    second = book.create_sheet("续表")
    second.append(HEADER)
    second.append(ROWS[3])
    second.append(ROWS[4])
    second.append(ROWS[5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_rows() -> list[list[str]]:
    return [[TITLE], [CONVENTION], HEADER, [SECTION_1], ROWS[0], ROWS[1], [SECTION_2], ROWS[2], ROWS[3],
            HEADER, ROWS[4], ROWS[5]]


def make_csv(encoding: str, delimiter: str = ",") -> bytes:
    import csv

    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(csv_rows())
    return out.getvalue().encode(encoding)


def make_pdf() -> bytes:
    """A ruled table on small pages, so that it runs over a page break with its header repeated,
    a merged 牵头单位 and a section row spanning the table; the title above it in the text layer."""
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    layout = [HEADER, [SECTION_1] + [""] * 5, ROWS[0], ROWS[1], [SECTION_2] + [""] * 5, *ROWS[2:]]
    data = [[Paragraph(value, style) for value in row] for row in layout]
    data[3][2] = data[3][5] = ""  # covered by the merged cells above
    table = Table(data, colWidths=[28, 150, 60, 80, 100, 70], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("SPAN", (0, 1), (-1, 1)), ("SPAN", (0, 4), (-1, 4)),
        ("SPAN", (2, 2), (2, 3)), ("SPAN", (5, 2), (5, 3)),
    ]))
    buffer = io.BytesIO()
    page = landscape(A5)
    SimpleDocTemplate(buffer, pagesize=(page[0], 250), topMargin=20, bottomMargin=20).build(
        [Paragraph(TITLE, style), Paragraph(CONVENTION, style), table])
    return buffer.getvalue()


# --- the same plan in every form ------------------------------------------------------------------


def test_text_form_gives_the_expected_tasks(tmp_path):
    assert tasks_of(write(tmp_path / "plan.txt", TEXT.encode("utf-8"))) == EXPECTED


def test_docx_table_with_merged_cells_and_a_two_row_header(tmp_path):
    path = write(tmp_path / "plan.docx", make_docx())
    text = load(path).text
    assert "序号 | 工作任务 | 牵头单位 | 责任单位 | 配合单位 | 完成时限" in text.split("\n")
    assert SECTION_1 in text.split("\n")  # a heading line, not a row of empty cells
    assert tasks_of(path) == EXPECTED


def test_xlsx_with_two_sheets_merges_and_a_repeated_header(tmp_path):
    path = write(tmp_path / "plan.xlsx", make_xlsx())
    doc = load(path)
    assert doc.kind == "xlsx" and doc.encoding is None
    lines = doc.text.split("\n")
    assert lines[:3] == [TITLE, CONVENTION, " | ".join(HEADER)]  # the first sheet's name is said below
    assert lines.count(" | ".join(HEADER)) == 2  # once per sheet: the repeat inside a sheet is dropped
    assert "续表" in lines  # the second sheet's name
    assert "2 | 推进政务服务标准化规范化便利化 | 区发改委 |  | 区政务服务中心 | 2024年12月底前" in lines
    assert tasks_of(path) == EXPECTED


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_and_utf8_with_bom(tmp_path, encoding):
    path = write(tmp_path / "plan.csv", make_csv(encoding))
    doc = load(path)
    assert doc.kind == "csv" and doc.text.startswith(TITLE)
    assert tasks_of(path) == EXPECTED


def test_tsv_and_semicolon_csv(tmp_path):
    assert tasks_of(write(tmp_path / "plan.tsv", make_csv("utf-8", "\t"))) == EXPECTED
    assert tasks_of(write(tmp_path / "semi.csv", make_csv("utf-8", ";"))) == EXPECTED


def test_pdf_table_over_a_page_break(tmp_path):
    path = write(tmp_path / "plan.pdf", make_pdf())
    import pypdf

    assert len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages) >= 2  # the table is split
    lines = load(path).text.split("\n")
    assert lines[0] == TITLE
    assert lines.count(" | ".join(HEADER)) == 1  # the repeat on the next page is dropped
    assert tasks_of(path) == EXPECTED


def test_every_form_gives_the_same_json(tmp_path):
    """The extracted JSON's tasks agree field by field across the forms (their spans differ)."""
    forms = {
        "plan.docx": make_docx(), "plan.xlsx": make_xlsx(), "plan.csv": make_csv("gbk"), "plan.pdf": make_pdf(),
    }
    keep = ("number", "title", "section")

    def summary(path: Path) -> list[dict]:
        result = extract_path(path).to_dict()
        out: list[dict] = [{k: result["document"][k] for k in ("title", "genre", "year")}]
        for task in result["tasks"]:
            row = {k: task[k] for k in keep}
            for role in ("lead", "responsible", "cooperating"):
                row[role] = [u["name"] for u in task[role]]
            row["deadlines"] = [d["date"] for d in task["deadlines"]]
            row["themes"] = task["themes"]
            row["targets"] = [(t["metric"], t["op"], t["value"]) for t in task["targets"]]
            out.append(row)
        return out

    expected = summary(write(tmp_path / "plan.txt", TEXT.encode("utf-8")))
    assert expected[0] == {"title": TITLE, "genre": "task_division", "year": 2024} and len(expected) == 7
    for name, data in forms.items():
        assert summary(write(tmp_path / name, data)) == expected, name


# --- .xls -------------------------------------------------------------------------------------------


def test_xls_table(tmp_path):
    """Only where a writer for the old format is installed (xlrd reads, it cannot write)."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("任务分工")
    rows = csv_rows()
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if not (r == 5 and c in (2, 5)):
                sheet.write(r, c, int(value) if c == 0 and value.isdigit() else value)
    sheet.merge(4, 5, 2, 2)  # 牵头单位 of tasks 1-2 (rows 4-5, 0-based, inclusive) …
    sheet.merge(4, 5, 5, 5)  # … and their 完成时限
    buffer = io.BytesIO()
    book.save(buffer)
    assert tasks_of(write(tmp_path / "plan.xls", buffer.getvalue())) == EXPECTED


def test_xls_that_is_really_csv_or_xlsx(tmp_path):
    """Systems often export CSV under the .xls name, and an .xlsx is sometimes renamed."""
    assert tasks_of(write(tmp_path / "export.xls", make_csv("gbk"))) == EXPECTED
    assert tasks_of(write(tmp_path / "renamed.xls", make_xlsx())) == EXPECTED


def test_corrupt_xls(tmp_path):
    path = write(tmp_path / "broken.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(CorruptFile) as err:
        load(path)
    message = str(err.value)
    assert message.startswith(str(path)) and ".xls" in message and "\n" not in message


def test_password_protected_workbook(tmp_path):
    """Excel saves a protected .xlsx as an OLE2 container holding an EncryptedPackage stream."""
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    path = write(tmp_path / "locked.xlsx", data)
    with pytest.raises(FileUnreadable) as err:
        load(path)
    assert "needs a password" in str(err.value) and str(err.value).startswith(str(path))


# --- bad input ----------------------------------------------------------------------------------------


def test_corrupt_xlsx(tmp_path):
    data = make_xlsx()
    path = write(tmp_path / "broken.xlsx", data[: len(data) // 2])
    with pytest.raises(CorruptFile) as err:
        load(path)
    message = str(err.value)
    assert message.startswith(str(path)) and ".xlsx" in message and "\n" not in message


def test_xlsx_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    """A sheet whose XML unpacks to 60 MB from a few KB: refused from the archive's directory."""
    original = make_xlsx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet2.xml":
                target.writestr(info, source.read(info.filename))
        xml = source.read("xl/worksheets/sheet2.xml")
        cut = xml.index(b"<sheetData>") + len(b"<sheetData>")
        with target.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as handle:
            handle.write(xml[:cut])
            block = b" " * 2**20
            for _ in range(60):
                handle.write(block)
            handle.write(xml[cut:])
    path = write(tmp_path / "bomb.xlsx", out.getvalue())
    assert path.stat().st_size < 2**20
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("opened a zip bomb"))
    with pytest.raises(DocumentTooLarge) as err:
        load(path)
    message = str(err.value)
    assert message.startswith(str(path)) and "sheet2.xml" in message and "zip bomb" in message


def test_a_sheet_past_the_row_limit_names_the_limit(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr(tables, "MAX_ROWS", 50)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for n in range(1, 80):
        sheet.append([n, f"任务{n}", "区司法局", "", "", "2024年底前"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = write(tmp_path / "export.xlsx", buffer.getvalue())
    with pytest.raises(DocumentTooLarge) as err:
        load(path)
    assert "more than 50 rows" in str(err.value) and "Sheet" in str(err.value)


def test_cells_past_the_limit_name_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 100)
    path = write(tmp_path / "wide.csv", ("a," * 60 + "\n").encode() * 3)
    with pytest.raises(DocumentTooLarge) as err:
        load(path)
    assert "more than 100 cells" in str(err.value)


def test_xlsx_stray_cell_far_down_a_hidden_sheet_and_a_merge_over_everything(tmp_path):
    """A cell typed at row 60000, a merged range over the whole sheet and a hidden sheet of
    drop-down lists change nothing: the table is read as it shows."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(make_xlsx()))
    book["续表"]["H60000"] = "x"
    lists = book.create_sheet("单位列表")
    lists.append(["区司法局", "区发改委", "区财政局"])
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()  # the merged range is written into the XML: openpyxl would make its cells one by one
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="J1:XFD1048576"/>'
                                                     b"</mergeCells>", 1)
            target.writestr(info, data)
    path = write(tmp_path / "plan.xlsx", out.getvalue())
    assert "单位列表" not in load(path).text
    assert tasks_of(path) == EXPECTED


@pytest.mark.parametrize("data", [b",,,\r\n,,\r\n", b"\xef\xbb\xbf", b"\t\t\n"])
def test_csv_without_text(tmp_path, data):
    path = write(tmp_path / "empty.csv", data)
    with pytest.raises(EmptyDocument) as err:
        load(path)
    assert str(err.value).startswith(str(path)) and "\n" not in str(err.value)


def test_malformed_csv(tmp_path):
    path = write(tmp_path / "bad.csv", b'a,b\n"' + b"x" * 200_000 + b'\n')
    with pytest.raises(CorruptFile) as err:
        load(path)
    assert "malformed CSV" in str(err.value)


# --- the table rendering itself ---------------------------------------------------------------------------


def cells(*rows: str) -> list[list[tables.Cell]]:
    """A grid from rows written as "a|b|c"; ^ marks a cell merged down, < one merged from the left."""
    grid = []
    for row in rows:
        out: list[tables.Cell] = []
        for value in row.split("|"):
            if value == "^":
                out.append(tables.Cell(grid[-1][len(out)].text, "down"))
            elif value == "<":
                out.append(tables.Cell(out[-1].text, "right"))
            else:
                out.append(tables.Cell(value))
        grid.append(out)
    return grid


def test_two_row_header_without_merges():
    grid = cells("序号|工作任务|责任单位|<|完成时限", "|||配合|", "1|任务甲|区司法局|区财政局|年底前")
    assert tables.render_table(grid) == ["序号 | 工作任务 | 责任单位 | 配合 | 完成时限",
                                         "1 | 任务甲 | 区司法局 | 区财政局 | 年底前"]


def test_two_row_header_with_lead_and_cooperating_below():
    grid = cells("序号|工作任务|责任单位|<|完成时限", "^|^|牵头|配合|^", "1|任务甲|区司法局|区财政局|年底前")
    assert tables.render_table(grid)[0] == "序号 | 工作任务 | 牵头 | 配合 | 完成时限"


def test_rows_under_one_merged_number_are_one_task():
    grid = cells("序号|工作任务|具体措施|牵头单位", "1|任务甲|措施一|区司法局", "^|^|措施二|区财政局", "2|任务乙|措施三|区民政局")
    assert tables.render_table(grid)[1:] == ["1 | 任务甲 | 措施一;措施二 | 区司法局、区财政局",
                                             "2 | 任务乙 | 措施三 | 区民政局"]


def test_units_one_per_line_in_a_cell():
    grid = cells("序号|工作任务|牵头单位", "1|任务甲|区司法局\n区财政局")
    assert tables.render_table(grid)[1] == "1 | 任务甲 | 区司法局、区财政局"


def test_a_pdf_cell_wrapped_by_the_column_is_one_text():
    grid = cells("序号|工作任务|配合单位", "1|深化放管服改革全面推\n行告知承诺制|区市场监管局、区政\n务服务中心")
    assert tables.render_table(grid, soft_wraps=True)[1] == "1 | 深化放管服改革全面推行告知承诺制 | 区市场监管局、区政务服务中心"


def test_a_section_row_is_a_heading_and_not_a_header():
    grid = cells("序号|工作任务|牵头单位", "一、重点工作任务||", "1|任务甲|区司法局")
    assert tables.render_table(grid) == ["序号 | 工作任务 | 牵头单位", "一、重点工作任务", "1 | 任务甲 | 区司法局"]


def test_a_table_of_measures_only(tmp_path):
    """序号 | 具体措施 | 牵头单位: the measures are the tasks when no column names tasks."""
    rows = [["序号", "具体措施", "牵头单位", "完成时间"], ["1", "开展行政执法案卷评查", "区司法局", "2024年9月底前"]]
    path = write(tmp_path / "measures.csv", "\n".join(",".join(r) for r in rows).encode("utf-8"))
    assert tasks_of(path) == [(1, "开展行政执法案卷评查", None, ["区司法局"], [], [], ["2024-09-30"])]


def test_a_table_without_a_header_keeps_its_rows():
    grid = cells("姓名|职务|电话", "张三|科长|123", "||")
    assert tables.render_table(grid) == ["姓名 | 职务 | 电话", "张三 | 科长 | 123"]


# --- directory walks and the suffix list ----------------------------------------------------------------


def test_table_files_are_found_in_a_folder_walk(tmp_path):
    for name, data in {"a.xlsx": make_xlsx(), "b.csv": make_csv("utf-8"), "c.tsv": make_csv("utf-8", "\t")}.items():
        write(tmp_path / name, data)
    found = [(path.name, getattr(doc, "kind", None)) for path, doc in iter_documents(tmp_path)]
    assert found == [("a.xlsx", "xlsx"), ("b.csv", "csv"), ("c.tsv", "csv")]


def test_the_unsupported_suffix_error_lists_the_table_kinds(tmp_path):
    assert {".xlsx", ".xls", ".csv", ".tsv"} <= set(LOADERS)
    path = write(tmp_path / "plan.numbers", b"x")
    with pytest.raises(UnsupportedFormat) as err:
        load(path)
    for suffix in (".xlsx", ".xls", ".csv", ".tsv"):
        assert f"'{suffix}'" in str(err.value) or suffix in str(err.value)


# --- hostile tables ---------------------------------------------------------------------------------

WORDS = st.sampled_from(["序号", "工作任务", "牵头单位", "责任单位", "配合单位", "完成时限", "1", "2", "一、总体要求",
                         "区司法局", "区发改委\n区财政局", "|", "", " ", "年底前", "(一)", "12.", "具体措施"])
CELLS = st.builds(tables.Cell, WORDS, st.sampled_from(["", "", "", "down", "right"]))
GRIDS = st.lists(st.lists(CELLS, max_size=7), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GRIDS, st.booleans())
def test_any_grid_renders_to_rows_of_one_line(grid, soft):
    lines = tables.render_table(grid, soft_wraps=soft)
    assert all("\n" not in line and line.strip() for line in lines)
    assert len(lines) <= len(grid) + 1  # one line a row at most, and the header


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([".csv", ".tsv", ".xls", ".xlsx"]))
def test_any_bytes_as_a_table_file_read_or_refused_in_one_line(data, suffix):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        try:
            load(path)
        except FazhiError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))


def test_spaced_heads_and_a_table_without_numbers():
    grid = cells("工 作 任 务|牵 头 单 位|完成\n时限", "任务甲|区司法局|年底前", "任务乙|区财政局|年底前")
    assert tables.render_table(grid) == ["序号 | 工作任务 | 牵头单位 | 完成时限", "1 | 任务甲 | 区司法局 | 年底前",
                                         "2 | 任务乙 | 区财政局 | 年底前"]


def test_numbers_written_in_chinese():
    grid = cells("序号|工作任务|牵头单位", "一|依法全面履行政府职能|", "二、|任务甲|区司法局")
    assert tables.render_table(grid) == ["序号 | 工作任务 | 牵头单位", "一、依法全面履行政府职能", "2 | 任务甲 | 区司法局"]


def test_split_pdf_tables_join_past_a_running_head_but_not_past_a_heading():
    from kg.ingest import pdf_tables

    def table(*rows: str) -> list[list[tables.Cell]]:
        return cells(*rows)

    chunks = [[TITLE, table("序号|工作任务|牵头单位", "1|任务甲|区司法局")],
              ["- 2 -", TITLE, table("序号|工作任务|牵头单位", "2|任务乙|区财政局")],
              [table("3|任务丙|区民政局")],
              [SECTION_2, table("序号|工作任务|牵头单位", "4|任务丁|区民政局")]]
    pdf_tables._join_split_tables(chunks)
    assert len(chunks[0][1]) == 5 and chunks[1] == ["- 2 -", TITLE] and chunks[2] == []  # over three pages
    assert len(chunks[3]) == 2  # a section heading stands between: two tables


def test_pdf_table_with_a_two_row_header(tmp_path):
    """责任单位 spanning 牵头单位 | 配合单位, the other heads merged down over both header rows."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    layout = [["序号", "工作任务", "责任单位", "", "完成时限"], ["", "", "牵头单位", "配合单位", ""],
              ["1", "开展行政执法案卷评查", "区司法局", "区城管局", "2024年9月底前"]]
    table = Table([[Paragraph(v, style) for v in row] for row in layout], colWidths=[30, 160, 70, 110, 80])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (2, 0), (3, 0)),
                               ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (4, 0), (4, 1))]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(TITLE, style), table])
    path = write(tmp_path / "plan.pdf", buffer.getvalue())
    assert "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限" in load(path).text.split("\n")
    assert tasks_of(path) == [(1, "开展行政执法案卷评查", None, ["区司法局"], [], ["区城管局"], ["2024-09-30"])]


def test_a_pdf_row_split_by_a_page_break_continues_its_texts():
    grid = cells("序号|工作任务|牵头单位", "1|深化放管服改革全面推|区司法局、区", "|行告知承诺制|发改委", "2|任务乙|区财政局")
    assert tables.render_table(grid, soft_wraps=True)[1:] == ["1 | 深化放管服改革全面推行告知承诺制 | 区司法局、区发改委",
                                                              "2 | 任务乙 | 区财政局"]
    grid = cells("序号|具体措施|牵头单位", "1|措施一|区司法局", "^|措施二|区财政局")
    assert tables.render_table(grid, soft_wraps=True)[1] == "1 | 措施一;措施二 | 区司法局、区财政局"


# --- HTML: a web page's table, and HTML saved as .xls ---------------------------------------------------


def html_table(title_row: bool = True) -> str:
    """The plan's table in HTML: section rows spanning the table, 牵头单位 and 完成时限 spanning rows."""
    out = ["<table border=1>"]
    if title_row:
        out.append(f"<tr><td colspan=6>{TITLE}</td></tr><tr><td colspan=6>{CONVENTION}</td></tr>")
    out.append("<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>")
    out.append(f"<tr><td colspan=6>{SECTION_1}</td></tr>")
    first, second = ROWS[0], ROWS[1]
    out.append("<tr>" + "".join(f"<td>{v}</td>" for v in first[:2]) + f"<td rowspan=2>{first[2]}</td><td></td>"
               f"<td>{first[4]}</td><td rowspan=2>{first[5]}</td></tr>")
    out.append(f"<tr><td>{second[0]}</td><td>{second[1]}</td><td></td><td><span>区政务</span>服务中心</td></tr>")
    out.append(f"<tr><td colspan=6>{SECTION_2}</td></tr>")
    for row in ROWS[2:]:
        out.append("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def test_html_page_with_a_task_table(tmp_path):
    page = (f"<html><head><meta charset='utf-8'></head><body><div class='nav'><a href='/'>首页</a></div><article>"
            f"<h1>{TITLE}</h1><p>{CONVENTION}为深入推进法治政府建设，现将本年度工作要点任务分工如下，请各单位认真抓好落实。</p>"
            f"{html_table(title_row=False)}<p>本表由区司法局负责解释。</p></article></body></html>")
    path = write(tmp_path / "plan.html", page.encode("utf-8"))
    assert SECTION_1 in load(path).text.split("\n")
    assert tasks_of(path) == EXPECTED


def test_html_saved_as_xls(tmp_path):
    data = f"<html><head><meta charset='gbk'></head><body>{html_table()}</body></html>".encode("gbk")
    path = write(tmp_path / "export.xls", data)
    assert load(path).encoding == "gb18030"
    assert tasks_of(path) == EXPECTED


def test_a_layout_table_is_left_alone(tmp_path):
    """Old sites put the whole article inside a table: it holds a table, so it is not rewritten."""
    page = (f"<html><head><meta charset='utf-8'></head><body><table><tr><td><h1>{TITLE}</h1><p>{CONVENTION}</p>"
            f"{html_table(title_row=False)}</td></tr></table></body></html>")
    path = write(tmp_path / "plan.html", page.encode("utf-8"))
    assert tasks_of(path) == EXPECTED


def test_html_grid_spans():
    import lxml.html

    table = lxml.html.fromstring("<table><tr><td rowspan=2 colspan=2>a</td><td>b</td></tr><tr><td>c</td></tr>"
                                 "<tr><td rowspan=99999>d</td><td colspan=0>e</td></tr></table>")
    from kg.ingest.html_tables import html_grid

    grid = html_grid(table, tables.Budget(Path("t.html")))
    assert [[(c.text, c.span) for c in row] for row in grid] == [
        [("a", ""), ("a", "right"), ("b", "")],
        [("a", "down"), ("a", "right"), ("c", "")],
        [("d", ""), ("e", "")],
    ]


def test_excel_separator_hint_in_a_csv(tmp_path):
    path = write(tmp_path / "plan.csv", b"sep=;\r\n" + make_csv("utf-8", ";"))
    assert not load(path).text.startswith("sep")
    assert tasks_of(path) == EXPECTED


def test_a_docx_whose_table_sits_in_a_layout_table(tmp_path):
    """The whole notice in a one-cell frame: the frame is read as the body is, the table inside as a table."""
    import docx

    inner = docx.Document(io.BytesIO(make_docx()))
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    body = inner.element.body
    for child in list(body.iterchildren()):
        if not child.tag.endswith("}sectPr"):
            frame._tc.append(child)
    buffer = io.BytesIO()
    document.save(buffer)
    assert tasks_of(write(tmp_path / "framed.docx", buffer.getvalue())) == EXPECTED


def test_a_number_column_word_fills_itself():
    """Word's automatic numbering leaves the 序号 cells empty in the text."""
    grid = cells("序号|工作任务|牵头单位", "|任务甲|区司法局", "一、总体要求||", "|任务乙|区财政局")
    assert tables.render_table(grid) == ["序号 | 工作任务 | 牵头单位", "1 | 任务甲 | 区司法局", "一、总体要求",
                                         "2 | 任务乙 | 区财政局"]


def test_a_cell_that_marks_its_lead(tmp_path):
    """区司法局（牵头）、区发改委 under 责任单位: the marked unit leads, the others are responsible."""
    rows = [HEADER, ["1", "开展行政执法案卷评查", "", "区司法局（牵头）、区发改委", "区城管局", "2024年9月底前"]]
    path = write(tmp_path / "marked.csv", "\n".join(",".join(r) for r in rows).encode("gbk"))
    assert tasks_of(path) == [(1, "开展行政执法案卷评查", None, ["区司法局"], ["区发改委"], ["区城管局"], ["2024-09-30"])]


def test_a_word_tables_text_layer_run_together_in_one_line_with_first_and_main_owner_columns():
    # a document-sharing site's text layer: header, part labels, page marks and rows in one run
    text = ("—1—《某市十一五规划纲要》主要目标任务分解落实方案工作重点序号主要工作任务第一责任单位主要责任单位一、主要发展指标"
            "1地区生产总值年均增长12%左右。市发展改革委各县(市、区)政府、某某经济开发区、某某港区"
            "2服务业增加值比重达到40%。市发展改革委市统计局、各县(市、区)政府—2—二、产业优化升级"
            "3积极推进技术创新,推广应用先进生产技术。市科技局市经贸委、各县(市、区)政府")
    result = extract_text(text)
    assert [(t.path, [u.text for u in t.lead], [u.text for u in t.responsible]) for t in result.tasks] == [
        ("一.1", ["市发展改革委"], ["各县(市、区)政府", "某某经济开发区", "某某港区"]),
        ("一.2", ["市发展改革委"], ["市统计局", "各县(市、区)政府"]),
        ("二.3", ["市科技局"], ["市经贸委", "各县(市、区)政府"])]


def test_a_group_row_with_a_long_heading_between_the_header_and_the_first_row_of_a_table_a_cell_a_paragraph():
    cells = ["序号", "目标任务", "牵头单位", "责任单位", "责任人",
             "一、主要经济社会发展指标、发改、财政、行政审批、生态环境、营商环境、交通、金融、安全生产等工作目标(牵头领导:张三、李四)",
             "1", "★地区生产总值增长15%。", "区发改局", "区统计局", "王五", "2", "★固定资产投资增长10%。", "区发改局", "区住建局", "赵六"]
    result = extract_text("2023年区政府工作目标任务落实责任分解表\n\n" + "\n\n".join(cells) + "\n")
    assert [(t.path, [u.text for u in t.lead], [u.text for u in t.responsible], [x.value for x in t.targets])
            for t in result.tasks] == [("一.1", ["区发改局"], ["区统计局"], ["15"]), ("一.2", ["区发改局"], ["区住建局"], ["10"])]


def test_the_last_run_together_row_cut_inside_its_task_is_still_a_row():
    text = ("某市规划纲要主要目标任务分解落实方案工作重点序号主要工作任务第一责任单位主要责任单位一、主要发展指标"
            "1地区生产总值年均增长12%左右。市发展改革委各县(市、区)政府2服务业增加值比重达到40%。市发展改革委市统计局"
            "3大力推进高技术产业化,到2010年,高技术产业增加值比重达到10%左右,主要行业骨干企业的工艺")
    result = extract_text(text)
    assert [(t.path, [x.value for x in t.targets], bool(t.lead or t.responsible)) for t in result.tasks] == [
        ("一.1", ["12"], True), ("一.2", ["40"], True), ("一.3", ["10"], False)]


def test_a_project_table_a_cell_a_paragraph_with_sub_rows_broken_owner_names_and_start_milestones():
    # 2023年 / 目标进度 is one head; 区新兴产业 / 服务中心 one owner; a sub-row under row 1 has no number
    cells = ["序号", "项目", "责任单位", "建设内容", "总投资", "(万元)", "2023年", "目标进度",
             "1", "完善交通基础设施", "区新兴产业", "服务中心", "实施宏图路提升改造工程。", "48414", "一季度开工,年内完成工程量的50%。",
             "区住建局", "实施振兴桥危桥改造工程。", "1000", "6月开工,年内完工。",
             "2", "提升区域防洪能力", "区综合行政", "执法局", "实施江堤设施设备修复提升工程。", "4950", "7月底具备挡水条件。",
             "3", "加大安居保障力度", "区住建局", "新建保障性租赁住房。", "87348", "2月开工,年内完成主体结构。"]
    result = extract_text("2023年区政府民生实事项目目标任务与责任分解表\n\n" + "\n\n".join(cells) + "\n")
    got = [(t.number, [u.shown for u in t.responsible], sorted({str(d.date) for d in t.deadlines})) for t in result.tasks]
    assert got == [(1, ["区新兴产业服务中心"], ["2023-03-31", "2023-06-30", "2023-12-31"]),
                   (2, ["区综合行政执法局"], ["2023-07-31"]), (3, ["区住建局"], ["2023-02-28", "2023-12-31"])]


def test_rows_going_on_under_a_merged_cell_read_their_owner_columns_as_the_first_row_does():
    # 第一责任单位 | 主要责任单位: in the rows that go on under the merged 项目 cell as in the first
    text = ("2021年某县民生实事项目责任分解表\n项目名称 | 工作任务 | 第一责任单位 | 主要责任单位 |\n"
            "1.城市人居环境提升项目 | 对人民中路等3条城区道路进行综合提升改造; | 建设局 | 城投集团 |\n"
            "新建城市口袋公园2处; | 综合执法局 | 交投集团 | |\n"
            "2.生态公墓建设项目 | 新建生态公益性墓地15处。 | 民政局 | 公共服务集团 |\n")
    result = extract_text(text)
    first = result.tasks[0]
    assert "交投集团" in [u.text for u in first.responsible] and "交投集团" not in [u.text for u in first.lead]


def test_items_under_a_group_cell_a_cell_a_line_each_a_row_with_its_merged_owner_cells_where_they_change():
    # a 政府工作报告 split a cell a line: the group's number and name once, its items (1)…(n) the rows,
    # the leader, the lead and the cooperating units printed only where they change
    text = ("2024年《政府工作报告》主要目标任务责任分解表\n序号\n目标名称\n工 作 标 准\n区政府\n分管领导\n牵头单位\n配合单位\n"
            "1\n全区经济社会发展的主要预期目标\n(1)地区生产总值增长6%左右。\n王旭锋\n发改局\n经开区\n高新园\n(邹区镇)\n各街道\n"
            "(2)一般公共预算收入增长3%以上。\n财政局\n"
            "(3)实际使用外资稳中提质。\n"
            "(4)安全生产形势平稳向好。\n谢志诚\n应急管理局\n(安委办)\n区安委会各成员单位\n"
            "2\n聚焦产业强区不动摇\n聚力攻坚\n(5)新增入库重大项目7个以上。\n")
    tasks = extract_text(text).tasks
    assert [(t.number, [u.shown for u in t.lead], [u.shown for u in t.cooperating], [p.text for p in t.responsible])
            for t in tasks] == [
        (1, ["发改局"], ["经开区", "高新园(邹区镇)", "各街道"], []),
        (2, ["财政局"], [], []),
        (3, [], [], []),  # (its cells merged with the rows above: not copied)
        (4, ["应急管理局(安委办)"], ["区安委会各成员单位"], []),
        (5, [], [], [])]
    assert [(t.value, t.unit) for t in tasks[4].targets] == [("7", "个")]
    assert all("王旭锋" not in [u.shown for u in t.lead + t.cooperating] for t in tasks)  # a leader is a person


def test_a_notice_run_onto_one_line_with_its_split_whose_heads_are_content_and_requirements():
    # …印发给你们。 附件:… 某市人民政府办公室 2021年2月5日 …责任分工一、…重点工作序号内容与要求责任单位1…
    text = ("某市人民政府办公室关于印发市政府2021年重点工作责任分工的通知\n"
            "市政府各部门、各单位:《市政府2021年重点工作责任分工》已经市政府同意,现印发给你们,请认真贯彻执行。"
            "某市人民政府办公室 2021年2月5日 市政府2021年重点工作责任分工一、经济发展重点工作序号内容与要求责任单位"
            "1确保地区生产总值增长7%以上。固定资产投资增长8%左右。市发改委2高质量完成规划纲要编制并印发实施。市发改委、市统计局")
    tasks = extract_text(text).tasks
    assert [(t.number, [u.shown for u in t.responsible], [(x.op, x.value) for x in t.targets]) for t in tasks] == [
        (1, ["市发改委"], [(">=", "7"), ("=", "8")]), (2, ["市发改委", "市统计局"], [])]


def test_the_last_row_the_page_cuts_after_its_second_cell_is_a_row_of_its_own():
    text = ("2022年度市政府重大行政决策公众参与事项目录\n序号 | 事项名称 | 承办单位 | 完成时限 |\n"
            "6 | 实施25个老旧小区改造 | 市住房城乡建设局 | 2022年6月份 |\n7 | 增设10家过期药品定点回收单位,定期开展过期")
    tasks = extract_text(text).tasks
    assert [(t.number, [(x.value, x.unit) for x in t.targets]) for t in tasks] == [(6, [("25", "个")]), (7, [("10", "家")])]


def test_a_page_that_is_one_record_of_a_split_numbered_in_its_title():
    # 任务163 / • -重点工作:… (a share widget's dash run into the first field) / 牵头单位:… / 年度阶段性工作目标:…
    text = ("任务163\n\n  • 分享到\n  • -\n重点工作: 全面推行林长制。\n牵头单位: 市林业园林局\n"
            "年度阶段性工作目标: 第一季度:成立专项工作小组。\n第四季度:全面推行林长制。\n")
    tasks = extract_text(text).tasks
    assert [(t.number, t.title, [u.text for u in t.lead]) for t in tasks] == [(163, "全面推行林长制", ["市林业园林局"])]


def test_a_splits_progress_table_a_cell_a_paragraph_with_owners_a_unit_a_line_and_each_units_progress():
    text = ("2019年第二季度《政府工作报告》主要工作任务落实情况表\n\n序号\n\n主要任务\n\n进展情况\n\n责任单位\n\n"
            "1\n\n重点打造儒商总部大厦特色楼宇。\n\n区投促局:对楼宇信息全面掌握,已开始重点推介。\n\n区投促局、\n\n大观园街道办事处\n\n"
            "大观园街道办事处:目前楼内有4家公司正在进行装修。\n\n"
            "2\n\n重点打造国华时代广场特色楼宇。\n\n区投促局:已开始重点推介。\n\n区投促局、\n\n舜耕街道办事处\n")
    result = extract_text(text)
    assert result.document.genre == "task_division"
    assert [(t.number, [u.text for u in t.responsible], t.targets) for t in result.tasks] == [
        (1, ["区投促局", "大观园街道办事处"], []), (2, ["区投促局", "舜耕街道办事处"], [])]


def test_a_splits_rows_run_together_each_a_name_measures_and_a_division_label():
    text = ("近日\n省人民政府印发\n《2023年省〈政府工作报告〉工作任务分工方案》\n一起来看看吧~\n"
            "粮食产量1268万吨以上 部门分工:省农业农村厅牵头,各地、各部门配合。 大力推进产业集群建设 工作措施:完成政策文件的中期评估。"
            "出台专项行动计划。 部门分工:省工业和信息化厅牵头,省发展改革委、科技厅等配合。 促进知识产权高")
    tasks = extract_text(text).tasks
    assert [(t.number, t.title, [u.text for u in t.lead], [u.text for u in t.cooperating]) for t in tasks] == [
        (1, "粮食产量1268万吨以上", ["省农业农村厅"], ["各地", "各部门"]),
        (2, "大力推进产业集群建设", ["省工业和信息化厅"], ["省发展改革委", "科技厅"]),
        (3, "促进知识产权高", [], [])]


PERFORMANCE_FORM = """\
某区人民法院
项目支出绩效目标表
项目名称 | 安全隐患维修 | |||||
一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
产出指标 | 数量指标 | 维修面积 | 维修面积 | ≥400平方米 |
质量指标 | 验收合格率 | 验收合格率 | ≥98百分比 | |
时效指标 | 资金支付及时率 | 资金支付及时率 | 100百分比 | |
满意度指标 | 服务对象满意度指标 | 干警满意度 | 干警满意度 | ≥95百分比 |
"""


def test_a_performance_target_form_gives_each_indicator_its_target():
    # the rows whose first-level cell is merged above print one cell fewer, shifted left; 百分比 is %
    from kg.extract.pipeline import extract_text

    result = extract_text(PERFORMANCE_FORM)
    assert result.document.title == "项目支出绩效目标表" and result.document.genre == "annual_plan"
    got = [(t.title, [(x.op, x.value, x.unit) for x in t.targets]) for t in result.tasks]
    assert got == [("维修面积", [(">=", "400", "平方米")]), ("验收合格率", [(">=", "98", "%")]),
                   ("资金支付及时率", [("=", "100", "%")]), ("干警满意度", [(">=", "95", "%")])]
    assert result.achievements == []


def test_a_header_printed_again_over_the_next_block_goes_on_counting_its_rows():
    from kg.extract.pipeline import extract_text

    second = ("项目名称 | 办案业务费 | |||||\n一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |\n"
              "产出指标 | 数量指标 | 聘用调解员人数 | 聘用调解员人数 | 1人 |\n数量指标 | 陪审员参审案件数量 | 陪审员参审案件数量 | ≥900件 | |\n")
    tasks = extract_text(PERFORMANCE_FORM + second).tasks
    assert [(t.number, t.title) for t in tasks][-3:] == [(4, "干警满意度"), (5, "聘用调解员人数"), (6, "陪审员参审案件数量")]


def test_a_performance_target_form_a_cell_a_line_each_row_closed_by_bars():
    from kg.extract.pipeline import extract_text

    cells = ["本年度 绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准", None,
             "产出指标", "数量指标", "配备车辆数", "10辆", "计划标准", None, "服务周期", "2023.07-2024.01", "计划标准", None,
             "效益指标", "经济效益指标", None, "社会效益指标", "市民满意程度", "≥85%", "计划标准", None]
    text = "2023年项目支出绩效目标申报表\n" + "".join("|\n|\n" if c is None else f"{c} |\n" for c in cells)
    tasks = extract_text(text).tasks
    assert [(t.title, [(x.op, x.value, x.unit) for x in t.targets]) for t in tasks] == [
        ("配备车辆数", [("=", "10", "辆")]), ("服务周期", []), ("市民满意程度", [(">=", "85", "%")])]
    assert [d.date for d in tasks[1].deadlines] == ["2024-01-31"]


def test_an_owner_cell_broken_into_more_paragraphs_than_the_header_has_owner_columns_goes_on_in_the_last():
    from kg.extract.pipeline import extract_text

    text = ("2024年政府工作报告主要工作任务分解表\n\n主要工作任务\n\n牵头单位\n\n责任单位\n\n"
            "1.大力发展战略性新兴产业。\n\n区发改局\n\n区工信局\n\n各街道办事处\n\n"
            "2.积极培育未来产业。\n\n区发改局\n\n区工信局、各街道办事处\n")
    tasks = extract_text(text).tasks
    assert [([u.text for u in t.lead], [u.text for u in t.responsible]) for t in tasks] == [
        (["区发改局"], ["区工信局", "各街道办事处"]), (["区发改局"], ["区工信局", "各街道办事处"])]
