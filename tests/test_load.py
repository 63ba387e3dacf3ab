"""kg.ingest.load: every fixture is built here, inside tmp_path."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import (
    BinaryContent,
    CorruptFile,
    DocumentTooLarge,
    EmptyDocument,
    FileMissing,
    FileUnreadable,
    InputError,
    MissingDependency,
    NoTextLayer,
    UnsupportedFormat,
)
from kg.ingest.load import iter_documents, load

SAMPLES = Path(__file__).parent.parent / "kg" / "samples"

PARAGRAPH = (
    "栖霞区2021年法治政府建设工作计划\n"
    "一、健全依法行政制度体系。严格落实《重大行政决策程序暂行条例》，全面推行行政规范性文件合法性审核机制，"
    "确保文件合法性审核率达到100%。\n"
    "（牵头单位：区司法局、区发改委，责任单位：区政府各有关部门、各街道）\n"
    "二、深化“放管服”改革，持续优化法治化营商环境，2021年底前实现政务服务事项“一网通办”。\n"
)
NOTE = "（牵头单位：区司法局、区发改委，责任单位：区政府各有关部门、各街道）"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def assert_error(exc: InputError, path: Path, *words: str) -> None:
    message = str(exc)
    assert "\n" not in message
    assert str(path) in message
    for word in words:
        assert word in message, (word, message)


# --- text files: encodings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        (PARAGRAPH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), "utf-16"),
        (PARAGRAPH.encode("utf-16-le"), "utf-16-le"),
        (PARAGRAPH.encode("utf-16-be"), "utf-16-be"),
        (PARAGRAPH.encode("gbk"), "gb18030"),
        (PARAGRAPH.encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "gbk", "gb18030"],
)
def test_text_encodings_yield_identical_text(tmp_path, data, encoding):
    path = write(tmp_path / "plan.txt", data)
    doc = load(path)
    assert doc.text == PARAGRAPH
    assert doc.encoding == encoding
    assert doc.kind == "txt"
    assert doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_short_gbk_line_is_not_mislabelled(tmp_path):
    # charset-normalizer alone tends to call a line this short big5 or cp1252
    doc = load(write(tmp_path / "note.md", NOTE.encode("gbk")))
    assert (doc.text, doc.encoding) == (NOTE, "gb18030")


def test_utf16_without_bom_or_ascii(tmp_path):
    # no NUL bytes at all: nothing but the last-resort detector can tell
    doc = load(write(tmp_path / "note.txt", NOTE.encode("utf-16-le")))
    assert doc.text == NOTE


def test_utf8_with_a_stray_byte_is_still_text(tmp_path):
    data = (PARAGRAPH * 10).encode("utf-8")
    doc = load(write(tmp_path / "copy.txt", data + b"\xff" + data))
    assert doc.encoding == "utf-8"
    assert doc.text == PARAGRAPH * 10 + "\ufffd" + PARAGRAPH * 10


def test_bundled_sample_as_gbk(tmp_path):
    original = (SAMPLES / "000_fbb961a89fe9d432.txt").read_text(encoding="utf-8")
    utf8 = load(write(tmp_path / "utf8.txt", original.encode("utf-8")))
    gbk = load(write(tmp_path / "gbk.txt", original.encode("gbk")))
    assert gbk.encoding == "gb18030"
    assert gbk.text == utf8.text == original
    excerpt = original[:600]
    assert load(write(tmp_path / "excerpt.txt", excerpt.encode("gbk"))).text == excerpt


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="法治政府建设工作计划牵头单位区司法局（），、。：；“”《》0123456789abcXYZ \n　", min_size=1),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_unambiguous_encodings_round_trip(text, encoding):
    if text.isspace():
        return
    with tempfile.TemporaryDirectory() as folder:
        assert load(write(Path(folder) / "t.txt", text.encode(encoding))).text == text


def test_large_file_loads_once_in_bounded_memory(tmp_path, monkeypatch):
    import builtins
    import tracemalloc

    line = PARAGRAPH.encode("utf-8")
    repeats = 100_000_000 // len(line)
    path = write(tmp_path / "big.txt", line * repeats)
    size = path.stat().st_size
    opened = []

    def spy(file, *args, **kwargs):
        opened.append(file)
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr("kg.ingest.load.open", spy, raising=False)
    monkeypatch.setenv("FAZHI_KG_MAX_MB", "200")  # above the default limit: the loader itself must cope
    tracemalloc.start()
    try:
        doc = load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert opened == [path]
    assert len(doc.text) == len(PARAGRAPH) * repeats
    # the bytes plus CPython's UTF-8 decoder (it widens its buffer once it meets CJK)
    assert peak < 5 * size


# --- text files: errors --------------------------------------------------------------------


def test_binary_named_txt(tmp_path):
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(BinaryContent) as err:
        load(path)
    assert_error(err.value, path, "binary")


def test_binary_without_nul_bytes(tmp_path):
    noise = bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 40
    path = write(tmp_path / "noise.txt", noise)
    with pytest.raises(BinaryContent) as err:
        load(path)
    assert_error(err.value, path, "binary")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", codecs.BOM_UTF8, "　\n".encode("gbk")])
def test_empty_and_whitespace_only(tmp_path, data):
    path = write(tmp_path / "blank.txt", data)
    with pytest.raises(EmptyDocument) as err:
        load(path)
    assert_error(err.value, path)
    assert "empty" in str(err.value) or "whitespace" in str(err.value)


def test_missing_path(tmp_path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(FileMissing) as err:
        load(path)
    assert_error(err.value, path, "no such file")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", PARAGRAPH.encode("utf-8"))
    path.chmod(0)
    try:
        with pytest.raises(FileUnreadable) as err:
            load(path)
        assert_error(err.value, path, "permission denied")
    finally:
        path.chmod(0o644)


def test_directory_where_a_file_is_expected(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(FileUnreadable) as err:
        load(path)
    assert_error(err.value, path, "directory")


def test_unsupported_suffix(tmp_path):
    path = write(tmp_path / "plan.ppt", b"whatever")  # .doc and .wps are read through LibreOffice
    with pytest.raises(UnsupportedFormat) as err:
        load(path)
    assert_error(err.value, path, "unsupported", "'.ppt'", ".docx")


def test_a_few_nul_bytes_do_not_make_a_plan_binary(tmp_path):
    original = (SAMPLES / "000_fbb961a89fe9d432.txt").read_bytes()  # a 24 KB plan
    data = original[:5000] + b"\x00" + original[5000:9000] + b"\x00\x00" + original[9000:]
    doc = load(write(tmp_path / "plan.txt", data))
    assert doc.text == original.decode("utf-8")  # the NULs are dropped, nothing else changes
    assert doc.encoding == "utf-8" and doc.sha256 == hashlib.sha256(data).hexdigest()
    gbk = load(write(tmp_path / "gbk.txt", b"\x00" + original.decode("utf-8").encode("gbk")))
    assert gbk.encoding == "gb18030" and gbk.text == original.decode("utf-8")


def test_nul_bytes_throughout_are_still_binary(tmp_path):
    data = (PARAGRAPH.encode("utf-8") + b"\x00" * 20) * 50  # about 7% NULs, not UTF-16
    path = write(tmp_path / "dump.txt", data)
    with pytest.raises(BinaryContent) as err:
        load(path)
    assert_error(err.value, path, "binary", "NUL bytes")


# --- what is not a file: pipes and devices (issue 15) ------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    # run in a child with a timeout: a loader that opens the pipe blocks until a writer comes
    code = "import sys; from kg.ingest.load import load; load(sys.argv[1])"
    proc = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=30,
                          cwd=Path(__file__).parent.parent)
    assert "FileUnreadable" in proc.stderr and "not a regular file but a named pipe" in proc.stderr, proc.stderr
    results = dict(iter_documents(tmp_path))  # in a folder, it is listed with its reason
    assert isinstance(results[fifo], FileUnreadable) and results[fifo].exit_code == 4


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_link_to_a_device_is_refused(tmp_path):
    link = tmp_path / "plan.txt"
    link.symlink_to("/dev/null")  # /dev/zero would be read forever by a loader that only checks the size
    with pytest.raises(FileUnreadable) as err:
        load(link)
    assert_error(err.value, link, "not a regular file but a character device")


# --- HTML ------------------------------------------------------------------------------------

BODY_1 = "根据《江苏省2021年法治政府建设工作计划》和区委、区政府决策部署，结合全区工作实际，现就2021年全区法治政府建设工作作出如下安排。"
BODY_2 = "严格落实重大行政决策程序，全面推行行政规范性文件合法性审核机制，确保文件合法性审核率达到100%。" + NOTE
DEBRIS = ["trackingDebris", "debris-style", "网站首页", "政务公开栏目", "首页导航", "相关链接导航", "版权所有", "苏ICP备"]


def page(charset: str, article: str = "") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>栖霞区人民政府</title>
<script>var trackingDebris = 1;</script><style>.debris-style {{ color: red }}</style></head>
<body>
<header><div class="logo">网站首页</div><div>政务公开栏目 | 机构概况 | 互动交流</div></header>
<nav><ul><li><a href="/">首页导航</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hd">互动交流</a></li></ul></nav>
{article}
<div class="links"><ul><li><a href="/a">相关链接导航</a></li><li><a href="/b">南京市人民政府</a></li></ul></div>
<footer><p>版权所有：南京市栖霞区人民政府</p><p>苏ICP备05004567号</p><script>trackingDebris++;</script></footer>
</body></html>"""


