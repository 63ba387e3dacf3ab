"""Keeping count of outline numbers: the last number at each level, so an outline number written
inside a line, or one that lost its full stop (12健全…), is read only where it continues the outline."""

from __future__ import annotations

import re


class Numbers:
    """The last number seen at each outline level, to tell an inline outline number from a
    number that merely follows a full stop: it must be 1 or the next one at its level."""

    LEVELS = ("part", "section", "item", "subitem")

    def __init__(self) -> None:
        self.last = {level: 0 for level in self.LEVELS}

    def see(self, kind: str, number: int | None) -> None:
        if kind not in self.last or number is None:
            return
        self.last[kind] = number
        for deeper in self.LEVELS[self.LEVELS.index(kind) + 1:]:
            self.last[deeper] = 0

    def fits(self, kind: str, number: int | None) -> bool:
        return number is not None and number in (1, self.last[kind] + 1)


_BARE_ITEM = re.compile(r"^(?P<num>\d{1,4})(?P<gap>[ \u3000]*)(?P<rest>[\u4e00-\u9fff].*)$")
_NOT_A_COUNT = re.compile(r"^[年月日号个项件次%名人家条期天]")


def bare_numbers(lines: list[str]) -> set[int]:
    """The numbers that open lines as bare items could (12健全…), to tell a run of them."""
    out = set()
    for line in lines:
        m = _BARE_ITEM.match(line)
        if m is not None and not _NOT_A_COUNT.match(m["rest"]):
            out.add(int(m["num"]))
    return out


def bare_item(line: str, numbers: Numbers, run: set[int] = frozenset()) -> tuple[str, int, str, int, str] | None:
    """An item whose number lost its full stop ("12健全…"): only as the next item of the outline,
    or as the first of a run whose next number opens a later line (a page that starts at item 12),
    and never a count (12个, 2021年)."""
    m = _BARE_ITEM.match(line)
    if m is None or _NOT_A_COUNT.match(m["rest"]):
        return None
    number = int(m["num"])
    follows = number == numbers.last["item"] + 1 or numbers.last["item"] == 0 and number >= 2 and number + 1 in run
    # "1 健全…" (a space where the full stop was) may open the list; "1健全…" may not: too often a count
    if not follows or (number < 2 and not m["gap"]):
        return None
    return "item", 2, f"{number}.", number, m["rest"]
