"""Notes the page's end cuts off: a role phrase broken inside (…国家统计局湖南调查总队等按职责分) is
read as the phrase it starts, so the names before it keep their role."""

from __future__ import annotations

# the role phrases a note closes with, longest first; a cut one is known from its first characters
_CLOSING = ("按照职责分工负责", "按职责分工负责", "按照职责分工落实", "按职责分工落实", "分工负责", "共同负责", "负责落实",
            "负责", "配合", "牵头")  # (not 协助: 市科协 ends in its first character)


def complete_cut_role(inner: str) -> str:
    """The note's text with the role phrase it breaks off inside completed, or as it is: a long phrase is
    told by its first two characters (按职), a two-character verb by its first (负, 配)."""
    for phrase in _CLOSING:
        shortest = 1 if len(phrase) == 2 else 2
        for k in range(len(phrase) - 1, shortest - 1, -1):
            if len(inner) > k and inner.endswith(phrase[:k]):
                return inner + phrase[k:]
    return inner
