"""Notes written in a line's own words rather than in a bracket or under a label: a line of role
verbs (``市金融办、人民银行潍坊市中心支行分别牵头落实``), a line's last sentence or the clause that
closes it (``…学习内容,市委宣传部、市司法局按职责分工负责``, ``…的问题,由X会同Y等部门研究提出落实意见``),
a flattened row's owners and time, and a bracket opening with a unit and words no role list knows."""

from __future__ import annotations

import re

from kg.extract.notes import CLOSE, GLUED_TIME, OPEN, TIME_CLAUSE, Note, parse_note, split_clauses
from kg.extract.unitnames import looks_like_unit
from kg.ingest.patterns import ROLE_VERB, owner_cell
from kg.vocab import ROLE_KEYS as ROLES


# the clause that closes a line after a comma, outside brackets: a note written as the text's last words
# (or …的问题,由X会同Y、Z等部门研究提出落实意见。: X leads, Y and Z cooperate, whatever the verb after them)
_CLOSING_CLAUSE = re.compile(r"[,,]由(?P<joint>[^,,;;。会]{2,30}会同[^,,;;。]{2,200}?)等(?:有关|相关)?(?:部门|单位)[\u4e00-\u9fff]{2,12}[。;]?\s*$"
                             r"|[,;](?P<clause>[^,;。()〔〕]{2,60}?)[。;]?\s*$")
_CJK_WORDS = re.compile(r"[\u4e00-\u9fff]{2,6}")


def unit_then_words(inner: str) -> bool:
    """A bracket that opens with a unit's name and a few words no role list knows (县司法局抓紧推动,
    县司法局等部门按分工推动): a note the reader must see.  Only its first clause is looked at, and
    only its first 40 characters, so a bracket costs a bounded time."""
    first = re.split(r"[,,;;]", inner, maxsplit=1)[0].strip()
    if len(first) > 40 or looks_like_unit(first):
        return False
    return any(_CJK_WORDS.fullmatch(first[k:]) and "\u4e00" <= first[k - 1] <= "\u9fff" and looks_like_unit(first[:k])
               for k in range(len(first) - 2, 1, -1))


def units_only(text: str, at: int, *, bare_ok: bool = False) -> Note | None:
    """The note a line or sentence of bare role clauses makes (or, ``bare_ok``, of names with no
    role word), if every piece of it names a unit."""
    note, _ = parse_note(text, at, bare_ok=bare_ok)
    named = [m for role in ROLES for m, _ in note.roles[role]]
    if named and not note.unread and all(looks_like_unit(m.text) for m in named):
        return note
    return None


def later_sentences(line: str) -> list[tuple[int, str]]:
    """The sentences of a line after its first (each with its offset in the line), outside brackets:
    where a task's note follows its text on the same line."""
    out, depth, start = [], 0, None
    for i, ch in enumerate(line):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            if start is not None and line[start:i].strip():
                out.append((start, line[start:i + 1]))
            start = i + 1
        elif ch == "|" and depth == 0:  # a table's cell ends where its row goes on (…。 | 县司法局)
            if start is not None and line[start:i].strip():
                out.append((start, line[start:i]))
            start = i + 1
    if start is not None and line[start:].strip(" |"):
        out.append((start, line[start:].rstrip(" |")))
    return [(a + len(s) - len(s.lstrip()), s.strip()) for a, s in out]


def names_and_time(sentence: str) -> bool:
    """A line's last sentence that is only names, each ending as a body's name does, and perhaps a
    time run into the last (县政府办 县数据局2024年12月): a flattened row's owners."""
    glued = GLUED_TIME.search(sentence)
    names = sentence[: glued.start() if glued else len(sentence)].rstrip("。 ")
    return len(names) <= 60 and owner_cell(re.sub(r"[ ]+", "、", names))


def is_verb_line(line: str) -> bool:
    """A line that only names units with their role verbs: "市金融办、人民银行潍坊市中心支行分别牵头落实",
    "区司法局牵头,各部门配合" — every clause ends with a role verb, and nothing reads as a sentence."""
    if len(line) > 120 or "。" in line.rstrip("。"):
        return False
    clauses = [c for c, _ in split_clauses(line.rstrip("。;"), 0)]
    verbs = [bool(ROLE_VERB.search(c) and ROLE_VERB.search(c).start() > 0) for c in clauses]
    # a time clause may follow the verbs: 县司法局负责,11月底前完成; names may be listed with commas
    # before the clause whose verb they share: 市金融办,人民银行潍坊市中心支行分别牵头落实
    shared = [not v and looks_like_unit(c.strip()) and any(verbs[i + 1:]) for i, (v, c) in enumerate(zip(verbs, clauses))]
    return any(verbs) and all(v or s or TIME_CLAUSE.match(c) for v, s, c in zip(verbs, shared, clauses))


def closing_note(line: str, at: int) -> Note | None:
    """The note the clause closing a line makes (its verbs, or X会同Y…等部门…), ``at``: where the line starts."""
    closing = _CLOSING_CLAUSE.search(line)
    key = "joint" if closing and closing["joint"] else "clause"
    if closing is None or key == "clause" and not is_verb_line(closing[key]):
        return None
    note = units_only(closing[key], at + closing.start(key))
    if note is not None:
        note.start, note.end = at + closing.start(key), at + closing.end(key)
    return note
