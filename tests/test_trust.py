"""The command line keeps its promises (issue 12): one test per promise.

Files get the user's umask; ``--store memory`` is refused where nothing can be in it; named-query
parameters are checked; W3C TSV keeps datatypes; CSV/TSV/xlsx are what other tools expect; the
output file name decides the format or is an error; ``--document`` means the same everywhere;
``serve`` checks its port and guards its store; a bad FAZHI_KG_LOCK_WAIT is a usage error; exit
codes are distinct; ``align`` keys its rows by path.
"""

import csv
import io
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
QIXIA = SAMPLES / "000_fbb961a89fe9d432.txt"
QIXIA_TITLE = "栖霞区2021年法治政府建设工作计划"
runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def one_line_error(result, code: int) -> str:
    """The error's line, after checking it is one line, with this exit code and no traceback."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a bug's traceback
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fazhi-kg: error: "), result.output
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def cli(*args, env=None, **kwargs):
    """``python cli.py …`` in its own process."""
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=60, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- fixtures: one store of the samples, one of look-alike documents, one demo run ---------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("trust") / "store"
    result = run("build", SAMPLES, "--store", path)
    assert result.exit_code == 0, result.output
    assert "5 documents, 98 tasks" in result.output
    return path


FORMULA_PLAN = """栖霞区2022年法治政府建设工作计划

为推进法治政府建设,现制定如下计划。

一、重点工作

1. =HYPERLINK("http://example.org")加强行政复议工作,提升案件审理质量。(牵头单位:区司法局)

2. -1+2推进行政执法规范化建设,落实行政执法三项制度。(牵头单位:区司法局)

3. @SUM(A1)深化行政审批制度改革,优化政务服务。(牵头单位:区行政审批局)

4. +3 加强市场监管执法,健全信用监管机制。(牵头单位:区市场监管局)
"""


@pytest.fixture(scope="module")
def extra(tmp_path_factory):
    """A store holding two copies of the 栖霞区 plan under different file names (the second with
    another 文号, so that they are two documents with one title) and a plan whose task titles
    start like spreadsheet formulas."""
    base = tmp_path_factory.mktemp("extra")
    docs = base / "docs"
    docs.mkdir()
    text = QIXIA.read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text(text.replace("宁栖依法〔2021〕1号", "宁栖依法〔2021〕9号"), encoding="utf-8")
    (docs / "f.txt").write_text(FORMULA_PLAN, encoding="utf-8")
    result = run("build", docs, "--store", base / "store")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 documents"), result.output
    return base / "store"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """``demo --store memory -o DIR`` under umask 022, into a folder where one of its files
    already exists with mode 0640."""
    out = tmp_path_factory.mktemp("demo") / "exports"
    out.mkdir()
    kept = out / "summary.csv"
    kept.write_text("old\n", encoding="utf-8")
    os.chmod(kept, 0o640)
    old = os.umask(0o022)
    try:
        result = run("demo", "--store", "memory", "-o", out)
    finally:
        os.umask(old)
    return out, result


HIGHER_PLAN = """南京市2021年法治政府建设工作要点

为深入推进法治政府建设,现提出如下工作要点。

一、依法全面履行政府职能

1. 深化行政审批制度改革,推进证明事项告知承诺制,优化政务服务流程。(牵头单位:市政务办)

2. 加强市场监管执法,实现双随机抽查全覆盖,健全信用监管机制。(牵头单位:市市场监管局)

二、推进严格规范公正文明执法

1. 深化行政复议体制改革,提升行政复议案件审理质量,降低败诉率。(牵头单位:市司法局)

2. 加强安全生产执法检查,开展危险化学品专项整治行动。(牵头单位:市应急管理局)
"""

LOWER_PLAN = """栖霞区2021年法治政府建设工作计划

为贯彻落实市工作要点,现制定如下计划。

一、依法全面履行政府职能

1. 行政审批制度改革:落实证明事项告知承诺制,优化政务服务流程。(牵头单位:区行政审批局)

2. 市场监管双随机抽查全覆盖,健全信用监管机制。(牵头单位:区市场监管局)

二、推进严格规范公正文明执法

1. 行政复议案件审理质量提升,深化行政复议体制改革,降低败诉率。(牵头单位:区司法局)

