"""The benchmark run: every measurement at every corpus size, side by side with its peer.

Each measurement that has a memory or cold-start story runs in a fresh child process
(:mod:`benchmarks._child`), with ``PYTHONPATH`` and the working directory set to this checkout so
the ``kg`` measured is the one next to this file (not another editable install).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(__file__).resolve().parent / "results.json"


@dataclass
class Options:
    sizes: list[int]
    out: Path
    jobs: int = 2
    peer_timeout: float = 20.0
    peer_budget: float | None = None  # None: what is left of the size deadline
    peer_load_timeout: float | None = None
    min_query_timeout: float = 5.0
    repeats: int = 5
    query_budget: float = 3.0
    seed: int = 0
    work_dir: Path | None = None
    keep: bool = False
    viz: bool = True
    viz_nodes: int = 5000
    startup_runs: int = 5
    render_runs: int = 3
    quiet: bool = False
    hostile_kb: float = 100.0  # extraction on the hostile shapes at this size; 0 skips it
    size_deadline: float = 540.0  # seconds per size; the queries share what is left of it
    export_rounds: int = 3  # interleaved rounds of export and Store.dump (2 past 300 documents)


class Log:
    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.t0 = time.perf_counter()

    def __call__(self, msg: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.t0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def child(task: str, args: dict, *, timeout: float = 3600.0) -> tuple[dict, float]:
    """Run one measurement in a fresh process; its JSON result and the process's wall time."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "benchmarks._child", task, json.dumps(args, ensure_ascii=False)],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"benchmark step '{task}' failed (exit {proc.returncode}):\n{tail}")
    last = [ln for ln in proc.stdout.splitlines() if ln.strip()][-1]
    return json.loads(last), wall


def machine_info() -> dict:
    mem_kb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("pyoxigraph", "rdflib", "jieba"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:  # noqa: BLE001
            versions[mod] = None
    commit = dirty = None
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "kg"], cwd=ROOT, capture_output=True,
                                    text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    import hashlib

    digest = hashlib.sha1()
    for path in sorted((ROOT / "kg").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".rq") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = None
    return {"cpu_count": os.cpu_count(), "cpus_usable": affinity, "cpu_model": cpu,
            "ram_gb": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "versions": versions, "git_commit": commit, "kg_dirty": dirty,
            "kg_source_sha1": digest.hexdigest()[:12], "loadavg_at_start": list(os.getloadavg()),
            "chromium": shutil.which("chromium") or (Path("/usr/bin/chromium").exists() and "/usr/bin/chromium") or None}


# --- rows -------------------------------------------------------------------------------------------


def _row(id: str, measurement: str, docs: int | None, value: float | None, unit: str, peer: str,
         peer_value: float | None, ratio: float | None, goal: str, met: bool | None, *,
         ratio_kind: str = "exact", note: str = "", status: str = "ok", value_kind: str = "exact",
         peer_value_kind: str = "exact") -> dict:
    return {"id": id, "measurement": measurement, "docs": docs, "value": value, "value_kind": value_kind,
            "unit": unit, "peer": peer, "peer_value": peer_value, "peer_value_kind": peer_value_kind, "ratio": ratio,
            "ratio_kind": ratio_kind, "goal": goal, "met": met, "note": note, "status": status}


def _build_peak(b: dict) -> float:
    """Peak RSS of a build: the main process, plus each pool worker's peak when there is a pool
    (an upper bound of what was resident at once: the workers' peaks need not coincide)."""
    rss = b["rss"]
    return rss["self_mb"] + (b["jobs"] * rss["children_max_mb"] if b["jobs"] > 1 else 0)


def _peer_fallback(name: str, smaller: list[tuple[int, dict]]) -> tuple[float, int] | None:
    """The slowest complete rdflib time of query ``name`` at a smaller size (all quads loaded,
    not stopped): every named query does at least as much work on a superset of the documents,
    so it is a lower bound of rdflib's time at this size."""
    best = None
    for m, dm in smaller:
        r = dm.get("rdflib", {})
        if name in ("__turtle__", "__nquads__"):
            fmt = name.strip("_")
            p = {"s": r.get(f"{fmt}_s"), "cpu_s": r.get(f"{fmt}_cpu_s"),
                 "timed_out": r.get(f"{fmt}_timed_out")} if r.get(f"{fmt}_s") else None
        else:
            p = r.get("queries", {}).get(name)
        value = _cpu_or_wall(p)
        if p and not p.get("timed_out") and value and r.get("load_complete", True):
            if best is None or value > best[0]:
                best = (value, m)
    return best


def _export(d: dict) -> dict:
    """The export figures of a size: the ``export`` step (interleaved with Store.dump, CPU and
    wall), or what an older run's ``store`` step recorded (one wall time, no dump)."""
    if d.get("export"):
        return d["export"]
    st = d["store"]
    return {"turtle_s": st["export_turtle_s"], "turtle_bytes": st["export_turtle_bytes"], "rss": st["rss"]}


