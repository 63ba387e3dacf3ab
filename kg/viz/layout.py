"""Where the page's nodes stand, computed in Python so the page opens without a physics run.

Up to :data:`LAYOUT_THRESHOLD` nodes the graph is laid out in columns (:func:`columns`): per
document, its units (busiest first, collectives and placeholders last), its tasks in document
order under the document, each task's targets beside it; the themes in one column on the right,
busiest first.  Every node is a box with its label inside, and the rows of a column are spaced by
the boxes' heights, so no two labels can cover each other (measured in the browser by the
page's self-check).  Several documents open as an overview (:func:`compact`: jurisdictions over
their documents in a grid of cells, each as wide as a title; past 200 documents the same grid,
each jurisdiction closed until clicked), and a document opens in its own columns
(:mod:`kg.viz.opened`); the discs of :func:`scatter`, one per document, laid out in linear
time, give each document its size.
"""

from __future__ import annotations

import math
from typing import Callable

from kg.views.model import GraphData

LAYOUT_THRESHOLD = 1000  # one document of more nodes than this: the overview, opened a part at a time (kg.viz.opened)
GAP_X, GAP_Y = 90.0, 8.0  # between columns, between rows
HEAD = 120.0  # the least height of the band over a jurisdiction's discs, for its node


def text_width(text: str, size: float) -> float:
    """The drawn width of a one-line label: CJK and full-width characters one em, others about half."""
    return sum(size if ord(c) >= 0x2E80 else 0.62 * size for c in text)


def box(label: str, size: float) -> tuple[float, float]:
    """Width and height of a vis-network ``box`` node: its label plus the 5-pixel margins, and room
    for the border."""
    return text_width(label, size) + 14.0, size * 1.25 + 12.0


Block = tuple[str, list[str], list[str], dict[str, list[str]]]  # document, units, tasks, task → targets


