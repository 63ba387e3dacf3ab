"""The ``fazhi-kg`` command: parses arguments, calls one library function, prints.

Errors the library raises on purpose (:class:`kg.errors.FazhiError`) become one line on stderr
and the error's exit code; nothing else is caught, so a bug still shows its traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from kg import __version__
from kg.errors import FazhiError

app = typer.Typer(
    name="fazhi-kg",
    help="Turn Chinese rule-of-law plans and reports (法治政府建设 计划/要点/方案/报告) into a knowledge graph "
         "of units, tasks and obligations: who leads (牵头), who is responsible (责任/配合), which targets and deadlines.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    json = "json"
    table = "table"


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


from kg.rdf.formats import EXPORT_FORMATS  # noqa: E402

RdfFormat = Enum("RdfFormat", {name: name for name in EXPORT_FORMATS}, type=str)


STORE_HELP = ("Where the graph lives: a directory (embedded Oxigraph, default ./.fazhi-kg/store), "
              "'memory', or an http(s):// SPARQL 1.1 endpoint base.")


def _fail(exc: FazhiError) -> None:
    typer.echo(f"fazhi-kg: error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


def handles_errors(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FazhiError as exc:
            _fail(exc)
    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fazhi-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                           help="Print the version and exit."),
) -> None:
    """fazhi-kg: who owns what in Chinese rule-of-law plans."""


@app.command()
@handles_errors
def extract(
    file: Path = typer.Argument(..., help="A document: .txt/.md (UTF-8, GBK, UTF-16 …), .html, .docx or .pdf."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="json: the machine-readable shape; table: for reading."),
    outline: bool = typer.Option(True, "--outline/--no-outline", help="Include the document outline."),
) -> None:
    """Print what one document yields (metadata, outline, tasks with their units, targets,
    deadlines, obligations and themes; achievements of reports) without touching any store."""
    from kg.extract.pipeline import extract_path
    from kg.render.extraction import render

    result = extract_path(file)
    if format is Format.json:
        typer.echo(json.dumps(result.to_dict(outline=outline), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(result, outline=outline))


@app.command("eval")
@handles_errors
def eval_(
    gold_dir: Path = typer.Argument(..., help="Folder of gold *.json files (see tests/gold/README.md)."),
    docs: Optional[Path] = typer.Option(None, "--docs", help="Folder holding the gold files' documents "
                                        "(default: the bundled sample corpus)."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    show_errors: bool = typer.Option(False, "--errors", help="List every missed and extra item."),
) -> None:
    """Score extraction against hand-written gold files: precision, recall and F1 per field,
    beside a naive baseline (jieba's `nt` organisation tags as units)."""
    from kg.extract.evaluate import evaluate, render_table
    from kg.resources import samples_dir

    ev = evaluate(gold_dir, docs or samples_dir())
    if format is Format.json:
        typer.echo(json.dumps(ev.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{len(ev.documents)} documents: {', '.join(ev.documents)}")
        typer.echo(render_table(ev))
        if show_errors:
            for name, score in ev.system.items():
                for line in score.misses:
                    typer.echo(f"missed  {name}  {line}")
                for line in score.extras:
                    typer.echo(f"extra   {name}  {line}")


@app.command()
@handles_errors
def demo(
    output: Path = typer.Option(Path("exports"), "--output", "-o", help="Where to write the results."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
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
    paths: list[Path] = typer.Argument(..., help="Files or folders (folders are read recursively)."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract in N worker processes."),
) -> None:
    """Load, extract, map and store documents: one named graph per document, each replaced in one
    transaction, so re-building a document never duplicates it."""
    from kg.jobs.build import build
    from kg.store import open_store

    with open_store(store) as st:
        bar = _progress(paths)
        summary = build(paths, st, strict=strict, progress=(lambda _p: bar.update(1)) if bar else None, jobs=jobs)
        if bar:
            bar.close()
        total = st.count()
    typer.echo(f"{summary.documents} documents, {summary.tasks} tasks, {len(summary.units)} units, "
               f"{summary.quads} quads written; the store holds {total} quads ({st.location})")
    for path, reason in summary.skipped:
        typer.echo(f"skipped {path}: {reason}", err=True)
    if summary.skipped:
        raise typer.Exit(2)


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
def validate(
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    warnings: bool = typer.Option(False, "--warnings", help="List warnings too."),
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on any violation."""
    from kg.store import open_store
    from kg.rdf.validate import dataset_from_quads, validate as run

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
    format: RdfFormat = typer.Option(RdfFormat("turtle"), "--format", "-f", help="RDF serialization."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    document: Optional[str] = typer.Option(None, "--document", "-d",
                                           help="Only this document (file name, title, 文号 or IRI)."),
    with_ontology: bool = typer.Option(False, "--with-ontology", help="Include the ontology and vocabularies."),
) -> None:
    """Write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD: prefixes bound, sorted, so
    the same content always gives the same bytes."""
    from kg.jobs.export import export_to
    from kg.store import open_store

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
    format: ResultFormat = typer.Option(ResultFormat.table, "--format", "-f",
                                        help="table, or a W3C SPARQL results format: csv, tsv, json."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    list_: bool = typer.Option(False, "--list", help="List the named queries and the question each answers."),
    update: bool = typer.Option(False, "--update", help="Allow a SPARQL update (INSERT/DELETE/DROP …) to change the store."),
    allow_service: bool = typer.Option(False, "--allow-service", help="Allow SERVICE clauses (requests to other servers)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1, help="Stop the query after this many seconds."),
) -> None:
    """Run SPARQL against the graph: your own query, a .rq file or a named query."""
    from kg.query.named import bind, get_query, list_queries
    from kg.render.results import FORMATS
    from kg.store import open_store

    if list_:
        for q in list_queries():
            extra = f"  (params: {', '.join(q.params)})" if q.params else ""
            typer.echo(f"{q.name:24} {q.question_zh}\n{'':24} {q.question_en}{extra}")
        return
    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise FazhiError("give exactly one of: a query, --file FILE, --name NAME (or --list)")
    if name:
        text = get_query(name).text
    elif file:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise FazhiError(f"cannot read the query file ({exc.strerror})", path=file) from None
    else:
        text = sparql
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise FazhiError(f"--param needs key=value, got '{item}'")
        params[key.strip().lstrip("?")] = value
    from kg.query.guard import check, is_update

    text = bind(text, params) if not is_update(text) else text
    check(text, allow_update=update, allow_service=allow_service)
    if update and is_update(text):
        with open_store(store) as st:
            before = st.count()
            st.update(text)
            after = st.count()
        typer.echo(f"update done: {before} → {after} quads")
        return
    if timeout is not None and store != "memory":
        from kg.store import query_with_timeout

        sol = query_with_timeout(store, text, timeout)
    else:
        with open_store(store, read_only=True) as st:
            sol = st.query(text)
    typer.echo(FORMATS[format.value](sol), nl=format is ResultFormat.table)


class MatrixFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


@app.command()
@handles_errors
def matrix(
    format: MatrixFormat = typer.Option(MatrixFormat.xlsx, "--format", "-f", help="csv or xlsx."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="File to write (default: stdout for csv; required for xlsx)."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """The responsibility matrix (责任分工表): one row per task with its document, number, title,
    lead, responsible and cooperating units, targets and deadlines; the xlsx has one sheet per
    document and one per unit."""
    from kg.fileio import atomic_write_bytes, atomic_write_text
    from kg.views.matrix import rows, to_csv, to_xlsx
    from kg.store import open_store

    with open_store(store, read_only=True) as st:
        data = rows(st)
    if format is MatrixFormat.csv:
        text = to_csv(data)
        if output:
            atomic_write_text(output, text)
        else:
            typer.echo(text, nl=False)
        return
    if output is None:
        raise FazhiError("--format xlsx needs --output FILE.xlsx")
    atomic_write_bytes(output, to_xlsx(data))
    typer.echo(f"wrote {output}: {len(data)} tasks", err=True)


@app.command()
@handles_errors
def serve(
    store: Optional[str] = typer.Option(None, "--store", "-s", help="The store directory (default ./.fazhi-kg/store)."),
    port: int = typer.Option(7878, "--port", "-p", help="Port on 127.0.0.1."),
) -> None:
    """Serve the store read-only on http://127.0.0.1:PORT: a SPARQL 1.1 endpoint (/query) with a
    query page in the browser, through Oxigraph's own server. Stop it with Ctrl-C; stop it before
    building into the same store."""
    from kg.jobs.serve import run_server

    raise typer.Exit(run_server(store, port, echo=typer.echo))


@app.command("track")
@handles_errors
def track_(
    area: Optional[str] = typer.Option(None, "--area", "-a", help="An area by name (浦口区, 南京市栖霞区) or code (320111)."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only this year."),
    today: Optional[str] = typer.Option(None, "--today", help="Judge deadlines as of this date (YYYY-MM-DD; default today)."),
    source: list[Path] = typer.Option([], "--source", help="Folders or files holding reports' source files, "
                                      "to look for mentions when the graph holds no report text (repeatable)."),
    format: ResultFormat = typer.Option(ResultFormat.table, "--format", "-f", help="table, csv or json."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Did the targets hold? Every target of the plans that apply to an area (its own and those of
    the city and province above it), against that area's reports: met, not met, reported without
    a figure, not mentioned, no report; passed deadlines without a report saying the work is done
    are overdue. Both quotes side by side."""
    import datetime

    from kg.views import track as tracking
    from kg.store import open_store

    when = None
    if today:
        try:
            when = datetime.date.fromisoformat(today)
        except ValueError:
            raise FazhiError(f"--today needs a date as YYYY-MM-DD, got '{today}'") from None
    with open_store(store, read_only=True) as st:
        rows = tracking.track(st, area=area, year=year, today=when, sources=source)
    render = {"table": tracking.to_table, "csv": tracking.to_csv, "json": tracking.to_json, "tsv": tracking.to_csv}
    typer.echo(render[format.value](rows), nl=format is ResultFormat.table)


@app.command("align")
@handles_errors
def align_(
    lower: Path = typer.Argument(..., help="The lower plan (a district's), as a file."),
    higher: Path = typer.Argument(..., help="The higher plan it implements (its city's), as a file."),
    top: int = typer.Option(3, "--top", min=1, help="Matches to list per higher item."),
    threshold: float = typer.Option(0.2, "--threshold", help="Below this score an item counts as a coverage gap."),
    format: ResultFormat = typer.Option(ResultFormat.table, "--format", "-f", help="table, csv or json."),
    write: bool = typer.Option(True, "--write/--no-write", help="Store the links in the graph (their own named graph)."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Does the lower plan cover what the higher plan demands? For each item of the higher plan,
    the tasks of the lower plan that implement it (TF-IDF similarity over jieba tokens plus shared
    themes), and the items with no implementing task (coverage gaps)."""
    from kg.compare import align as aligning
    from kg.rdf.mapping import document_iri
    from kg.extract.pipeline import extract_path
    from kg.store import open_store

    lo, hi = extract_path(lower), extract_path(higher)
    result = aligning.align(lo, hi, top=top, threshold=threshold)
    if write:
        lo_iri, hi_iri = document_iri(lo), document_iri(hi)
        with open_store(store) as st:
            st.replace_document(aligning.alignment_graph(lo_iri, hi_iri), aligning.alignment_quads(result, lo_iri, hi_iri))
    render = {"table": aligning.to_table, "csv": aligning.to_csv, "json": aligning.to_json, "tsv": aligning.to_csv}
    typer.echo(render[format.value](result), nl=format is ResultFormat.table)


@app.command("diff")
@handles_errors
def diff_(
    plan_a: Path = typer.Argument(..., help="The earlier plan, as a file."),
    plan_b: Path = typer.Argument(..., help="The later plan of the same area, as a file."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """What changed between two plans of one area: tasks added, dropped and changed, and owners
    (lead and responsible units) that changed."""
    from kg.compare import diff as differ
    from kg.extract.pipeline import extract_path

    d = differ.diff(extract_path(plan_a), extract_path(plan_b))
    typer.echo(differ.to_json(d) if format is Format.json else differ.to_table(d), nl=format is Format.table)


class AnalysisFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command("analyze")
@handles_errors
def analyze_(
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    document: Optional[str] = typer.Option(None, "--document", "-d", help="Only this document (file name, title, 文号 or IRI)."),
    format: AnalysisFormat = typer.Option(AnalysisFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """Who carries the load: workload per unit, concentration of leads (top unit, top three, Gini,
    HHI), the co-lead network (centralities, communities), accountability gaps (no lead, many
    leads, only collective owners, units named once) and which units carry each theme. Every
    figure is explained in one line."""
    from kg.views import analyze as analysis
    from kg.views.readmodel import load_graph_data
    from kg.store import open_store

    with open_store(store, read_only=True) as st:
        data = load_graph_data(st, document=document)
    result = analysis.analyze(data)
    render = {"table": analysis.to_table, "json": analysis.to_json, "csv": analysis.to_csv}[format.value]
    typer.echo(render(result), nl=format is AnalysisFormat.table)


@app.command()
@handles_errors
def viz(
    output: Path = typer.Option(..., "--output", "-o", help="The HTML file to write."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    document: Optional[str] = typer.Option(None, "--document", "-d", help="Only this document."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Focus on one unit (name as written or canonical)."),
    theme: Optional[str] = typer.Option(None, "--theme", "-t", help="Only tasks of this theme (its key, e.g. admin_review)."),
    chart: bool = typer.Option(True, "--chart/--no-chart", help="Also write the workload chart as an SVG beside the page."),
) -> None:
    """An interactive page of who owns what: units, tasks, themes, targets and documents, with
    search, filters, a click-to-focus view and a workload chart. One self-contained file that
    works offline."""
    from kg.views.analyze import analyze
    from kg.views.readmodel import load_graph_data
    from kg.store import open_store
    from kg.viz.page import render_chart_svg, render_page

    with open_store(store, read_only=True) as st:
        data = load_graph_data(st, document=document, unit=unit, theme=theme)
    result = analyze(data)
    render_page(data, result, output)
    typer.echo(f"wrote {output}", err=True)
    if chart:
        svg = output.with_suffix(".svg")
        render_chart_svg(result, svg)
        typer.echo(f"wrote {svg}", err=True)


def main() -> None:
    app(prog_name="fazhi-kg")


if __name__ == "__main__":  # pragma: no cover
    main()
