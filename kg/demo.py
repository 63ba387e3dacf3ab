"""``fazhi-kg demo``: the main job on the bundled sample corpus, written to ``exports/``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

from .fileio import atomic_write_text
from .pipeline import extract_path, summary
from .report import render
from .resources import sample_files

SUMMARY_FIELDS = ("source", "title", "genre", "parts", "sections", "task_sections", "items", "paragraphs",
                  "tasks", "tasks_with_lead", "unit_mentions", "targets", "qualitative_targets", "deadlines", "obligations", "achievements")


def run_demo(output: Path, store: str | None = None) -> Iterator[str]:
    """Extract every sample document, build them into the store and export the graph;
    yields one progress line per step."""
    output = Path(output)
    rows = []
    for path in sample_files():
        result = extract_path(path)
        stem = path.stem
        atomic_write_text(output / "extract" / f"{stem}.json",
                          json.dumps(result.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n")
        atomic_write_text(output / "outline" / f"{stem}.txt", render(result) + "\n")
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

    from . import results
    from .build import build
    from .export import SUFFIX, export
    from .fileio import atomic_write_bytes
    from .matrix import rows, to_csv, to_xlsx
    from .named import get_query
    from .store import open_store

    with open_store(store) as st:
        built = build(sample_files(), st)
        yield (f"built {built.documents} documents into {st.location}: {built.tasks} tasks, "
               f"{len(built.units)} units, {st.count()} quads")
        for fmt, suffix in SUFFIX.items():
            atomic_write_text(output / f"fazhi-kg{suffix}", export(st, fmt))
        yield f"wrote {output}/fazhi-kg.ttl (and .nt .nq .trig .jsonld)"
        table = rows(st)
        atomic_write_text(output / "matrix.csv", to_csv(table))
        atomic_write_bytes(output / "matrix.xlsx", to_xlsx(table))
        yield f"wrote {output}/matrix.csv and {output}/matrix.xlsx ({len(table)} tasks)"
        atomic_write_text(output / "unit-workload.csv", results.to_csv(st.query(get_query("unit-workload").text)))
        yield f"wrote {output}/unit-workload.csv"
