"""Commands on documents and the store: extract, eval, demo, build, load, validate, export, query, serve.
Each parses its arguments, calls one library function and prints through :func:`~kg.cli.common.emit`."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from kg.cli.common import Format, app, emit, format_option, handles_errors, no_memory, output_option, store_option
from kg.errors import SkippedFiles, UsageError
from kg.rdf.formats import EXPORT_FORMATS

RdfFormat = Enum("RdfFormat", {name: name for name in EXPORT_FORMATS}, type=str)
#: extract prints in any of the answer formats, or writes N-Quads files (the map step)
ExtractFormat = Enum("ExtractFormat", {**{f.value: f.value for f in Format}, "nquads": "nquads"}, type=str)


def _ocr_option():
    return typer.Option(False, "--ocr", help="Read scanned PDFs (no text layer) and page images (.png/.jpg/.tif) "
                        "with Tesseract OCR (needs the [ocr] extra and Debian's tesseract-ocr-chi-sim/-chi-tra); "
                        "their facts get the page and a lower confidence.")


@app.command()
@handles_errors
def extract(
    files: list[Path] = typer.Argument(..., readable=False,  # the loader says "permission denied", exit 4
                                       help="A document: .txt/.md (UTF-8, GBK, UTF-16 …), .html, .docx, .pdf, .doc/.wps "
                                       "(through LibreOffice), a task table in .xlsx/.xls/.csv/.tsv, or with --ocr a scanned "
                                       "PDF or a page image (.png/.jpg/.tif). With --format nquads: any number of files "
                                       "and folders."),
    format: Optional[ExtractFormat] = typer.Option(
        None, "--format", "-f", help=f"Output format: {', '.join(ExtractFormat.__members__)} (table for reading, json "
        "for the machine-readable contract; nquads writes one N-Quads file per document into the --output folder, "
        "the map step of docs/SCALE.md)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the answer to this file (atomically); "
                                          "the format follows its suffix (.csv .tsv .json .xlsx .txt) unless --format "
                                          "is given. With --format nquads: the folder to write the documents' files to."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="With --format nquads: extract in N worker processes."),
    replace: bool = typer.Option(False, "--replace", help="With --format nquads: of two files of one document, "
                                 "write the later (default: the first; both are named)."),
    outline: bool = typer.Option(True, "--outline/--no-outline", help="Include the document outline."),
    warnings: bool = typer.Option(False, "--warnings", help="Only what could not be read: the notes that named no "
                                  "unit and the tasks without an owner, each with where it is."),
    ocr: bool = _ocr_option(),
) -> None:
    """Print what one document yields (metadata, outline, tasks with their units, targets,
    deadlines, obligations and themes; achievements of reports) without touching any store."""
    if format is not None and format.value == "nquads":
        return _extract_nquads(files, output, jobs, ocr, replace)
    if len(files) != 1:
        raise UsageError(f"extract reads one document ({len(files)} given); to extract many, give --format nquads "
                         "--output DIR")
    from kg.extract.pipeline import extract_path
    from kg.extract.readable import output as rendered, warnings_output

    result = extract_path(files[0], ocr=ocr)
    emit(warnings_output(result) if warnings else rendered(result, outline=outline),
         Format(format.value) if format else None, output, "table")


def _extract_nquads(paths: list[Path], output: Optional[Path], jobs: int, ocr: bool, replace: bool) -> None:
    from kg.jobs.mapload import extract_nquads

    if output is None or output.exists() and not output.is_dir():
        raise UsageError("--format nquads writes one file per document: give the folder to write them to with "
                         "--output DIR")
    summary = extract_nquads(paths, output, jobs=jobs, ocr=ocr, replace=replace)
    typer.echo(f"{summary.documents} documents, {summary.tasks} tasks, {summary.quads} quads written to {output}")
    for line in summary.notes():
        typer.echo(line, err=True)
    for path, reason in summary.skipped:
        typer.echo(f"skipped {path}: {reason}", err=True)
    if summary.skipped:
        raise typer.Exit(SkippedFiles.exit_code)


@app.command("eval")
@handles_errors
def eval_(
    gold_dir: Path = typer.Argument(..., help="Folder of gold *.json files (see tests/gold/README.md)."),
    docs: Optional[Path] = typer.Option(None, "--docs", help="Folder holding the gold files' documents "
                                        "(default: the bundled sample corpus)."),
    format: Optional[Format] = format_option("table or json"),
    output: Optional[Path] = output_option(),
    show_errors: bool = typer.Option(False, "--errors", help="List every missed and extra item."),
    split: Optional[str] = typer.Option(None, "--split", help="Only the corpus's 'dev' or 'heldout' documents."),
    breakdown: bool = typer.Option(False, "--breakdown", help="95% bootstrap intervals, and scores per split, "
                                   "genre and province."),
) -> None:
    """Score extraction against hand-written gold files: precision, recall and F1 per field,
    beside a naive baseline (jieba's `nt` organisation tags as units)."""
    from kg.extract.evaluate import evaluate, output as rendered
    from kg.resources import samples_dir

    if split not in (None, "dev", "heldout"):
        raise UsageError(f"--split takes dev or heldout, not {split!r}")
    beside = gold_dir.parent / "docs"  # a corpus keeps its documents beside its gold (tests/corpus/)
    where = docs or (beside if beside.is_dir() else samples_dir())
    emit(rendered(evaluate(gold_dir, where, split=split), errors=show_errors, breakdown=breakdown), format, output, "table")


@app.command()
@handles_errors
def demo(
    output: Path = typer.Option(Path("exports"), "--output", "-o", help="Where to write the results."),
    store: Optional[str] = store_option(),
) -> None:
    """Run the main job on the bundled sample corpus (five real documents): extract each, build
    them into the store and write to exports/ the extractions (JSON), readable outlines, a
    summary and the graph as Turtle."""
    from kg.jobs.demo import run_demo

    for line in run_demo(output, store):
        typer.echo(line)


@app.command("build")
@handles_errors
def build_(
    paths: list[Path] = typer.Argument(..., readable=False,  # an unreadable file is skipped with its reason
                                       help="Files or folders (folders are read recursively)."),
    store: Optional[str] = store_option(),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract in N worker processes."),
    replace: bool = typer.Option(False, "--replace", help="Of two files of one document (same 文号, or same title "
                                 "and area), keep the later (default: the first; both are named)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Start a fresh store from these files: built beside the "
                                 "old one (a corrupt one too), which it replaces once complete."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1, help="With an endpoint: seconds to wait "
                                            "for each answer (default 60; connecting has its own 10 s, "
                                            "FAZHI_KG_CONNECT_TIMEOUT)."),
    ocr: bool = _ocr_option(),
) -> None:
    """Load, extract, map and store documents: one named graph per document, each replaced in one
    transaction, so re-building a document never duplicates it.  Into a new or empty store all of
    them go through the bulk loader at once (a killed build leaves the store empty)."""
    from kg.jobs.build import build
    from kg.store import open_store

    no_memory(store, "build")
    with open_store(store, fresh=rebuild, timeout=timeout) as st:
        st.notify = lambda line: typer.echo(line, err=True)
        bar = _progress(paths)
        summary = build(paths, st, strict=strict, progress=(lambda _p: bar.update(1)) if bar else None, jobs=jobs,
                        replace=replace, ocr=ocr, bulk=True)
        if bar:
            bar.close()
        total = st.count()
    typer.echo(f"{summary.documents} documents, {summary.tasks} tasks, {len(summary.units)} units, "
               f"{summary.quads} quads written; the store holds {total} quads ({st.location})")
    for line in summary.notes():
        typer.echo(line, err=True)
    if summary.unparsed_notes or summary.tasks_without_owner:
        typer.echo(f"not read: {summary.unparsed_notes} notes that name no unit (or plans with no task), "
                   f"{summary.tasks_without_owner} tasks "
                   "without an owner (`fazhi-kg extract FILE --warnings` lists them; the named query unparsed-notes "
                   "too)", err=True)
    for path, reason in summary.skipped:
        typer.echo(f"skipped {path}: {reason}", err=True)
    if summary.skipped:
        raise typer.Exit(SkippedFiles.exit_code)


def _progress(paths: list[Path]):
    """A progress bar on a terminal when there are many files; nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    n = sum(1 for p in paths for _ in (p.rglob("*") if p.is_dir() else [p]))
    if n < 20:
        return None
    from tqdm import tqdm

    return tqdm(total=n, unit="file", file=sys.stderr)


@app.command()
@handles_errors
def load(
    paths: list[Path] = typer.Argument(..., help="Folders of N-Quads files (*.nq, read recursively) written by "
                                       "`extract --format nquads`, or such files."),
    store: Optional[str] = store_option(),
    replace: bool = typer.Option(False, "--replace", help="Of two files of one document, load the later "
                                 "(default: the first; both are named)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1, help="With an endpoint: seconds to wait "
                                            "for each answer (default 60)."),
) -> None:
    """Load documents' N-Quads files into the store (the reduce step of docs/SCALE.md): every file
    is checked first, then each document's graph is replaced whole; an empty embedded store is
    filled by Oxigraph's bulk loader."""
    from kg.jobs.mapload import check, load as load_files
    from kg.store import open_store

    no_memory(store, "load")
    plan = check(paths, replace=replace)  # every file read through before the store is opened
    with open_store(store, timeout=timeout) as st:
        st.notify = lambda line: typer.echo(line, err=True)
        summary = load_files(plan, st)
        total = st.count()
    how = " (bulk loader)" if summary.bulk else ""
    typer.echo(f"{summary.documents} documents, {summary.tasks} tasks, {summary.quads} quads loaded{how}; "
               f"the store holds {total} quads ({st.location})")
    for line in summary.notes():
        typer.echo(line, err=True)


@app.command()
@handles_errors
def validate(
    store: Optional[str] = store_option(),
    warnings: bool = typer.Option(False, "--warnings", help="List warnings too."),
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on any violation."""
    from kg.rdf.validate import dataset_from_quads, validate as run
    from kg.store import open_store

    no_memory(store, "validate")
    with open_store(store, read_only=True) as st:
        report = run(dataset_from_quads(st.quads()))
    for v in report.violations + (report.warnings if warnings else []):
        typer.echo(v.render())
    typer.echo(f"{'conforms' if report.conforms else 'does not conform'}: "
               f"{len(report.violations)} violations, {len(report.warnings)} warnings")
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
@handles_errors
def export(
    format: RdfFormat = typer.Option("turtle", "--format", "-f", help=f"RDF format: {', '.join(EXPORT_FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    store: Optional[str] = store_option(),
    document: Optional[str] = typer.Option(None, "--document", "-d",
                                           help="Only this document (file name, title, 文号 or IRI)."),
    with_ontology: bool = typer.Option(False, "--with-ontology", help="Include the ontology and vocabularies."),
) -> None:
    """Write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD: prefixes bound, sorted, so
    the same content always gives the same bytes."""
    from kg.errors import OutputError
    from kg.jobs.export import export_to
    from kg.store import open_store

    no_memory(store, "export")
    if output is not None and output.is_dir():
        raise OutputError("is a directory: give a file name to write", path=output)
    with open_store(store, read_only=True) as st:  # written as it is made, not held whole in memory
        size = export_to(st, format.value, output if output else sys.stdout.buffer, document=document,
                         with_ontology=with_ontology)
        sys.stdout.flush()
    if output:
        typer.echo(f"wrote {output} ({size} bytes)", err=True)


@app.command()
@handles_errors
def query(
    sparql: Optional[str] = typer.Argument(None, help="A SPARQL query (or use --file / --name)."),
    file: Optional[Path] = typer.Option(None, "--file", help="Read the query from a .rq file."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a named query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value, bound as an RDF term (repeatable)."),
    format: Optional[Format] = format_option("table; or a W3C SPARQL results format: json, csv, tsv"),
    output: Optional[Path] = output_option("the results"),
    store: Optional[str] = store_option(),
    list_: bool = typer.Option(False, "--list", help="List the named queries and the question each answers."),
    update: bool = typer.Option(False, "--update", help="Allow a SPARQL update (INSERT/DELETE/DROP …) to change the store."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE clauses (requests to other servers), and LOAD with --update."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1, help="Stop the query after this many seconds."),
) -> None:
    """Run SPARQL against the graph: your own query, a .rq file or a named query."""
    from kg.jobs import query as running
    from kg.query.named import list_queries

    if list_:
        for q in list_queries():
            extra = f"  (params: {', '.join(q.params)})" if q.params else ""
            typer.echo(f"{q.name:24} {q.question_zh}\n{'':24} {q.question_en}{extra}")
        return
    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise UsageError("give exactly one of: a query, --file FILE, --name NAME (or --list)")
    no_memory(store, "query")
    answer = running.run(store, text=sparql, file=file, name=name, params=running.parse_params(param),
                         update=update, allow_service=allow_service, timeout=timeout)
    if isinstance(answer, str):
        typer.echo(answer)
        return
    from kg.query.results import output as rendered

    emit(rendered(answer), format, output, "table")


@app.command()
@handles_errors
def serve(
    store: Optional[str] = typer.Option(None, "--store", "-s", help="The store directory (default ./.fazhi-kg/store)."),
    port: int = typer.Option(7878, "--port", "-p", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Stop a query after this many seconds (the "
                                  "client gets 503)."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Serve with Oxigraph's own server (and its query page) instead, which "
                                            "runs the SERVICE clauses of any query it is sent: requests to other "
                                            "servers for anyone who can reach it."),
    site: Optional[Path] = typer.Option(None, "--site", help="Also serve this folder, written by `fazhi-kg site`, "
                                        "at / (the query page moves to /sparql)."),
) -> None:
    """Serve the store read-only: a SPARQL 1.1 endpoint (/query) with a query page in the
    browser (/). Stop it with Ctrl-C. While it runs, a build into the same store is refused.

    Every query is checked first: updates and SERVICE clauses (requests to other servers) are
    refused with HTTP 400. With --allow-service, Oxigraph's own server serves instead; it runs
    SERVICE clauses, so whoever reaches the endpoint can make this machine send requests to any
    address (also a web page you open, to a server on 127.0.0.1).

    With --site DIR (a folder `fazhi-kg site` wrote), the site is served at / beside the endpoint,
    each page also at its IRI's path without the suffix (Turtle or JSON-LD by Accept); the query
    page moves to /sparql."""
    from kg.jobs.serve import run_server

    def say(line: str) -> None:
        typer.echo(line)
        sys.stdout.flush()  # before the process becomes the server

    raise typer.Exit(run_server(store, port, host=host, echo=say, allow_service=allow_service, timeout=timeout,
                                site=site))
