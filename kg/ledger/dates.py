"""The dates units type into a ledger: a spreadsheet date, 2024-06-30, 2024.6.30, 2024/6/30,
2024年6月30日, 2024年6月, 6月底, 6月30日, 年底.  A date without its year takes the year given
(the plan's).  A month alone means its last day, as a deadline does (6月底 → 06-30)."""

from __future__ import annotations

import calendar
import datetime
import re

_FULL = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_MONTH = re.compile(r"(?:(\d{4})\s*[-./年]\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|底|末|份)?")
_YEAR_END = re.compile(r"(?:(\d{4})\s*年)?\s*(?:年底|年末|底)")


class BadDate(ValueError):
    pass


def parse_date(value: object, year: int | None) -> datetime.date | None:
    """The date ``value`` stands for, None for an empty cell; :class:`BadDate` when it is none."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        m = _FULL.fullmatch(text)
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        m = _MONTH.fullmatch(text)
        if m:
            y = int(m[1]) if m[1] else year
            if y is None:
                raise BadDate(f"'{text}' has no year and the plan has no single year to give it")
            month = int(m[2])
            day = int(m[3]) if m[3] else calendar.monthrange(y, month)[1]
            return datetime.date(y, month, day)
        m = _YEAR_END.fullmatch(text)
        if m and (m[1] or year):
            return datetime.date(int(m[1]) if m[1] else year, 12, 31)
    except ValueError as exc:
        if isinstance(exc, BadDate):
            raise
        raise BadDate(f"'{text}' is not a date ({exc})") from None
    raise BadDate(f"'{text}' is not a date (write 2024-06-30, 2024.6.30 or 6月底)")
