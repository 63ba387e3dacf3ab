"""Each outline node's path: its labels from the top level down (二.(一).3), unique in its document,
so that a task's IRI and its key in a gold file are stable."""

from __future__ import annotations

from kg.ingest.noted import BULLETS
from kg.model import OutlineNode


def _path_label(node: OutlineNode) -> str:
    label = "" if node.label[:1] in (*BULLETS, "—") else node.label  # (a bullet: its place)
    if not label and node.number is not None:
        return str(node.number)
    return label[:-1] if label.endswith(("、", ".")) else label


def assign_paths(nodes: list[OutlineNode], prefix: str = "") -> None:
    """Each node's path, unique in its document: a label that comes back among siblings (two tables
    each numbered from 1) gets ~2, ~3 … so that no two nodes share a path (or an IRI)."""
    blocks = 0
    for node in nodes:
        if node.kind == "block":
            blocks += 1
            node.path = f"{prefix}{'' if not prefix else '.'}#{blocks}"
    seen: dict[str, int] = {}
    # (a covering notice's own points, 一、…二、…, come before the document's 一、: the document's keep
    # the plain labels, the notice's take the ~2)
    for node in [n for n in nodes if n.role != "notice"] + [n for n in nodes if n.role == "notice"]:
        if node.kind != "block":
            label = _path_label(node)
            seen[label] = seen.get(label, 0) + 1
            if seen[label] > 1:
                label = f"{label}~{seen[label]}"
            node.path = f"{prefix}.{label}" if prefix else label
    for node in nodes:
        assign_paths(node.children, node.path)