def _cpu_or_wall(m: dict | None) -> float | None:
    """A measurement's CPU seconds where it has them, else its wall seconds."""
    if not m:
        return None
    return m.get("cpu_s") if m.get("cpu_s") is not None else m.get("s")


PHASES = (("read", "reading the files"), ("extract", "extraction"), ("map", "mapping to quads"),
          ("nquads", "N-Quads text"), ("bulk_load", "Oxigraph's bulk loader"))


def size_rows(n: int, d: dict, smaller: list[tuple[int, dict]] = ()) -> list[dict]:
    b, tk, st, rd, cold = d["build"], d["tokenise"], d["store"], d["rdflib"], d["rebuild_cold"]
    ex = _export(d)
    rows = []
    cpu = b.get("build_cpu_s") and tk.get("tokenise_cpu_s")
    ratio = b["build_cpu_s"] / tk["tokenise_cpu_s"] if cpu else b["build_s"] / tk["tokenise_s"]
    rows.append(_row("build_throughput", f"build throughput, --jobs {b['jobs']} (chars/s)", n, b["chars"] / b["build_s"], "chars/s",
                     "jieba.lcut, same texts", tk["chars"] / tk["tokenise_s"], ratio, "build/tokenise ≤ 1.0",
                     ratio <= 1.0, note=f"build {b['build_s']:.2f} s (jobs={b['jobs']}) vs tokenise "
                                        f"{tk['tokenise_s']:.2f} s (1 process); "
                                        + (f"ratio = CPU seconds, {b['build_cpu_s']:.2f} (workers included) against "
                                           f"{tk['tokenise_cpu_s']:.2f}; wall-time ratio {b['build_s'] / tk['tokenise_s']:.2f}"
                                           if cpu else "ratio = time ratio")))
    bo = d.get("build_other")
    if bo and bo.get("build_cpu_s") and tk.get("tokenise_cpu_s"):
        r2 = bo["build_cpu_s"] / tk["tokenise_cpu_s"]
        rows.append(_row(f"build_throughput_jobs{bo['jobs']}", f"build throughput, --jobs {bo['jobs']} (chars/s)", n,
                         bo["chars"] / bo["build_s"], "chars/s", "jieba.lcut, same texts", tk["chars"] / tk["tokenise_s"],
                         r2, "build/tokenise ≤ 1.0", r2 <= 1.0,
                         note=f"build {bo['build_s']:.2f} s wall, {bo['build_cpu_s']:.2f} CPU s (workers included); "
                              f"ratio = CPU seconds; wall {bo['build_s']:.2f} s against {b['build_s']:.2f} s at "
                              f"--jobs {b['jobs']}"))
    ph = d.get("phases")
    if ph and ph.get("jieba_cpu_s"):
        total = sum(ph[f"{k}_cpu_s"] for k, _ in PHASES)
        for key, label in PHASES:
            r = ph[f"{key}_cpu_s"] / ph["jieba_cpu_s"]
            rows.append(_row(f"build_phase_{key}", f"build phase: {label} (CPU s)", ph["docs"], ph[f"{key}_cpu_s"], "s",
                             "jieba.lcut, same texts", ph["jieba_cpu_s"], r, "— (the build's ratio, part by part)", None,
                             note=f"{ph[f'{key}_cpu_s'] / total:.0%} of the five phases' CPU; the first {ph['docs']} documents, "
                                  "one process"))
    partial = not rd.get("load_complete", True)
    part_note = (f"; rdflib held {rd['quads_loaded']:,} of {rd['quads_total']:,} quads (load stopped at "
                 f"{rd['load_timeout_s']:.0f} s)" if partial else "")

    def peer_bound(name: str, measured: float | None, low: bool) -> tuple[float | None, bool, str]:
        """The peer's value, whether it is a lower bound, and a note on where it comes from."""
        if not low:
            return measured, False, ""
        fb = _peer_fallback(name, smaller)
        if fb and (measured is None or fb[0] > measured):
            return fb[0], True, f"; peer value: rdflib's complete time at {fb[1]} docs (a lower bound here)"
        return measured, True, ""

    for name, q in d["queries"].items():
        p = rd["queries"].get(name, {})
        p_out = bool(p.get("timed_out"))
        q_limit = q.get("limit_s") or d.get("timeout_s")
        cpu = q.get("cpu_s") is not None and (p_out or p.get("cpu_s") is not None)  # a CPU ratio
        ox_v = q_limit if q["timed_out"] else (q["cpu_s"] if cpu else q["s"])
        peer_measured = p.get("limit_s", d.get("timeout_s")) if p_out else (p.get("cpu_s") if cpu else p.get("s"))
        peer_s, p_low, fb_note = peer_bound(name, peer_measured, p_out or partial)
        if q["timed_out"] or peer_s is None:
            speed, kind = None, "unknown"
        else:
            speed, kind = (peer_s / ox_v if ox_v > 0 else None), ("lower bound" if p_low else "exact")
        if q.get("error"):
            note = f"Oxigraph failed: {q['error']}"
        elif q["timed_out"]:
            note = f"Oxigraph stopped at its {q_limit:.1f} s limit"
        else:
            note = f"{q['rows']} rows"
            if not p_out and not partial and p.get("rows") is not None:
                note += ", same row count" if p.get("rows") == q["rows"] else f", rdflib {p.get('rows')} rows (differs)"
            if cpu:
                note += (f"; CPU seconds (wall: Oxigraph {q['s'] * 1000:.1f} ms"
                         + (f", rdflib {p['s'] * 1000:.1f} ms)" if p.get("s") is not None else ")"))
        if p_out:
            note += f"; rdflib stopped at its {p.get('limit_s', 0):.1f} s limit (wall)"
        note += part_note + fb_note
        mem = (d.get("oxmem") or {}).get("queries", {}).get(name)
        mem_v = _cpu_or_wall(mem) if mem and (mem.get("cpu_s") is not None or not cpu) else None
        if mem_v and not q["timed_out"]:
            note += (f"; Oxigraph in memory (the engine's limit) {mem_v * 1000:.1f} ms, {ox_v / mem_v:.1f}× faster "
                     f"than on disk" + (f", {peer_s / mem_v:.0f}× rdflib" if peer_s and not p_low else ""))
        if q.get("params"):
            note += "; " + ", ".join(f"?{k}={v}" for k, v in q["params"].items())
        if q.get("missing_params"):
            note += f"; unbound: {', '.join(q['missing_params'])}"
        if q["timed_out"]:
            met = False if (q_limit or 0) >= 10 else None  # Oxigraph itself takes over 10 s: not interactive
        elif speed is None:
            met = None
        elif kind == "lower bound":
            met = True if speed >= 20 else None  # a lower bound under the goal proves nothing
        else:
            met = speed >= 20
        row = _row(f"query:{name}", f"query {name} (s)", n, ox_v, "s", "rdflib Dataset (union)", peer_s, speed,
                   "speed-up ≥ 20×", met, ratio_kind=kind, note=note,
                   value_kind="lower bound" if q["timed_out"] else "exact",
                   peer_value_kind="lower bound" if p_low else "exact")
        row["engine_limit_s"] = mem_v  # the same query on Oxigraph in memory
        row["wall_s"] = None if q["timed_out"] else q["s"]
        rows.append(row)
    for fmt, label in (("turtle", "Turtle"), ("nquads", "N-Quads")):
        ours = ex.get(f"{fmt}_cpu_s") or ex.get(f"{fmt}_s")
        if ours is None or rd.get(f"{fmt}_s") is None:
            continue
        unit_note = "CPU seconds" if ex.get(f"{fmt}_cpu_s") else "wall seconds"
        t_out = bool(rd.get(f"{fmt}_timed_out"))
        measured = rd[f"{fmt}_limit_s"] if t_out else (rd.get(f"{fmt}_cpu_s") or rd[f"{fmt}_s"])
        key = "__turtle__" if fmt == "turtle" else "__nquads__"
        peer_t, low, fb_note = peer_bound(key, measured, t_out or partial)
        speed = peer_t / ours
        rows.append(_row(f"export_{fmt}", f"{label} export (s)", n, ours, "s",
                         f"rdflib {'Graph' if fmt == 'turtle' else 'Dataset'}.serialize({fmt}), already loaded",
                         peer_t, speed, "faster than rdflib (> 1×)",
                         True if speed > 1 else (None if low else False),
                         ratio_kind="lower bound" if low else "exact",
                         peer_value_kind="lower bound" if low else "exact",
                         note=f"`fazhi-kg export -f {fmt} -o FILE`'s path, {ex[f'{fmt}_bytes'] / 1e6:.1f} MB; {unit_note}"
                              + (f"; rdflib stopped at its {rd[f'{fmt}_limit_s']:.1f} s limit (wall)" if t_out else
                                 f" (rdflib {rd[f'{fmt}_bytes'] / 1e6:.1f} MB, wall {rd[f'{fmt}_s']:.2f} s)")
                              + part_note + fb_note))
    if ex.get("dump_cpu_s"):
        for fmt, label in (("turtle", "Turtle"), ("nquads", "N-Quads")):
            r = ex[f"{fmt}_cpu_s"] / ex["dump_cpu_s"]
            rows.append(_row(f"export_{fmt}_vs_dump", f"{label} export vs the engine's dump (s)", n, ex[f"{fmt}_cpu_s"], "s",
                             "Oxigraph Store.dump (N-Quads, same store)", ex["dump_cpu_s"], r,
                             "export/dump ≤ 1.5", r <= 1.5,
                             note=f"CPU seconds of the process, median of {ex['rounds']} interleaved rounds; wall "
                                  f"{ex[f'{fmt}_s']:.2f} s against {ex['dump_s']:.2f} s "
                                  f"({ex[f'{fmt}_s'] / ex['dump_s']:.2f}); {ex[f'{fmt}_bytes'] / 1e6:.1f} MB against "
                                  f"{ex['dump_bytes'] / 1e6:.1f} MB; same bytes every round: "
                                  f"{'yes' if ex.get(f'{fmt}_deterministic') else 'NO'}"))
    rss = b["rss"]
    peak = _build_peak(b)
    rdflib_peak = rd["rss_after_load"]["self_mb"]
    rows.append(_row("build_peak_memory", "build peak RSS (MB)", n, peak, "MB",
                     "rdflib process holding the same quads", rdflib_peak, peak / rdflib_peak, "≤ 2048 MB",
                     peak <= 2048, note=(f"main {rss['self_mb']:.0f} MB + {b['jobs']} × worker "
                                         f"{rss['children_max_mb']:.0f} MB (upper bound: worker peaks added)"
                                         if b["jobs"] > 1 else "one process")
                     + ("; peer value: partial load" if partial else ""),
                     ratio_kind="upper bound" if partial else "exact",
                     peer_value_kind="lower bound" if partial else "exact"))
    export_peak = ex["rss"]["self_mb"]
    rows.append(_row("export_peak_memory", "Turtle export peak RSS (MB)", n, export_peak, "MB",
                     "rdflib process holding the same quads", rdflib_peak, export_peak / rdflib_peak,
                     "≤ 2048 MB (as the build)", export_peak <= 2048,
                     note="the process that exports (Turtle, N-Quads and Oxigraph's dump, in turn)"
                          + ("; peer value: partial load" if partial else ""),
                     ratio_kind="upper bound" if partial else "exact",
                     peer_value_kind="lower bound" if partial else "exact"))
    speed = b["build_s"] / st["rebuild_s"]
    rows.append(_row("rebuild_one_warm", "rebuild 1 changed doc, warm (s)", n, st["rebuild_s"], "s",
                     "full build of the corpus", b["build_s"], speed, "< 1 s", st["rebuild_s"] < 1.0,
                     note=("replaced its graph in place" if st["rebuild_replaced_existing_graph"]
                           and st["rebuild_graphs_unchanged"] else "WARNING: graph set changed")
                     + "; ratio = full build / one rebuild"))
    disk = d.get("disk")
    if disk and b.get("docs"):
        per_doc = disk["bytes"] / b["docs"]
        nq = ex.get("nquads_bytes") or ex.get("dump_bytes") or st.get("export_nquads_bytes")
        quads = max(b["quads"], 1)
        rows.append(_row("store_bytes_per_doc", "store on disk (bytes/doc)", n, per_doc, "bytes",
                         "the same quads as N-Quads text", nq / b["docs"] if nq else None,
                         (disk["bytes"] / nq) if nq else None, "— (measured)", None,
                         note=f"{disk['bytes'] / 1e6:.1f} MB after the build, {disk['bytes'] / quads:.0f} bytes/quad; "
                              f"100,000 documents ≈ {per_doc * 100_000 / 1e9:.0f} GB"))
        opt = disk.get("optimized_bytes")
        if opt:
            rows.append(_row("store_bytes_per_doc_compacted", "store on disk after compaction (bytes/doc)", n,
                             opt / b["docs"], "bytes", "the same quads as N-Quads text", nq / b["docs"] if nq else None,
                             (opt / nq) if nq else None, "— (measured)", None,
                             note=f"Store.optimize() (RocksDB compaction, {disk.get('optimize_s', 0):.1f} s): "
                                  f"{opt / 1e6:.1f} MB, {opt / quads:.0f} bytes/quad; 100,000 documents ≈ "
                                  f"{opt / b['docs'] * 100_000 / 1e9:.0f} GB"))
            rows.append(_row("store_bytes_per_quad", "store on disk (bytes/quad)", n, disk["bytes"] / quads, "bytes",
                             "after compaction", opt / quads, opt / disk["bytes"], "— (measured)", None,
                             note=f"{b['quads']:,} quads, {b['quads'] / b['docs']:,.0f} a document; ratio = "
                                  "compacted / as built"))
    base = d.get("bare_python_s")
    rows.append(_row("rebuild_one_cold", "rebuild 1 changed doc, fresh process (s)", n, cold["wall_s"], "s",
                     "bare `python -c pass`", base, cold["wall_s"] / base if base else None, "< 1 s",
                     cold["wall_s"] < 1.0, note=f"{cold['rebuild_cold_in_process_s']:.2f} s inside the process "
                                                 "(imports, lexicon, jieba, store open, extract, write)"))
    return rows


