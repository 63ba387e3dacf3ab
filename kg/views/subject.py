"""What a target or a report figure is about, read from its clause: the object (what is
counted or rated: 12345政务热线诉求, 人大代表建议, 经复议后被诉讼案件), the areas it names and its
period.  Tracking compares a target with a figure only when these agree (:mod:`kg.views.track`).
"""

from __future__ import annotations

import re
from typing import NamedTuple


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。;；!！?？])|\n", text) if s.strip()]


# Words that say nothing about what is counted or rated: verbs of doing and raising, time words of
# the plan's own year, scope words of the document's own area, comparators, fillers.  What is left
# of the words before the metric is its object (12345政务热线诉求, 经复议后被诉讼案件, 人大代表建议).
_GENERIC = re.compile(
    "确保|力争|争取|努力|推动|推进|实现|保持|提高|提升|进一步|持续|不断|全面|稳步|逐步|"
    "全年|年度|每年|年均|当年|本年|今年|全市|全区|全县|全省|我市|我区|我县|本市|本区|各级|各地|各类|"
    "相关|上述|以上|以下|其中|其|应当|必须|要|工作|办理|受理|办结|办复|处理|认真|研究|及时|提出|开展|组织|举办|完成|"
    "共计|累计|合计|先后|共|平均|总体|整体|综合|群众|社会|依法|有效|"
    "不低于|不少于|不得少于|不得低于|不超过|不高于|不得超过|至少|达到|控制在|超过|高于|低于|少于|"
    "的|对|了|均|达|为|和|及|与")
_MEASURE = re.compile(r"\d+(?:\.\d+)?(?:万|亿|千|百)?(?:件|个|人次|人|名|项|次|场次|场|期|家|条|篇|%|‰|日|天|学时)")
_OTHER_RATE = re.compile(r"[\u4e00-\u9fff]{1,4}率")
_CLAUSE_MARK = re.compile(r"[,，;；:：]")
_HAN_OR_DIGIT = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]+")
_REFERENCE = ("相关", "上述", "其", "以上", "前述")
# a period other than one year: 五年来, 累计, 近三年, 2016年以来
_SPAN = re.compile(r"[一二三四五六七八九十\d]+年来|累计|历年|近[一二三四五六七八九十\d]+年|\d{4}年以来")
_YEAR = re.compile(r"(?<!\d)(20\d\d)年(?!度?前|底前)")
OBJECT_OVERLAP = 0.5


class Subject(NamedTuple):
    """What a target or a figure is about: its object's words (``""`` where the clause and the
    clause before it name none), the areas its words name, and its period (``None``: the
    document's own; ``"span"``: several years)."""

    object: str
    quoted: str  # the words the object was read from, as written
    areas: frozenset[str]
    period: str | None


def _alias_at(clause: str, aliases: list[str], label: str) -> tuple[int, str]:
    """Where the metric sits in the clause, and the words its alias adds to the plain label
    (行政诉讼败诉率 → 行政诉讼): those narrow the object too."""
    best = (-1, "")
    for alias in aliases:  # longest first
        at = clause.find(alias)
        if at != -1 and (best[0] == -1 or at < best[0]):
            best = (at, alias)
    at, alias = best
    if at == -1:
        return -1, ""
    return at, alias[: -len(label)] if label and alias.endswith(label) and alias != label else ""


def _clean(words: str, area_names: list[str]) -> tuple[str, frozenset[str]]:
    named = frozenset(n for n in area_names if n in words)
    for n in named:
        words = words.replace(n, " ")
    words = _MEASURE.sub(" ", words)
    words = _OTHER_RATE.sub(" ", words)
    words = _GENERIC.sub(" ", words)
    return " ".join(_HAN_OR_DIGIT.findall(words)), named


def subject(clause: str, sentence: str, aliases: list[str], label: str, area_names: list[str]) -> Subject:
    """What ``clause`` (a target's or a figure's, inside ``sentence``) measures: the words before
    the metric in the clause; where those are none, or only point back (相关满意率), the words of the
    clause before it in the same sentence (办复人大代表建议112件,满意率达100%)."""
    at, qualifier = _alias_at(clause, aliases, label)
    own = (clause[:at] if at != -1 else clause) + qualifier
    own = _CLAUSE_MARK.split(own)[-1]
    obj, named = _clean(own, area_names)
    quoted = own.strip()
    points_back = own.strip().endswith(_REFERENCE) or own.strip().startswith(_REFERENCE)
    if not obj or points_back:
        start = sentence.find(clause)
        before = _CLAUSE_MARK.split(sentence[:start]) if start > 0 else []
        before = [b for b in before if b.strip()]
        if before:
            ctx, more = _clean(before[-1], area_names)
            if ctx:
                obj, quoted, named = ctx, before[-1].strip(), named | more
    head = sentence[: max(sentence.find(clause), 0)] + clause
    if _SPAN.search(head):
        period = "span"
    else:
        years = _YEAR.findall(head)
        period = years[-1] if years else None
    return Subject(obj, quoted, named, period)


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in text.split():
        out.update(run[i: i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            out.add(run)
    return out


def same_object(a: str, b: str) -> bool:
    """Both name nothing, or one contains the other, or at least half the character pairs of the
    shorter are in the longer.  One naming something and the other nothing is not the same: the
    comparison would be a guess."""
    if not a and not b:
        return True
    if not a or not b:
        return False
    if a.replace(" ", "") in b.replace(" ", "") or b.replace(" ", "") in a.replace(" ", ""):
        return True
    x, y = _bigrams(a), _bigrams(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= OBJECT_OVERLAP


def sentence_of(text: str, clause: str) -> str:
    """The sentence of ``text`` that holds ``clause`` (the clause itself where none does)."""
    for s in sentences(text):
        if clause and clause in s:
            return s
    return clause
