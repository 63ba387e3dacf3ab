"""Hostile input (issue 15): owner notes, lists and numbers put together at random, files that are
not files, and files the user may not read.  Nothing but the project's own errors may escape, and
every unit's ``text`` is the normalized text at its span.

The fuzz runs a few hundred examples per test so CI stays fast; for a long run,
``HYPOTHESIS_PROFILE=long python -m pytest tests/test_hostile_input.py`` runs thousands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import FazhiError
from kg.extract.pipeline import extract_path, extract_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
CLI = [sys.executable, str(ROOT / "cli.py")]

settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci") if os.environ.get("HYPOTHESIS_PROFILE") in
                            ("ci", "long") else "ci")

# --- strategies: the pieces notes, lists and numbers are made of ------------------------------

OPENERS = ["（牵头单位：", "(牵头单位:", "〔牵头单位:", "牵头单位:", "（责任单位：", "（", "(", "〔", "【", "﹙"]
LABELS = ["；责任单位：", ";配合单位:", "，责任单位：", "协办单位:", "责任领导:", "完成时限:", "分工:", "牵头单位", "单位:", ":", "："]
UNITS = ["区司法局", "区发改委", "市公安局", "各街道", "区政府各有关部门", "区委组织部", "区 AI 中心", "區司法局", "各市、县(区)人民政府",
         "州行政審批服務局", "区人力资源和社会保障局", "省委编办", "X", "单位", "局", "委"]
JOINERS = ["、", "，", ",", "和", "及", "与", "；", ";", "等", "等部门", " ", "　", "\n", "\n\n"]
VERBS = ["牵头", "负责", "配合", "按职责分工负责", "分别牵头落实", "会同"]
CLOSERS = ["）", ")", "〕", "】", "﹚", "。", ""]
NUMBERS = ["不低于", "不少于", "达到", "以上", "%", "％", "个百分点", "件", "万元", "亿", "2021年", "年底前", "12月底前", "第"]
OUTLINE = ["一是", "二是", "十一是", "一、", "(一)", "（十四）", "1.", "2、", "(3)", "999.", "1000.", "1001、", "第三条", "\n"]
CN_NUMERALS = st.text(alphabet="零一二三四五六七八九十百千万两〇", min_size=1, max_size=5)
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=8)
DECIMALS = st.builds(lambda a, b: f"{a}.{b}", DIGITS, DIGITS)
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6)
ODD = st.sampled_from(["\u200b", "\x00", "\ufeff", "‹", "›", "__", "**", "#", "- ", "|", "\u3000", "\t", "\r\n", "(jīng)"])

PIECE = st.one_of(
    st.sampled_from(OPENERS), st.sampled_from(LABELS), st.sampled_from(UNITS), st.sampled_from(JOINERS),
    st.sampled_from(VERBS), st.sampled_from(CLOSERS), st.sampled_from(NUMBERS), st.sampled_from(OUTLINE),
    CN_NUMERALS, DIGITS, DECIMALS, CJK, ODD, st.text(max_size=4),
)
# a note: an opener, then labels, units and joiners in any order, perhaps closed
NOTE = st.builds(lambda o, body, c: o + "".join(body) + c, st.sampled_from(OPENERS),
                 st.lists(PIECE, max_size=25), st.sampled_from(CLOSERS))
HEADS = ["", "某某区2022年法治政府建设工作计划\n一、重点工作\n", "某某区2022年法治政府建设工作计划\n一、重点工作\n1.推进依法行政。",
         "某某区2022年法治政府建设情况报告\n一、主要工作\n(一)推进依法行政。"]
DOCUMENT = st.builds(lambda head, parts: head + "".join(parts), st.sampled_from(HEADS),
                     st.lists(st.one_of(NOTE, PIECE), max_size=30))


def check(result) -> None:
    """What every extraction promises, whatever its input."""
    for task in result.tasks:
        assert 0 <= task.start <= task.end <= len(result.text)
        for unit in task.lead + task.responsible + task.cooperating:
            assert unit.text == result.text[unit.start: unit.end], (unit.text, unit.start, unit.end)
            assert unit.shown == result.written(unit.start, unit.end)
            assert unit.name and unit.id
    for unit in result.actors:
        assert unit.text == result.text[unit.start: unit.end]
    for note in result.unparsed_notes:
        assert 0 <= note.start <= note.end <= len(result.text)


@FUZZ
@given(DOCUMENT)
def test_hostile_notes_lists_and_numbers(text):
    try:
        result = extract_text(text)
    except FazhiError:
        return
    check(result)


@FUZZ
@given(st.lists(NOTE, min_size=1, max_size=8).map("\n".join))
def test_hostile_notes_under_one_task(notes):
    try:
        result = extract_text(HEADS[2] + notes)
    except FazhiError:
        return
    check(result)


@settings(FUZZ, max_examples=max(FUZZ.max_examples // 3, 50))
@given(DOCUMENT, st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le"]), st.sampled_from([".txt", ".md"]))
def test_hostile_files(text, encoding, suffix):
    """The same through the loader: bytes in several encodings, NULs and all."""
    data = text.encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plan{suffix}"
        path.write_bytes(data)
        try:
            result = extract_path(path)
        except FazhiError:
            return
    check(result)


def test_the_example_the_issue_names():
    check(extract_text("(0)牵头单位:‹ 一"))
    result = extract_text(HEADS[2] + "(牵头单位:区 AI 中心、區司法局)")
    [task] = result.tasks
    assert [(u.text, u.shown) for u in task.lead] == [("区 AI 中心", "区AI中心"), ("区司法局", "區司法局")]
    check(result)


# --- files that are not files, and files one may not read, on the command line ------------------


def cli(*args, prefix=(), timeout=60):
    return subprocess.run([*prefix, *CLI, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_on_the_command_line(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLES / "000_fbb961a89fe9d432.txt", good)
    proc = cli("extract", fifo, timeout=30)  # before: blocked until a writer came
    assert proc.returncode == 4, proc.stderr
    assert proc.stderr.strip() == f"fazhi-kg: error: {fifo}: not a regular file but a named pipe (FIFO): only files are read"
    proc = cli("build", good, fifo, "--store", tmp_path / "store", timeout=120)
    assert proc.returncode == 15, proc.stderr
    assert proc.stdout.startswith("1 documents, ")
    assert f"skipped {fifo}: not a regular file but a named pipe (FIFO)" in proc.stderr
    proc = cli("build", tmp_path, "--store", tmp_path / "store2", timeout=120)  # found in a folder: the same
    assert proc.returncode == 15 and f"skipped {fifo}: not a regular file" in proc.stderr


def _without_read_permission() -> tuple[str, ...] | None:
    """How to run the CLI so that a mode-000 file really cannot be read, or None.

    As a user other than root, chmod is enough.  Root reads anything, so there the CLI runs
    under setpriv without the two capabilities that override file permissions: the kernel then
    refuses the read exactly as it would for any user.  Without setpriv the test is skipped."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_text("x", encoding="utf-8")
        probe.chmod(0)
        tried = subprocess.run([*prefix, "cat", str(probe)], capture_output=True)
    return prefix if tried.returncode != 0 and b"Permission denied" in tried.stderr else None


