"""Chinese numerals as documents of this genre write them: outline ordinals (十四 → 14) and the
occasional larger number, through cn2an."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

CN_DIGITS = "一二三四五六七八九十百零〇两"


@lru_cache(maxsize=1024)
def cn_number(text: str) -> int | None:
    """十四 → 14, 四十 → 40, 三十九 → 39, 12 → 12 (None if it is not a number)."""
    if text.isdecimal():
        return int(text)
    if len(text) == 1 and ("\u2460" <= text <= "\u2473" or "\u3220" <= text <= "\u3229"):
        return int(unicodedata.numeric(text))  # ① … ⑳, ㈠ … ㈩ (outline numbers in one character)
    # Outline numbers (一 … 九十九) are read from a table; cn2an, whose import costs most of a
    # second, is loaded only for anything else (一百零五, 壹拾贰 …).
    small = _small_cn_number(text)
    if small is not None:
        return small
    import cn2an

    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def _small_cn_number(text: str) -> int | None:
    if not text or any(c not in _CN_VALUE and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_VALUE[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = _CN_VALUE.get(tens, None) if tens else 1
    o = _CN_VALUE.get(ones, None) if ones else 0
    if t is None or o is None:
        return None
    return t * 10 + o


def cn_year(text: str) -> int | None:
    """A year written digit by digit: 二〇二三 → 2023, 二○○七 → 2007 (a circle for the zero), 二零零七."""
    digits = [_CN_VALUE.get(c, 0 if c == "○" else None) for c in text]
    if len(digits) != 4 or None in digits:
        return None
    return int("".join(map(str, digits)))


def cn_decimal(text: str) -> str | None:
    """A number written in Chinese as the decimal it is: 九十五 → "95", 十二点五 → "12.5", 百 → "100"
    (百分之百).  None if it is not a number."""
    if text in ("百", "一百"):
        return "100"
    if "点" not in text:
        n = cn_number(text)
        return None if n is None else str(n)
    whole, _, frac = text.partition("点")
    n = cn_number(whole) if whole else 0
    digits = "".join(str(_CN_VALUE[c]) for c in frac if c in _CN_VALUE)
    if n is None or not frac or len(digits) != len(frac):
        return None
    return f"{n}.{digits}"
