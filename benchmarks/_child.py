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


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the build's workers) so far."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _paths(corpus: str) -> list[Path]:
    return sorted(Path(corpus).glob("*.txt"))


# --- (a) and (d): the build ----------------------------------------------------------------------


def task_build(args: dict) -> dict:
    t0 = time.perf_counter()
    from kg.jobs.build import build
    from kg.extract.pipeline import extract_path
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
    if "bulk" in inspect.signature(build).parameters:
        kwargs["bulk"] = True  # as `fazhi-kg build` does into a new store: spooled, then the engine's bulk loader
    gc.collect()
    c1 = _cpu()
    t1 = time.perf_counter()
    summary = build(paths, store, **kwargs)
    store.close()
    elapsed = time.perf_counter() - t1
    return {"build_s": elapsed, "build_cpu_s": _cpu() - c1, "warmup_s": warm, "chars": chars, "docs": summary.documents,
            "skipped": len(summary.skipped), "tasks": summary.tasks, "units": len(summary.units),
            "quads": summary.quads, "jobs": jobs, "bulk": bool(kwargs.get("bulk")), "rss": _rss()}


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def task_disk(args: dict) -> dict:
    """The built store's size on disk, before and after RocksDB's compaction (``Store.optimize``)."""
    import pyoxigraph

    before = _dir_bytes(Path(args["store"]))
    store = pyoxigraph.Store(args["store"])
    t = time.perf_counter()
    store.optimize()
    optimize_s = time.perf_counter() - t
    del store
    gc.collect()
    return {"bytes": before, "optimized_bytes": _dir_bytes(Path(args["store"])), "optimize_s": optimize_s}


def task_tokenise(args: dict) -> dict:
    t0 = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    init = time.perf_counter() - t0
    paths = _paths(args["corpus"])
    tokens = chars = 0
    c1 = _cpu()
    t1 = time.perf_counter()
    for p in paths:
        text = p.read_text(encoding="utf-8")
        chars += len(text)
        tokens += len(jieba.lcut(text))
    elapsed = time.perf_counter() - t1
    return {"tokenise_s": elapsed, "tokenise_cpu_s": _cpu() - c1, "init_s": init, "chars": chars, "tokens": tokens, "rss": _rss()}


