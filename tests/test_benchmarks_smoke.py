"""The benchmark harness end to end at 20 documents: every measurement row is there with
positive numbers.  No timing is asserted; the settings keep it short (one run per query, small
peer budget, a 200-node page)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks package and this checkout's kg, however pytest was started
    sys.path.insert(0, str(ROOT))

EXPECTED = ("build_throughput", "export_turtle", "export_nquads", "export_turtle_vs_dump", "export_nquads_vs_dump",
            "build_peak_memory", "export_peak_memory", "store_bytes_per_doc", "store_bytes_per_doc_compacted",
            "store_bytes_per_quad", "rebuild_one_warm", "rebuild_one_cold", "startup_help", "viz_page_size",
            "viz_first_render", "build_phase_read", "build_phase_extract", "build_phase_map", "build_phase_nquads",
            "build_phase_bulk_load")


_FAILED: list[str] = []  # pytest runs a module fixture again for each test after it failed: once is enough


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    if _FAILED:
        pytest.fail(f"the harness failed already in this module: {_FAILED[0]}")
    work = tmp_path_factory.mktemp("bench")
    out = work / "results.json"
    cmd = [sys.executable, "-m", "benchmarks", "--docs", "20", "--out", str(out), "--work-dir", str(work / "w"),
           "--timeout", "5", "--repeats", "0", "--query-budget", "0", "--peer-budget", "4",
           "--viz-nodes", "200", "--startup-runs", "2", "--render-runs", "1", "--hostile-kb", "5", "--quiet"]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=420)
    except subprocess.TimeoutExpired:
        _FAILED.append("no result in 420 s (about 40 s on a quiet 2-core machine)")
        raise
    if proc.returncode != 0:
        _FAILED.append(f"exit {proc.returncode}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "measurement" in proc.stdout and "build throughput" in proc.stdout
    return json.loads(out.read_text(encoding="utf-8")), work


def test_every_measurement_row_is_there(results):
    data, _ = results
    ids = [row["id"] for row in data["rows"]]
    for expected in EXPECTED:
        assert expected in ids, expected
    assert {"build_throughput_jobs1", "build_throughput_jobs2"} & set(ids)  # the build at the other --jobs too
    hostile = [r for r in data["rows"] if r["id"].startswith("hostile_")]
    assert len(hostile) >= 10 and all(r["value"] > 0 and r["peer_value"] > 0 for r in hostile)
    queries = json.loads((work_dir(results) / "w" / "queries-20.json").read_text(encoding="utf-8"))
    assert queries, "no named queries measured"
    for q in queries:
        assert f"query:{q['name']}" in ids, q["name"]
    # each query also ran on Oxigraph in memory (the engine's limit), with the same rows
    limits = {r["id"]: r.get("engine_limit_s") for r in data["rows"] if r["id"].startswith("query:")}
    assert all(v is not None and v > 0 for v in limits.values()), limits
    mem = data["details"]["20"]["oxmem"]["queries"]
    disk = data["details"]["20"]["queries"]
    assert {k: v["rows"] for k, v in mem.items()} == {k: v["rows"] for k, v in disk.items() if not v["timed_out"]}
    for row in data["rows"]:
        for key in ("measurement", "value", "peer", "peer_value", "ratio", "goal", "met", "status"):
            assert key in row


def work_dir(results) -> Path:
    return results[1]


def test_numbers_are_positive(results):
    data, _ = results
    for row in data["rows"]:
        if row["status"] != "ok":
            assert row["id"].startswith("viz_"), row  # only the page may be skipped (no Chromium)
            continue
        assert row["value"] is not None and row["value"] > 0, row
        if row["peer_value"] is not None:
            assert row["peer_value"] > 0, row
        if row["ratio"] is not None:
            assert row["ratio"] > 0, row
    build = next(r for r in data["rows"] if r["id"] == "build_throughput")
    assert build["docs"] == 20
    detail = data["details"]["20"]
    assert detail["build"]["docs"] == 20 and detail["build"]["quads"] > 0
    assert detail["store"]["rebuild_replaced_existing_graph"] and detail["store"]["rebuild_graphs_unchanged"]
    # the store's size on disk is what its files hold: more than a byte a quad (RocksDB's fixed files
    # weigh most in a store this small)
    disk = detail["disk"]
    assert disk["bytes"] > detail["build"]["quads"] and disk["optimized_bytes"] > 0


def test_machine_and_scaling_are_recorded(results):
    data, work = results
    m = data["machine"]
    assert m["cpu_count"] > 0 and m["ram_gb"] > 0 and m["python"].count(".") == 2
    assert [s["docs"] for s in data["scaling"]] == [20]
    assert all(s["build_s"] > 0 and s["build_peak_mb"] > 0 for s in data["scaling"])
    from benchmarks.plot import load_scaling, render

    svg = render(load_scaling([work / "results.json"]))
    assert svg.startswith("<svg") and "<circle" in svg


def test_generator_is_deterministic(tmp_path):
    from benchmarks.generate import document, generate

    paths = generate(3, tmp_path / "a", seed=7)
    again = generate(2, tmp_path / "b", seed=7)
    assert [p.read_text(encoding="utf-8") for p in paths[:2]] == [p.read_text(encoding="utf-8") for p in again]
    name, text = document(0, seed=7)
    assert name == paths[0].name and "牵头单位" in text and "〔" in text


def test_ratios_are_of_cpu_seconds_on_the_same_data(results):
    """Each side of a ratio is the CPU time of its own work, and every peer holds every quad."""
    data, _ = results
    detail = data["details"]["20"]
    rows = {r["id"]: r for r in data["rows"]}
    rd = detail["rdflib"]
    assert rd["load_complete"] and rd["quads_loaded"] == rd["quads_total"] > 0
    ex = detail["export"]
    assert ex["turtle_deterministic"] and ex["nquads_deterministic"] and ex["dump_deterministic"]
    # N-Quads from the export and from Oxigraph's dump: the same quads, so the same number of lines
    assert ex["nquads_bytes"] > 0 and ex["dump_bytes"] > 0
    for fmt in ("turtle", "nquads"):
        row = rows[f"export_{fmt}_vs_dump"]
        assert row["value"] == ex[f"{fmt}_cpu_s"] and row["peer_value"] == ex["dump_cpu_s"]
        assert abs(row["ratio"] - ex[f"{fmt}_cpu_s"] / ex["dump_cpu_s"]) < 1e-9
        assert rows[f"export_{fmt}"]["value"] == ex[f"{fmt}_cpu_s"]
    for name, q in detail["queries"].items():
        if q["timed_out"]:
            continue
        row = rows[f"query:{name}"]
        assert q["cpu_s"] is not None and row["value"] == q["cpu_s"], name
        p = rd["queries"][name]
        if not p["timed_out"]:
            assert row["peer_value"] == p["cpu_s"] and abs(row["ratio"] - p["cpu_s"] / q["cpu_s"]) < 1e-9
    quad = rows["store_bytes_per_quad"]
    assert abs(quad["value"] - detail["disk"]["bytes"] / detail["build"]["quads"]) < 1e-6
    # the build at both --jobs settings, each as CPU seconds against jieba's
    assert {detail["build"]["jobs"], detail["build_other"]["jobs"]} == {1, 2}
    assert detail["build"]["build_cpu_s"] > 0 and detail["build_other"]["build_cpu_s"] > 0
