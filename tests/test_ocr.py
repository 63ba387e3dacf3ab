"""Scans: OCR of page images and of PDFs without a text layer (kg.ingest.ocr), and the repair of
OCR's mistakes.

The scans are made here: the plan below is drawn on an A4 page at 200 dpi with a CJK font, with
speckle and a slight rotation, and saved as PNG and as a one-page PDF (Pillow writes both).  What
OCR reads from them must give the same assignments as the plan's text: F1 >= 0.95 over
(task, role, unit).  The tests that run Tesseract skip, saying why, where it or its Chinese models
are missing; CI installs them (.ci/run).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from kg.errors import CorruptFile, MissingDependency, NoTextLayer
from kg.ingest import ocr
from kg.ingest.load import iter_documents, load
from kg.ingest.ocr import repair

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DPI = 200

PLAN = """\
临川区2023年法治政府建设工作要点
临府办发〔2023〕12号
一、健全依法行政制度体系
1.加强行政规范性文件管理。全面落实合法性审核机制，规范性文件合法性审核率达到100%。
（牵头单位：区司法局，配合单位：区政府办公室）
2.严格落实重大行政决策程序。2023年6月30日前制定年度重大行政决策事项目录并向社会公布。
（区司法局牵头，区发展改革委、区财政局配合）
二、严格规范公正文明执法
3.深化综合行政执法体制改革。2023年底前完成乡镇综合执法队伍整合。
牵头单位：区委编办
责任单位：各乡镇人民政府
4.全面推行行政执法三项制度。行政执法人员每人每年参加法律知识培训不少于40学时。
（责任单位：区市场监管局、区生态环境局、区应急管理局）
三、强化行政权力制约和监督
5.自觉接受人大监督和政协民主监督。人大代表建议和政协委员提案按时办结率达到100%。
（牵头单位：区政府办公室，责任单位：区政府各部门）
6.加强行政复议和应诉工作。行政机关负责人出庭应诉率保持100%。
（牵头单位：区司法局，配合单位：区人民法院）
"""

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# --- the repairs, each on its own -----------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("县 司法局", "县司法局"),
    ("牵头单位 ： 区 司法局 、 区 发改委", "牵头单位：区司法局、区发改委"),
    ("（ 牵头单位: 区司法局 ）", "（牵头单位:区司法局）"),
    ("推进 AI 应用", "推进 AI 应用"),  # a space beside Latin letters is the document's own
    ("临川区 2023 年法治", "临川区2023年法治"),
    ("不少于 40 学时", "不少于40学时"),
    ("100 200", "100 200"),
    ("3 .深化改革", "3.深化改革"),
    ("培训不少于 40 学 E\n时", "培训不少于40学\n时"),
    ("“责任单位:各乡镇人民政府", "责任单位:各乡镇人民政府"),
    ("3.落实制度\n”4. 推进执法", "3.落实制度\n4. 推进执法"),
    ("1.加强学习\n2:深化改革", "1.加强学习\n2.深化改革"),
    ("他说“好”", "他说“好”"),
    ("配合单位;:区人民法院", "配合单位：区人民法院"),
    ("牵头单位; 区司法局", "牵头单位：区司法局"),
    ("牵头单位，要加强", "牵头单位，要加强"),  # a sentence about the lead units, not a label
    ("临府办发(2023]】 12 号", "临府办发〔2023〕12号"),
    ("2O23年", "2023年"),
    ("2〇23年6月3o日", "2023年6月30日"),
    ("202O年", "2020年"),
    ("达到1O0%", "达到100%"),
    ("二〇二三年", "二〇二三年"),  # a Chinese numeral zero between Chinese numerals stays
    ("ISO 9001", "ISO 9001"),
    ("Oo 1", "Oo 1"),
    ("2023年6月30口前完成", "2023年6月30日前完成"),
    ("6月5曰", "6月5日"),
    ("人口数量", "人口数量"),  # 口 not after a date stays
    ("2023年6月30 口", "2023年6月30日"),
    ("3.落实制度。\n4，推进执法", "3.落实制度。\n4.推进执法"),
    ("三、严格执法\n3.落实制度\n4，推进执法", "三、严格执法\n3.落实制度\n4.推进执法"),
    ("培训不少于\n40，学时", "培训不少于\n40，学时"),  # a wrapped line starting with a figure stays
    ("1，加强学习", "1.加强学习"),  # the first line
    ("一、总体要求\n1加强学习", "一、总体要求\n1.加强学习"),  # a full stop lost
    ("1.加强学习\n2深化改革", "1.加强学习\n2.深化改革"),
    ("1.加强学习\n30日前完成", "1.加强学习\n30日前完成"),  # a wrapped date
    ("1.加强学习\n5个工作日", "1.加强学习\n5个工作日"),
    ("1.加强学习\n7深化改革", "1.加强学习\n7深化改革"),  # not the next number
    ("完成梳理，\n（牵头单位：区司法局）", "完成梳理。\n（牵头单位：区司法局）"),
    ("完成梳理，\n5.推进", "完成梳理。\n5.推进"),
    ("完成梳理，\n并公布", "完成梳理，\n并公布"),  # the sentence goes on
    ("临府办发[2023]12号", "临府办发〔2023〕12号"),
    ("临府办发【2023】 12号", "临府办发〔2023〕12号"),
    ("临府办发(2023)12号", "临府办发〔2023〕12号"),
    ("（责任单位：区司法局、区财政局", "（责任单位：区司法局、区财政局）"),
    ("(牵头单位:区司法局。", "(牵头单位:区司法局)。"),
    ("（责任单位：区司法局）", "（责任单位：区司法局）"),  # closed already
    ("（责任单位：区市场监管局、区生态\n环境局）", "（责任单位：区市场监管局、区生态\n环境局）"),  # wrapped
    ("（责任单位：区司法局\n5.推进（牵头）", "（责任单位：区司法局）\n5.推进（牵头）"),
    ("审核率达到10096", "审核率达到100%"),
    ("审核率达到100o%", "审核率达到100%"),
    ("保持100 〇%", "保持100 〇%"),  # only a ring right after the figure
    ("办结率达到9896。", "办结率达到98%。"),
    ("覆盖率达到99.596", "覆盖率达到99.5%"),
    ("培训不少于4096人", "培训不少于4096人"),  # no rate: a figure
    ("出庭率为30096", "出庭率为30096"),  # 300 is no percentage
])
def test_repair(raw, expected):
    assert repair(raw) == expected


def test_repairs_are_linear_on_hostile_runs():
    import time

    for hostile in ("1" + "O" * 200_000, "（单位：" * 50_000, "率" + "9" * 100_000, "，\n" * 100_000,
                    "1，甲\n" * 50_000, " " * 200_000 + "县", "（责任单位：甲\n" * 50_000,
                    "县" + " " * 200_000 + "x", "牵头单位" + " " * 200_000):
        started = time.perf_counter()
        repair(hostile)
        assert time.perf_counter() - started < 2.0, hostile[:20]


# --- pages, confidence, the document's marks (no Tesseract needed) --------------------------


def _ocr_text_as_read() -> str:
    """The plan as OCR would return it over two pages (the \\f between them)."""
    lines = PLAN.split("\n")
    return "\n".join(lines[:13]) + ocr.PAGE_BREAK + "\n".join(lines[13:])


def test_mark_gives_pages_and_lowers_confidence():
    from kg.extract.pipeline import extract_raw
    from kg.model import RawDocument

    text = _ocr_text_as_read()
    plain = extract_raw(RawDocument(path="plan.txt", text=PLAN, kind="txt", encoding="utf-8", sha256="0" * 64))
    read = extract_raw(RawDocument(path="plan.png", text=text, kind="image", encoding=None, sha256="0" * 64, ocr=True))
    assert read.document.ocr and read.document.pages == 2
    assert not plain.document.ocr and "ocr" not in plain.document.to_dict()
    assert [t.page for t in read.tasks] == [1, 1, 1, 1, 2, 2]
    for before, after in zip(plain.tasks, read.tasks):
        for role in ("lead", "responsible", "cooperating"):
            for u, v in zip(getattr(before, role), getattr(after, role)):
                assert u.text == v.text
                assert v.confidence == pytest.approx(u.confidence * ocr.CONFIDENCE_FACTOR)
                assert v.page == after.page
        for d in after.deadlines:
            assert d.page == after.page
    out = read.to_dict()
    assert out["document"]["ocr"] is True and out["document"]["pages"] == 2
    assert out["tasks"][4]["page"] == 2 and out["tasks"][4]["lead"][0]["page"] == 2
    assert "page" not in plain.to_dict()["tasks"][0]


def test_graph_says_ocr_and_page():
    from kg.extract.pipeline import extract_raw
    from kg.model import RawDocument
    from kg.rdf.mapping import quads

    read = extract_raw(RawDocument(path="plan.png", text=_ocr_text_as_read(), kind="image", encoding=None,
                                   sha256="0" * 64, ocr=True))
    found = quads(read)
    fz = "https://w3id.org/fazhi-kg/ontology#"
    assert any(p == f"<{fz}readByOCR>" and o.startswith('"true"') for _, p, o, _ in found)
    pages = {o for _, p, o, _ in found if p == f"<{fz}page>"}
    assert pages == {'"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'}
    plain = extract_raw(RawDocument(path="plan.txt", text=PLAN, kind="txt", encoding="utf-8", sha256="0" * 64))
    assert not any(p in (f"<{fz}readByOCR>", f"<{fz}page>") for _, p, _, _ in quads(plain))


# --- without --ocr ---------------------------------------------------------------------------


def test_image_without_ocr_names_the_option(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(NoTextLayer) as err:
        load(path)
    assert "--ocr" in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_scanned_pdf_without_ocr_names_the_option(tmp_path):
    pytest.importorskip("PIL")
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("L", (400, 560), 255).save(path, "PDF", resolution=DPI)
    with pytest.raises(NoTextLayer) as err:
        load(path)
    assert "no text layer" in str(err.value) and "--ocr" in str(err.value)


def test_folders_hold_images_only_for_ocr(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert [p.name for p, _ in iter_documents(tmp_path)] == ["plan.txt"]
    from kg.ingest.load import iter_paths

    assert [p.name for p, _ in iter_paths(tmp_path, ocr=True)] == ["logo.png", "plan.txt"]
    # named explicitly, an image is always tried: refused with the option named
    assert isinstance(dict(iter_documents([tmp_path / "logo.png"]))[tmp_path / "logo.png"], NoTextLayer)


def test_missing_pytesseract_names_the_extra(tmp_path, monkeypatch):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setitem(sys.modules, "pytesseract", None)
    with pytest.raises(MissingDependency) as err:
        load(path, ocr=True)
    assert "fazhi-kg[ocr]" in str(err.value)


def test_missing_tesseract_names_the_debian_packages(tmp_path, monkeypatch):
    pytesseract = pytest.importorskip("pytesseract")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(MissingDependency) as err:
        load(path, ocr=True)
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra" in str(err.value)


# --- Tesseract itself --------------------------------------------------------------------------

WHY_NOT = ocr.available()
needs_ocr = pytest.mark.skipif(WHY_NOT is not None, reason=f"OCR cannot run here: {WHY_NOT}")
needs_font = pytest.mark.skipif(not FONT.is_file(), reason=f"no CJK font at {FONT} (Debian: fonts-noto-cjk)")


def render(text: str, *, angle: float = 0.5, speckle: float = 0.004, seed: int = 7):
    """The text drawn on an A4 page at 200 dpi, 12 pt, wrapped at the margin, then speckled and turned."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * DPI), round(11.69 * DPI)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    size = round(DPI * 12 / 72)
    font = ImageFont.truetype(str(FONT), size, index=2)  # Noto Sans CJK SC
    margin = round(DPI * 0.9)
    per_line = (width - 2 * margin) // size
    y = margin
    for paragraph in text.split("\n"):
        for at in range(0, max(len(paragraph), 1), per_line):
            draw.text((margin, y), paragraph[at:at + per_line], font=font, fill=0)
            y += round(size * 1.6)
    rng = random.Random(seed)
    pixels = page.load()
    for _ in range(int(width * height * speckle)):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 80, 160))
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


