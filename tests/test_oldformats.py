"""Old office formats (.doc, .wps) read through LibreOffice (kg.ingest.convert).

The .doc fixture is made here: a .docx built with python-docx, converted by LibreOffice itself to
Word 97-2003.  Read back, it must give the same tasks and units as the .docx.  The tests that run
LibreOffice skip, saying why, where it is missing; CI installs it (.ci/run).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.errors import CorruptFile, FileUnreadable, MissingDependency
from kg.ingest import convert
from kg.ingest.load import iter_documents, load

PLAN = """\
临川区2023年法治政府建设工作要点
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
"""

SOFFICE = convert.soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: "
                                   f"{convert.DEBIAN_PACKAGE}); CI installs it")


def make_docx(path: Path, text: str = PLAN) -> Path:
    import docx

    document = docx.Document()
    for line in text.strip("\n").split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


def to_old_word(docx_path: Path, folder: Path) -> Path:
    """The .docx saved by LibreOffice as Word 97-2003."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(docx_path)],
                       check=True, capture_output=True, timeout=120)
    out = folder / (docx_path.stem + ".doc")
    assert out.read_bytes().startswith(convert.OLE_MAGIC)
    return out


def extracted(path: Path) -> dict:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["extract", str(path), "-f", "json", "--no-outline"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def tasks_and_units(result: dict) -> list[tuple]:
    return [(t["number"], t["title"], tuple((role, u["text"]) for role in ("lead", "responsible", "cooperating")
                                             for u in t[role])) for t in result["tasks"]]


@pytest.fixture(scope="module")
def word_files(tmp_path_factory):
    if SOFFICE is None:
        pytest.skip(f"LibreOffice is not installed (Debian: {convert.DEBIAN_PACKAGE})")
    folder = tmp_path_factory.mktemp("old")
    docx_path = make_docx(folder / "plan.docx")
    doc_path = to_old_word(docx_path, folder / "converted")
    return docx_path, doc_path


@needs_soffice
def test_doc_gives_the_same_tasks_and_units_as_the_docx(word_files, tmp_path):
    docx_path, doc_path = word_files
    expected = extracted(docx_path)
    assert len(expected["tasks"]) == 4
    got = extracted(doc_path)
    assert tasks_and_units(got) == tasks_and_units(expected)
    assert got["document"]["kind"] == "doc" and got["document"]["title"] == expected["document"]["title"]
    # the sha256 is of the .doc's own bytes, not of the converted copy
    import hashlib

    assert got["document"]["sha256"] == hashlib.sha256(doc_path.read_bytes()).hexdigest()


@needs_soffice
def test_wps_and_misnamed_files(word_files, tmp_path):
    docx_path, doc_path = word_files
    expected = load(docx_path).text
    # WPS Office saves Word-compatible files under .wps too; LibreOffice reads them by their content
    wps = tmp_path / "plan.wps"
    wps.write_bytes(doc_path.read_bytes())
    assert load(wps).text == expected and load(wps).kind == "wps"
    # an old Word file named .docx is converted, not refused
    old = tmp_path / "old.docx"
    old.write_bytes(doc_path.read_bytes())
    assert load(old).text == expected
    # a .docx named .doc is read as the .docx it is, without LibreOffice
    new = tmp_path / "new.doc"
    new.write_bytes(docx_path.read_bytes())
    assert load(new).text == expected


@needs_soffice
def test_damaged_doc_is_one_clear_error(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(convert.OLE_MAGIC + bytes(range(256)) * 12)
    with pytest.raises(CorruptFile) as err:
        load(path)
    message = str(err.value)
    assert str(path) in message and "\n" not in message


@needs_soffice
def test_conversions_in_parallel_do_not_clash_and_leave_nothing(word_files, tmp_path, monkeypatch):
    _, doc_path = word_files
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    copies = []
    for i in range(3):
        copy = tmp_path / f"plan{i}.doc"
        copy.write_bytes(doc_path.read_bytes())
        copies.append(copy)
    with ThreadPoolExecutor(3) as pool:
        texts = list(pool.map(lambda p: load(p).text, copies))
    assert len(set(texts)) == 1 and "区司法局" in texts[0]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("fazhi-kg-convert-")]


@needs_soffice
def test_conversion_that_takes_too_long_is_stopped(word_files, tmp_path, monkeypatch):
    _, doc_path = word_files
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("FAZHI_KG_CONVERT_TIMEOUT", "0.01")
    with pytest.raises(FileUnreadable) as err:
        load(doc_path)
    assert "FAZHI_KG_CONVERT_TIMEOUT" in str(err.value)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("fazhi-kg-convert-")]


def test_missing_libreoffice_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "soffice", lambda: None)
    path = tmp_path / "plan.doc"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 512)
    with pytest.raises(MissingDependency) as err:
        load(path)
    assert "apt-get install libreoffice-writer-nogui" in str(err.value) and "\n" not in str(err.value)
    # not a per-file problem: a folder's walk stops at it rather than skipping every old file
    with pytest.raises(MissingDependency):
        list(iter_documents(tmp_path))


def test_missing_libreoffice_exit_code(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app

    monkeypatch.setattr(convert, "soffice", lambda: None)
    path = tmp_path / "plan.wps"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 512)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == MissingDependency.exit_code
    assert "libreoffice-writer-nogui" in result.output


def test_timeout_setting():
    assert convert.timeout() == convert.DEFAULT_TIMEOUT
    for value, expected in (("30", 30.0), ("junk", convert.DEFAULT_TIMEOUT), ("-1", convert.DEFAULT_TIMEOUT)):
        os.environ["FAZHI_KG_CONVERT_TIMEOUT"] = value
        try:
            assert convert.timeout() == expected
        finally:
            del os.environ["FAZHI_KG_CONVERT_TIMEOUT"]