def task_phases(args: dict) -> dict:
    """Where the build's CPU goes, phase by phase, in one process on the first ``limit`` documents
    (the same texts for each phase and for jieba): reading the files, extraction, mapping to quads,
    writing them as N-Quads text, and Oxigraph's bulk loader filling a new store from that text
    (its CPU counted over all its threads).  What is left of the build's own ratio is the build's
    plumbing: spooling, worker processes, hand-over."""
    import tempfile

    import jieba
    import pyoxigraph as ox

    from kg.extract.pipeline import extract_raw
    from kg.ingest.load import load
    from kg.rdf import mapping, nquads

    jieba.setLogLevel(60)
    jieba.initialize()
    paths = _paths(args["corpus"])[: int(args.get("limit", 300))]
    extract_raw(load(paths[0]))  # warm-up: imports, lexicon, dictionary

    def cpu(fn):
        gc.collect()
        c = _cpu()
        out = fn()
        return _cpu() - c, out

    out: dict = {"docs": len(paths)}
    out["jieba_cpu_s"], _ = cpu(lambda: [jieba.lcut(p.read_text(encoding="utf-8")) for p in paths])
    out["read_cpu_s"], raws = cpu(lambda: [load(p) for p in paths])
    out["extract_cpu_s"], results = cpu(lambda: [extract_raw(r) for r in raws])
    out["map_cpu_s"], graphs = cpu(lambda: [(mapping.graph_iri(r), mapping.quads(r)) for r in results])
    out["nquads_cpu_s"], text = cpu(lambda: "".join(nquads.text(q, graph=g) for g, q in graphs).encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        held = [ox.Store(str(Path(tmp) / "store"))]  # dropped before the folder goes
        out["bulk_load_cpu_s"], _ = cpu(lambda: held[0].bulk_load(input=text, format=ox.RdfFormat.N_QUADS))
        held.clear()
        gc.collect()
    return out


# --- (b), (c), (e): the built store ---------------------------------------------------------------


def _runs(fn, repeats: int, budget: float, emit=None) -> tuple[float, object, int, float]:
    """Time ``fn``: one first run, then up to ``repeats`` more while the total stays under
    ``budget`` seconds.  The median of the later runs (the first warms caches), or the first run
    alone when it was too slow to repeat: wall seconds, and CPU seconds of the calling thread
    (pyoxigraph and rdflib evaluate a query in the thread that asks, so this is the query's own
    work, whatever else the machine runs).  ``emit(seconds, cpu_seconds, result)`` is called
    after every run."""
    times: list[float] = []
    cpus: list[float] = []
    result = None
    while True:
        c = time.thread_time()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        cpus.append(time.thread_time() - c)
        if emit:
            emit(times[-1], cpus[-1], result)
        if len(times) > repeats or sum(times) > budget:
            break
    later, later_cpu = times[1:], cpus[1:]
    return ((statistics.median(later) if later else times[0]), result, len(times),
            (statistics.median(later_cpu) if later_cpu else cpus[0]))


def plausible_params(store, names: tuple[str, ...], corpus: list[Path]) -> dict[str, str]:
    """A value for each query parameter a user would plausibly pass: the busiest unit, the first
    document's area, its first task …"""
    from kg.reference.jurisdiction import by_code

    values: dict[str, str] = {}
    code = corpus[0].name.split("_")[1] if corpus[0].name.count("_") >= 2 else None
    for name in names:
        if name == "unit":
            sol = store.query(
                "PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                "PREFIX cv: <http://data.europa.eu/m8g/> "
                "SELECT ?name (COUNT(?p) AS ?n) WHERE { ?p cv:hasParticipant ?u ; cv:role fz:LeadRole . "
                "?u skos:prefLabel ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1")
            if sol.rows and sol.rows[0][0] is not None:
                values[name] = sol.rows[0][0].value
        elif name == "task":
            values[name] = f"{corpus[0].name}#1"
        elif name == "jurisdiction" and code:
            try:
                values[name] = by_code(code).name
            except KeyError:
                pass
        elif name == "plan":  # the plan the first report (every fifth document) reports on
            reports = [k for k, p in enumerate(corpus) if p.name[:5].isdigit() and int(p.name[:5]) % 5 == 4]
            values[name] = corpus[reports[0] - 1 if reports and reports[0] else 0].name
        elif name in ("document", "file", "source"):
            values[name] = corpus[0].name
        elif name == "year":
            values[name] = corpus[0].stem.rsplit("_", 1)[-1]
    return values


def task_queries(args: dict) -> list[dict]:
    """The named queries, those with parameters bound to a plausible value (written to a file)."""
    from kg.query.named import bind, list_queries
    from kg.store import open_store

    corpus = _paths(args["corpus"])
    store = open_store(args["store"])
    out = []
    for q in list_queries():
        params = plausible_params(store, q.params, corpus) if q.params else {}
        missing = [p for p in q.params if p not in params]
        out.append({"name": q.name, "text": bind(q.text, params) if params else q.text,
                    "params": params, "missing": missing})
    store.close()
    Path(args["out"]).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return {"queries": len(out)}


def task_ox_queries(args: dict) -> dict:
    """The named queries from number ``start`` on, on the built Oxigraph store, one JSON line
    each.  pyoxigraph releases the GIL while it evaluates, so a watchdog thread can stop the
    process when a query passes its limit; it prints that query's line first (with the runs
    that did finish, if any), and the harness starts a new process at the next query.

    A query's limit is ``timeout``, or less when ``time_left`` (seconds for all remaining
    queries) shared out over the remaining queries is less, but never under ``min_timeout``."""
    import threading

    from kg.store import open_store

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    store = open_store(args["store"])
    timeout, repeats, budget = float(args["timeout"]), int(args["repeats"]), float(args["budget"])
    time_left = args.get("time_left")
    min_timeout = float(args.get("min_timeout", 5.0))
    t0 = time.perf_counter()
    start = int(args["start"])
    for i in range(start, len(queries)):
        q = queries[i]
        limit = timeout
        if time_left is not None:
            share = (float(time_left) - (time.perf_counter() - t0)) / (len(queries) - i)
            limit = min(timeout, max(min_timeout, share))
        done: list[tuple[float, float, int]] = []
        base = {"index": i, "limit_s": limit, "params": q["params"], "missing_params": q["missing"]}

        def line() -> dict:
            if not done:
                return {**base, "timed_out": True, "s": None, "rows": None, "runs": 0}
            later = [t for t, _, _ in done[1:]]
            later_cpu = [c for _, c, _ in done[1:]]
            return {**base, "timed_out": False, "s": statistics.median(later) if later else done[0][0],
                    "cpu_s": statistics.median(later_cpu) if later_cpu else done[0][1],
                    "rows": done[-1][2], "runs": len(done)}

        def stop() -> None:
            print(json.dumps(line(), ensure_ascii=False), flush=True)
            os._exit(3)

        dog = threading.Timer(limit, stop)
        dog.daemon = True
        dog.start()
        _runs(lambda: store.query(q["text"]), repeats, budget, emit=lambda t, c, sol: done.append((t, c, len(sol.rows))))
        dog.cancel()
        print(json.dumps(line(), ensure_ascii=False), flush=True)
    store.close()
    return {"done": True}


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


def task_oxmem_queries(args: dict) -> dict:
    """The engine's limit: the same named queries on a pyoxigraph store held in memory (the built
    store's quads bulk-loaded into it), read through the product's own query wrapper.  Queries the
    disk store did not finish in time are skipped (``skip``)."""
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    skip = set(args.get("skip", []))
    disk = ox.Store.read_only(args["store"])
    t = time.perf_counter()
    mem = ox.Store()
    mem.bulk_load(input=disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    load_s = time.perf_counter() - t
    del disk
    wrapper = OxigraphStore.__new__(OxigraphStore)  # the wrapper's query(), on the in-memory store
    wrapper._store, wrapper.location = mem, "memory"
    out = {}
    for q in queries:
        if q["name"] in skip:
            continue
        s, sol, _, cpu = _runs(lambda: wrapper.query(q["text"]), int(args["repeats"]), float(args["budget"]))
        out[q["name"]] = {"s": s, "cpu_s": cpu, "rows": len(sol.rows)}
    return {"load_s": load_s, "quads": len(mem), "queries": out, "rss": _rss()}


def task_store(args: dict) -> dict:
    """The warm rebuild of one changed document in the built store (the export is
    :func:`task_export`'s)."""
    from kg.store import open_store

    corpus = _paths(args["corpus"])
    store = open_store(args["store"])
    out: dict = {"quads_in_store": store.count(), "graphs": len(store.graphs())}

    # (e) rebuild one changed document in the built store, warm (kg already imported and used)
    from kg.jobs.build import build
    from kg.extract.pipeline import extract_path

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
    store.close()
    out["rss"] = _rss()
    return out


def task_export(args: dict) -> dict:
    """``fazhi-kg export`` (Turtle and N-Quads, streamed into a file as ``-o FILE`` does) beside
    Oxigraph's own dump of the same store (``Store.dump`` of every quad as N-Quads into a file),
    in one process on the same open store, interleaved: each round runs the three, the order
    turned by one each round, so caches and the machine's load fall on all of them alike.  The
    median of the rounds, in CPU seconds of the process (every thread: the N-Quads export reads
    Oxigraph's dump in a thread of its own) and in wall seconds."""
    import pyoxigraph as ox

    from kg.jobs.export import export_to
    from kg.store import open_store

    store = open_store(args["store"])
    where = Path(args["store"]).parent
    rounds = max(1, int(args.get("rounds", 3)))

    def dump() -> int:
        target = where / "dump.nq"
        store._store.dump(str(target), format=ox.RdfFormat.N_QUADS)
        size = target.stat().st_size
        target.unlink()
        return size

    def ours(fmt: str):
        def run() -> int:
            target = where / f"export.{fmt}"
            size = export_to(store, fmt, target)
            target.unlink(missing_ok=True)
            return size
        return run

    steps = [("dump", dump), ("turtle", ours("turtle")), ("nquads", ours("nquads"))]
    seen: dict[str, dict[str, list]] = {name: {"s": [], "cpu_s": [], "bytes": []} for name, _ in steps}
    for r in range(rounds):
        for name, fn in steps[r % len(steps):] + steps[:r % len(steps)]:
            gc.collect()
            c = time.process_time()
            t = time.perf_counter()
            size = fn()
            seen[name]["s"].append(time.perf_counter() - t)
            seen[name]["cpu_s"].append(time.process_time() - c)
            seen[name]["bytes"].append(size)
    out: dict = {"rounds": rounds, "quads": store.count(), "runs": seen}
    for name, v in seen.items():
        out[f"{name}_s"] = statistics.median(v["s"])
        out[f"{name}_cpu_s"] = statistics.median(v["cpu_s"])
        out[f"{name}_bytes"] = v["bytes"][0]
        out[f"{name}_deterministic"] = len(set(v["bytes"])) == 1
    store.close()
    out["rss"] = _rss()
    return out


def task_rebuild_cold(args: dict) -> dict:
    """What `fazhi-kg build one-file.txt` costs in a fresh process, without the CLI: imports,
    lexicon and jieba loading, opening the store, extraction and the write."""
    t0 = time.perf_counter()
    from kg.jobs.build import build
    from kg.store import open_store

    store = open_store(args["store"])
    summary = build([args["path"]], store)
    store.close()
    return {"rebuild_cold_in_process_s": time.perf_counter() - t0, "docs": summary.documents, "rss": _rss()}


def task_links(args: dict) -> dict:
    """What a built corpus does not hold by itself, for the named queries that read it (the task
    view's links, one ledger return, the links across years): :func:`benchmarks.variety.add_links`."""
    from benchmarks.variety import add_links

    return add_links(args["store"], _paths(args["corpus"]), args["work"])


# --- (b), (c) peer: rdflib in memory ------------------------------------------------------------------


class PeerTimeout(BaseException):
    """Raised by SIGALRM; a BaseException, so no ``except Exception`` inside rdflib or kg eats it."""


def _alarm(signum, frame):
    raise PeerTimeout()


def _timed_with_timeout(fn, timeout: float) -> tuple[float, object, bool, float]:
    """``fn()`` stopped after ``timeout`` wall seconds: (wall seconds, result, stopped, CPU
    seconds of this thread)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    c = time.thread_time()
    t = time.perf_counter()
    try:
        result = fn()
        timed_out = False
    except PeerTimeout:
        result, timed_out = None, True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t, result, timed_out, time.thread_time() - c


def task_rdflib(args: dict) -> dict:
    """The peer: the same quads in an rdflib ``Dataset(default_union=True)`` (kg's MemoryStore),
    the same bound queries, and rdflib's N-Quads and Turtle serializers on the same quads.

    Loading reads ``store.quads()`` from the Oxigraph store and parses them as N-Quads in batches,
    as kg's MemoryStore loads a document (adding rdflib terms with ``Dataset.addN`` is faster, but
    rdflib 7.3 then copies a named graph once per quad, and its GRAPH evaluation fails with "Set
    changed size during iteration").  Every quad is
    loaded, however long it takes (``load_timeout``, if given, stops it: the peer then runs on the
    quads listed first, and its times are lower bounds for the whole; the harness no longer sets it).
    Each query gets at most ``timeout`` seconds, and all of them together at most ``budget``
    seconds (each item's limit shrinks as the budget is spent); each serialisation at most
    ``serialize_timeout``.  Times are CPU seconds of this thread, wall seconds beside them.
    """
    import rdflib

    from kg.vocab import PREFIXES
    from kg.store import MemoryStore, open_store

    timeout, repeats, budget = float(args["timeout"]), int(args["repeats"]), float(args["query_budget"])
    total_budget = float(args["budget"])
    load_timeout = float(args.get("load_timeout") or 10_000_000.0)
    ser_timeout = float(args.get("serialize_timeout") or max(timeout, 60.0))
    out: dict = {"queries": {}, "timeout_s": timeout}
    mem = MemoryStore()  # rdflib.Dataset(default_union=True) behind kg's own store interface
    ds = mem._ds
    src = open_store(args["store"])
    total = src.count()
    loaded = 0

    def load() -> None:
        nonlocal loaded
        batch: list[str] = []
        for s_, p_, o_, g_ in src.quads():
            batch.append(f"{s_} {p_} {o_} {g_} .\n")
            if len(batch) >= 100_000:
                mem.load_nquads("".join(batch))
                loaded += len(batch)
                batch = []
        mem.load_nquads("".join(batch))
        loaded += len(batch)

    elapsed, _, load_stopped, load_cpu = _timed_with_timeout(load, load_timeout)
    src.close()
    out.update(load_s=elapsed, load_cpu_s=load_cpu, quads_total=total, quads_loaded=loaded,
               load_complete=not load_stopped, load_timeout_s=None if args.get("load_timeout") is None else load_timeout)
    out["rss_after_load"] = _rss()
    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    items = len(queries)
    spent = 0.0
    # rdflib imports its SPARQL engine on the first query: no query's cost, and an alarm that stopped the
    # import half-way (a slow machine) would leave it half-imported, failing every query after it
    mem.query("ASK { }")

    def limit(done: int) -> float:
        return max(0.1, min(timeout, (total_budget - spent) / max(1, items - done)))

    for i, q in enumerate(queries):
        # the same policy as for Oxigraph: a first run, then more while under the repeat budget;
        # every run is stopped at the item's limit (the first one stopped: slower than the limit)
        item_limit = limit(i)
        times: list[float] = []
        cpus: list[float] = []
        rows = None
        timed_out = False
        while True:
            elapsed, sol, stopped, cpu = _timed_with_timeout(lambda: mem.query(q["text"]), item_limit)
            spent += elapsed
            if stopped:
                timed_out = not times
                break
            times.append(elapsed)
            cpus.append(cpu)
            rows = len(sol.rows)
            if len(times) > repeats or sum(times) > budget:
                break
        later, later_cpu = times[1:], cpus[1:]
        out["queries"][q["name"]] = {"s": None if timed_out else (statistics.median(later) if later else times[0]),
                                     "cpu_s": None if timed_out else (statistics.median(later_cpu) if later_cpu else cpus[0]),
                                     "timed_out": timed_out, "limit_s": item_limit, "runs": len(times),
                                     "rows": rows}

    if not args.get("skip_turtle"):
        # (c) rdflib's N-Quads writer on the loaded dataset, then its Turtle writer on the same
        # triples (graphs merged, as kg's Turtle export does) in one rdflib Graph
        gc.collect()
        elapsed, text, timed_out, cpu = _timed_with_timeout(lambda: ds.serialize(format="nquads"), ser_timeout)
        out.update(nquads_s=elapsed, nquads_cpu_s=None if timed_out else cpu, nquads_limit_s=ser_timeout,
                   nquads_timed_out=timed_out, nquads_bytes=None if timed_out else len(text.encode("utf-8")))
        text = None
        graph = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        graph.addN((s, p, o, graph) for s, p, o in ds.triples((None, None, None)))
        out["turtle_triples"] = len(graph)
        del mem, ds
        gc.collect()
        elapsed, text, timed_out, cpu = _timed_with_timeout(lambda: graph.serialize(format="turtle"), ser_timeout)
        out["turtle_s"] = elapsed
        out["turtle_cpu_s"] = None if timed_out else cpu
        out["turtle_limit_s"] = ser_timeout
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
        from kg.views.readmodel import load_graph_data
        from kg.viz.page import render_page
    except ImportError as exc:
        return {"skipped": f"not available: {exc}"}
    try:
        from kg.views.analyze import analyze
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


TASKS = {"build": task_build, "disk": task_disk, "tokenise": task_tokenise, "queries": task_queries, "ox_queries": task_ox_queries, "oxmem_queries": task_oxmem_queries,
         "store": task_store, "export": task_export, "links": task_links, "rebuild_cold": task_rebuild_cold,
         "rdflib": task_rdflib, "viz": task_viz, "phases": task_phases}


def main() -> None:
    task, raw = sys.argv[1], sys.argv[2]
    result = TASKS[task](json.loads(raw))
    sys.stdout.flush()
    print("\n" + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
