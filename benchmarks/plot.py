"""Time and memory against corpus size, as a small hand-written SVG (no matplotlib).

    python -m benchmarks.plot [benchmarks/results.json …] [--out benchmarks/scaling.svg]

Reads the ``scaling`` entries of one or more result files (later files win for the same size)
and draws two log–log panels: seconds (build, jieba tokenisation, Turtle export, rdflib load)
and peak RSS in MB (build, Turtle export, rdflib holding the same quads), each with a dashed line
of slope 1 through the first point of the first series: a series parallel to it grows linearly
with the corpus.  rdflib points of a size where the peer could not load every quad in its time
are left out.
"""

from __future__ import annotations

import argparse
import json
import math
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
W, H = 860, 360
PANEL_W, PANEL_H = 330, 240
MARGIN_L, MARGIN_T = 70, 50
COLOURS = ["#1d4ed8", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed"]

TIME_SERIES = (("build_s", "build (kg)"), ("tokenise_s", "jieba.lcut (peer)"), ("export_turtle_s", "Turtle export (kg)"),
               ("rdflib_load_s", "rdflib load"))
MEMORY_SERIES = (("build_peak_mb", "build peak RSS (kg)"), ("export_peak_mb", "Turtle export peak RSS (kg)"),
                 ("rdflib_loaded_mb", "rdflib holding the quads"))


def load_scaling(paths: list[Path]) -> list[dict]:
    by_docs: dict[int, dict] = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("scaling", []):
            by_docs[int(entry["docs"])] = entry
    return [by_docs[k] for k in sorted(by_docs)]


def _decades(lo: float, hi: float) -> list[float]:
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if a == b:
        b += 1
    return [10.0 ** k for k in range(a, b + 1)]


def _fmt(v: float) -> str:
    if v >= 1000:
        return f"{v / 1000:g}k"
    return f"{v:g}"


def _panel(x0: int, title: str, unit: str, scaling: list[dict], series: tuple[tuple[str, str], ...]) -> list[str]:
    def usable(e: dict, key: str) -> bool:  # rdflib values of a partial load describe part of the quads
        return bool(e.get(key)) and (not key.startswith("rdflib") or e.get("rdflib_load_complete", True))

    points = {key: [(e["docs"], e[key]) for e in scaling if usable(e, key)] for key, _ in series}
    xs = [e["docs"] for e in scaling]
    ys = [v for pts in points.values() for _, v in pts if v and v > 0]
    if not xs or not ys:
        return [f'<text x="{x0}" y="{MARGIN_T + 20}">no data</text>']
    xt = _decades(min(xs), max(xs))
    yt = _decades(min(ys), max(ys))
    lx0, lx1 = math.log10(xt[0]), math.log10(xt[-1])
    ly0, ly1 = math.log10(yt[0]), math.log10(yt[-1])

    def px(x: float) -> float:
        return x0 + (math.log10(x) - lx0) / (lx1 - lx0) * PANEL_W

    def py(y: float) -> float:
        return MARGIN_T + PANEL_H - (math.log10(y) - ly0) / (ly1 - ly0) * PANEL_H

    out = [f'<text x="{x0 + PANEL_W / 2}" y="{MARGIN_T - 22}" text-anchor="middle" font-weight="bold">'
           f'{escape(title)}</text>',
           f'<rect x="{x0}" y="{MARGIN_T}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#94a3b8"/>']
    for t in xt:
        out.append(f'<line x1="{px(t):.1f}" y1="{MARGIN_T}" x2="{px(t):.1f}" y2="{MARGIN_T + PANEL_H}" stroke="#e2e8f0"/>')
        out.append(f'<text x="{px(t):.1f}" y="{MARGIN_T + PANEL_H + 16}" text-anchor="middle">{_fmt(t)}</text>')
    for t in yt:
        out.append(f'<line x1="{x0}" y1="{py(t):.1f}" x2="{x0 + PANEL_W}" y2="{py(t):.1f}" stroke="#e2e8f0"/>')
        out.append(f'<text x="{x0 - 6}" y="{py(t) + 4:.1f}" text-anchor="end">{_fmt(t)}</text>')
    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{MARGIN_T + PANEL_H + 34}" text-anchor="middle">documents (log)</text>')
    out.append(f'<text x="{x0 - 48}" y="{MARGIN_T + PANEL_H / 2}" text-anchor="middle" '
               f'transform="rotate(-90 {x0 - 48} {MARGIN_T + PANEL_H / 2})">{escape(unit)} (log)</text>')
    first_key = series[0][0]
    if len(points[first_key]) >= 1:  # slope-1 reference through the first point of the first series
        (ax, ay) = points[first_key][0]
        bx = xt[-1]
        by = ay * bx / ax
        if by > yt[-1]:
            bx, by = ax * yt[-1] / ay, yt[-1]
        out.append(f'<line x1="{px(ax):.1f}" y1="{py(ay):.1f}" x2="{px(bx):.1f}" y2="{py(by):.1f}" '
                   f'stroke="#64748b" stroke-dasharray="4,4"/>')
    for i, (key, label) in enumerate(series):
        pts = points[key]
        colour = COLOURS[i % len(COLOURS)]
        if len(pts) > 1:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}">'
                       f'<title>{escape(label)}: {y:.3g} {escape(unit)} at {x} docs</title></circle>')
        ly = MARGIN_T + 10 + i * 16
        out.append(f'<line x1="{x0 + 8}" y1="{ly}" x2="{x0 + 24}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{x0 + 28}" y="{ly + 4}">{escape(label)}</text>')
    ly = MARGIN_T + 10 + len(series) * 16
    out.append(f'<line x1="{x0 + 8}" y1="{ly}" x2="{x0 + 24}" y2="{ly}" stroke="#64748b" stroke-dasharray="4,4"/>')
    out.append(f'<text x="{x0 + 28}" y="{ly + 4}">linear growth</text>')
    return out


def render(scaling: list[dict], subtitle: str = "") -> str:
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
             'font-family="sans-serif" font-size="11" fill="#0f172a">',
             f'<rect width="{W}" height="{H}" fill="#ffffff"/>']
    parts += _panel(MARGIN_L, "time against corpus size", "seconds", scaling, TIME_SERIES)
    parts += _panel(MARGIN_L + PANEL_W + 110, "peak memory against corpus size", "MB", scaling, MEMORY_SERIES)
    if subtitle:
        parts.append(f'<text x="{W / 2}" y="{H - 8}" text-anchor="middle" fill="#475569">{escape(subtitle)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.plot", description=__doc__.split("\n")[0])
    p.add_argument("results", nargs="*", type=Path, default=[HERE / "results.json"])
    p.add_argument("--out", type=Path, default=HERE / "scaling.svg")
    a = p.parse_args(argv)
    scaling = load_scaling(a.results)
    machine = json.loads(a.results[-1].read_text(encoding="utf-8")).get("machine", {})
    subtitle = (f"{machine.get('cpu_count')} cores, {machine.get('ram_gb')} GB RAM, Python {machine.get('python')}; "
                f"sizes {', '.join(str(e['docs']) for e in scaling)}") if machine else ""
    a.out.write_text(render(scaling, subtitle), encoding="utf-8")
    print(f"wrote {a.out} ({len(scaling)} sizes)")


if __name__ == "__main__":
    main()
