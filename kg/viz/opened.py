"""Where a document's nodes stand once the overview opens it (one document at a time): its columns
(:func:`kg.viz.layout.columns`), right of the compact overview.

A document too big to draw at once is opened one part at a time: its tasks, in document order,
cut into parts of at most :data:`PART_MAX` nodes (the tasks, their targets, and the units and
themes they name), each part in columns of its own.  The page's data says which part holds a task
(meta ``pt``), what each part holds (the document's meta ``pts``: first and last task number and
the count) and where the document, its units and themes stand in each part (meta ``p``, keyed by
the document's id for the first part and ``d3.1``, ``d3.2`` … for the next).  So the overview,
200 documents and their jurisdictions at most, and one part stay under about 1,000 nodes.
"""

from __future__ import annotations

from kg.views.model import GraphData
from kg.viz.layout import columns

PART_MAX = 500  # nodes one part of an opened document draws at most (a single task and its own may be more)


def parts(tasks: list[str], named: dict[str, set[str]], targets: dict[str, list[str]], limit: int = PART_MAX) -> list[list[str]]:
    """``tasks`` in order cut into runs of at most ``limit`` nodes each: the document, the tasks,
    their targets and the units and themes they name (``named``: task → those ids), each counted
    once in a run."""
    out: list[list[str]] = []
    run: list[str] = []
    seen: set[str] = set()
    count = 1
    for t in tasks:
        cost = 1 + len(targets.get(t, [])) + len(named[t] - seen)
        if run and count + cost > limit:
            out.append(run)
            run, seen, count = [], set(), 1
            cost = 1 + len(targets.get(t, [])) + len(named[t])
        run.append(t)
        seen |= named[t]
        count += cost
    return [*out, run] if run or not out else out


def opened(data: GraphData, docs: dict, units: dict, tasks: dict, themes: dict, load: dict, meta: dict,
           spot: dict, title: float, boxes: dict) -> dict[str, tuple[float, float]]:
    """Where each document's nodes stand once it is open: its columns, right of the compact
    overview (``spot``), a part at a time.  A unit or theme of several documents (or parts) has a
    place in each (meta "p")."""
    left, top = max([p[0] for p in spot.values()] + [0.0]) + 12 * title, min([p[1] for p in spot.values()] + [0.0])
    out: dict[str, tuple[float, float]] = {}
    for d, (doc, held_units, held_tasks, targets) in zip(data.documents, blocks(data, docs, units, tasks, load, every=True)):
        held = {tasks[t.iri]: t for t in data.tasks_in(d.iri)}
        named = {n: {units[u] for u in data.units_of(t.iri) if u in units} | {themes[k] for k in t.themes if k in themes}
                 for n, t in held.items()}
        size, fs = meta[doc]["small"]  # the document: a disc with its title under it, drawn as a box that holds both
        boxes[doc] = (max(2 * size, 8 * fs) + 10, 2 * (size + 2.6 * fs) + 6)
        runs = parts(held_tasks, named, targets)
        for i, run in enumerate(runs):
            key = f"{doc}.{i}" if i else doc
            inside = set().union(*(named[t] for t in run))
            count = {k: sum(k in held[t].themes for t in run) for k in {k for t in run for k in held[t].themes if themes.get(k) in inside}}
            pos = columns([(doc, [u for u in held_units if u in inside], run, targets)],
                          [themes[k] for k in sorted(count, key=lambda k: (-count[k], themes[k]))], boxes.__getitem__)
            dy = top - min(p[1] for p in pos.values())
            for n, (x, y) in pos.items():
                p = (round(x + left, 1), round(y + dy, 1))
                if n[0] in "uh" or (n == doc and len(runs) > 1):
                    meta[n].setdefault("p", {})[key] = list(p)
                if n not in out:
                    out[n] = p
                if n[0] == "t" and len(runs) > 1:
                    meta[n]["pt"] = i
        if len(runs) > 1:
            meta[doc]["pts"] = [[held[run[0]].number, held[run[-1]].number, len(run)] for run in runs]
    return out


def blocks(data: GraphData, docs: dict, units: dict, tasks: dict, load: dict, every: bool = False) -> list:
    """Per document (in order): its node, the units whose tasks are mostly in it (``every``: all
    that have tasks in it; busiest first, collectives and placeholders last), its tasks in document
    order and their targets."""
    order = {d.iri: i for i, d in enumerate(data.documents)}
    count: dict[str, dict[str, int]] = {}
    for a in data.assignments:
        doc = data.task_by_iri[a.task].document if a.task in data.task_by_iri else None
        if doc in order:
            count.setdefault(a.unit, {}).setdefault(doc, 0)
            count[a.unit][doc] += 1
    members: dict[str, list] = {d.iri: [] for d in data.documents}
    first = data.documents[0].iri if data.documents else None
    for u in data.units:
        c = count.get(u.iri, {})
        homes = sorted(c, key=order.__getitem__) if every else [min(c, key=lambda d: (-c[d], order[d])) if c else first]
        for home in homes:
            if home is None:
                continue
            led, resp, coop = load[u.iri]
            members[home].append(((u.collective, -(2 * led + resp + 0.5 * coop), -led, u.name), units[u.iri]))
    out = []
    for d in data.documents:
        held = data.tasks_in(d.iri)
        out.append((docs[d.iri], [n for _, n in sorted(members[d.iri])], [tasks[t.iri] for t in held],
                    {tasks[t.iri]: [f"g{tasks[t.iri][1:]}_{i}" for i in range(len(t.targets))] for t in held}))
    return out
