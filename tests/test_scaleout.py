"""The scale-out path (docs/SCALE.md): `extract --format nquads` writes one N-Quads file per
document with no store (the map step), `load` reads such files into a store (the reduce step).
Whatever reduces them — `load` into a fresh embedded store (Oxigraph's bulk loader), into a store
that already holds the documents, into an Oxigraph server or Virtuoso through the endpoint store,
or Oxigraph's and Virtuoso's own bulk loaders — the store's N-Quads export is byte for byte the
export of `build` of the same documents."""

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES, _oxigraph, _stop
from kg.cli import app
from kg.store import HttpStore, OxigraphStore, open_store


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def ok(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The samples built the ordinary way, and that store's N-Quads export."""
    store = tmp_path_factory.mktemp("built") / "store"
    ok("build", SAMPLES, "--store", store)
    return store, ok("export", "--format", "nquads", "--store", store).stdout


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    """The samples mapped to N-Quads files (the first run's output, and its stdout)."""
    out = tmp_path_factory.mktemp("mapped") / "nq"
    result = ok("extract", SAMPLES, "--format", "nquads", "--output", out)
    return out, result.stdout


def export(store) -> str:
    return ok("export", "--format", "nquads", "--store", store).stdout


# --- the map step ----------------------------------------------------------------------------------


def test_extract_writes_each_document_as_the_export_writes_its_graph(mapped, built):
    out, said = mapped
    files = sorted(out.glob("*.nq"))
    assert len(files) == 5
    assert said.startswith("5 documents, 98 tasks, ") and f"quads written to {out}" in said
    with open_store(built[0], read_only=True) as st:
        graphs = st.graphs()
        for graph in graphs:
            want = "".join(f"{line} <{graph}> .\n" for line in st.graph_lines(graph))
            assert (out / (graph.rsplit("/", 1)[-1] + ".nq")).read_text(encoding="utf-8") == want
    assert len(graphs) == 5
    assert "".join(sorted(line for f in files for line in f.read_text(encoding="utf-8").splitlines(True))) \
        == built[1]


def test_extract_writes_the_golden_per_document_export(mapped):
    """tests/golden/nquads/ holds `export --format nquads --document D` of each sample."""
    golden = sorted((Path(__file__).parent / "golden" / "nquads").glob("*.nq"))
    assert len(golden) == 5
    written = {f.read_bytes() for f in mapped[0].glob("*.nq")}
    assert {g.read_bytes() for g in golden} == written


def test_extract_is_the_same_bytes_again_and_with_two_jobs(mapped, tmp_path):
    out, _ = mapped
    ok("extract", SAMPLES, "--format", "nquads", "--output", tmp_path / "again", "--jobs", "2")
    first = {f.name: f.read_bytes() for f in out.glob("*.nq")}
    assert first == {f.name: f.read_bytes() for f in (tmp_path / "again").glob("*.nq")}


def test_extract_lists_bad_files_writes_the_rest_and_exits_15(tmp_path):
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    result = run("extract", sample, tmp_path / "missing.txt", Path(__file__), "-f", "nquads", "-o", tmp_path / "nq")
    assert result.exit_code == 15, result.output
    assert f"skipped {tmp_path / 'missing.txt'}: no such file" in result.stderr
    assert f"skipped {Path(__file__)}: unsupported file type '.py'" in result.stderr
    assert len(list((tmp_path / "nq").glob("*.nq"))) == 1


def test_extract_names_two_files_of_one_document_and_keeps_the_first_unless_replace(tmp_path):
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / sample.name, tmp_path / "b" / "copy.txt"
    shutil.copy(sample, first)
    shutil.copy(sample, second)
    kept = ok("extract", tmp_path / "a", tmp_path / "b", "-f", "nquads", "-o", tmp_path / "nq")
    assert f"kept {first}, not {second}: both are the document 文号 " in kept.stderr
    (written,) = (tmp_path / "nq").glob("*.nq")
    assert f'"{sample.name}"' in written.read_text(encoding="utf-8")  # fz:sourceFile of the first
    later = ok("extract", tmp_path / "a", tmp_path / "b", "-f", "nquads", "-o", tmp_path / "nq", "--replace")
    assert f"{second} replaced {first}" in later.stderr
    assert '"copy.txt"' in written.read_text(encoding="utf-8")


def test_extract_of_one_document_still_prints_it_and_refuses_many_without_nquads(tmp_path):
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    assert ok("extract", sample, "-f", "json").stdout.lstrip().startswith("{")
    many = run("extract", sample, sample)
    assert many.exit_code == 2 and "--format nquads --output DIR" in many.stderr
    no_folder = run("extract", sample, "-f", "nquads")
    assert no_folder.exit_code == 2 and "--output DIR" in no_folder.stderr


# --- the reduce step: load -------------------------------------------------------------------------


def test_load_into_a_fresh_store_is_build_byte_for_byte(mapped, built, tmp_path):
    result = ok("load", mapped[0], "--store", tmp_path / "store")
    assert result.stdout.startswith("5 documents, 98 tasks, ") and "(bulk loader)" in result.stdout
    assert export(tmp_path / "store") == built[1]
    assert not any(p.name.endswith((".rebuild", ".replaced")) for p in tmp_path.iterdir())  # swapped in, cleaned


def test_load_replaces_each_document_whole_in_a_store_that_holds_it(mapped, built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built[0], store)
    with open_store(store) as st:
        graph = st.graphs()[0]
        st.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:stale> <urn:x:p> \"left from before\" }} }}")
    result = ok("load", mapped[0], "--store", store)
    assert "(bulk loader)" not in result.stdout
    assert "replaced 5 documents the store already held" in result.stderr
    assert export(store) == built[1]  # the stale quad went with its document's old graph


