"""Deontic sentences: who must (应当/要/必须/确保) and who must not (不得/严禁/禁止) do what.

This is how a scheme without unit notes still says who must do what:
``各级政府领导班子每年应当举办2期以上法治专题讲座`` → a duty borne by 各级政府领导班子.
"""

from __future__ import annotations

import re

from kg.model import Obligation
from kg.ingest.patterns import ROLE_LABEL

PROHIBITION = re.compile(r"不得|严禁|禁止|不准|不允许|杜绝|不应")
# 应 is a modal only when it is not part of 应急, 应用, 应诉, 相应, 响应, 适应 …
DUTY = re.compile(
    r"应当|必须|务必|确保|须(?!知)|"
    r"(?<![相响适供对反回呼照答])应(?![急用诉对审享收得有变该聘届试])|"
    r"(?<![重主需纲摘提概简必紧首次只])要(?![求点素件闻事塞害务领职地冲案])"
)
_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
_SUBJECT_END = re.compile(
    r"(?:领导班子|班子成员|机关|单位|部门|政府|人员|负责人|党委|党组|局|委|办|院|街道|乡镇|组织|各级各部门|各区各部门|干部|队伍|律师|顾问)$"
)
_TIME_WORDS = re.compile(r"(?:每年|每季度|每月|年内|均|都|也|还|更|切实|认真|进一步|全面|主动|积极|依法)+$")


def _bearer(clause: str) -> str | None:
    subject = _TIME_WORDS.sub("", clause.strip(" ,"))
    subject = re.sub(r"^(?:同时|并|对|在|此外|其中)", "", subject)
    if 2 <= len(subject) <= 30 and _SUBJECT_END.search(subject) and not re.search(r"[的]$", subject):
        return subject
    return None


def find_obligations(text: str, offset: int = 0) -> list[Obligation]:
    """One obligation per deontic sentence (a prohibition wins over a duty in the same sentence)."""
    note = ROLE_LABEL.search(text)
    body_end = len(text)
    if note:
        bracket = text.rfind("(", 0, note.start())
        body_end = bracket if bracket != -1 and not text[bracket + 1: note.start()].strip() else note.start()
    out = []
    for s in _SENTENCE.finditer(text, 0, body_end):
        sentence = s.group(0)
        m = PROHIBITION.search(sentence)
        kind = "prohibition"
        if m is None:
            m = DUTY.search(sentence)
            kind = "duty"
        if m is None:
            continue
        clause_start = max(sentence.rfind(",", 0, m.start()), sentence.rfind(":", 0, m.start())) + 1
        bearer = _bearer(sentence[clause_start: m.start()])
        out.append(Obligation(kind=kind, modal=m.group(0), text=sentence.strip(), bearer=bearer,
                              start=offset + s.start(), end=offset + s.end()))
    return out
