"""Commands that answer from the graph or compare documents: matrix, track, align, diff, analyze, viz."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.common import Format, app, as_of_date, emit, format_option, handles_errors, no_memory, output_option, store_option

DOCUMENT_HELP = "Only this document: its file name (or the path it was built from), title, 文号 or IRI."


@app.command()
@handles_errors
def matrix(
    format: Optional[Format] = format_option("csv, xlsx, tsv, json or table; default from the file suffix, else csv"),
    output: Optional[Path] = output_option("the matrix"),
    store: Optional[str] = store_option(),
    document: Optional[str] = typer.Option(None, "--document", "-d", help=DOCUMENT_HELP),
) -> None:
    """The responsibility matrix (责任分工表): one row per task with its document, number, title,
    lead, responsible and cooperating units, targets and deadlines; the xlsx has one sheet per
    document and one per unit."""
    from kg.store import open_store
    from kg.views.matrix import output as rendered, rows
    from kg.views.readmodel import load_graph_data

    no_memory(store, "matrix")
    with open_store(store, read_only=True) as st:
        data = rows(load_graph_data(st, document=document))
    emit(rendered(data), format, output, "csv")


@app.command("track")
@handles_errors
def track_(
    area: Optional[str] = typer.Option(None, "--area", "-a", help="An area by name (浦口区, 南京市栖霞区) or code (320111)."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only this year."),
    today: Optional[str] = typer.Option(None, "--as-of", "--today", help="Judge deadlines as of this date (YYYY-MM-DD; "
                                        "default today): those not yet due are pending."),
    tasks: bool = typer.Option(False, "--tasks", help="Every task instead: reported, partly or not mentioned in the "
                               "area's reports, with the best paragraph, its score and quote."),
    write: bool = typer.Option(False, "--write/--no-write", help="With --tasks: also store the links in the graph "
                               "(a named graph per plan and report, as PROV; the named query task-evidence lists them)."),
    format: Optional[Format] = format_option("table; csv, tsv, json or xlsx for other tools"),
    output: Optional[Path] = output_option("the rows"),
    store: Optional[str] = store_option(),
) -> None:
    """Did the targets hold? Every target of the plans that apply to an area (its own and those of
    the city and province above it), against that area's reports: met, not met (only against a
    figure about the same object, area and period), reported with a different object, reported
    without a figure, not mentioned, no report; deadlines not yet due are pending, passed ones
    without a report saying the work is done are overdue, with the nearest report sentences and
    their scores. Both quotes side by side. With --tasks: every task, by the report paragraph
    that best speaks of its work."""
    from kg.store import open_store
    from kg.views import track as tracking
    from kg.views.readmodel import load_graph_data

    when = as_of_date(today)
    no_memory(store, "track --write" if write else "track")
    if write and not tasks:
        from kg.errors import UsageError

        raise UsageError("--write stores the task view's links: give it with --tasks")
    with open_store(store, read_only=not write) as st:
        # with --area only that area's reports and the plans that apply there are read
        data = load_graph_data(st, with_paragraphs=True, scope=tracking.area_scope(area) if area else None)
        if tasks:
            from kg.views import taskgraph, taskview

            rows = taskview.task_view(data, area=area, year=year)
            if write:
                written = taskgraph.write(st, rows)
                graphs = f"{len(written)} graph" + ("" if len(written) == 1 else "s")
                typer.echo(f"stored {sum(n for _, n in written)} task links in {graphs}", err=True)
    if tasks:
        emit(taskview.output(rows), format, output, "table")
        return
    emit(tracking.output(tracking.track(data, area=area, year=year, today=when)), format, output, "table")


@app.command("align")
@handles_errors
def align_(
    lower: Path = typer.Argument(..., readable=False, help="The lower plan (a district's), as a file."),
    higher: Path = typer.Argument(..., readable=False, help="The higher plan it implements (its city's), as a file."),
    top: int = typer.Option(3, "--top", min=1, help="Matches to list per higher item."),
    threshold: float = typer.Option(0.2, "--threshold", help="Below this score an item counts as a coverage gap."),
    format: Optional[Format] = format_option("table; csv, tsv, json or xlsx for other tools"),
    output: Optional[Path] = output_option("the alignment"),
    write: bool = typer.Option(True, "--write/--no-write", help="Store the links in the graph (their own named graph)."),
    store: Optional[str] = store_option(),
) -> None:
    """Does the lower plan cover what the higher plan demands? For each item of the higher plan,
    the tasks of the lower plan that implement it (TF-IDF similarity over jieba tokens plus shared
    themes), and the items with no implementing task (coverage gaps)."""
    from kg.compare import align as aligning
    from kg.extract.pipeline import extract_path
    from kg.rdf.mapping import document_iri
    from kg.store import open_store

    lo, hi = extract_path(lower), extract_path(higher)
    result = aligning.align(lo, hi, top=top, threshold=threshold)
    if write:
        no_memory(store, "align --write")
        lo_iri, hi_iri = document_iri(lo), document_iri(hi)
        with open_store(store) as st:
            st.replace_document(aligning.alignment_graph(lo_iri, hi_iri), aligning.alignment_quads(result, lo_iri, hi_iri))
    emit(aligning.output(result), format, output, "table")


@app.command("diff")
@handles_errors
def diff_(
    plan_a: Path = typer.Argument(..., readable=False, help="The earlier plan, as a file."),
    plan_b: Path = typer.Argument(..., readable=False, help="The later plan of the same area, as a file."),
    report: Optional[Path] = typer.Option(None, "--report", "-r", readable=False, help="The year-end report of the "
                                          "earlier plan's year, as a file: link the three (carried over, dropped "
                                          "without a word, targets changed, owners changed)."),
    format: Optional[Format] = format_option("table or json; with --report also csv, tsv or xlsx"),
    output: Optional[Path] = output_option("the comparison"),
    write: bool = typer.Option(False, "--write", help="With --report: also store the links in the graph (a named "
                               "graph per plan, next plan and report; named query plan-changes)."),
    store: Optional[str] = store_option(),
) -> None:
    """What changed between two plans of one area: tasks added, dropped and changed, and owners
    (lead and responsible units) that changed. With --report (the earlier year's report): each task
    of the earlier plan as the report speaks of it, so that tasks dropped without a word, carried
    over unreported, or whose targets quietly changed stand out."""
    from kg.compare import diff as differ
    from kg.extract.pipeline import extract_path

    if write and report is None:
        from kg.errors import UsageError

        raise UsageError("--write stores the links across years: give the earlier year's report with --report")
    if report is not None:
        from kg.views import years

        docs = [extract_path(p) for p in (plan_a, plan_b, report)]
        linked = years.across_years(*docs)
        if write:
            from kg.rdf.mapping import document_iri
            from kg.store import open_store
            from kg.views import yearsgraph

            no_memory(store, "diff --write")
            with open_store(store) as st:
                _, n = yearsgraph.write(st, linked, *(document_iri(d) for d in docs))
            typer.echo(f"stored {n} links across years in 1 graph", err=True)
        emit(years.output(linked), format, output, "table")
        return
    emit(differ.output(differ.diff(extract_path(plan_a), extract_path(plan_b))), format, output, "table")


@app.command("analyze")
@handles_errors
def analyze_(
    store: Optional[str] = store_option(),
    document: Optional[str] = typer.Option(None, "--document", "-d", help=DOCUMENT_HELP),
    format: Optional[Format] = format_option("table; json, csv, tsv or xlsx for other tools"),
    output: Optional[Path] = output_option("the analysis"),
) -> None:
    """Who carries the load: workload per unit, concentration of leads (top unit, top three, Gini,
    HHI), the co-lead network (centralities, communities), accountability gaps (no lead, many
    leads, only collective owners, units named once) and which units carry each theme. Every
    figure is explained in one line."""
    from kg.store import open_store
    from kg.views import analyze as analysis
    from kg.views.readmodel import load_graph_data

    no_memory(store, "analyze")
    with open_store(store, read_only=True) as st:
        data = load_graph_data(st, document=document)
    emit(analysis.output(analysis.analyze(data)), format, output, "table")


@app.command()
@handles_errors
def viz(
    output: Path = typer.Option(..., "--output", "-o", help="The HTML file to write."),
    store: Optional[str] = store_option(),
    document: Optional[str] = typer.Option(None, "--document", "-d", help=DOCUMENT_HELP),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Focus on one unit (name as written or canonical)."),
    theme: Optional[str] = typer.Option(None, "--theme", "-t", help="Only tasks of this theme: its key (admin_review) "
                                        "or its Chinese name (行政复议)."),
    chart: bool = typer.Option(True, "--chart/--no-chart", help="Also write the workload chart as an SVG beside the page."),
    site_url: Optional[str] = typer.Option(None, "--site-url", help="Where the static site (`fazhi-kg site DIR`) is, "
                                           "as seen from the page: a relative folder (../site) or a web address; "
                                           "each task's details then link to its page there."),
) -> None:
    """An interactive page of who owns what: units, tasks, themes, targets and documents, with
    search, filters, a click-to-focus view and a workload chart. Tasks are coloured by their
    status where the store knows one (ledger returns, else the task view's stored links). One
    self-contained file that works offline."""
    from kg.store import open_store
    from kg.views.analyze import analyze
    from kg.views.readmodel import load_graph_data
    from kg.viz.chart import render_chart_svg
    from kg.viz.page import render_page

    no_memory(store, "viz")
    from kg.views.taskstatus import task_statuses

    from kg.viz.sources import report_links, task_notes, theme_key

    with open_store(store, read_only=True) as st:
        data = load_graph_data(st, document=document, unit=unit, theme=theme_key(theme) if theme else None)
        statuses = task_statuses(st, {u.iri: u.name for u in data.units})
        statuses.update(_target_statuses(st))
        notes, reports = task_notes(st), report_links(st)
    links = None
    if site_url:
        from kg.site.urls import page

        base = site_url.rstrip("/") + "/"
        links = {t.iri: base + page(t.iri) for t in data.tasks if page(t.iri)}
    result = analyze(data)
    render_page(data, result, output, statuses=statuses, notes=notes, links=links, reports=reports)
    typer.echo(f"wrote {output}", err=True)
    if chart:
        svg = output.with_suffix(".svg")
        render_chart_svg(result, svg)
        typer.echo(f"wrote {svg}", err=True)


def _target_statuses(st) -> dict:
    """Each target's tracking status (met, not met …) over the whole store, judged as of the latest
    date the store knows (as the site judges it), so that the same store gives the same page."""
    from kg.site.collect import default_as_of
    from kg.views.readmodel import ledger_entries, load_graph_data
    from kg.views.taskstatus import target_statuses
    from kg.views.track import track

    full = load_graph_data(st, with_paragraphs=True)
    if not any(d.is_report for d in full.documents):
        return {}
    return target_statuses(track(full, today=default_as_of(full, [e.updated for e in ledger_entries(st)])))
