"""Text edits that keep a map back to the raw text: the building blocks of kg.ingest.normalize.

``offsets[i]`` is the raw-text index of ``text[i]``; a step of the normalizer is a function
``(text, offsets) -> (text, offsets)``.
"""

from __future__ import annotations

import re
from typing import Callable

Offsets = list[int]
Step = Callable[[str, Offsets], tuple[str, Offsets]]


def substitute(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``pattern.sub`` that keeps the offset map.

    A replacement as long as its match keeps a one-to-one map; any other replacement maps every
    character it produces to the start of the match.
    """
    out: list[str] = []
    out_offsets: Offsets = []
    pos = 0
    for m in pattern.finditer(text):
        a, b = m.span()
        new = repl(m) if callable(repl) else m.expand(repl)
        if new == m.group(0):
            continue
        out.append(text[pos:a])
        out_offsets.extend(offsets[pos:a])
        out.append(new)
        if len(new) == b - a:
            out_offsets.extend(offsets[a:b])
        else:
            out_offsets.extend([offsets[a]] * len(new))
        pos = b
    if pos == 0 and not out:
        return text, offsets
    out.append(text[pos:])
    out_offsets.extend(offsets[pos:])
    return "".join(out), out_offsets


def translate(table: dict[int, str], text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """``str.translate`` for a table of single-character replacements (offsets unchanged)."""
    return text.translate(table), offsets


__all__ = ["Offsets", "Step", "substitute", "translate"]


def offset_at(offsets: Offsets, i: int) -> int:
    """The raw place of text position ``i``; the text's end (an empty cell there) maps past its last character."""
    return offsets[i] if i < len(offsets) else (offsets[-1] + 1 if offsets else 0)


def cells_text(text: str, offsets: Offsets, start: int, cells: list[list[tuple[int, int]]]) -> tuple[str, Offsets]:
    """A table row written from spans of ``text`` (relative to ``start``): the cells joined by
    `` | ``, the pieces of one cell by 、, each mark mapped to the place of what follows it."""
    out: list[str] = []
    offs: Offsets = []
    for n, pieces in enumerate(cells):
        for k, (a, b) in enumerate(pieces):
            if n or k:
                mark = "、" if k else " | "
                out.append(mark)
                offs.extend([offset_at(offsets, start + a)] * len(mark))
            out.append(text[start + a:start + b])
            offs.extend(offsets[start + a:start + b])
    return "".join(out), offs


def rewrite(text: str, offsets: Offsets, edits: list[tuple[int, int, str, Offsets]]) -> tuple[str, Offsets]:
    """``text`` with each ``(start, end, new text, its offsets)`` of ``edits`` (in order, apart) put in."""
    if not edits:
        return text, offsets
    out: list[str] = []
    out_offsets: Offsets = []
    pos = 0
    for a, b, new, new_offsets in edits:
        out.append(text[pos:a])
        out_offsets.extend(offsets[pos:a])
        out.append(new)
        out_offsets.extend(new_offsets)
        pos = b
    out.append(text[pos:])
    out_offsets.extend(offsets[pos:])
    return "".join(out), out_offsets
