"""The commands whose output on the bundled samples is pinned in ``tests/golden/``.

The pins were taken from the code as it stood before the package restructure (issue 13) and are
changed only by a commit that says which behaviour it changes and why.  Each case is a command
line run on a store built from the samples; ``{store}``, ``{samples}`` and ``{fixtures}`` are
filled in.  ``python tests/golden_cases.py`` rewrites the pins (read the diff before committing).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))

NAMED = {
    "achievements": [], "co-lead-pairs": [], "collective-only-tasks": [], "deadlines-by-year": [],
    "documents": [], "jurisdiction-units": ["jurisdiction=栖霞区"], "placeholder-tasks": [],
    "qualitative-goals": [], "target-status": [], "targets": [],
    "task-obligations": ["task=000_fbb961a89fe9d432.txt#27"], "tasks-with-many-leads": [],
    "tasks-without-lead": [], "theme-coverage": [], "themes-and-tasks": [], "unit-spellings": [],
    "unit-tasks": ["unit=南京市栖霞区司法局"], "unit-workload": [], "units-named-once": [],
}


def cases() -> dict[str, list[str]]:
    """name of the pinned file → the command line (without the program name)."""
    out: dict[str, list[str]] = {}
    for stem in STEMS:
        out[f"extract/{stem}.json"] = ["extract", "{samples}/" + stem + ".txt", "--format", "json"]
        out[f"extract/{stem}.txt"] = ["extract", "{samples}/" + stem + ".txt"]
        out[f"nquads/{stem}.nq"] = ["export", "--format", "nquads", "--document", stem + ".txt", "--store", "{store}"]
    for name, params in NAMED.items():
        args = ["query", "--name", name, "--format", "json", "--store", "{store}"]
        for p in params:
            args += ["--param", p]
        out[f"query/{name}.json"] = args
    out["matrix.csv"] = ["matrix", "--format", "csv", "--store", "{store}"]
    out["analyze.json"] = ["analyze", "--format", "json", "--store", "{store}"]
    out["analyze.txt"] = ["analyze", "--store", "{store}"]
    out["track.json"] = ["track", "--today", "2026-01-01", "--format", "json", "--store", "{store}"]
    out["align.json"] = ["align", "{samples}/000_fbb961a89fe9d432.txt", "{samples}/003_06ec0521e48adf05.txt",
                         "--format", "json", "--no-write", "--store", "{store}"]
    out["diff.json"] = ["diff", "{samples}/000_fbb961a89fe9d432.txt", "{fixtures}/qixia_2022_plan.txt", "--format", "json"]
    out["eval.json"] = ["eval", "{root}/tests/gold", "--format", "json"]
    out["validate.txt"] = ["validate", "--store", "{store}"]
    return out


def fill(args: list[str], store: Path) -> list[str]:
    return [a.format(store=store, samples=SAMPLES, fixtures=FIXTURES, root=ROOT) for a in args]


def run_cli(args: list[str]) -> tuple[int, str]:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout


def build_store(path: Path) -> None:
    code, out = run_cli(["build", str(SAMPLES), "--store", str(path)])
    assert code == 0, out


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


if __name__ == "__main__":  # rewrite the pins
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        build_store(store)
        for name, args in cases().items():
            code, out = run_cli(fill(args, store))
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(out, encoding="utf-8")
            print(f"{code} {name} {len(out)}", file=sys.stderr)