2. 安全生产执法检查,开展危险化学品专项整治行动。(牵头单位:区应急管理局)
"""

# the word that ties each higher item to the lower item that implements it
KEYWORDS = ("行政审批", "市场监管", "行政复议", "安全生产")


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """Two small plans whose numbering starts again in each part (一、1. 2. 二、1. 2.)."""
    base = tmp_path_factory.mktemp("plans")
    (base / "lower.txt").write_text(LOWER_PLAN, encoding="utf-8")
    (base / "higher.txt").write_text(HIGHER_PLAN, encoding="utf-8")
    return base / "lower.txt", base / "higher.txt"


# --- 1. file modes --------------------------------------------------------------------------------


def test_1_written_files_get_the_umask_and_keep_their_mode(store, tmp_path, demo_run):
    writes = [
        (["export", "-o", tmp_path / "g.ttl"], ["g.ttl"]),
        (["matrix", "-o", tmp_path / "x.xlsx"], ["x.xlsx"]),
        (["matrix", "-o", tmp_path / "x.csv"], ["x.csv"]),
        (["viz", "-o", tmp_path / "page.html"], ["page.html", "page.svg"]),
    ]
    old = os.umask(0o022)
    try:
        for args, _ in writes:
            result = run(*args, "--store", store)
            assert result.exit_code == 0, result.output
        for _, names in writes:
            for name in names:
                assert mode(tmp_path / name) == 0o644, f"{name}: {oct(mode(tmp_path / name))}"
                os.chmod(tmp_path / name, 0o640)
        for args, _ in writes:
            assert run(*args, "--store", store).exit_code == 0
        for _, names in writes:
            for name in names:
                assert mode(tmp_path / name) == 0o640, f"{name} lost its mode: {oct(mode(tmp_path / name))}"
    finally:
        os.umask(old)

    out, result = demo_run
    assert result.exit_code == 0, result.output
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) > 20
    assert mode(out / "summary.csv") == 0o640, "an existing file keeps its mode"
    assert (out / "summary.csv").read_text(encoding="utf-8") != "old\n"
    wrong = {str(p.relative_to(out)): oct(mode(p)) for p in written if p.name != "summary.csv" and mode(p) != 0o644}
    assert not wrong, wrong


# --- 2. --store memory ----------------------------------------------------------------------------


def test_2_memory_store_is_refused_where_nothing_can_be_in_it(tmp_path, demo_run):
    commands = {
        "validate": [], "export": [], "query": ["--name", "documents"], "matrix": [], "analyze": [],
        "viz": ["-o", tmp_path / "page.html"], "track": [], "build": [QIXIA],
    }
    for command, args in commands.items():
        result = run(command, *args, "--store", "memory")
        line = one_line_error(result, 2)
        assert "--store memory" in line and f"`{command}`" in line, line
    assert not (tmp_path / "page.html").exists()

    out, result = demo_run
    assert result.exit_code == 0, result.output
    assert "into memory" in result.output
    for name in ("fazhi-kg.ttl", "matrix.csv", "matrix.xlsx", "graph.html", "workload.svg", "tracking.csv"):
        assert (out / name).stat().st_size > 0, name


# --- 3. named-query parameters --------------------------------------------------------------------


def test_3_named_query_parameters_are_checked(store):
    misspelt = one_line_error(run("query", "--name", "unit-workload", "--param", "units=区司法局", "--store", store), 2)
    assert "units" in misspelt and "takes none" in misspelt, misspelt
    misspelt = one_line_error(run("query", "--name", "unit-tasks", "--param", "units=区司法局", "--store", store), 2)
    assert "units" in misspelt and "takes unit" in misspelt, misspelt
    one_line_error(run("query", "--name", "unit-workload", "--param", "x=1", "--store", store), 2)

    nothing = run("query", "--name", "unit-tasks", "--param", "unit=不存在的单位", "--store", store)
    line = one_line_error(nothing, 24)
    assert "不存在的单位" in line and "(0 rows)" not in nothing.output

    answers = {}
    for value in ("南京市栖霞区", "栖霞区", "320113"):
        result = run("query", "--name", "jurisdiction-units", "--param", f"jurisdiction={value}", "--format", "csv",
                     "--store", store)
        assert result.exit_code == 0, result.output
        answers[value] = result.stdout
    assert len(answers["栖霞区"].strip().splitlines()) > 10
    assert answers["南京市栖霞区"] == answers["栖霞区"] == answers["320113"]


# --- 4. W3C TSV keeps datatypes -------------------------------------------------------------------

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_4_query_tsv_keeps_datatypes(store):
    from rdflib.plugins.sparql.results.tsvresults import TSVResultParser

    sparql = (f"PREFIX xsd: <{XSD}> SELECT ?a ?b ?c WHERE "
              '{ VALUES (?a ?b ?c) { ("30"^^xsd:decimal "30.5"^^xsd:decimal 30) } }')
    result = run("query", sparql, "--format", "tsv", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["?a\t?b\t?c", f'"30"^^<{XSD}decimal>\t30.5\t30']
    row = {str(k): v for k, v in TSVResultParser().parse(io.StringIO(result.stdout)).bindings[0].items()}
    assert str(row["a"].datatype) == XSD + "decimal" and row["a"].toPython() == Decimal("30")
    assert str(row["b"].datatype) == XSD + "decimal" and row["b"].toPython() == Decimal("30.5")
    assert str(row["c"].datatype) == XSD + "integer" and row["c"].toPython() == 30


# --- 5. CSV, TSV and xlsx for other tools ---------------------------------------------------------


def test_5_tsv_csv_and_xlsx_are_what_other_tools_expect(store, extra, plans, tmp_path):
    import openpyxl

    from kg.render.output import Output, render

    lower, higher = plans
    for args in (["track", "--today", "2026-01-01", "--store", store], ["align", lower, higher, "--no-write"]):
        tsv = run(*args, "--format", "tsv")
        assert tsv.exit_code == 0, tsv.output
        lines = tsv.stdout.rstrip("\n").split("\n")
        head = lines[0].split("\t")
        assert len(lines) > 2 and len(head) >= 5 and "," not in lines[0], lines[0]
        assert all(line.count("\t") == len(head) - 1 for line in lines), args[0]
        got = run(*args, "--format", "csv")
        assert got.exit_code == 0, got.output
        assert got.stdout.startswith("\ufeff"), "UTF-8 with a byte-order mark"
        rows = list(csv.reader(io.StringIO(got.stdout[1:])))
        assert rows[0] == head and len(rows) == len(lines)
        assert all(len(r) == len(head) for r in rows)

    cells = ["=1+2", "+cmd", "-2", "@SUM(A1)", "普通 plain"]
    out = Output(["a", "b", "c", "d", "e"], [cells], title="t")
    body = render(out, "csv")
    assert body.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(body[1:])))[1] == ["'=1+2", "'+cmd", "'-2", "'@SUM(A1)", "普通 plain"]
    ws = openpyxl.load_workbook(io.BytesIO(render(out, "xlsx"))).worksheets[0]
    assert [(c.value, c.data_type) for c in ws[2]] == [(v, "s") for v in cells]

    matrix_csv = run("matrix", "--format", "csv", "--store", extra).stdout
    assert "'=HYPERLINK(" in matrix_csv and "'-1+2" in matrix_csv and "'@SUM(A1)" in matrix_csv
    path = tmp_path / "m.xlsx"
    assert run("matrix", "-o", path, "--store", extra).exit_code == 0
    wb = openpyxl.load_workbook(path)
    tasks = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"}
    starts = {v[:1] for v in tasks}
    assert starts == {"=", "-", "@", "+"}, tasks
    assert set(tasks.values()) == {"s"}, "a formula-like cell is stored as a string"
    assert not any(v.startswith("'") for ws in wb.worksheets for row in ws.iter_rows() for c in row
                   for v in [c.value] if isinstance(v, str))


# --- 6. the output file name ----------------------------------------------------------------------


def test_6_the_output_file_name_decides_or_is_an_error(store, tmp_path):
    import openpyxl

    assert run("matrix", "-o", tmp_path / "m.csv", "--store", store).exit_code == 0
    data = (tmp_path / "m.csv").read_bytes()
    assert data.startswith("\ufeff".encode("utf-8")) and not data.startswith(b"PK")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + 98

    assert run("matrix", "-o", tmp_path / "m.xlsx", "--store", store).exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    assert wb.worksheets[0].max_row == 1 + 98

    line = one_line_error(run("matrix", "-o", tmp_path / "m.xyz", "--store", store), 2)
    assert "m.xyz" in line and "format" in line
    assert not (tmp_path / "m.xyz").exists()

    folder = tmp_path / "somedir"
    folder.mkdir()
    for command in ("export", "matrix"):
        line = one_line_error(run(command, "-o", folder, "--store", store), 17)
        assert "somedir" in line and "directory" in line, line
    assert list(folder.iterdir()) == []


# --- 7. --document --------------------------------------------------------------------------------


def _answer(command: str, store: Path, document: str):
    fmt = {"export": "turtle", "analyze": "json", "matrix": "csv"}[command]
    result = run(command, "--document", document, "--format", fmt, "--store", store)
    assert result.exit_code == 0, f"{command} --document {document}: {result.output}"
    if command == "analyze":  # the page says which filter it was asked for: the rest must agree
        data = json.loads(result.stdout)
        del data["scope"]["filters"]
        return data
    return result.stdout


def test_7_document_means_the_same_in_every_command(store, extra):
    values = ["000_fbb961a89fe9d432", "000_fbb961a89fe9d432.txt", "kg/samples/000_fbb961a89fe9d432.txt",
              "宁栖依法〔2021〕1号", QIXIA_TITLE]
    for command in ("export", "analyze", "matrix"):
        answers = [_answer(command, store, v) for v in values]
        assert all(a == answers[0] for a in answers), command
        if command == "analyze":
            assert answers[0]["scope"]["sources"] == ["000_fbb961a89fe9d432.txt"]
        elif command == "matrix":
            assert len(answers[0].strip().splitlines()) == 1 + 38
        else:
            assert QIXIA_TITLE in answers[0] and "盐城" not in answers[0]

        partial = run(command, "--document", "2021", "--store", store)
        line = one_line_error(partial, 24)
        assert "did you mean" in line and "000_fbb961a89fe9d432.txt" in line and "001_244a23676422eee3.txt" in line

        both = run(command, "--document", QIXIA_TITLE, "--store", extra)
        line = one_line_error(both, 25)
        assert "a.txt" in line and "b.txt" in line, line


# --- 8. serve -------------------------------------------------------------------------------------


def test_8_serve_checks_its_port_and_guards_its_store(tmp_path, monkeypatch):
    small = tmp_path / "store"
    assert run("build", QIXIA, "--store", small).exit_code == 0

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = cli("serve", "--store", small, "--port", port)
    assert busy.returncode == 2, busy.stdout + busy.stderr
    assert busy.stdout == "", "no banner before the error"
    lines = busy.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "Traceback" not in busy.stderr, busy.stderr

    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(small), "--host",
                             "127.0.0.1", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        assert b"true" in answer
        monkeypatch.setenv("FAZHI_KG_LOCK_WAIT", "1")
        line = one_line_error(run("build", QIXIA, "--store", small), 21)
        assert "served" in line, line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert (tmp_path / ".store.serving").exists(), "the killed server left its marker behind"
    again = run("build", QIXIA, "--store", small)
    assert again.exit_code == 0, again.output


# --- 9. FAZHI_KG_LOCK_WAIT ------------------------------------------------------------------------


def test_9_a_bad_lock_wait_is_a_usage_error(store):
    env = dict(os.environ, FAZHI_KG_LOCK_WAIT="5s")
    result = cli("query", "--name", "documents", "--store", store, env=env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "FAZHI_KG_LOCK_WAIT" in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""


# --- 10. exit codes -------------------------------------------------------------------------------


def test_10_every_error_class_has_its_own_exit_code():
    import inspect

    import kg.errors as errors

    def subclasses(cls):
        return {cls} | {s for c in cls.__subclasses__() for s in subclasses(c)}

    classes = subclasses(errors.FazhiError) | {
        c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.FazhiError)}
    codes = sorted(c.exit_code for c in classes)
    assert len(codes) == len(set(codes)), [c for c in codes if codes.count(c) > 1]
    assert not {0, 1} & set(codes)
    assert all(isinstance(c, int) and 2 <= c <= 125 for c in codes)
    assert errors.EXIT_CODES == {c.exit_code: c for c in classes}


# --- 11. align keys by path -----------------------------------------------------------------------


def test_11_align_shows_each_higher_item_with_its_own_matches(plans):
    lower, higher = plans

    table = run("align", lower, higher, "--top", "1", "--no-write")
    assert table.exit_code == 0, table.output
    lines = table.stdout.rstrip("\n").split("\n")
    assert lines[-1] == "缺口 gaps: none", table.stdout
    rows = lines[3:-1]  # after the title, the header and its rule
    assert len(rows) == 4, table.stdout
    assert len({r.split()[0] for r in rows}) == 4, "each higher item is named apart from the others"

    got = run("align", lower, higher, "--no-write", "--format", "tsv")
    assert got.exit_code == 0, got.output
    head, *body = [line.split("\t") for line in got.stdout.rstrip("\n").split("\n")]
    rows = [dict(zip(head, r)) for r in body]
    items = {}
    for r in rows:
        items.setdefault((r["higher"], r["higher_title"]), []).append(r)
    assert len(items) == 4 and len({h for h, _ in items}) == 4
    for (_, title), links in items.items():
        assert [int(r["rank"]) for r in links] == list(range(1, len(links) + 1)), (title, links)
        word = next(w for w in KEYWORDS if w in title)
        assert word in links[0]["lower_title"], (title, links[0])


def test_12_export_to_stdout_needs_no_click(store):
    """typer 0.22+ no longer installs click; `export` to standard output must not reach for it
    (it once ended in ModuleNotFoundError on a fresh install)."""
    bare = subprocess.run([sys.executable, "-c", "import sys; sys.modules['click'] = None\nimport typer"],
                          capture_output=True, timeout=60)
    if bare.returncode != 0:
        pytest.skip("this typer imports click itself (before 0.22): nothing to check without click")
    code = ("import sys; sys.modules['click'] = None\n"
            "from kg.cli import main\n"
            f"sys.argv = ['fazhi-kg', 'export', '--format', 'ntriples', '--store', {str(store)!r}]\n"
            "main()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    reference = run("export", "--format", "ntriples", "--store", store)
    assert proc.stdout.decode("utf-8") == reference.stdout and proc.stdout.count(b"\n") > 10000
