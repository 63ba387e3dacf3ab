"""Unnumbered tasks: a heading whose lines below it each end with a note of their own

    一、加强法治政府建设统筹
    ●加强对法治政府建设的领导,研究解决重大问题。(县委依法治县办牵头)
    ●开展法治政府建设示范创建活动。(县司法局负责)

(a bullet each, a dash, or nothing before them).  Each such line is the heading's child, a
paragraph numbered by its place, so that each is a task with its own owners rather than one task
holding every note.  Only where every line under the heading ends with its note: a line without
one may be the one above it going on."""

from __future__ import annotations

import re

from kg.ingest.lines import lines_of
from kg.ingest.patterns import INLINE_PARAGRAPH
from kg.ingest.rows import first_sentence
from kg.model import OutlineNode

# a note that closes its line: (县司法局负责)  〔牵头单位:县政府办〕  【县司法局牵头,县法院配合】
_CLOSING_NOTE = re.compile(r"[(〔【][^()〔〕【】\n]{1,100}?(?:牵头|负责|配合|协办|参与|落实|单位|部门)[^()〔〕【】\n]{0,40}[)〕】][。;]?\s*$")
BULLETS = "●•◆■▲▪◇◎○·►"  # (and a dash, — or ——)
_BULLET = re.compile(rf"^(?:[{BULLETS}]|——|—)\s*")


def mend_labels(roots: list[OutlineNode]) -> None:
    """Put back the numbering a page lost (below, each case), in this order."""
    noted_lines(roots)
    lost_labels(roots)
    lost_first_items(roots)
    lost_first_paragraph(roots)
    repeated_parts(roots)


# 动员部署阶段(2007年3月中旬):召开…: a stage of a schedule, named with its window, opening its own line
_STAGE_LINE = re.compile(r"^[\u4e00-\u9fff]{2,10}阶段\s*[((][^()()\n]{2,30}[))]\s*[::]")


def noted_lines(nodes: list[OutlineNode]) -> None:
    """Each heading with no numbered children whose every line below ends with its own note gets
    those lines as its children (in place, depth first); so do the stages of a schedule, a line each
    with its window (after a line that introduces them, if any)."""
    for node in nodes:
        if node.children:
            noted_lines(node.children)
            continue
        if node.kind not in ("part", "section", "item") or not node.heading:
            continue
        lines = lines_of(node.text)
        first = next((i for i, line in enumerate(lines) if i and _STAGE_LINE.match(line.text)), 0)
        staged = first and len(lines) - first >= 2 and all(_STAGE_LINE.match(line.text) for line in lines[first:])
        body = lines[first:] if staged else lines[1:]
        if len(body) < 2 or not staged and not all(_CLOSING_NOTE.search(line.text) for line in body):
            continue
        for number, line in enumerate(body, 1):
            mark = _BULLET.match(line.text)
            rest = line.text[mark.end():] if mark else line.text
            start = node.start + line.start
            node.children.append(OutlineNode(
                kind="paragraph", label=mark.group(0).strip() if mark else "", number=number,
                title=rest[: _STAGE_LINE.match(rest).end()].rstrip("::") if staged else first_sentence(rest),
                text=line.text, start=start, end=start + len(line.text), heading=False))
        head = lines[first - 1] if staged else lines[0]  # (the heading, and the line that introduces the stages)
        node.text = node.text[: head.end]
        node.end = node.start + head.end


