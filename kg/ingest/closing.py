"""The paragraphs after a document's last numbered item that are not that item's: the year's
problems and next year's plans of a report, a plan's closing words, as top-level blocks."""

from __future__ import annotations

import re

from kg.ingest.lines import HEADING_MAX, lines_of
from kg.ingest.patterns import DATED_STEP, INLINE_PARAGRAPH, NOTE_LINE
from kg.ingest.rows import first_sentence
from kg.model import OutlineNode
from kg.numerals import cn_number

CLOSING_PROBLEMS = re.compile(r"(?:存在|仍有|尚有).{0,20}(?:问题|不足|薄弱|差距)")
CLOSING_PLANS = re.compile(r"^(?:20\d\d年|下一步|今后|下阶段)[^。]{0,30}(?:将|要|继续|着力|坚持)")


def _last_numbered(roots: list[OutlineNode]) -> OutlineNode | None:
    last = None
    for root in roots:
        for node in root.walk():
            if node.kind != "block":
                last = node
    return last


# a line that ends in an owner note (or one the page cut) goes on with the item: a PDF line broke
# after a full stop
_ENDS_IN_NOTE = re.compile(r"[(〔][^\n]{0,120}?(?:牵头|负责|配合|落实|责任单位|责任部门)[^\n。]{0,80}(?:[)〕]\s*。?)?\s*$")


# a line that goes on with the item above: a bracket, or a bullet of its list (——市级部门。…达95%以上)
_CONTINUES = ("(", "——", "—", "•", "·", "●", "○", "▪", "◆", "■", "□", "◇", "►", "※", "?")  # (?: a bullet a mirror lost)


def detach_closing(roots: list[OutlineNode], text: str) -> None:
    """Closing paragraphs after the last numbered body item become top-level blocks.

    In a plan the last task is one paragraph (plus, perhaps, its note on a line of its own); in a
    report the last section is followed by the year's problems and next year's plans.  A
    paragraph that starts a new sentence after the item's text has ended with a full stop is
    not part of that item.
    """
    last = _last_numbered(roots)
    if last is None or last.heading:
        return
    lines = lines_of(text[last.start: last.end])
    # a table row's cells printed a line each are the row's, whatever their stops
    floor = last.cells[-1][1] + len(last.cells[-1][0]) - last.start if last.cells else 0
    cut = None
    for prev, line in zip(lines, lines[1:]):
        if NOTE_LINE.match(line.text) or line.start < floor:
            continue
        if prev is lines[0] and last.kind in ("part", "section", "item") and len(prev.text.strip()) <= HEADING_MAX \
                and not (CLOSING_PROBLEMS.search(line.text) or CLOSING_PLANS.search(line.text)):
            continue  # (四)全面推进…,规范行政执法检查。 — a heading with a full stop, its body below
        if prev.text.rstrip()[-1:] in "。!?)" and not line.text.startswith(_CONTINUES) \
                and not _ENDS_IN_NOTE.search(line.text) and not (DATED_STEP.match(prev.text) and DATED_STEP.match(line.text)):
            cut = line
            break
    if cut is None:
        return
    cut_at = last.start + cut.start
    tail = text[cut_at: last.end]
    last.text = text[last.start: cut_at].rstrip("\n")
    last.end = last.start + len(last.text)
    for line in lines_of(tail):
        start = cut_at + line.start
        block = OutlineNode(kind="block", label="", number=None, title=first_sentence(line.text),
                            text=line.text, start=start, end=start + len(line.text), heading=False)
        block.children = _inline_paragraphs(line.text, start)
        roots.append(block)


def _inline_paragraphs(text: str, offset: int) -> list[OutlineNode]:
    """一是…二是… written inside one paragraph, as child paragraphs."""
    marks = [m for m in INLINE_PARAGRAPH.finditer(text) if cn_number(m.group("num"))]
    numbers = [cn_number(m.group("num")) for m in marks]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)):
        return []
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.start(): end]
        out.append(OutlineNode(kind="paragraph", label=f"{m.group('num')}是", number=numbers[i],
                               title=first_sentence(body[m.end() - m.start():]), text=body,
                               start=offset + m.start(), end=offset + end, heading=False))
    return out
