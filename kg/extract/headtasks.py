"""Tasks a plan states without an item number, found where the outline's numbered items give none:
the year's goals in a paragraph of the page's head (…主要预期目标是:…), a year's projects run on in
one sentence after 这十件民生实事分别是:, and — where no task is read at all — the paragraph that
sets the plan's figures (a news page's lead that restates a plan's goals)."""

from __future__ import annotations

import re

from kg.numerals import cn_number
from kg.model import OutlineNode
from kg.vocab import is_plan

Found = list[tuple[OutlineNode, OutlineNode | None]]

# 2017年全市经济社会发展主要预期目标是:…。: the year's goals, a paragraph of their own
_HEAD_GOALS = re.compile(r"(?m)^([^\n。]{0,30}(?:主要预期目标|预期目标)(?:是|为)?[::][^。]{8,800}。?)")
_RUN_ON_LEAD = re.compile(r"(?P<n>十|[一二三四五六七八九]|\d{1,2})(?:[件项]|大)[^。\n::]{0,12}?(?:实事|实事项目|项目|工程|大事)"
                          r"[^。\n::]{0,6}?(?:分别是|分别为|是|为|包括)[::]")
_AIMS = re.compile(r"达到|控制在|以上|以下|以内|不低于|不少于|不超过|提高到|提升到|下降|增长|减少")
_AIMED = re.compile(r"到20\d{2}年|目标")  # a goal says where it aims; an account of work done does not


def states_figures(node: OutlineNode) -> bool:
    """Whether the node's text states a quantity with its measure (a figure a goal can be held to)."""
    from kg.extract.quantities import quantities

    return any(q.unit for q in quantities(node.text))


def unnumbered_tasks(outline: list[OutlineNode], genre: str | None, found: Found) -> Found:
    """``found`` (the outline's tasks) with the head's goals paragraph before them; where it is empty,
    a run-on list's projects, else (a plan) its goals paragraph."""
    out = [(node, None) for node in _head_goals(outline) if states_figures(node)] + found
    if not out:  # 这十件民生实事分别是:完成…;建成…;…。: a year's projects run on in one sentence, no ordinals
        out = [(node, None) for root in outline for node in _run_on(root)]
    if not out and is_plan(genre):  # no task read, yet a paragraph sets the plan's figures: its goals
        out = [(node, None) for node in _goals_paragraph(outline)]
    return out


def _head_goals(outline: list[OutlineNode]) -> list[OutlineNode]:
    """A goals paragraph in the page's head, before the first part (a split's 主要预期目标是:…), or opening
    the first part's body before its first section (一、2017年的主要任务 / 2017年发展的主要预期目标是:…),
    starting after a sentence's end or a title's line (not a line a page's width broke)."""
    root = outline[0] if len(outline) > 1 else None
    if root is not None and root.role == "preamble" and root.kind == "block":
        found = _goals_in(root, 0)
        if found or not any(n.kind == "part" for n in outline):
            return found
    first = next((n for n in outline if n.kind == "part"), None)
    return _goals_in(first, first.text.find("\n") + 1) if first is not None and "\n" in first.text else []


def _goals_in(node: OutlineNode, pos: int) -> list[OutlineNode]:
    m = _HEAD_GOALS.search(node.text, pos)
    if m is None:
        return []
    before = node.text[:m.start(1)].rstrip("\n").rsplit("\n", 1)[-1]
    if before and not before.endswith(("。", ";", ":", ":")) and re.search("[,,;;。]", before) and m.start(1) > pos:
        return []
    at = node.start + m.start(1)
    return [OutlineNode(kind="paragraph", label="", number=None, title=re.split("[::]", m.group(1), maxsplit=1)[0],
                        text=m.group(1), start=at, end=at + len(m.group(1)), heading=False, path="", role="guidance")]


def _pieces(text: str, start: int, end: int, separator: str) -> list[tuple[int, str]]:
    """The pieces of text[start:end] between the separator's marks, each with where it starts."""
    out, pos = [], start
    for piece in re.split(separator, text[start:end]):
        out.append((pos, piece))
        pos += len(piece) + 1
    return out


def _run_on(root: OutlineNode) -> list[OutlineNode]:
    """The projects a sentence lists after 这十件民生实事分别是: — between its semicolons, numbered in
    order (no ordinal printed, no label) — if it lists three or more."""
    m = _RUN_ON_LEAD.search(root.text)
    if m is None:
        return []
    end = len(root.text)
    for stop in ("\n", "。"):
        at = root.text.find(stop, m.end())
        end = min(end, at if at >= 0 else end)
    clauses = [(at, piece) for at, piece in _pieces(root.text, m.end(), end, "[;;]") if len(piece.strip()) >= 4]
    if len(clauses) < 3:  # 十大民生实事项目为:A、B、…: names alone, as many as the lead counts
        clauses = _pieces(root.text, m.end(), end, "、")
        if len(clauses) != (int(m["n"]) if m["n"].isdigit() else cn_number(m["n"])):
            return []
    if len(clauses) < 3:
        return []
    return [OutlineNode(kind="item", label="", number=i, title=piece.strip(), text=piece, start=root.start + at,
                        end=root.start + at + len(piece), heading=False, path=str(i))  # (its place: each its own)
            for i, (at, piece) in enumerate(clauses, 1)]


def _goals_paragraph(outline: list[OutlineNode]) -> list[OutlineNode]:
    """The line of a plan's text that sets the most figures (two or more, each by a word of aim: 达到,
    控制在, 以上 …, on a line that says where it aims), as a task with no number."""
    from kg.extract.quantities import quantities

    best, most = None, 1
    for root in outline:
        for node in root.walk():
            pos = node.start
            for line in node.text.split("\n"):
                if _AIMED.search(line):
                    aims = [q for q in quantities(line) if q.unit and _AIMS.search(line, max(0, q.start - 12), q.end + 4)]
                    if len(aims) > most:
                        best, most = (pos, line), len(aims)
                pos += len(line) + 1
    if best is None:
        return []
    at, line = best
    return [OutlineNode(kind="paragraph", label="", number=None, title=line[:40], text=line, start=at,
                        end=at + len(line), heading=False, path="", role="guidance")]
