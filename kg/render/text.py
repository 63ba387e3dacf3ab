"""Plain-text rendering for the terminal: tables whose Chinese columns line up."""

from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence


def width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > limit - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, max_width: int = 40,
          whole: Sequence[str] = ()) -> str:
    """An aligned text table; a cell wider than ``max_width`` is clipped, except in the ``whole``
    columns (a fixed phrase such as a warning's reason, which clipped says nothing)."""
    heads = list(headers)

    def shown(value: object, column: int) -> str:
        text = "" if value is None else str(value)
        return text if column < len(heads) and heads[column] in whole else clip(text, max_width)

    cells = [[shown(v, i) for i, v in enumerate(row)] for row in rows]
    sizes = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(heads)]
    lines = ["  ".join(pad(h, s) for h, s in zip(heads, sizes)).rstrip(),
             "  ".join("-" * s for s in sizes)]
    lines += ["  ".join(pad(c, s) for c, s in zip(r, sizes)).rstrip() for r in cells]
    return "\n".join(lines)