ARTICLE = f"""<article><h1>栖霞区2021年法治政府建设工作计划</h1>
<p>{BODY_1}</p>
<p>{BODY_2}</p>
<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr><tr><td>1</td><td>健全依法决策机制</td><td>区司法局</td></tr></table>
</article>"""


def check_article(text: str) -> None:
    for debris in DEBRIS:
        assert debris not in text
    assert BODY_1 in text and BODY_2 in text
    assert text.index(BODY_1) < text.index(BODY_2)
    assert f"{BODY_1}\n{BODY_2}" in text  # paragraph break kept as one newline
    assert "序号 | 工作任务 | 牵头单位" in text


def test_html_main_text_without_debris(tmp_path):
    path = write(tmp_path / "page.html", page("utf-8", ARTICLE).encode("utf-8"))
    doc = load(path)
    assert doc.kind == "html" and doc.encoding == "utf-8"
    check_article(doc.text)


def test_html_gbk_meta_charset(tmp_path):
    data = page("gbk", ARTICLE).encode("gbk")
    doc = load(write(tmp_path / "page.htm", data))
    assert doc.encoding == "gb18030"
    check_article(doc.text)


def test_html_fallback_without_trafilatura(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    path = write(tmp_path / "page.html", page("gb2312", ARTICLE).encode("gbk"))
    with pytest.warns(RuntimeWarning, match="pip install trafilatura"):
        doc = load(path)
    check_article(doc.text)


def test_html_all_navigation_is_empty(tmp_path):
    path = write(tmp_path / "index.html", page("utf-8").encode("utf-8"))
    with pytest.raises(EmptyDocument) as err:
        load(path)
    assert_error(err.value, path, "no main text", "navigation")


# --- docx ------------------------------------------------------------------------------------

TASK_ROWS = [
    ("序号", "工作任务", "牵头单位", "责任单位", "完成时限"),
    ("1", "健全依法决策机制", "区司法局", "区政府各有关部门", "2021年12月底前"),
    ("2", "推进严格规范公正文明执法", "区司法局、区发改委", "各街道", "长期坚持"),
]


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("栖霞区2021年法治政府建设工作计划", level=1)
    document.add_paragraph(BODY_1)
    table = document.add_table(rows=len(TASK_ROWS), cols=len(TASK_ROWS[0]))
    for row, values in zip(table.rows, TASK_ROWS):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph(NOTE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_reading_order_and_table_rows(tmp_path):
    doc = load(write(tmp_path / "plan.docx", make_docx()))
    assert doc.kind == "docx" and doc.encoding is None
    assert doc.text.split("\n") == [
        "栖霞区2021年法治政府建设工作计划",
        BODY_1,
        "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限",
        "1 | 健全依法决策机制 | 区司法局 | 区政府各有关部门 | 2021年12月底前",
        "2 | 推进严格规范公正文明执法 | 区司法局、区发改委 | 各街道 | 长期坚持",
        NOTE,
    ]


def test_truncated_docx(tmp_path):
    data = make_docx()
    path = write(tmp_path / "plan.docx", data[: len(data) // 2])
    with pytest.raises(CorruptFile) as err:
        load(path)
    assert_error(err.value, path, "docx", "truncated")


def test_docx_without_python_docx(tmp_path, monkeypatch):
    path = write(tmp_path / "plan.docx", make_docx())
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependency) as err:
        load(path)
    assert "pip install python-docx" in str(err.value)


# --- archives that unpack past the limit (issue 15) --------------------------------------------


def _with_member(data: bytes, name: str, write_member) -> bytes:
    """A copy of the .docx ``data`` whose member ``name`` is written by ``write_member(handle)``,
    streamed, so a test never holds the unpacked member in memory."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        with target.open(name, "w", force_zip64=True) as handle:
            write_member(handle)
    return out.getvalue()


def test_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    import tracemalloc
    import zipfile

    original = make_docx()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        xml = archive.read("word/document.xml")
    cut = xml.index(b"<w:body>") + len(b"<w:body>")

    def padded(handle):  # a valid document.xml with 60 MB of spaces inside its body
        handle.write(xml[:cut])
        block = b" " * 2**20
        for _ in range(60):
            handle.write(block)
        handle.write(xml[cut:])

    path = write(tmp_path / "bomb.docx", _with_member(original, "word/document.xml", padded))
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(DocumentTooLarge) as err:
            load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_error(err.value, path, "word/document.xml", "unpacks to 60.0 MB", "zip bomb")
    assert err.value.exit_code == 13
    assert peak < 8 * 2**20  # the archive's directory is read, not its 60 MB


def test_docx_unpacking_past_the_size_limit(tmp_path, monkeypatch):
    # a blank bitmap packs tightly and legitimately; what counts is the size unpacked
    data = _with_member(make_docx(), "word/media/image1.bmp", lambda h: h.write(bytes(3 * 2**20)))
    path = write(tmp_path / "plan.docx", data)
    assert load(path).kind == "docx"  # within the default limit, it is read
    monkeypatch.setenv("FAZHI_KG_MAX_MB", "1")
    assert path.stat().st_size < 2**20
    with pytest.raises(DocumentTooLarge) as err:
        load(path)
    assert_error(err.value, path, "too large unpacked", "word/media/image1.bmp alone 3.0 MB", "FAZHI_KG_MAX_MB")


# --- PDF -------------------------------------------------------------------------------------

PDF_LINES = [["栖霞区2021年法治政府建设工作计划", NOTE], ["二、深化放管服改革，持续优化法治化营商环境。"]]


def make_pdf(pages: list[list[str]] | None = None, *, rectangle: bool = False) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for lines in pages or []:
        pdf.setFont("STSong-Light", 11)
        for number, line in enumerate(lines):
            pdf.drawString(60, 760 - 20 * number, line)
        pdf.showPage()
    if rectangle:
        pdf.rect(100, 100, 300, 400, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_pdf_text_layer(tmp_path):
    doc = load(write(tmp_path / "plan.pdf", make_pdf(PDF_LINES)))
    assert doc.kind == "pdf" and doc.encoding is None
    first, second = doc.text.split("\n\n")
    assert squeeze(first) == squeeze("".join(PDF_LINES[0]))
    assert squeeze(second) == squeeze(PDF_LINES[1][0])


def test_pdf_without_text_layer(tmp_path):
    path = write(tmp_path / "scan.pdf", make_pdf(rectangle=True))
    with pytest.raises(NoTextLayer) as err:
        load(path)
    assert_error(err.value, path, "no text layer", "OCR")


def test_truncated_pdf(tmp_path):
    data = make_pdf(PDF_LINES)
    path = write(tmp_path / "plan.pdf", data[: len(data) // 2])
    with pytest.raises(CorruptFile) as err:
        load(path)
    assert_error(err.value, path, "truncated PDF")


def test_pdf_without_pypdf(tmp_path, monkeypatch):
    path = write(tmp_path / "plan.pdf", make_pdf(PDF_LINES))
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(MissingDependency) as err:
        load(path)
    assert "pip install pypdf" in str(err.value)


# --- directories -----------------------------------------------------------------------------


def test_iter_documents_directory(tmp_path):
    root = tmp_path / "corpus"
    write(root / "b_plan.txt", PARAGRAPH.encode("gbk"))
    write(root / "a_scan.pdf", make_pdf(rectangle=True))
    write(root / "c_broken.docx", make_docx()[:500])
    write(root / "d_empty.md", b"")
    write(root / "sub" / "e_plan.docx", make_docx())
    write(root / "sub" / "f_index.html", page("utf-8").encode("utf-8"))
    write(root / "sub" / "g_page.htm", page("utf-8", ARTICLE).encode("utf-8"))
    write(root / ".hidden.txt", b"hidden")
    write(root / "~$lock.docx", b"lock")
    write(root / "notes.pptx", b"skipped")
    write(root / "README.md", PARAGRAPH.encode("utf-8"))  # describes the folder, is not a document
    write(root / "sub" / "LICENSE.txt", b"public domain")
    write(root / "z_binary.txt", bytes(range(256)))

    results = list(iter_documents(root))
    names = [p.relative_to(root).as_posix() for p, _ in results]
    assert names == [
        "a_scan.pdf", "b_plan.txt", "c_broken.docx", "d_empty.md",
        "sub/e_plan.docx", "sub/f_index.html", "sub/g_page.htm", "z_binary.txt",
    ]  # fmt: skip
    outcome = {name: result for name, (_, result) in zip(names, results)}
    expected_errors = {
        "a_scan.pdf": NoTextLayer,
        "c_broken.docx": CorruptFile,
        "d_empty.md": EmptyDocument,
        "sub/f_index.html": EmptyDocument,
        "z_binary.txt": BinaryContent,
    }
    for name, result in outcome.items():
        if name in expected_errors:
            assert type(result) is expected_errors[name], (name, result)
            assert str(root / name) in str(result)
        else:
            assert result.path == str(root / name)
    assert outcome["b_plan.txt"].text == PARAGRAPH
    assert outcome["sub/e_plan.docx"].kind == "docx"
    assert list(iter_documents(root)) != [] and [p for p, _ in iter_documents(root)] == [p for p, _ in results]


def test_iter_documents_explicit_paths(tmp_path):
    good = write(tmp_path / "plan.txt", PARAGRAPH.encode("utf-8"))
    odd = write(tmp_path / "plan.ppt", b"old slides")
    missing = tmp_path / "gone.pdf"
    results = dict(iter_documents([good, odd, missing]))
    assert results[good].text == PARAGRAPH
    assert isinstance(results[odd], UnsupportedFormat)
    assert isinstance(results[missing], FileMissing)
    assert [p for p, _ in iter_documents(str(good))] == [good]  # a lone path is not iterated as characters


def test_a_readme_named_explicitly_is_read(tmp_path):
    readme = write(tmp_path / "README.md", PARAGRAPH.encode("utf-8"))
    assert [type(r).__name__ for _, r in iter_documents(readme)] == ["RawDocument"]
    assert [p for p, _ in iter_documents(tmp_path)] == []


def test_bundled_sample_folder_holds_exactly_the_five_seeds():
    from kg.resources import samples_dir

    assert [p.name[:3] for p, _ in iter_documents(samples_dir())] == ["000", "001", "002", "003", "004"]


def test_import_is_cheap():
    code = "import sys, kg.ingest.load; print([m for m in ('docx', 'pypdf', 'trafilatura', 'charset_normalizer', 'lxml', 'reportlab', 'pdfplumber', 'openpyxl', 'xlrd') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "[]"
