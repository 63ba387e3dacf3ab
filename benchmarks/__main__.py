"""``python -m benchmarks [--docs N | --sizes 100,1000] [--out FILE.json]``: run every measurement,
print the table, write the JSON (see benchmarks/README.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import json

from benchmarks.harness import DEFAULT_OUT, Options, all_rows, format_markdown, format_table, run


def parse(argv: list[str] | None) -> Options:
    p = argparse.ArgumentParser(prog="python -m benchmarks",
                                description="Run every benchmark measurement side by side with its peer, print the "
                                            "table and write the JSON (see benchmarks/README.md).")
    p.add_argument("--docs", type=int, default=100, help="corpus size (default 100)")
    p.add_argument("--sizes", type=str, default=None,
                   help="several corpus sizes, comma-separated (e.g. 100,1000); overrides --docs")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT.name})")
    p.add_argument("--markdown", type=Path, default=None, help="also write the table as Markdown here")
    p.add_argument("--jobs", type=int, default=2, help="build worker processes when kg.jobs.build supports jobs (default 2)")
    p.add_argument("--timeout", "--peer-timeout", dest="timeout", type=float, default=20.0,
                   help="seconds one query (Oxigraph or rdflib) or rdflib's serialisation may take before it is "
                        "stopped; a stopped peer makes the ratio a lower bound (default 20)")
    p.add_argument("--peer-budget", type=float, default=None,
                   help="at most this many seconds for all rdflib queries together (default: 90 %% of what is "
                        "left of --size-deadline, at least --min-query-timeout per query)")
    p.add_argument("--peer-load-timeout", type=float, default=None,
                   help="at most this many seconds for loading the quads into rdflib; past it the peer runs on "
                        "the part loaded and its times are lower bounds (default: none, every quad is loaded)")
    p.add_argument("--min-query-timeout", type=float, default=5.0,
                   help="a named query's limit never drops under this when the deadline is near (default 5)")
    p.add_argument("--size-deadline", type=float, default=540.0,
                   help="seconds one corpus size should take: after the build, export and rebuilds, the named "
                        "queries share 70 %% of what is left and the rdflib queries the rest (default 540); the "
                        "rdflib peer's load is never cut short")
    p.add_argument("--export-rounds", type=int, default=3,
                   help="interleaved rounds of the export and Store.dump, median reported (default 3; 2 past 300 "
                        "documents)")
    p.add_argument("--table", type=Path, default=None, metavar="RESULTS.json",
                   help="print the table of a saved run (and --markdown it) without measuring anything")
    p.add_argument("--repeats", type=int, default=5, help="timed runs per query after the first, median reported "
                                                          "(default 5)")
    p.add_argument("--query-budget", type=float, default=3.0,
                   help="no further runs of a query once its runs took this many seconds (default 3)")
    p.add_argument("--seed", type=int, default=0, help="corpus generator seed (default 0)")
    p.add_argument("--work-dir", type=Path, default=None, help="keep corpus and stores here (default: a temp dir, removed)")
    p.add_argument("--keep", action="store_true", help="do not remove the temporary work dir")
    p.add_argument("--no-viz", action="store_true", help="skip the graph page measurement")
    p.add_argument("--viz-nodes", type=int, default=5000, help="approximate node count of the graph page (default 5000)")
    p.add_argument("--startup-runs", type=int, default=5, help="runs of `fazhi-kg --help`, median reported (default 5)")
    p.add_argument("--render-runs", type=int, default=3, help="page loads in Chromium, median reported (default 3)")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.add_argument("--hostile-kb", type=float, default=100.0,
                   help="extract the hostile shapes of tests/test_linear.py at this many KB (default 100; 0 skips)")
    a = p.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()] if a.sizes else [a.docs]
    if not sizes or min(sizes) < 2:
        p.error("corpus sizes must be at least 2 documents")
    return Options(sizes=sizes, out=a.out, jobs=a.jobs, peer_timeout=a.timeout, peer_budget=a.peer_budget,
                   peer_load_timeout=a.peer_load_timeout, repeats=a.repeats, query_budget=a.query_budget, seed=a.seed,
                   work_dir=a.work_dir, keep=a.keep, viz=not a.no_viz, viz_nodes=a.viz_nodes, startup_runs=a.startup_runs,
                   render_runs=a.render_runs, quiet=a.quiet, size_deadline=a.size_deadline,
                   min_query_timeout=a.min_query_timeout, hostile_kb=a.hostile_kb,
                   export_rounds=a.export_rounds), a


def main(argv: list[str] | None = None) -> int:
    opts, a = parse(argv)
    markdown = a.markdown
    if a.table:
        result = json.loads(a.table.read_text(encoding="utf-8"))
        result["rows"] = all_rows(result)
        print(format_table(result))
        if markdown:
            markdown.write_text(format_markdown(result) + "\n", encoding="utf-8")
        return 0
    result = run(opts)
    print(format_table(result))
    m = result["machine"]
    print(f"\n{m['cpu_count']} cores ({m['cpu_model']}), {m['ram_gb']} GB RAM, Python {m['python']}; "
          f"total {result['run']['total_s']:.0f} s; per size: "
          + ", ".join(f"{k} docs {v:.0f} s" for k, v in result["run"]["wall_s_per_size"].items())
          + f"\nresults: {opts.out}")
    if markdown:
        markdown.write_text(format_markdown(result) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