def assignments(result: dict) -> set[tuple[int, str, str]]:
    return {(task["number"], role, unit["text"])
            for task in result["tasks"] for role in ("lead", "responsible", "cooperating") for unit in task[role]}


def f1(found: set, expected: set) -> float:
    if not found or not expected:
        return 0.0
    hits = len(found & expected)
    precision, recall = hits / len(found), hits / len(expected)
    return 2 * precision * recall / (precision + recall) if hits else 0.0


def run_extract(*args: object) -> tuple[int, str]:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["extract", *map(str, args)])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    if WHY_NOT is not None or not FONT.is_file():
        pytest.skip(WHY_NOT or f"no CJK font at {FONT}")
    folder = tmp_path_factory.mktemp("scans")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    page = render(PLAN)
    page.save(folder / "plan.png", dpi=(DPI, DPI))
    page.save(folder / "plan.pdf", "PDF", resolution=DPI)
    return folder


@pytest.fixture(scope="module")
def text_version(scans):
    code, out = run_extract(scans / "plan.txt", "-f", "json", "--no-outline")
    assert code == 0, out
    result = json.loads(out)
    assert len(result["tasks"]) == 6 and len(assignments(result)) == 14
    return result


@needs_ocr
@needs_font
@pytest.mark.parametrize("name", ["plan.png", "plan.pdf"])
def test_scan_gives_the_text_versions_assignments(scans, text_version, name):
    code, out = run_extract(scans / name, "--ocr", "-f", "json", "--no-outline")
    assert code == 0, out
    read = json.loads(out)
    score = f1(assignments(read), assignments(text_version))
    assert score >= 0.95, (score, assignments(read) ^ assignments(text_version))
    assert [t["number"] for t in read["tasks"]] == [1, 2, 3, 4, 5, 6]
    assert read["document"]["ocr"] is True and read["document"]["pages"] == 1
    assert read["document"]["title"] == text_version["document"]["title"]
    assert all(t["page"] == 1 for t in read["tasks"])
    lead = read["tasks"][0]["lead"][0]
    assert lead["page"] == 1 and lead["confidence"] < text_version["tasks"][0]["lead"][0]["confidence"]
    # the dates and figures come through too
    assert [d["date"] for d in read["tasks"][1]["deadlines"]] == ["2023-06-30"]
    assert read["tasks"][0]["targets"][0]["value"] == "100"


