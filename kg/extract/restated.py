"""Targets a task states twice: the count its heading names said again in its body (1.打通10条城区道路。
…打通华星路等10条城区道路…), broken down after 其中, restated in an item's own field or in a bracket."""

from __future__ import annotations

import re

from kg.ingest.patterns import RECORD_FIELDS
from kg.model import Target

_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{2,4}")
_BROKEN_DOWN = re.compile(r"\s*[,，]?\s*其中")
_CONTENT_FIELD = re.compile(r"\s*(?:" + "|".join(RECORD_FIELDS) + r")\s*[::]")


def drop_restated(found: list[Target], text: str, title_end: int) -> list[Target]:
    """A task whose heading states its count and whose body says it again (1.打通10条城区道路。…打通华星路
    等10条城区道路…): one target.  The same comparator, value and measure after the heading, counting
    the same thing (the words right after the measure), is the heading's, said twice."""
    def noun(t: Target) -> str | None:
        m = _NOUN_AFTER.match(text, t.end) if t.end is not None else None
        return m.group(0) if m else None

    heading = {(t.op, t.value, t.unit, noun(t)) for t in found
               if t.end is not None and t.end <= title_end and noun(t)}
    # a heading that names its count (10万平方米老旧小区改造项目) over a body that bounds it (不少于10万平方米): the bound
    bounded = {(t.value, t.unit) for t in found if t.end is not None and t.end > title_end and t.op != "="}
    titled = {(t.op, t.value, t.unit) for t in found if t.end is not None and t.end <= title_end}

    def said_again(t: Target) -> bool:  # (…增幅达到9%以上。(各县、区增幅均达到9%以上): a value said again in a bracket;
        # (三、…对农村200所中小学实施改水 / 计划安排200所,其中丹江口市33所…: the heading's count, broken down)
        if (t.op, t.value, t.unit) in titled and (_BROKEN_DOWN.match(text, t.end) or _CONTENT_FIELD.match(
                text, text.rfind("\n", 0, t.start) + 1)):  # (项目内容:…惠及群众2640户: the item's words said again)
            return True
        return text.rfind("(", 0, t.end) > text.rfind(")", 0, t.end) and any(
            (u.op, u.value, u.unit) == (t.op, t.value, t.unit) and u.end is not None and u.end <= t.start for u in found)

    return [t for t in found if t.end is None or t.end <= title_end and not (t.op == "=" and (t.value, t.unit) in bounded)
            or t.end > title_end and (t.op, t.value, t.unit, noun(t)) not in heading and not said_again(t)]
