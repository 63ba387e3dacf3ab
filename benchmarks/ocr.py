"""How well OCR reads a scan: assignments F1 of a scanned plan against its text, at 200 dpi.

    python -m benchmarks.ocr [--renderings 10] [--seed 0] [--json out.json]

Each plan (the six-task plan of tests/test_ocr.py and tests/fixtures/county_work_points.txt) is
drawn on A4 pages at 200 dpi by the test's own ``render`` (12 pt Noto Sans CJK SC, speckle), each
rendering with another speckle seed and a slant drawn uniformly in ±1°, saved as PNG (first page)
and as PDF (every page), read with ``load(..., ocr=True)`` and extracted.  The score compares
(task number, role, unit) with the text version's extraction.  Needs Tesseract with chi_sim and
chi_tra, the [ocr] extra and the font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINES_PER_PAGE = 30


def _test_module():
    spec = importlib.util.spec_from_file_location("_ocr_test", ROOT / "tests" / "test_ocr.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assignments(result) -> set[tuple[int, str, str]]:
    return {(t.number, role, u.text) for t in result.tasks for role in ("lead", "responsible", "cooperating")
            for u in getattr(t, role)}


def run(renderings: int, seed: int) -> dict:
    from kg.extract.pipeline import extract_raw, extract_text
    from kg.ingest.load import load
    from kg.ingest.ocr import available

    why_not = available()
    if why_not:
        sys.exit(f"OCR cannot run here: {why_not}")
    t = _test_module()
    plans = {"test plan": t.PLAN, "county_work_points": (ROOT / "tests/fixtures/county_work_points.txt").read_text("utf-8")}
    rng = random.Random(seed)
    scores: dict[str, list[float]] = {}
    seconds: list[float] = []
    with tempfile.TemporaryDirectory() as work:
        for name, text in plans.items():
            expected = _assignments(extract_text(text))
            lines = text.split("\n")
            chunks = ["\n".join(lines[i:i + LINES_PER_PAGE]) for i in range(0, len(lines), LINES_PER_PAGE)]
            for i in range(renderings):
                angle = rng.uniform(-1, 1)
                pages = [t.render(chunk, angle=angle, seed=100 + i) for chunk in chunks]
                png, pdf = Path(work) / "scan.png", Path(work) / "scan.pdf"
                pages[0].save(png, dpi=(t.DPI, t.DPI))
                pages[0].save(pdf, "PDF", resolution=t.DPI, save_all=True, append_images=pages[1:])
                for kind, path in (("png", png), ("pdf", pdf)):
                    if kind == "png" and len(pages) > 1:
                        continue  # a PNG holds one page
                    started = time.perf_counter()
                    found = _assignments(extract_raw(load(path, ocr=True)))
                    seconds.append((time.perf_counter() - started) / (len(pages) if kind == "pdf" else 1))
                    scores.setdefault(f"{name} {kind}", []).append(t.f1(found, expected))
    every = [s for v in scores.values() for s in v]
    return {
        "dpi": 200, "renderings": renderings, "seed": seed,
        "rows": {k: {"mean": round(statistics.mean(v), 3), "min": round(min(v), 3), "n": len(v)} for k, v in scores.items()},
        "all": {"mean": round(statistics.mean(every), 3), "median": statistics.median(every), "n": len(every),
                "perfect": sum(s == 1.0 for s in every), "at_least_0.95": sum(s >= 0.95 for s in every)},
        "seconds_per_page": round(statistics.mean(seconds), 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ocr", description=__doc__.split("\n\n")[0])
    parser.add_argument("--renderings", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    out = run(args.renderings, args.seed)
    for name, row in out["rows"].items():
        print(f"{name:32} F1 mean {row['mean']:.3f}  min {row['min']:.3f}  ({row['n']} renderings)")
    a = out["all"]
    print(f"all: mean {a['mean']:.3f}, median {a['median']:.3f}; {a['perfect']}/{a['n']} at 1.0, "
          f"{a['at_least_0.95']}/{a['n']} at 0.95 or more; {out['seconds_per_page']} s a page")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