def startup_rows(s: dict) -> list[dict]:
    return [_row("startup_help", "`fazhi-kg --help` start-up (s)", None, s["help_s"], "s", "bare `python -c pass`",
                 s["bare_s"], s["help_s"] / s["bare_s"], "< 0.3 s", s["help_s"] < 0.3,
                 note=f"median of {s['runs']}; python -c 'from kg.cli import main' with argv --help")]


def viz_rows(v: dict) -> list[dict]:
    if v.get("skipped"):
        reason = f"skipped: {v['skipped']}"
        return [_row("viz_page_size", "graph page size (MB)", None, None, "MB", "—", None, None, "—", None,
                     note=reason, status="skipped"),
                _row("viz_first_render", "graph page first render (ms)", None, None, "ms", "empty page", None, None,
                     "—", None, note=reason, status="skipped")]
    nodes = v.get("nodes") or v.get("nodes_estimate")
    rows = [_row("viz_page_size", "graph page size (MB)", v["documents"], v["bytes"] / 1e6, "MB", "—", None, None,
                 "— (no goal set)", None, note=f"{nodes} nodes, {v.get('edges')} edges; render_page "
                                               f"{v['render_page_s']:.1f} s, load_graph_data {v['load_graph_data_s']:.1f} s")]
    r = v.get("render", {})
    if r.get("skipped") or r.get("ready_ms") is None:
        why = r.get("skipped") or ("no data-ready within the timeout" if r.get("timed_out") else r.get("error", "?"))
        rows.append(_row("viz_first_render", "graph page first render (ms)", v["documents"], None, "ms", "empty page",
                         r.get("blank_ready_ms"), None, "— (no goal set)", None, note=f"skipped: {why}",
                         status="skipped"))
    else:
        rows.append(_row("viz_first_render", "graph page first render (ms)", v["documents"], r["ready_ms"], "ms",
                         "empty page", r["blank_ready_ms"], r["ready_ms"] / r["blank_ready_ms"]
                         if r["blank_ready_ms"] else None, "— (no goal set)", None,
                         note=f"headless Chromium, navigation start → body[data-ready]; FCP {r['fcp_ms'] or 0:.0f} ms"
                              + (f"; page errors: {r['errors']}" if r.get("errors") else "")))
    return rows


