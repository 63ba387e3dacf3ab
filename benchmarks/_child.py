"""One measurement in a fresh process: ``python -m benchmarks._child TASK JSON-ARGS``.

Each task prints one JSON object on the last line of stdout.  A fresh process per measurement
keeps imports, caches and the heap of one measurement out of the next, and lets
``resource.getrusage`` report the peak resident set size of exactly that measurement
(``ru_maxrss`` of the process, and of its largest waited-for child for the build's pool).
"""

from __future__ import annotations

import gc
import inspect
import json
import os
import resource
import signal
import statistics
import sys
import time
from pathlib import Path


def _rss() -> dict[str, float]:
    """Peak RSS in MiB of this process and of its largest finished child (Linux: ru_maxrss in KiB)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"self_mb": me.ru_maxrss / 1024, "children_max_mb": kids.ru_maxrss / 1024,
            "cpu_self_s": me.ru_utime + me.ru_stime, "cpu_children_s": kids.ru_utime + kids.ru_stime}


def _paths(corpus: str) -> list[Path]:
    return sorted(Path(corpus).glob("*.txt"))


# --- (a) and (d): the build ----------------------------------------------------------------------


def task_build(args: dict) -> dict:
    t0 = time.perf_counter()
    from kg.build import build
    from kg.pipeline import extract_path
    from kg.store import open_store

    paths = _paths(args["corpus"])
    # warm-up: imports, the unit lexicon, jieba's dictionary, the division table (timed apart)
    extract_path(paths[0])
    warm = time.perf_counter() - t0
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    store = open_store(args["store"])
    kwargs = {}
    jobs = int(args.get("jobs", 1))
    if "jobs" in inspect.signature(build).parameters:
        kwargs["jobs"] = jobs
    else:
        jobs = 1
    gc.collect()
    t1 = time.perf_counter()
    summary = build(paths, store, **kwargs)
    store.close()
    elapsed = time.perf_counter() - t1
    return {"build_s": elapsed, "warmup_s": warm, "chars": chars, "docs": summary.documents,
            "skipped": len(summary.skipped), "tasks": summary.tasks, "units": len(summary.units),
            "quads": summary.quads, "jobs": jobs, "rss": _rss()}


def task_tokenise(args: dict) -> dict:
    t0 = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    init = time.perf_counter() - t0
    paths = _paths(args["corpus"])
    tokens = chars = 0
    t1 = time.perf_counter()
    for p in paths:
        text = p.read_text(encoding="utf-8")
        chars += len(text)
        tokens += len(jieba.lcut(text))
    elapsed = time.perf_counter() - t1
    return {"tokenise_s": elapsed, "init_s": init, "chars": chars, "tokens": tokens, "rss": _rss()}


# --- (b), (c), (e): the built store ---------------------------------------------------------------


def _median_time(fn, repeats: int, budget: float) -> tuple[float, object, int]:
    """Median wall time of up to ``repeats`` calls of ``fn`` (after one untimed warm-up call),
    stopping early once ``budget`` seconds are spent; the last result and the number of runs."""
    result = fn()
    times = []
    spent = 0.0
    for _ in range(max(1, repeats)):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        spent += times[-1]
        if spent > budget:
            break
    return statistics.median(times), result, len(times)


def plausible_params(store, names: tuple[str, ...], corpus: list[Path]) -> dict[str, str]:
    """A value for each query parameter a user would plausibly pass: the busiest unit, a file …"""
    values: dict[str, str] = {}
    for name in names:
        if name == "unit":
            sol = store.query(
                "PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                "SELECT ?name (COUNT(?t) AS ?n) WHERE { ?t fz:leadUnit ?u . ?u skos:prefLabel ?name } "
                "GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1")
            if sol.rows:
                values[name] = sol.rows[0][0].value
        elif name in ("document", "file", "source"):
            values[name] = corpus[0].name
        elif name == "year":
            values[name] = "2021"
        elif name == "theme":
            sol = store.query("PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> "
                              "SELECT ?th (COUNT(?t) AS ?n) WHERE { ?t fz:theme ?th } GROUP BY ?th ORDER BY DESC(?n) LIMIT 1")
            if sol.rows:
                values[name] = f"<{sol.rows[0][0].value}>"
    return values


def _bound_queries(store, corpus: list[Path]) -> list[dict]:
    from kg.named import bind, list_queries

    out = []
    for q in list_queries():
        params = plausible_params(store, q.params, corpus) if q.params else {}
        missing = [p for p in q.params if p not in params]
        out.append({"name": q.name, "text": bind(q.text, params) if params else q.text,
                    "params": params, "missing": missing})
    return out


def _changed_copy(src: Path, out_dir: Path) -> Path:
    """The same document (same file name and 文号, so the same graph) with one task changed:
    one more lead unit and one more sentence."""
    text = src.read_text(encoding="utf-8")
    marker = "(牵头单位:"
    at = text.find(marker)
    if at >= 0:
        prefix = text[text.find(":", at) + 1]  # the level prefix of the first lead unit: 区/县/市
        text = text[:at] + "加强行政执法人员培训和管理。" + marker + f"{prefix}审计局、" + text[at + len(marker):]
    out_dir.mkdir(parents=True, exist_ok=True)
    dst = out_dir / src.name
    dst.write_text(text, encoding="utf-8")
    return dst


def task_store(args: dict) -> dict:
    """Named queries and Turtle export on the built Oxigraph store, the N-Quads dump for the
    rdflib peer, and the warm rebuild of one changed document."""
    from kg.export import export
    from kg.store import open_store

    corpus = _paths(args["corpus"])
    repeats, budget = int(args["repeats"]), float(args["budget"])
    store = open_store(args["store"])
    out: dict = {"queries": {}}
    out["quads_in_store"] = store.count()
    out["graphs"] = len(store.graphs())
    queries = _bound_queries(store, corpus)
    for q in queries:
        med, sol, runs = _median_time(lambda: store.query(q["text"]), repeats, budget)
        out["queries"][q["name"]] = {"s": med, "rows": len(sol.rows), "runs": runs, "params": q["params"],
                                     "missing_params": q["missing"]}
    with open(args["queries_out"], "w", encoding="utf-8") as fh:
        json.dump(queries, fh, ensure_ascii=False)

    # (c) Turtle export through the product's own path: store.quads() → kg.rdfio.turtle
    gc.collect()
    t = time.perf_counter()
    text = export(store, "turtle")
    out["export_turtle_s"] = time.perf_counter() - t
    out["export_turtle_bytes"] = len(text.encode("utf-8"))
    del text

    # N-Quads for the rdflib peer (not timed)
    t = time.perf_counter()
    n = 0
    with open(args["nquads"], "w", encoding="utf-8") as fh:
        for s, p, o, g in store.quads():
            fh.write(f"{s} {p} {o} {g} .\n")
            n += 1
    out["nquads"] = n
    out["dump_s"] = time.perf_counter() - t

    # (e) rebuild one changed document in the built store, warm (kg already imported and used)
    from kg.build import build
    from kg.pipeline import extract_path

    extract_path(corpus[-1])  # warm the extraction path on another document
    changed = _changed_copy(corpus[0], Path(args["changed_dir"]))
    graphs_before = set(store.graphs())
    t = time.perf_counter()
    summary = build([changed], store)
    out["rebuild_s"] = time.perf_counter() - t
    graph = summary.graphs[0] if summary.graphs else None
    out["rebuild_replaced_existing_graph"] = graph in graphs_before
    out["rebuild_graphs_unchanged"] = set(store.graphs()) == graphs_before
    out["rebuild_quads"] = summary.quads
    # put the original back so the store matches the corpus again (not timed)
    build([corpus[0]], store)
    store.close()
    out["rss"] = _rss()
    return out


def task_rebuild_cold(args: dict) -> dict:
    """What `fazhi-kg build one-file.txt` costs in a fresh process, without the CLI: imports,
    lexicon and jieba loading, opening the store, extraction and the write."""
    t0 = time.perf_counter()
    from kg.build import build
    from kg.store import open_store

    store = open_store(args["store"])
    summary = build([args["path"]], store)
    store.close()
    return {"rebuild_cold_in_process_s": time.perf_counter() - t0, "docs": summary.documents, "rss": _rss()}


# --- (b), (c) peer: rdflib in memory ------------------------------------------------------------------


class PeerTimeout(BaseException):
    """Raised by SIGALRM; a BaseException, so no ``except Exception`` inside rdflib or kg eats it."""


def _alarm(signum, frame):
    raise PeerTimeout()


def _timed_with_timeout(fn, timeout: float) -> tuple[float, object, bool]:
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    t = time.perf_counter()
    try:
        result = fn()
        timed_out = False
    except PeerTimeout:
        result, timed_out = None, True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t, result, timed_out


def task_rdflib(args: dict) -> dict:
    import rdflib

    from kg.mapping import PREFIXES
    from kg.store import MemoryStore

    timeout, repeats, budget = float(args["timeout"]), int(args["repeats"]), float(args["budget"])
    out: dict = {"queries": {}, "timeout_s": timeout}
    mem = MemoryStore()  # rdflib.Dataset(default_union=True) behind kg's own store interface
    t = time.perf_counter()
    mem._ds.parse(source=args["nquads"], format="nquads")
    out["load_s"] = time.perf_counter() - t
    out["rss_after_load"] = _rss()
    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    for q in queries:
        elapsed, sol, timed_out = _timed_with_timeout(lambda: mem.query(q["text"]), timeout)
        entry = {"s": elapsed, "timed_out": timed_out, "runs": 1, "rows": None if timed_out else len(sol.rows)}
        if not timed_out:  # more runs while cheap: the median, as for Oxigraph
            times = [elapsed]
            while len(times) < repeats and sum(times) < budget:
                e2, sol, t2 = _timed_with_timeout(lambda: mem.query(q["text"]), timeout)
                if t2:
                    break
                times.append(e2)
            entry.update(s=statistics.median(times), runs=len(times))
        out["queries"][q["name"]] = entry

    # (c) the same triples (graphs merged, as kg.rdfio.turtle does) in one rdflib Graph
    if not args.get("skip_turtle"):
        graph = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        for triple in mem._ds.triples((None, None, None)):
            graph.add(triple)
        out["turtle_triples"] = len(graph)
        del mem
        gc.collect()
        elapsed, text, timed_out = _timed_with_timeout(lambda: graph.serialize(format="turtle"), timeout)
        out["turtle_s"] = elapsed
        out["turtle_timed_out"] = timed_out
        out["turtle_bytes"] = None if timed_out else len(text.encode("utf-8"))
    out["rss"] = _rss()
    return out


# --- (g) the page ------------------------------------------------------------------------------------


def task_viz(args: dict) -> dict:
    """Write the interactive page for about ``target_nodes`` nodes: the first k graphs of the
    built store (k from the node count of a 10-graph sample) copied into a fresh store."""
    from kg.store import open_store

    try:
        from kg.graphdata import load_graph_data
        from kg.viz import render_page
    except ImportError as exc:
        return {"skipped": f"not available: {exc}"}
    try:
        from kg.analyze import analyze
    except ImportError:
        analyze = None

    target = int(args["target_nodes"])
    src = open_store(args["store"])
    graphs = sorted(src.graphs())

    def nodes_of(data) -> int:
        targets = sum(len(t.targets) for t in data.tasks)
        return len(data.documents) + len(data.tasks) + len(data.units) + len(data.themes) + targets

    def copy(k: int, where: str):
        dst = open_store(where)
        for g in graphs[:k]:
            dst.replace_document(g, list(src.quads(g)))
        return dst

    sample_k = min(10, len(graphs))
    probe = copy(sample_k, args["viz_store"] + "-probe")
    per_graph = max(1.0, nodes_of(load_graph_data(probe)) / sample_k)
    probe.close()
    k = min(len(graphs), max(1, round(target / per_graph)))
    dst = copy(k, args["viz_store"])
    src.close()
    t = time.perf_counter()
    data = load_graph_data(dst)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    analysis = analyze(data) if analyze is not None else None
    analyze_s = time.perf_counter() - t
    t = time.perf_counter()
    path = render_page(data, analysis, args["page"])
    render_s = time.perf_counter() - t
    dst.close()
    page = Path(path)
    html = page.read_text(encoding="utf-8")
    nodes = edges = None
    start = html.find('<script type="application/json" id="kg-data">')
    if start >= 0:
        body = html[html.find(">", start) + 1: html.find("</script>", start)]
        try:
            graph = json.loads(body)
            nodes = len(graph.get("nodes", ())) if isinstance(graph, dict) else None
            edges = len(graph.get("edges", ())) if isinstance(graph, dict) else None
        except ValueError:
            pass
    return {"page": str(page), "bytes": page.stat().st_size, "documents": k, "nodes": nodes,
            "nodes_estimate": nodes_of(data), "edges": edges, "load_graph_data_s": load_s,
            "analyze_s": analyze_s, "render_page_s": render_s, "rss": _rss()}


TASKS = {"build": task_build, "tokenise": task_tokenise, "store": task_store, "rebuild_cold": task_rebuild_cold,
         "rdflib": task_rdflib, "viz": task_viz}


def main() -> None:
    task, raw = sys.argv[1], sys.argv[2]
    result = TASKS[task](json.loads(raw))
    sys.stdout.flush()
    print("\n" + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