def lost_first_items(roots: list[OutlineNode]) -> None:
    """A part whose first item is 2 with no item 1 before it anywhere (二、推进措施 / 积极推进涉农领域立法。… /
    2. 加强…): the page lost item 1's label, and the paragraph between the heading and item 2 is item 1,
    labelled by nothing."""
    ones = [n.start for root in roots for n in root.walk() if n.kind == "item" and n.number == 1]
    for node in (n for root in roots for n in root.walk()):
        if node.kind not in ("part", "section") or not node.heading or not node.children:
            continue
        first = node.children[0]
        if first.kind != "item" or first.number != 2 or any(at < first.start for at in ones):
            continue
        lines = lines_of(node.text)
        if len(lines) < 2:
            continue
        body = node.text[lines[1].start:].rstrip()
        if "。" not in body or len(body) < 8:
            continue
        start = node.start + lines[1].start
        node.children.insert(0, OutlineNode(kind="item", label="", number=1, title=first_sentence(body), text=body,
                                            start=start, end=start + len(body), heading=False))
        node.text = lines[0].text
        node.end = node.start + lines[0].end


def lost_first_paragraph(roots: list[OutlineNode]) -> None:
    """Paragraphs 二是, 三是 … on lines of their own whose 一是 runs on at the end of the page's opening
    line (…拟从以下十个方面开展工作:一是加快基础教育提质培优。…): that 一是 is the first of them."""
    for i, node in enumerate(roots[1:], start=1):
        before = roots[i - 1]
        if node.kind != "paragraph" or node.number != 2 or before.kind != "block" or before.children:
            continue
        m = next((m for m in INLINE_PARAGRAPH.finditer(before.text, before.text.rfind("\n") + 1)
                  if m.start() > 0 and m["num"] == "一"), None)
        if m is None:
            return
        body = before.text[m.start():].rstrip()
        start = before.start + m.start()
        roots.insert(i, OutlineNode(kind="paragraph", label="一是", number=1, title=first_sentence(body[2:]), text=body,
                                    start=start, end=start + len(body), heading=False))
        before.text = before.text[: m.start()].rstrip()
        before.end = before.start + len(before.text)
        return


def repeated_parts(roots: list[OutlineNode]) -> None:
    """A table printed a cell a line may print its merged part cell again before each group
    (一、提升依法高效履职能力 | / 1.… | rows / 一、提升依法高效履职能力 | / 2.… | rows): the part printed
    again is the same part, and the groups after it go on under the first."""
    i = 1
    while i < len(roots):
        first, again = roots[i - 1], roots[i]
        if first.kind == again.kind == "part" and first.number == again.number and first.title == again.title:
            first.children.extend(again.children)
            del roots[i]
        else:
            i += 1


def lost_labels(nodes: list[OutlineNode]) -> None:
    """Items whose labels the page lost or garbled (a mirror's mis-decoded ordinals, numbering a word
    processor kept out of the copied text): an item ends its line with its own note, and each line
    after it does the same (…基地。(牵头单位:市经贸委;配合单位:…) / 推进…项目。(牵头单位:市发改委;…)).
    Each such line is the next item, numbered on from the one above, not that item going on."""
    i = 0
    while i < len(nodes):
        node = nodes[i]
        lost_labels(node.children)
        i += 1
        if node.kind not in ("section", "item", "subitem") or node.heading or node.children or node.number is None:
            continue
        lines = lines_of(node.text)
        # (the page may end inside the last of them, before its note: …广州国际会展中心二期)
        noted = lines if lines[-1].text.rstrip().endswith("。") or len(lines) < 3 else lines[:-1]
        if len(lines) < 2 or not all(_CLOSING_NOTE.search(ln.text) and len(ln.text) >= 12 for ln in noted):
            continue
        node.text = lines[0].text
        node.end = node.start + lines[0].end
        for k, line in enumerate(lines[1:], 1):
            start = node.start + line.start
            # (a garbled label may end in a full stop of its own: ?。(二)推进… read as ?。ǘ┩七M…)
            head, cut = first_sentence(line.text), line.text.find("。")
            title = first_sentence(line.text[cut + 1:]) if len(head) < 4 and cut >= 0 else head
            nodes.insert(i, OutlineNode(kind=node.kind, label="", number=node.number + k, title=title,
                                        text=line.text, start=start, end=start + len(line.text), heading=False))
            i += 1
