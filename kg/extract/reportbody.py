"""The parts of a report that state what was done (its numbered body, and the narrative lines of a
page that starts without numbering), its problems and plans as written, and the units it names as
acting — the text :mod:`kg.extract.achievements` reads its figures from."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Extraction, OutlineNode


# lines of a page's head that are the site's, not the report's: 发布时间, 来源, 阅读次数 …
_SITE_LINE = re.compile(r"发布时间|发布日期|来源[:：]|阅读次数|浏览次数|访问量|字号|索引号|打印|分享|当前位置|您的位置|>")


_NARRATIVE = re.compile(r"[。;；]")


def report_body(result: Extraction):
    """(node, start, end) of the report's text that states what was done: its numbered body,
    and the narrative lines of a page that starts without numbering (not the site's header)."""
    for root in result.outline:
        for node in root.walk():
            if node.role is None and node.kind != "block" or node.role == "closing" and node.kind == "block":
                # (a paragraph after the last numbered section that is neither problems nor plans
                # still tells what was done: a page that lost the section's number, a summing-up)
                yield node, node.start, node.end
            elif node.role == "preamble":
                pos = node.start
                for line in result.text[node.start: node.end].split("\n"):
                    # a narrative line: sentences, or a run of clauses (五年,修改地方性法规24部…;)
                    # (or a short sentence closed by its full stop: 截至10月31日,已完成26件,完成率40%。)
                    if (len(line) >= 30 and _NARRATIVE.search(line) or len(line) >= 8 and line.rstrip()[-1:] in "。;；") \
                            and not _SITE_LINE.search(line[:40]):
                        yield node, pos, pos + len(line)
                    pos += len(line) + 1


def texts_of(nodes: list[OutlineNode], role: str) -> list[str]:
    """The paragraphs of the problems or plans: leaves, and the lead-in of a block before its 一是."""
    out = []
    for root in nodes:
        for node in root.walk():
            if node.role != role:
                continue
            if not node.children:
                out.append(node.text)
            elif node.kind == "block":
                lead_in = node.text[: node.children[0].start - node.start].strip()
                if lead_in:
                    out.append(lead_in)
    return out


@lru_cache(maxsize=1)
def _unit_mention() -> re.Pattern[str]:
    """A unit named in running text: an optional level prefix and a lexicon name or alias."""
    from kg.reference import lexicon

    names = sorted(lexicon.alias_index(), key=len, reverse=True)
    return re.compile(r"(?<![全本各该])(?:省|市|区|县)?委?(?:" + "|".join(map(re.escape, names)) + ")")


def find_actors(text: str, offset: int, resolver) -> list:
    """Units a report names as doing something: 区市场监管局、区公安分局、区金融监管局联合开展…"""
    out = []
    for m in _unit_mention().finditer(text):
        if m.group(0)[:1] not in "省市区县" and len(m.group(0)) < 3:
            continue  # a bare short alias (法院, 政府办) in running text is too often not a unit
        unit = resolver.resolve(m.group(0))
        unit.start, unit.end = offset + m.start(), offset + m.end()
        out.append(unit)
    return out
