"""The static site at scale, in headless Chromium: ``python -m benchmarks.site --docs 300``.

Generates the synthetic corpus (:mod:`benchmarks.generate`), builds it, writes the site with
``fazhi-kg site`` (its wall time and peak memory from ``/usr/bin/time``), then opens pages of each
kind from ``file://`` in Debian's ``chromium`` with every request sent to a dead proxy (the
network is off), through the pages' own ``#selfcheck`` report: console errors, what each page
loaded (anything outside the site would be a request), and on the index the time to load the
search index and to answer a query (``performance.now`` inside the page, as the index measures
its own search); and the interactive graph page of the same store (``fazhi-kg viz``), through its
own ``#selfcheck``: when it was ready, how many nodes it drew, a search and a filter.  Prints a Markdown table; ``--out FILE`` writes it.  No goals are asserted here:
the issue's (every page type without errors or requests at 300 documents, a search within 100 ms
at 1,000) are read from the table.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
         "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--virtual-time-budget=3000", "--dump-dom"]
QUERIES = ["司法局", "行政复议", "败诉率", "放管服", "街道"]
KINDS = {"unit": "unit", "task": "doc/*/task", "document": "doc", "jurisdiction": "area", "theme": "theme"}


def _run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command, through GNU time."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr[-500:]}")
    return time.perf_counter() - start, int(proc.stderr.strip().splitlines()[-1]) / 1024


def _selfcheck(url: str, profile: Path) -> dict:
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", url], capture_output=True, text=True,
                          timeout=300)
    m = re.search(r'<pre id="kg-selfcheck">(.*?)</pre>', proc.stdout, re.S)
    return json.loads(html.unescape(m.group(1))) if m else {"errors": ["no self-check report"], "loaded": [], "resources": []}


def _graph_selfcheck(url: str, profile: Path) -> dict:
    """The graph page's own report (``#selfcheck``): when it was ready, what it drew, how long a
    search and a filter took."""
    proc = subprocess.run([CHROMIUM, *FLAGS, "--window-size=1400,900", f"--user-data-dir={profile}", url],
                          capture_output=True, text=True, timeout=600)
    m = re.search(r'<pre[^>]*id="kg-selfcheck"[^>]*>(.*?)</pre>', proc.stdout, re.S)
    try:
        return json.loads(html.unescape(m.group(1))) if m else {}
    except ValueError:
        return {}


def _pages(site: Path) -> dict[str, list[Path]]:
    out = {}
    for kind, where in KINDS.items():
        if kind == "document":
            found = sorted(p for p in (site / "doc").glob("*.html"))
        elif kind == "task":
            found = sorted((site / "doc").glob("*/task/*.html"))
        else:
            found = sorted((site / where).glob("*.html"))
        step = max(1, len(found) // 3)
        out[kind] = found[::step][:3]
    return out


def measure(docs: int, work: Path) -> list[tuple[str, str]]:
    corpus, store, site = work / "corpus", work / "store", work / "site"
    subprocess.run([sys.executable, "-m", "benchmarks.generate", str(docs), str(corpus)], cwd=ROOT, check=True,
                   capture_output=True)
    load = os.getloadavg()[0]
    build_s, build_mb = _run([sys.executable, str(ROOT / "cli.py"), "build", str(corpus), "--store", str(store)], work)
    site_s, site_mb = _run([sys.executable, str(ROOT / "cli.py"), "site", str(site), "--store", str(store)], work)
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    root = site.as_uri() + "/"
    bad, checked = [], 0
    for kind, pages in _pages(site).items():
        for page in pages:
            r = _selfcheck(page.as_uri() + "#selfcheck", work / "profile")
            checked += 1
            outside = [x for x in r["loaded"] + r["resources"] if not x.startswith(root)]
            if r["errors"] or outside or not r["loaded"]:
                bad.append(f"{kind} {page.relative_to(site)}: errors {r['errors'][:2]}, outside {outside[:2]}")
    searches, index_ms = [], []
    for q in QUERIES:
        r = _selfcheck((site / "index.html").as_uri() + "#selfcheck&q=" + quote(q), work / "profile")
        s = r.get("search") or {}
        if r["errors"] or not s:
            bad.append(f"index q={q}: errors {r['errors'][:2]}")
            continue
        searches.append(s["ms"])
        index_ms.append(s["index_ms"])
    graph_s, graph_mb = _run([sys.executable, str(ROOT / "cli.py"), "viz", "-o", str(work / "graph.html"),
                              "--store", str(store), "--no-chart"], work)
    g = _graph_selfcheck((work / "graph.html").as_uri() + "#selfcheck&q=" + quote(QUERIES[0]), work / "profile")
    return [
        ("documents", str(docs)),
        ("build (s) / peak (MB)", f"{build_s:.1f} / {build_mb:.0f}"),
        ("site written (s) / peak (MB)", f"{site_s:.1f} / {site_mb:.0f}"),
        ("files / MB", f"{len(files):,} / {size / 2**20:.0f}"),
        ("pages opened (index and 3 of each kind)", f"{checked + len(QUERIES)}: "
         + ("every one without errors or requests outside the site" if not bad else "; ".join(bad[:5]))),
        ("search index loaded (ms, median)", f"{statistics.median(index_ms):.0f}" if index_ms else "—"),
        ("a search answered (ms, median of " + "、".join(QUERIES) + ")",
         f"{statistics.median(searches):.1f} (max {max(searches):.1f})" if searches else "—"),
        ("graph page (`viz`): written (s) / MB", f"{graph_s:.1f} / {(work / 'graph.html').stat().st_size / 2**20:.1f}"),
        ("graph page: ready (ms) / nodes drawn of all", f"{g.get('ready_ms', 0):.0f} / {g.get('nodes_rendered', '?')} of "
                                                        f"{g.get('nodes_expected', '?')}" if g else "no report"),
        ("graph page: a search / a filter (ms)", f"{g['search']['ms']:.0f} / {g['filter']['ms']:.0f}"
                                                 if g.get("search") and g.get("filter") else "—"),
        ("graph page: page errors", str(len(g.get("errors", []))) if g else "no report"),
        ("load average at the start (1 min)", f"{load:.2f}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="300", help="corpus sizes, comma-separated (default 300)")
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    parser.add_argument("--work-dir", type=Path, help="keep the corpus, store and site here")
    args = parser.parse_args()
    sizes = [int(x) for x in args.docs.split(",")]
    columns: list[list[tuple[str, str]]] = []
    for n in sizes:
        work = (args.work_dir / str(n)) if args.work_dir else Path(tempfile.mkdtemp(prefix=f"site-{n}-"))
        work.mkdir(parents=True, exist_ok=True)
        columns.append(measure(n, work))
    lines = ["| | " + " | ".join(f"{n} documents" for n in sizes) + " |", "|---" * (len(sizes) + 1) + "|"]
    for i, (name, _) in enumerate(columns[0]):
        lines.append(f"| {name} | " + " | ".join(c[i][1] for c in columns) + " |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
