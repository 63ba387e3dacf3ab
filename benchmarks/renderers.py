"""Canvas (vis-network, what the graph page uses) against WebGL (sigma.js 3 on graphology) on the
same graph, in Debian's headless Chromium: the measurement behind the choice of renderer (issue 17).

    python -m benchmarks.renderers --sigma DIR [--nodes 1000,3000] [--runs 3]

``DIR`` holds ``sigma.min.js`` and ``graphology.umd.min.js`` (``npm pack sigma graphology`` and unpack:
the project does not ship them).  Both pages draw one graph with the same fixed positions (the graph
page lays out in Python and turns physics off), then hide every other node (a filter) and draw again;
each page measures with ``performance.now()``: when it first drew (from navigation start), how long
the redraw after the filter took, and whether WebGL was there at all.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from pathlib import Path

from benchmarks.browser import _Driver, available

_VIS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>vis</title><style>{css}</style>
<script>{js}</script></head><body><div id="g" style="width:1400px;height:860px"></div><script>
var G = {graph};
var nodes = new vis.DataSet(G.nodes.map(function (n) {{ return {{id: n.id, label: n.label, x: n.x, y: n.y, color: n.color,
  shape: "dot", size: 6}}; }}));
var edges = new vis.DataSet(G.edges.map(function (e, i) {{ return {{id: i, from: e[0], to: e[1]}}; }}));
var net = new vis.Network(document.getElementById("g"), {{nodes: nodes, edges: edges}},
  {{physics: false, interaction: {{hideEdgesOnDrag: true}}, edges: {{smooth: false}}}});
var phase = 0, t0 = 0;
net.on("afterDrawing", function () {{
  if (phase === 0) {{
    phase = 1; window.__bench = {{webgl: null, ready: performance.now()}};
    setTimeout(function () {{
      t0 = performance.now(); phase = 2;
      nodes.update(G.nodes.filter(function (n, i) {{ return i % 2; }}).map(function (n) {{ return {{id: n.id, hidden: true}}; }}));
    }}, 50);
  }} else if (phase === 2) {{
    phase = 3; window.__bench.filter = performance.now() - t0; document.body.setAttribute("data-ready", "1");
  }}
}});
</script></body></html>"""

_SIGMA_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>sigma</title>
<script>{graphology}</script><script>{sigma}</script></head><body><div id="g" style="width:1400px;height:860px"></div><script>
var G = {graph};
var gl = null;
try {{ var c = document.createElement("canvas"); gl = !!(c.getContext("webgl2") || c.getContext("webgl")); }} catch (e) {{ gl = false; }}
window.__bench = {{webgl: gl}};
try {{
  var g = new graphology.Graph();
  G.nodes.forEach(function (n) {{ g.addNode(n.id, {{label: n.label, x: n.x, y: n.y, size: 4, color: n.color}}); }});
  G.edges.forEach(function (e, i) {{ if (!g.hasEdge(e[0], e[1])) g.addEdge(e[0], e[1]); }});
  var hidden = {{}};
  var s = new Sigma(g, document.getElementById("g"), {{nodeReducer: function (key, data) {{
    return hidden[key] ? Object.assign({{}}, data, {{hidden: true}}) : data; }}}});
  var phase = 0, t0 = 0;
  s.on("afterRender", function () {{
    if (phase === 0) {{
      phase = 1; window.__bench.ready = performance.now();
      setTimeout(function () {{
        t0 = performance.now(); phase = 2;
        G.nodes.forEach(function (n, i) {{ if (i % 2) hidden[n.id] = true; }});
        s.refresh();
      }}, 50);
    }} else if (phase === 2) {{
      phase = 3; window.__bench.filter = performance.now() - t0; document.body.setAttribute("data-ready", "1");
    }}
  }});
  s.refresh();
}} catch (e) {{ window.__bench.error = String(e); document.body.setAttribute("data-ready", "1"); }}
</script></body></html>"""

_READ = """
var done = arguments[arguments.length - 1], started = Date.now();
(function poll() {
  if (document.body && document.body.getAttribute('data-ready')) return done(window.__bench || {});
  if (Date.now() - started > 60000) return done({timeout: true, partial: window.__bench || null});
  setTimeout(poll, 5);
})();
"""


def graph(n: int, seed: int = 7) -> dict:
    """A graph shaped like the page's: tasks (half the nodes) owned by units and tagged with themes."""
    rnd = random.Random(seed)
    kinds = ["task"] * (n // 2) + ["unit"] * (n // 3) + ["theme"] * (n - n // 2 - n // 3)
    colors = {"task": "#2563eb", "unit": "#f97316", "theme": "#16a34a"}
    nodes = [{"id": f"n{i}", "label": f"{k}{i}", "x": rnd.uniform(-2000, 2000), "y": rnd.uniform(-1200, 1200),
              "color": colors[k]} for i, k in enumerate(kinds)]
    tasks = [x["id"] for x, k in zip(nodes, kinds) if k == "task"]
    others = [x["id"] for x, k in zip(nodes, kinds) if k != "task"]
    edges = [[t, rnd.choice(others)] for t in tasks for _ in range(3)]
    return {"nodes": nodes, "edges": edges}


def measure(sigma_dir: Path, sizes: list[int], runs: int, work: Path) -> list[dict]:
    from kg.viz.assets import vis_network

    js, css = vis_network()
    sigma = (sigma_dir / "sigma.min.js").read_text(encoding="utf-8")
    graphology = (sigma_dir / "graphology.umd.min.js").read_text(encoding="utf-8")
    work.mkdir(parents=True, exist_ok=True)
    driver = _Driver(120)
    rows = []
    try:
        for n in sizes:
            data = json.dumps(graph(n))
            pages = {"vis-network (canvas)": _VIS_PAGE.format(css=css, js=js, graph=data),
                     "sigma.js (WebGL)": _SIGMA_PAGE.format(graphology=graphology, sigma=sigma, graph=data)}
            for name, html in pages.items():
                path = work / f"{name.split()[0]}-{n}.html"
                path.write_text(html, encoding="utf-8")
                results = []
                for _ in range(runs):
                    driver._call("POST", f"/session/{driver.session}/url", {"url": "about:blank"})
                    driver._call("POST", f"/session/{driver.session}/url", {"url": path.resolve().as_uri()})
                    results.append(driver._call("POST", f"/session/{driver.session}/execute/async", {"script": _READ, "args": []}))
                ready = [r["ready"] for r in results if r.get("ready") is not None]
                filt = [r["filter"] for r in results if r.get("filter") is not None]
                rows.append({"renderer": name, "nodes": n, "edges": len(json.loads(data)["edges"]),
                             "ready_ms": round(statistics.median(ready), 1) if ready else None,
                             "filter_ms": round(statistics.median(filt), 1) if filt else None,
                             "webgl": results[-1].get("webgl"), "error": results[-1].get("error")})
    finally:
        driver.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigma", type=Path, required=True, help="folder with sigma.min.js and graphology.umd.min.js")
    parser.add_argument("--nodes", default="1000,3000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/fazhi-renderers"))
    args = parser.parse_args()
    why = available()
    if why:
        raise SystemExit(f"renderers: {why}")
    rows = measure(args.sigma, [int(x) for x in args.nodes.split(",")], args.runs, args.work_dir)
    print("| renderer | nodes | edges | first drawn (ms) | redraw after a filter (ms) | WebGL | error |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['renderer']} | {r['nodes']} | {r['edges']} | {r['ready_ms']} | {r['filter_ms']} | {r['webgl']} | {r['error'] or ''} |")


if __name__ == "__main__":
    main()