@needs_ocr
@needs_font
def test_scan_without_ocr_is_refused_by_the_cli(scans):
    for name in ("plan.png", "plan.pdf"):
        code, out = run_extract(scans / name)
        assert code == NoTextLayer.exit_code and "--ocr" in out, out


@needs_ocr
@needs_font
def test_build_reads_a_folder_of_scans_only_with_ocr(scans, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "plan.png").write_bytes((scans / "plan.png").read_bytes())
    runner = CliRunner()
    plain = runner.invoke(app, ["build", str(folder), "--store", str(tmp_path / "a")])
    assert plain.exit_code == 0 and plain.output.startswith("0 documents"), plain.output  # the image is passed over
    read = runner.invoke(app, ["build", str(folder), "--store", str(tmp_path / "b"), "--ocr"])
    assert read.exit_code == 0 and read.output.startswith("1 documents, 6 tasks"), read.output
    asked = runner.invoke(app, ["query", "ASK { ?doc <https://w3id.org/fazhi-kg/ontology#readByOCR> true . "
                                "?src <https://w3id.org/fazhi-kg/ontology#page> 1 }", "--store", str(tmp_path / "b"),
                                "-f", "json"])
    assert asked.exit_code == 0 and "true" in asked.output, asked.output


@needs_ocr
@needs_font
def test_pages_of_a_two_page_scan(tmp_path):
    lines = PLAN.split("\n")
    first, second = render("\n".join(lines[:13])), render("\n".join(lines[13:]), seed=8)
    path = tmp_path / "two.pdf"
    first.save(path, "PDF", resolution=DPI, save_all=True, append_images=[second])
    doc = load(path, ocr=True)
    assert doc.ocr and doc.kind == "pdf" and doc.text.count("\f") == 1
    from kg.extract.pipeline import extract_raw

    result = extract_raw(doc)
    assert result.document.pages == 2
    assert [t.page for t in result.tasks] == [1, 1, 1, 1, 2, 2]


