"""``fazhi-kg demo``: the main job on the bundled sample corpus, written to ``exports/``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Iterator

from kg.fileio import atomic_write_bytes, atomic_write_text
from kg.extract.pipeline import extract_path, summary
from kg.extract.readable import render as render_extraction
from kg.render.output import render
from kg.resources import sample_files

# Deadlines are judged as of a fixed date so that the demo's output does not change from day to day.
TRACK_DATE = date(2026, 1, 1)

SUMMARY_FIELDS = ("source", "title", "genre", "parts", "sections", "task_sections", "items", "paragraphs",
                  "tasks", "tasks_with_lead", "unit_mentions", "targets", "qualitative_targets", "deadlines", "obligations", "achievements")


def run_demo(output: Path, store: str | None = None) -> Iterator[str]:
    """Extract every sample document, build them into the store and export the graph;
    yields one progress line per step."""
    output = Path(output)
    rows = []
    extracted = {}
    for path in sample_files():
        result = extract_path(path)
        extracted[path.name[:3]] = result
        stem = path.stem
        atomic_write_text(output / "extract" / f"{stem}.json",
                          json.dumps(result.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n")
        atomic_write_text(output / "outline" / f"{stem}.txt", render_extraction(result) + "\n")
        s = summary(result)
        rows.append(s)
        yield f"{stem}: {s['genre']}, {s['tasks']} tasks, {s['unit_mentions']} unit mentions, " \
              f"{s['targets']} targets, {s['deadlines']} deadlines, {s['achievements']} achievements"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(output / "summary.csv", buf.getvalue())
    yield f"wrote {output}/extract/*.json, {output}/outline/*.txt and {output}/summary.csv"

    from kg.compare import align as aligning
    from kg.jobs.build import build
    from kg.jobs.export import export
    from kg.query.named import get_query
    from kg.rdf.formats import EXPORT_FORMATS
    from kg.rdf.mapping import document_iri
    from kg.query import results
    from kg.store import open_store
    from kg.views import analyze as analysis_view, matrix, taskgraph, taskstatus, taskview, track as tracking
    from kg.views.readmodel import load_graph_data
    from kg.viz.chart import render_chart_svg
    from kg.viz.page import render_page
    from kg.viz.sources import report_links, task_notes

    def save(name: str, out, fmt: str) -> None:
        body = render(out, fmt)
        atomic_write_bytes(output / name, body if isinstance(body, bytes) else body.encode("utf-8"))

    with open_store(store) as st:
        built = build(sample_files(), st)
        yield (f"built {built.documents} documents into {st.location}: {built.tasks} tasks, "
               f"{len(built.units)} units, {st.count()} quads")
        lower, higher = extracted["000"], extracted["003"]  # 栖霞区 2021 plan under the 南京市 scheme
        alignment = aligning.align(lower, higher)
        lo_iri, hi_iri = document_iri(lower), document_iri(higher)
        st.replace_document(aligning.alignment_graph(lo_iri, hi_iri), aligning.alignment_quads(alignment, lo_iri, hi_iri))
        # every task of the 南京市 scheme against the 浦口区 2023 report, its links stored in the graph
        data = load_graph_data(st, with_paragraphs=True)
        scheme = document_iri(higher)
        task_rows = [r for r in taskview.task_view(data) if r.plan == scheme]
        taskgraph.write(st, task_rows)
        for fmt in EXPORT_FORMATS.values():
            atomic_write_text(output / f"fazhi-kg{fmt.suffix}", export(st, fmt.name))
        yield f"wrote {output}/fazhi-kg.ttl (and .nt .nq .trig .jsonld)"
        table = matrix.rows(data)
        save("matrix.csv", matrix.output(table), "csv")
        save("matrix.xlsx", matrix.output(table), "xlsx")
        yield f"wrote {output}/matrix.csv and {output}/matrix.xlsx ({len(table)} tasks)"
        save("unit-workload.csv", results.output(st.query(get_query("unit-workload").text)), "csv")
        yield f"wrote {output}/unit-workload.csv"

        # who owns what: the analyses, the page and its chart
        analysis = analysis_view.analyze(data)
        save("analysis.csv", analysis_view.output(analysis), "csv")
        statuses = taskstatus.task_statuses(st, {u.iri: u.name for u in data.units})
        statuses.update(taskstatus.target_statuses(tracking.track(data, today=TRACK_DATE)))  # met / not met
        notes, reports = task_notes(st), report_links(st)
        render_page(data, analysis, output / "graph.html", statuses=statuses, notes=notes, reports=reports)
        render_chart_svg(analysis, output / "workload.svg")
        focus = load_graph_data(st, unit="南京市栖霞区司法局")
        render_page(focus, analysis_view.analyze(focus), output / "graph-qixia-sifaju.html", statuses=statuses,
                    notes=notes)
        yield f"wrote {output}/graph.html, {output}/graph-qixia-sifaju.html, {output}/workload.svg and {output}/analysis.csv"

        # plans against reports, and the district plan against the city plan above it
        rows_ = tracking.track(data, today=TRACK_DATE)
        save("tracking.csv", tracking.output(rows_), "csv")
        save("target-status.csv", results.output(st.query(get_query("target-status").text)), "csv")
        save("alignment-000-003.csv", aligning.output(alignment), "csv")
        yield (f"wrote {output}/tracking.csv ({len(rows_)} rows, as of {TRACK_DATE}), {output}/target-status.csv and "
               f"{output}/alignment-000-003.csv ({len(alignment.gaps)} coverage gaps)")

        # the progress ledger (台账) of the 栖霞区 plan, as the office sends it to the units
        from kg.ledger import run as ledger

        plan = next(d for d in data.documents if d.source.startswith("000_"))
        _, tasks, sheets = ledger.export(st, plan.source, output / "ledger-000.xlsx")
        yield f"wrote {output}/ledger-000.xlsx (the 台账 of {plan.title}: {tasks} tasks, {sheets} lead-unit sheets)"

        # the task view: what the 浦口区 2023 report says of each task of the 南京市 scheme
        save("taskview-003-004.csv", taskview.output(task_rows), "csv")
        counts = ", ".join(f"{sum(r.status == s for r in task_rows)} {s}" for s in taskview.STATUSES
                           if any(r.status == s for r in task_rows))
        reports = sorted({r.report_title or "" for r in task_rows})
        yield (f"wrote {output}/taskview-003-004.csv (the {len(task_rows)} tasks of {higher.document.title} against "
               f"{'、'.join(reports)}: {counts}; the links are in the graph, named query task-evidence)")
