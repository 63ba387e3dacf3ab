"""The graph commands end to end: build, query, export, matrix, serve — and their errors."""

import csv
import io
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib.plugins.sparql.results.csvresults import CSVResultParser
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run("build", SAMPLES, "--store", path)
    assert result.exit_code == 0, result.output
    assert "5 documents, 98 tasks" in result.output
    return path


def test_named_query_csv_has_the_workload_columns(store):
    result = run("query", "--name", "unit-workload", "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {"name", "jurisdiction", "lead_count", "responsible_count"} <= set(rows[0])
    top = rows[0]
    assert (top["name"], top["jurisdiction_code"], top["lead_count"]) == ("南京市栖霞区司法局", "320113", "26")


def test_results_parse_with_rdflib_result_parsers(store):
    js = run("query", "--name", "unit-workload", "--format", "json", "--store", store).output
    parsed = JSONResultParser().parse(io.StringIO(js))
    assert len(parsed.bindings) > 10
    cs = run("query", "--name", "unit-workload", "--format", "csv", "--store", store).output
    parsed_csv = CSVResultParser().parse(io.StringIO(cs))
    assert len(parsed_csv.bindings) == len(parsed.bindings)
    from rdflib.plugins.sparql.results.tsvresults import TSVResultParser

    ts = run("query", "--name", "unit-workload", "--format", "tsv", "--store", store).output
    parsed_tsv = TSVResultParser().parse(io.StringIO(ts))
    assert len(parsed_tsv.bindings) == len(parsed.bindings)
    first = {str(k): v for k, v in parsed_tsv.bindings[0].items()}
    assert str(first["name"]) == "南京市栖霞区司法局" and int(first["lead_count"]) == 26


def test_table_format_lines_up(store):
    result = run("query", "SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t } ORDER BY ?t LIMIT 2",
                 "--store", store)
    assert result.exit_code == 0
    assert "(2 rows)" in result.output


def test_query_errors_are_one_line(store):
    result = run("query", "SELECT * WHERE { ?s ?p }", "--store", store)
    assert result.exit_code == 22
    assert result.output.strip().startswith("fazhi-kg: error: SPARQL syntax error")
    assert len(result.output.strip().splitlines()) == 1
    result = run("query", "--name", "no-such-query", "--store", store)
    assert result.exit_code == 23 and "unit-workload" in result.output


def test_query_on_a_missing_store(tmp_path):
    result = run("query", "--name", "unit-workload", "--store", tmp_path / "nothing")
    assert result.exit_code == 20 and "no store here" in result.output


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld"])
def test_export_formats_parse_and_are_stable(store, tmp_path, fmt):
    import rdflib

    out = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "--output", out, "--store", store).exit_code == 0
    first = out.read_bytes()
    assert run("export", "--format", fmt, "--output", out, "--store", store).exit_code == 0
    assert out.read_bytes() == first
    rdf_format = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt]
    ds = rdflib.Dataset()
    ds.parse(data=first.decode("utf-8"), format=rdf_format)
    assert sum(1 for _ in ds.quads((None, None, None, None))) > 8000


def test_export_with_ontology_adds_the_vocabularies(store):
    plain = run("export", "--store", store).output
    full = run("export", "--with-ontology", "--store", store).output
    assert len(full) > len(plain)
    assert "fz:Task" in full and "owl:" in full or "skos:ConceptScheme" in full
    assert "_:o1 " in full, "the ontology's blank nodes are relabelled in a fixed order"
    again = run("export", "--with-ontology", "--format", "trig", "--store", store).output
    assert run("export", "--with-ontology", "--format", "trig", "--store", store).output == again


def test_export_one_document_by_number(store):
    out = run("export", "--document", "宁栖依法〔2021〕1号", "--store", store).output
    assert "栖霞区2021年法治政府建设工作计划" in out and "盐城" not in out
    bad = run("export", "--document", "nope", "--store", store)
    assert bad.exit_code == 24 and "no document matches 'nope'" in bad.output