# --- measurements -----------------------------------------------------------------------------------


def _bare_python(runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], cwd=ROOT, env=_env(), check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure_startup(runs: int) -> dict:
    code = "import sys; sys.argv = ['fazhi-kg', '--help']; from kg.cli import main; main()"
    times = []
    for _ in range(runs + 1):  # the first run warms the page cache and bytecode; not counted
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(), capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if proc.returncode not in (0,):
            raise RuntimeError(f"fazhi-kg --help failed: {proc.stderr[-500:]}")
    bare = _bare_python(runs)
    return {"help_s": statistics.median(times[1:]), "runs": runs, "all_s": times[1:], "bare_s": bare}


def ox_queries(store: Path, queries: Path, names: list[str], opts: Options, log: Log, n: int,
               time_left: float | None) -> dict:
    """Every named query on Oxigraph, one process for all of them.  A query passing its limit
    (``opts.peer_timeout``, or its share of ``time_left`` if smaller, at least
    ``opts.min_query_timeout``) is stopped with its process, and the next process starts at the
    next query (the store's lock goes with the stopped process)."""
    results: dict[str, dict] = {}
    start = 0
    t0 = time.perf_counter()
    while start < len(names):
        left = None if time_left is None else time_left - (time.perf_counter() - t0)
        args = {"store": str(store), "queries": str(queries), "start": start, "timeout": opts.peer_timeout,
                "repeats": opts.repeats, "budget": opts.query_budget, "time_left": left,
                "min_timeout": opts.min_query_timeout}
        cmd = [sys.executable, "-m", "benchmarks._child", "ox_queries", json.dumps(args, ensure_ascii=False)]
        limit = 60 + (len(names) - start) * (opts.peer_timeout + 2 * opts.query_budget)
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=limit)
            out, err = proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as exc:  # a safety net: the watchdog should have fired
            out = exc.stdout.decode("utf-8", "replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            err = "killed by the harness"
        lines = [json.loads(ln) for ln in out.splitlines() if ln.startswith('{"index"')]
        for line in lines:
            name = names[line["index"]]
            results[name] = line
            log(f"{n} docs: query {name}: " + (f"stopped at {line['limit_s']:.1f} s" if line["timed_out"]
                                               else f"{line['s'] * 1000:.1f} ms, {line['rows']} rows"))
        nxt = max((ln["index"] for ln in lines), default=start - 1) + 1
        if nxt == start:  # nothing came back: the process failed before the first query ended
            results[names[start]] = {"timed_out": True, "s": None, "rows": None, "limit_s": opts.peer_timeout,
                                     "error": "\n".join(err.strip().splitlines()[-3:])}
            nxt = start + 1
        start = nxt
    return results


def measure_size(n: int, work: Path, opts: Options, log: Log, *, reserve: float = 0.0) -> dict:
    """Every per-size measurement.  The product's own steps come first (build, tokenise peer,
    export and rebuild, cold rebuild); the named queries then get what is left of
    ``opts.size_deadline`` (70 %, each query at most ``opts.peer_timeout``), and the rdflib peer
    the rest, so that one size takes about the deadline whatever the product's speed."""
    from benchmarks.generate import generate

    t_size = time.perf_counter()
    load_start = os.getloadavg()
    corpus = work / f"corpus-{n}"
    store = work / f"store-{n}"

    def left() -> float:
        return opts.size_deadline - (time.perf_counter() - t_size) - reserve

    for old in (corpus, store, work / f"changed-{n}"):  # a reused --work-dir starts from scratch
        shutil.rmtree(old, ignore_errors=True)
    t = time.perf_counter()
    generate(n, corpus, seed=opts.seed)
    d: dict = {"generate_s": time.perf_counter() - t, "timeout_s": opts.peer_timeout}
    log(f"{n} docs: corpus written in {d['generate_s']:.1f} s; building (jobs={opts.jobs})")
    d["build"], _ = child("build", {"corpus": str(corpus), "store": str(store), "jobs": opts.jobs})
    b = d["build"]
    other = 2 if opts.jobs == 1 else 1  # the build at the other --jobs setting, into a store of its own
    other_store = work / f"store-{n}-jobs{other}"
    shutil.rmtree(other_store, ignore_errors=True)
    d["build_other"], _ = child("build", {"corpus": str(corpus), "store": str(other_store), "jobs": other})
    shutil.rmtree(other_store, ignore_errors=True)
    d["disk"], _ = child("disk", {"store": str(store)})
    log(f"{n} docs: build {b['build_s']:.1f} s, {b['quads']} quads, {b['tasks']} tasks, "
        f"{d['disk']['bytes'] / 1e6:.1f} MB on disk; tokenising with jieba")
    d["tokenise"], _ = child("tokenise", {"corpus": str(corpus)})
    log(f"{n} docs: tokenise {d['tokenise']['tokenise_s']:.1f} s; the build's phases")
    d["phases"], _ = child("phases", {"corpus": str(corpus), "limit": min(n, 300)})
    log(f"{n} docs: phases {d['phases']}; export (Turtle, N-Quads) beside Store.dump")
    d["export"], _ = child("export", {"store": str(store), "rounds": opts.export_rounds if n <= 300 else min(2, opts.export_rounds)})
    ex = d["export"]
    log(f"{n} docs: export CPU turtle {ex['turtle_cpu_s']:.2f} s, nquads {ex['nquads_cpu_s']:.2f} s, "
        f"Store.dump {ex['dump_cpu_s']:.2f} s; warm rebuild")
    d["store"], _ = child("store", {"corpus": str(corpus), "store": str(store),
                                    "changed_dir": str(work / f"changed-{n}")})
    log(f"{n} docs: warm rebuild {d['store']['rebuild_s']:.3f} s; cold rebuild")
    changed = work / f"changed-{n}" / sorted(corpus.glob("*.txt"))[0].name
    cold, wall = child("rebuild_cold", {"store": str(store), "path": str(changed)})
    cold["wall_s"] = wall
    d["rebuild_cold"] = cold
    try:  # the task view's links, a ledger return, the links across years: read by three named queries
        d["links"], _ = child("links", {"store": str(store), "corpus": str(corpus), "work": str(work / f"links-{n}")})
    except RuntimeError as exc:
        d["links"] = {"error": str(exc).splitlines()[-1]}
    log(f"{n} docs: links {d['links']}")
    d["bare_python_s"] = _bare_python(3)
    queries = work / f"queries-{n}.json"
    child("queries", {"corpus": str(corpus), "store": str(store), "out": str(queries)})
    names = [q["name"] for q in json.loads(queries.read_text(encoding="utf-8"))]
    query_time = max(len(names) * opts.min_query_timeout, 0.7 * left())
    log(f"{n} docs: cold rebuild {wall:.2f} s; {len(names)} named queries on Oxigraph "
        f"(≤ {opts.peer_timeout:g} s each, ≈ {query_time:.0f} s in all)")
    d["queries"] = ox_queries(store, queries, names, opts, log, n, query_time)
    slow = [k for k, v in d["queries"].items() if v.get("timed_out")]
    d["oxmem"], _ = child("oxmem_queries", {"store": str(store), "queries": str(queries), "skip": slow,
                                            "repeats": opts.repeats, "budget": opts.query_budget})
    log(f"{n} docs: the same queries on Oxigraph in memory ({d['oxmem']['load_s']:.1f} s to load)")
    # the peer holds every quad, however long loading takes; its queries get what is left of the
    # size's deadline (at least --min-query-timeout each), each serialisation 3 × ours at least
    rest = left()
    peer_budget = opts.peer_budget or max(0.9 * rest, len(names) * opts.min_query_timeout)
    ser_timeout = max(opts.peer_timeout, 3 * max(ex["turtle_cpu_s"], ex["nquads_cpu_s"]))
    d["peer_limits"] = {"load_timeout_s": opts.peer_load_timeout, "budget_s": peer_budget,
                        "item_timeout_s": opts.peer_timeout, "serialize_timeout_s": ser_timeout, "left_of_deadline_s": rest}
    log(f"{n} docs: rdflib peer (every quad loaded, then ≤ {opts.peer_timeout:g} s per query, "
        f"≤ {peer_budget:.0f} s in all, ≤ {ser_timeout:.0f} s per serialisation)")
    d["rdflib"], _ = child("rdflib", {"store": str(store), "queries": str(queries), "timeout": opts.peer_timeout,
                                      "budget": peer_budget, "load_timeout": opts.peer_load_timeout,
                                      "serialize_timeout": ser_timeout,
                                      "repeats": opts.repeats, "query_budget": opts.query_budget},
                           timeout=7200 + peer_budget + 2 * ser_timeout)
    r = d["rdflib"]
    log(f"{n} docs: rdflib load {r['load_s']:.1f} s ({r['quads_loaded']} of {r['quads_total']} quads), "
        f"nquads {r.get('nquads_s', 0):.1f} s, turtle {r.get('turtle_s', 0):.1f} s")
    d["wall_s"] = time.perf_counter() - t_size
    d["loadavg"] = {"start": load_start, "end": os.getloadavg()}
    return d


def measure_viz(store: Path, work: Path, opts: Options, log: Log) -> dict:
    from benchmarks.browser import first_render

    log(f"graph page: about {opts.viz_nodes} nodes from {store.name}")
    try:
        v, _ = child("viz", {"store": str(store), "viz_store": str(work / "viz-store"),
                             "page": str(work / "graph.html"), "target_nodes": opts.viz_nodes})
    except RuntimeError as exc:
        return {"skipped": f"not available: {str(exc).splitlines()[-1]}"}
    if v.get("skipped"):
        return v
    try:
        v["render"] = first_render(Path(v["page"]), runs=opts.render_runs, work_dir=work)
    except Exception as exc:  # noqa: BLE001 - a browser problem must not lose the other numbers
        v["render"] = {"skipped": f"chromium failed: {exc}"}
    log(f"graph page: {v['bytes'] / 1e6:.1f} MB, {v.get('nodes')} nodes, first render "
        f"{v['render'].get('ready_ms')} ms")
    return v


def growth(scaling: list[dict]) -> list[dict]:
    out = []
    for a, b in zip(scaling, scaling[1:]):
        k = (b["docs"] - a["docs"]) / 1000
        out.append({"from": a["docs"], "to": b["docs"],
                    "build_s_per_1000_docs": (b["build_s"] - a["build_s"]) / k,
                    "peak_mb_per_1000_docs": (b["build_peak_mb"] - a["build_peak_mb"]) / k,
                    "rdflib_mb_per_1000_docs": (b["rdflib_loaded_mb"] - a["rdflib_loaded_mb"]) / k
                    if a.get("rdflib_load_complete", True) and b.get("rdflib_load_complete", True) else None,
                    "export_mb_per_1000_docs": (b["export_peak_mb"] - a["export_peak_mb"]) / k,
                    "export_time_factor": b["export_turtle_s"] / a["export_turtle_s"],
                    "build_time_factor": b["build_s"] / a["build_s"],
                    "peak_memory_factor": b["build_peak_mb"] / a["build_peak_mb"],
                    "size_factor": b["docs"] / a["docs"]})
    return out


def scaling_entry(n: int, d: dict) -> dict:
    return {"docs": n, "chars": d["build"]["chars"], "quads": d["build"]["quads"], "build_s": d["build"]["build_s"],
            "tokenise_s": d["tokenise"]["tokenise_s"], "build_peak_mb": _build_peak(d["build"]),
            "build_main_mb": d["build"]["rss"]["self_mb"], "export_peak_mb": _export(d)["rss"]["self_mb"],
            "rdflib_load_s": d["rdflib"]["load_s"], "rdflib_peak_mb": d["rdflib"]["rss"]["self_mb"],
            "rdflib_loaded_mb": d["rdflib"]["rss_after_load"]["self_mb"],
            "rdflib_load_complete": d["rdflib"].get("load_complete", True),
            "export_turtle_s": _export(d)["turtle_s"], "rdflib_turtle_s": d["rdflib"].get("turtle_s"),
            "dump_s": _export(d).get("dump_s"), "disk_bytes": (d.get("disk") or {}).get("bytes"),
            "disk_compacted_bytes": (d.get("disk") or {}).get("optimized_bytes"),
            "rebuild_s": d["store"]["rebuild_s"], "wall_s": d["wall_s"]}


def all_rows(result: dict) -> list[dict]:
    """The table's rows, computed from the measurements in ``result`` (so a saved JSON can be
    re-tabulated): every size in order, then start-up and the page."""
    rows: list[dict] = []
    sizes = sorted(int(k) for k in result["details"])
    for i, n in enumerate(sizes):
        smaller = [(m, result["details"][str(m)]) for m in sizes[:i]]
        rows.extend(size_rows(n, result["details"][str(n)], smaller))
    if "startup" in result:
        rows.extend(startup_rows(result["startup"]))
    if "viz" in result:
        rows.extend(viz_rows(result["viz"]))
    if result.get("hostile"):
        from benchmarks.hostile import hostile_rows

        rows.extend(hostile_rows(result["hostile"], _row))
    return rows


def run(opts: Options) -> dict:
    log = Log(opts.quiet)
    started = time.time()
    t0 = time.perf_counter()
    work = Path(opts.work_dir or tempfile.mkdtemp(prefix="fazhi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"machine": machine_info(), "sizes": opts.sizes,
                    "settings": {"jobs": opts.jobs, "timeout_s": opts.peer_timeout, "peer_budget_s": opts.peer_budget,
                                 "min_query_timeout_s": opts.min_query_timeout,
                                 "peer_load_timeout_s": opts.peer_load_timeout, "repeats": opts.repeats,
                                 "query_budget_s": opts.query_budget, "seed": opts.seed, "viz_nodes": opts.viz_nodes,
                                 "startup_runs": opts.startup_runs, "render_runs": opts.render_runs,
                                 "size_deadline_s": opts.size_deadline,
                                 "export_rounds": opts.export_rounds},
                    "rows": [], "details": {}, "scaling": []}
    try:
        for i, n in enumerate(sorted(opts.sizes)):
            last = i == len(opts.sizes) - 1  # the page and start-up come after the last size
            d = measure_size(n, work, opts, log, reserve=(60.0 if opts.viz else 10.0) if last else 0.0)
            result["details"][str(n)] = d
            result["scaling"].append(scaling_entry(n, d))
        log("start-up of `fazhi-kg --help`")
        result["startup"] = measure_startup(opts.startup_runs)
        if opts.viz:
            result["viz"] = measure_viz(work / f"store-{max(opts.sizes)}", work, opts, log)
        else:
            result["viz"] = {"skipped": "--no-viz"}
        if opts.hostile_kb:
            from benchmarks.hostile import measure_hostile

            log(f"extraction on hostile shapes at {opts.hostile_kb:g} KB")
            result["hostile"] = measure_hostile(opts.hostile_kb)
        result["rows"] = all_rows(result)
        result["growth"] = growth(result["scaling"])
    finally:
        if not opts.keep and opts.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    result["run"] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
                     "total_s": time.perf_counter() - t0, "argv": sys.argv[1:],
                     "wall_s_per_size": {str(s["docs"]): s["wall_s"] for s in result["scaling"]}}
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    opts.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


# --- the table ---------------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "chars/s":
        return f"{value / 1000:,.0f} k/s"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if unit == "ms":
        return f"{value:,.0f} ms"
    return f"{value:.3g} {unit}"


def _ratio(row: dict) -> str:
    r = row["ratio"]
    if r is None:
        return "?" if row["ratio_kind"] == "unknown" else "—"
    text = f"{r:.2f}" if r < 10 else f"{r:,.0f}"
    return {"lower bound": "≥ ", "upper bound": "≤ "}.get(row["ratio_kind"], "") + text + ("×" if not row["id"].startswith("build_t")
                                                                            else "")


def table_rows(result: dict) -> list[list[str]]:
    out = []
    for row in result["rows"]:
        met = {True: "met", False: "NOT MET", None: "n/a" if row["status"] == "ok" else row["status"]}[row["met"]]
        value = _fmt(row["value"], row["unit"])
        peer = _fmt(row["peer_value"], row["unit"])
        value = ("> " + value) if row.get("value_kind") == "lower bound" else value
        peer = ("> " + peer) if row.get("peer_value_kind") == "lower bound" else peer
        out.append([row["measurement"], "—" if row["docs"] is None else str(row["docs"]), value, row["peer"], peer,
                    _ratio(row), row["goal"], met])
    return out


HEADER = ["measurement", "docs", "value", "peer", "peer value", "ratio", "goal", "met"]


def format_table(result: dict) -> str:
    rows = [HEADER] + table_rows(result)

    def width(s: str) -> int:  # CJK and other wide characters take two columns
        import unicodedata

        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    widths = [max(width(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_markdown(result: dict) -> str:
    rows = table_rows(result)
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines)