def test_two_files_of_one_document_keep_the_first_unless_replace(mapped, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    name = sorted(mapped[0].glob("*.nq"))[0].name
    (other / name).write_bytes((mapped[0] / name).read_bytes())
    result = ok("load", mapped[0], other, "--store", tmp_path / "s1")
    assert f"kept {mapped[0] / name}, not {other / name}: both are the document {name[:-3]}" in result.stderr
    result = ok("load", mapped[0], other, "--store", tmp_path / "s2", "--replace")
    assert f"{other / name} replaced {mapped[0] / name}" in result.stderr


@pytest.mark.parametrize("damage, says", [
    (lambda lines: lines[:9] + ['<urn:x:a> <urn:x:b> "unterminated <urn:x:g> .\n'] + lines[9:],
     "not N-Quads at line 10, column"),
    (lambda lines: lines + ["<urn:x:a> <urn:x:b> <urn:x:c> .\n"], "outside any named graph"),
    (lambda lines: lines + ["<urn:x:a> <urn:x:b> <urn:x:c> <urn:x:another-graph> .\n"], "holds 2 named graphs"),
    (lambda lines: [], "holds no quads"),
])
def test_a_bad_file_is_one_line_naming_it_and_nothing_is_stored(mapped, built, tmp_path, damage, says):
    folder = tmp_path / "nq"
    shutil.copytree(mapped[0], folder)
    bad = sorted(folder.glob("*.nq"))[2]
    bad.write_text("".join(damage(bad.read_text(encoding="utf-8").splitlines(True))), encoding="utf-8")
    result = run("load", folder, "--store", tmp_path / "fresh")
    assert result.exit_code in (6, 8), result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"fazhi-kg: error: {bad}: ") and says in result.stderr, result.stderr
    assert not (tmp_path / "fresh").exists()  # every file is read before the store is opened
    store = tmp_path / "held"
    shutil.copytree(built[0], store)
    assert run("load", folder, "--store", store).exit_code in (6, 8)
    assert export(store) == built[1]


def test_load_of_nothing_is_one_line(tmp_path):
    result = run("load", tmp_path, "--store", tmp_path / "s")
    assert result.exit_code == 3 and "no N-Quads files (*.nq) in this folder" in result.stderr


def test_a_rebuild_goes_through_the_bulk_loader_and_gives_builds_bytes(built, tmp_path, monkeypatch):
    calls = []
    original = OxigraphStore.bulk_load
    monkeypatch.setattr(OxigraphStore, "bulk_load", lambda self, stream: calls.append(1) or original(self, stream))
    store = tmp_path / "store"
    shutil.copytree(built[0], store)
    with open_store(store) as st:  # something the rebuild must not keep
        st.update("INSERT DATA { GRAPH <urn:x:old> { <urn:x:a> <urn:x:b> <urn:x:c> } }")
    ok("build", SAMPLES, "--rebuild", "--store", store)
    assert calls == [1]  # one bulk load of every document's spooled N-Quads
    assert export(store) == built[1]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".writer")) == ["store"]  # no spool left


# --- into servers ----------------------------------------------------------------------------------


@pytest.fixture
def oxigraph_endpoint(tmp_path):
    proc, base = _oxigraph(tmp_path / "server", union=True)
    yield base
    _stop(proc)


def test_load_into_an_oxigraph_server(mapped, built, oxigraph_endpoint):
    result = ok("load", mapped[0], "--store", oxigraph_endpoint)
    assert "(bulk loader)" not in result.stdout and "the store holds" in result.stdout
    assert export(oxigraph_endpoint) == built[1]


def test_oxigraphs_own_bulk_loader_reads_the_files(mapped, built, tmp_path):
    binary = shutil.which("oxigraph")
    files = [str(f) for f in sorted(mapped[0].glob("*.nq"))]
    done = subprocess.run([binary, "load", "--location", str(tmp_path / "db"), "--file", *files],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert export(tmp_path / "db") == built[1]


def test_load_into_virtuoso_through_the_endpoint_store(mapped, built, virtuoso_server):
    _clear(virtuoso_server.sparql)
    ok("load", mapped[0], "--store", virtuoso_server.sparql)
    assert export(virtuoso_server.sparql) == built[1]


def test_virtuosos_own_bulk_loader_reads_the_files(mapped, built, virtuoso_server):
    """ld_dir + rdf_loader_run, as docs/SCALE.md shows them, from a folder the server may read."""
    _clear(virtuoso_server.sparql)
    root = _isql(virtuoso_server, "select server_root();").split("\n")
    root = Path(next(line.strip() for line in root if line.strip().startswith("/")))
    folder = root / f"scaleout-{uuid.uuid4().hex[:8]}"  # the load list remembers file names
    shutil.copytree(mapped[0], folder)
    said = _isql(virtuoso_server, f"ld_dir('{folder}', '*.nq', 'urn:fazhi-kg:unused'); rdf_loader_run(); "
                                  f"checkpoint; SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{folder}/%' "
                                  "AND ll_state = 2 AND ll_error IS NULL;")
    assert "\n5\n" in said.replace(" ", ""), said
    assert export(virtuoso_server.sparql) == built[1]


def _isql(server, sql: str) -> str:
    done = subprocess.run([*server.isql, f"exec={sql}"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Error" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done.stdout


def _clear(endpoint: str) -> None:
    """The session's Virtuoso may hold the samples from another test: start from none of ours."""
    st = HttpStore(endpoint)
    for graph in st.graphs():
        st.remove_document(graph)
    assert st.count() == 0