def test_matrix_csv_and_xlsx(store, tmp_path):
    import openpyxl

    result = run("matrix", "--format", "csv", "--store", store)
    assert result.output.startswith("\ufeff"), "UTF-8 with a byte-order mark, as Excel on Chinese Windows needs"
    rows = list(csv.reader(io.StringIO(result.output[1:])))
    assert rows[0][0].startswith("文件") and len(rows) == 1 + 98
    qixia = [r for r in rows if r[0] == "栖霞区2021年法治政府建设工作计划"]
    assert qixia[0][1:5] == ["1", "二.(一).1", "持续深化\"放管服\"改革",
                             "南京市栖霞区行政审批局、南京市栖霞区委机构编制委员会办公室、南京市栖霞区市场监督管理局、南京市栖霞区司法局、南京市栖霞区发展和改革委员会"]
    out = tmp_path / "m.xlsx"
    assert run("matrix", "--format", "xlsx", "--output", out, "--store", store).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "全部 all tasks"
    assert "栖霞区2021年法治政府建设工作计划" in wb.sheetnames and "南京市栖霞区司法局" in wb.sheetnames
    ws = wb["栖霞区2021年法治政府建设工作计划"]
    assert ws.freeze_panes == "E2"
    assert ws["A1"].font.bold and ws["D2"].alignment.wrap_text
    assert ws.max_row == 39 and ws["C28"].value == "二.(六).27"
    assert "听证率 ≥ 70%" in ws["H28"].value and "败诉率 ≤ 8%" in ws["H28"].value
    assert wb["南京市栖霞区司法局"].max_row == 1 + 26
    first = out.read_bytes()
    run("matrix", "--format", "xlsx", "--output", out, "--store", store)
    assert out.read_bytes() == first


def test_serve_answers_an_http_query(store):
    from conftest import _free_port

    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a <https://w3id.org/fazhi-kg/ontology#Task> }"})
        deadline = time.monotonic() + 30
        while True:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/query?{query}",
                                             headers={"Accept": "application/sparql-results+json"})
                data = json.loads(urllib.request.urlopen(req, timeout=2).read())
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert data["results"]["bindings"][0]["n"]["value"] == "98"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
        assert "<html" in page.lower()
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update", method="POST",
                                        data=b"update=DROP+ALL", headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_build_skips_bad_files_and_says_why(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text((SAMPLES / "000_fbb961a89fe9d432.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    result = run("build", folder, "--store", tmp_path / "s")
    assert result.exit_code == 15  # built, but skipped files
    assert "1 documents, 38 tasks" in result.output
    assert "skipped" in result.output and "empty.txt" in result.output
    strict = run("build", folder, "--store", tmp_path / "s2", "--strict")
    assert strict.exit_code == 6 and "empty.txt" in strict.output


@pytest.mark.parametrize("sparql, words", [
    ("DELETE WHERE { ?s ?p ?o }", "read-only unless --update"),
    ("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }", "read-only unless --update"),
    ("DROP ALL", "read-only unless --update"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--allow-service"),
])
def test_updates_and_service_are_refused(store, sparql, words):
    before = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "csv", "--store", store).output
    result = run("query", sparql, "--store", store)
    assert result.exit_code == 22 and words in result.output
    after = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "csv", "--store", store).output
    assert before == after


def test_keywords_inside_strings_are_not_operations(store):
    result = run("query", 'SELECT ?x WHERE { ?x <http://purl.org/dc/terms/title> "DELETE SERVICE" }', "--store", store)
    assert result.exit_code == 0


@pytest.mark.parametrize("value", ['"}', '> . } ; DROP ALL', 'a"} UNION { ?s ?p ?o', "x\n} DROP ALL #"])
def test_parameters_cannot_change_the_query(store, value):
    sparql = ("SELECT ?d WHERE { ?d <http://purl.org/dc/terms/title> ?title . BIND(STR(?title) AS ?name) }")
    control = run("query", sparql, "--param", "name=栖霞区2021年法治政府建设工作计划", "--format", "csv", "--store", store)
    assert control.exit_code == 0 and len(control.output.strip().splitlines()) == 2  # the binding works
    result = run("query", sparql, "--param", f"name={value}", "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "d"