def columns(blocks: list[Block], themes: list[str], size: Callable[[str], tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions for the column layout.  ``blocks``: per document its node, its units in order,
    its tasks in order and each task's targets; ``themes`` in order; ``size(id)`` the box of a node.
    Each column is centred on the same middle line."""
    out: dict[str, tuple[float, float]] = {}
    x = 0.0

    def stack(ids: list[str], cx: float, heights: dict[str, float] | None = None) -> None:
        pitch = [max(size(i)[1], (heights or {}).get(i, 0.0)) + GAP_Y for i in ids]
        y = -sum(pitch) / 2
        for i, p in zip(ids, pitch):
            h = size(i)[1]
            out[i] = (round(cx, 1), round(y + h / 2, 1))
            y += p

    def width(ids: list[str]) -> float:
        return max([size(i)[0] for i in ids] + [0.0])

    for doc, units, tasks, targets in blocks:
        wu, wt = width(units), width([doc, *tasks])
        wg = width([g for t in tasks for g in targets.get(t, [])])
        ux = x + wu / 2
        tx = ux + wu / 2 + GAP_X * 1.6 + wt / 2  # more room where most lines run
        stack(units, ux)
        span = {t: sum(size(g)[1] + GAP_Y for g in targets.get(t, [])) - GAP_Y for t in tasks}
        stack([doc, *tasks], tx, span)
        gx = tx + wt / 2 + GAP_X / 2 + wg / 2
        for t in tasks:  # a task's targets beside it, downwards from its row
            y = out[t][1] - size(t)[1] / 2
            for g in targets.get(t, []):
                h = size(g)[1]
                out[g] = (round(gx, 1), round(y + h / 2, 1))
                y += h + GAP_Y
        x = (gx + wg / 2 if wg else tx + wt / 2) + GAP_X * 1.6
    stack(themes, x + width(themes) / 2)
    return out


def _spiral(i: int, step: float) -> tuple[float, float]:
    """The i-th point of a sunflower (golden-angle) spiral: evenly filled discs, no search."""
    return step * math.sqrt(i) * math.cos(i * 2.39996), step * math.sqrt(i) * math.sin(i * 2.39996)


def scatter(data: GraphData, docs: dict, units: dict, tasks: dict, themes: dict,
            radii: dict | None = None, areas: dict | None = None, group: dict | None = None) -> dict[str, tuple[float, float]]:
    """Positions for a big graph, in linear time and without randomness: one disc per document
    (the document in the middle, its units on a sunflower spiral busiest first, each task beside
    its units, targets by their task), the discs of one jurisdiction packed together under its own
    place (``areas``: jurisdiction → its node's place in the band over the discs, the middle of the
    cluster, the cluster's width and the band's height; ``group`` names the jurisdiction each document is shown under), the
    jurisdictions in rows, themes in a band above them.
    (A force layout in Python — networkx's spring layout — takes minutes at a few thousand nodes.)"""
    home: dict[str, dict[str, int]] = {}
    for t in data.tasks:
        for u in set(data.units_of(t.iri)):
            home.setdefault(u, {}).setdefault(t.document, 0)
            home[u][t.document] += 1
    order = {d.iri: i for i, d in enumerate(data.documents)}
    members: dict[str, list[str]] = {d.iri: [] for d in data.documents}
    for u in data.units:
        counts = home.get(u.iri, {})
        best = min(counts, key=lambda d: (-counts[d], order.get(d, 0))) if counts else None
        if best in members:
            members[best].append(u.iri)
    local: dict[str, tuple[float, float]] = {}
    radius: dict[str, float] = {}
    by_doc: dict[str, list[str]] = {}
    step = 70.0
    for d in data.documents:
        ranked = sorted(members[d.iri], key=lambda u: (-len(data.tasks_of(u)), u))
        local[docs[d.iri]] = (0.0, 0.0)
        for i, u in enumerate(ranked, start=1):
            local[units[u]] = _spiral(i, step)
        doc_tasks = data.tasks_in(d.iri)
        by_doc[d.iri] = [tasks[t.iri] for t in doc_tasks]
        radius[d.iri] = step * math.sqrt(len(ranked) + len(doc_tasks) / 6 + 1) + 60
        crowd: dict[tuple, int] = {}
        for t in doc_tasks:
            ring = [local[units[u]] for u in dict.fromkeys(data.units_of(t.iri)) if units.get(u) in local] or [(0.0, 0.0)]
            cx, cy = sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
            key = (round(cx), round(cy))
            crowd[key] = crowd.get(key, 0) + 1
            dx, dy = _spiral(crowd[key], 16)
            local[tasks[t.iri]] = (cx + dx + 14, cy + dy + 14)
            for j, _ in enumerate(t.targets):
                local[f"g{tasks[t.iri][1:]}_{j}"] = (cx + dx + 26 + 10 * j, cy + dy + 2)
    out: dict[str, tuple[float, float]] = {}
    if radii is not None:  # the room each document's disc takes: its node's size in the overview
        radii.update({docs[d]: r for d, r in radius.items()})
    # each jurisdiction's discs packed side by side into a cluster of its own (its plans and
    # reports together, its node above them), the clusters in rows, biggest jurisdiction first
    groups: dict[str, list] = {}
    for d in data.documents:
        groups.setdefault(group[d.iri] if group else d.jurisdiction or "", []).append(d)
    clusters = []
    least = min(radius.values(), default=0.0)  # the smallest disc: titles are written to fit it (page.py)
    for j, held in groups.items():
        held.sort(key=lambda d: (-radius[d.iri], order[d.iri]))
        inner = max(2.4 * math.sqrt(sum(radius[d.iri] ** 2 for d in held)), 2 * radius[held[0].iri])
        x = y = row_h = used = 0.0
        spots = []
        for d in held:
            r = radius[d.iri]
            if x > 0 and x + 2 * r > inner:
                x, y, row_h = 0.0, y + row_h, 0.0
            spots.append((d, x + r, y + r))
            x, row_h = x + 2 * r, max(row_h, 2 * r)
            used = max(used, x)
        # above the discs, a band for the jurisdiction's node, its name as large as the documents' titles
        clusters.append((-sum(radius[d.iri] for d in held), j, spots, used, y + row_h, max(HEAD, 0.75 * least)))
    clusters.sort(key=lambda c: (c[0], c[1]))
    gap = 80.0  # between clusters
    width = 1.2 * math.sqrt(sum((w + gap) * (h + head) for *_, w, h, head in clusters) or 1.0)
    x = y = row_h = 0.0
    for _, j, spots, w, h, head in clusters:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for d, cx, cy in spots:
            placed = [docs[d.iri], *(units[u] for u in members[d.iri]), *by_doc[d.iri]]
            for n in placed:
                out[n] = (local[n][0] + x + cx, local[n][1] + y + head + cy)
        if areas is not None:  # its place in the band over its discs, the middle of its cluster, its width, the band's height
            areas[j] = (round(x + w / 2, 1), round(y + 0.3 * head, 1), round(x + w / 2, 1), round(y + head + h / 2, 1), w, head)
        x, row_h = x + w + gap, max(row_h, h + head)
    for n, p in local.items():  # targets follow their task's disc
        if n.startswith("g") and n not in out:
            task = "t" + n[1:].split("_")[0]
            tp, lp = out[task], local[task]
            out[n] = (p[0] - lp[0] + tp[0], p[1] - lp[1] + tp[1])
    for u in units.values():  # units without a task
        out.setdefault(u, (0.0, -200.0))
    for i, th in enumerate(data.themes):
        out[themes[th.key]] = (width * (i + 0.5) / max(len(data.themes), 1), -250.0 - 60 * (i % 3))
    return {n: (round(px, 1), round(py, 1)) for n, (px, py) in out.items()}




def compact(groups: list[tuple[str, int, list[str]]], font: float, aspect: float = 1.3,
            spans: dict | None = None) -> dict[str, tuple[float, float]]:
    """Where the overview's jurisdictions and documents stand while no document is open: per
    jurisdiction (its node, the characters of its name, its documents' nodes), its node in a band
    on top and its documents under it in a grid of cells, each wide enough for a title of two lines
    of 8 characters at ``font`` and its disc (at most 1.4 ``font`` across the middle); the
    jurisdictions in rows, the whole about ``aspect`` times as wide as tall.  Nothing overlaps.
    ``spans`` receives each jurisdiction's block: its middle and its width."""
    cw, ch, head, gap = 10 * font, 6.5 * font, 3 * font, 1.5 * font
    blocks = []
    for a, chars, ds in groups:
        k = max(1, math.ceil(math.sqrt(len(ds))))  # columns
        rows = math.ceil(len(ds) / k)
        blocks.append((a, ds, k, max(k * cw, (chars + 1) * font), head + rows * ch))
    width = math.sqrt(aspect * sum((w + gap) * (h + gap) for *_, w, h in blocks) or 1.0)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for a, ds, k, w, h in blocks:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out[a] = (round(x + w / 2, 1), round(y + 0.6 * font, 1))
        if spans is not None:
            spans[a] = (round(x + w / 2, 1), round(y + h / 2, 1), round(w, 1))
        left = x + (w - k * cw) / 2
        for i, d in enumerate(ds):
            out[d] = (round(left + (i % k + 0.5) * cw, 1), round(y + head + (i // k) * ch + 1.6 * font, 1))
        x, row_h = x + w + gap, max(row_h, h + gap)
    return out