def test_a_file_without_read_permission_on_the_command_line(tmp_path):
    prefix = _without_read_permission()
    if prefix is None:
        pytest.skip("running as root without setpriv: a mode-000 file is readable here")
    secret = tmp_path / "unreadable.txt"
    shutil.copy(SAMPLES / "000_fbb961a89fe9d432.txt", secret)
    secret.chmod(0)
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLES / "000_fbb961a89fe9d432.txt", good)
    store = tmp_path / "store"
    try:
        proc = cli("extract", secret, prefix=prefix)  # before: Click's usage text, exit 2
        assert proc.returncode == 4, proc.stderr
        assert proc.stderr.strip() == f"fazhi-kg: error: {secret}: permission denied: cannot read it"
        proc = cli("build", good, secret, "--store", store, prefix=prefix, timeout=120)  # before: built nothing
        assert proc.returncode == 15, proc.stderr
        assert proc.stdout.startswith("1 documents, ")
        assert f"skipped {secret}: permission denied: cannot read it" in proc.stderr
    finally:
        secret.chmod(0o644)


@pytest.mark.parametrize("command", ["align", "diff"])
def test_an_unreadable_plan_given_to_align_or_diff(tmp_path, command):
    prefix = _without_read_permission()
    if prefix is None:
        pytest.skip("running as root without setpriv: a mode-000 file is readable here")
    secret = tmp_path / "unreadable.txt"
    shutil.copy(SAMPLES / "000_fbb961a89fe9d432.txt", secret)
    secret.chmod(0)
    try:
        proc = cli(command, secret, SAMPLES / "003_06ec0521e48adf05.txt", "--no-write", prefix=prefix) \
            if command == "align" else cli(command, secret, SAMPLES / "001_244a23676422eee3.txt", prefix=prefix)
        assert proc.returncode == 4, proc.stderr
        assert proc.stderr.strip() == f"fazhi-kg: error: {secret}: permission denied: cannot read it"
    finally:
        secret.chmod(0o644)
