"""The graph page's data, packed for size: every node and edge of the page repeated its whole style
(a node its font, face included; an edge its dashes, width and colour), half the page at 300
documents.  :func:`pack` writes each distinct style once — ``looks`` for nodes, ``edgeLooks`` for
edges — and each node as ``[id, label, x, y, look]``, each edge as ``[from, to, look]`` (its id is
``e`` and its index); a task's note, in its meta as ``nt``, is no longer written a second time as
the last line of its tooltip (分工原文：…).  The page unpacks all this when it opens
(``static/page.js``); :func:`unpack` does the same in Python for whoever reads a page's data."""

from __future__ import annotations

import json

_OWN = ("id", "label", "x", "y")


def pack(graph: dict) -> dict:
    looks: dict[str, int] = {}
    table: list[dict] = []
    nodes = []
    for n in graph["nodes"]:
        rest = {k: v for k, v in n.items() if k not in _OWN}
        key = json.dumps(rest, sort_keys=True, ensure_ascii=False)
        if key not in looks:
            looks[key] = len(table)
            table.append(rest)
        nodes.append([n["id"], n["label"], n.get("x"), n.get("y"), looks[key]])
    kinds: dict[tuple, int] = {}
    edges = []
    for i, e in enumerate(graph["edges"]):
        if e["id"] != f"e{i}" or e["color"].get("opacity", 1.0) != 1.0:
            raise ValueError(f"edge {i} cannot be packed: {e}")
        style = (e["k"], json.dumps(e["dashes"]), e["width"], e["color"]["color"])
        kinds.setdefault(style, len(kinds))
        edges.append([e["from"], e["to"], kinds[style]])
    edge_looks = [[k, json.loads(d), w, c] for k, d, w, c in kinds]
    meta = {k: {**m, "tip": m["tip"][:-1]} if m.get("nt") and m["tip"][-1:] == ["分工原文：" + m["nt"]] else m
            for k, m in graph["meta"].items()}  # (the page's own data never has the line: see page.py)
    return {**graph, "nodes": nodes, "looks": table, "edges": edges, "edgeLooks": edge_looks, "meta": meta}


def unpack(graph: dict) -> dict:
    """The inverse of :func:`pack`: nodes and edges as vis-network takes them."""
    if "looks" not in graph:
        return graph
    out = {k: v for k, v in graph.items() if k not in ("looks", "edgeLooks")}
    out["meta"] = {k: {**m, "tip": [*m["tip"], "分工原文：" + m["nt"]]} if m.get("nt") else m for k, m in graph["meta"].items()}
    out["nodes"] = [{**json.loads(json.dumps(graph["looks"][look])), "id": nid, "label": label,
                     **({"x": x, "y": y} if x is not None else {})} for nid, label, x, y, look in graph["nodes"]]
    out["edges"] = [{"id": f"e{i}", "from": a, "to": b, "k": k, "dashes": dashes, "width": width,
                     "color": {"color": colour, "opacity": 1.0}}
                    for i, (a, b, look) in enumerate(graph["edges"]) for k, dashes, width, colour in [graph["edgeLooks"][look]]]
    return out