@needs_ocr
@needs_font
def test_traditional_scan_is_read_with_the_traditional_model(tmp_path):
    import opencc

    text = opencc.OpenCC("s2t").convert(PLAN)
    path = tmp_path / "plan.png"
    render(text).save(path, dpi=(DPI, DPI))
    doc = load(path, ocr=True)
    assert "區司法局" in doc.text  # Traditional as printed, not Simplified guesses
    from kg.extract.pipeline import extract_raw

    read = extract_raw(doc)
    assert {u.text for t in read.tasks for u in t.lead} >= {"区司法局", "区委编办"}


def test_each_frame_of_a_tiff_is_a_page_and_pdf_pages_keep_their_scans_resolution(tmp_path):
    pytest.importorskip("PIL")
    pytest.importorskip("pypdfium2")
    from PIL import Image

    frames = [Image.new("L", (300, 400), 255), Image.new("L", (300, 400), 0)]
    path = tmp_path / "two.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(150, 150))
    pages = list(ocr._image_pages(path, path.read_bytes()))
    assert [(p.size, round(dpi)) for p, dpi in pages] == [((300, 400), 150), ((300, 400), 150)]
    assert pages[1][0].getpixel((0, 0)) == 0
    scan = tmp_path / "scan.pdf"
    Image.new("L", (827, 1169), 255).save(scan, "PDF", resolution=100)  # an A4 page scanned at 100 dpi
    assert [round(dpi) for _, dpi in ocr._pdf_pages(scan, scan.read_bytes())] == [100]
    from reportlab.pdfgen import canvas

    drawn = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(drawn))
    c.line(10, 10, 100, 100)  # no image on the page: the usual 300 dpi
    c.save()
    assert [round(dpi) for _, dpi in ocr._pdf_pages(drawn, drawn.read_bytes())] == [ocr.DPI]


def test_pages_under_200_dpi_are_enlarged_after_cleaning():
    pytest.importorskip("PIL")
    from PIL import Image

    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    assert ocr._at_least_200_dpi(page, 150.0).size == (2480, 3508)
    for dpi in (None, 200.0, 300.0, 10.0):  # unknown, enough, or nonsense: left alone
        assert ocr._at_least_200_dpi(page, dpi) is page


@needs_ocr
@needs_font
def test_a_150_dpi_scan(tmp_path, text_version, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "DPI", 150)
    path = tmp_path / "low.png"
    render(PLAN).save(path, dpi=(150, 150))
    code, out = run_extract(path, "--ocr", "-f", "json", "--no-outline")
    assert code == 0, out
    assert f1(assignments(json.loads(out)), assignments(text_version)) >= 0.9


@needs_ocr
def test_a_damaged_image_is_one_clear_error(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(CorruptFile) as err:
        load(path, ocr=True)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
