"""The metric a report figure's phrase names, checked against what its measure word counts.

``县政府常务会会前学法`` counted in 次 names study_sessions; the same phrase counted in 人次 counts
attendance, so it names none.  Used by :mod:`kg.extract.achievements`.
"""

from __future__ import annotations

from functools import lru_cache

# measure words that count the same kind of thing as a metric's default unit
_UNIT_FAMILY = {"次": "session", "场": "session", "期": "session", "轮": "session", "批次": "session", "场次": "session",
                "件": "case", "宗": "case", "起": "case", "%": "rate", "学时": "hours", "小时": "hours"}


@lru_cache(maxsize=1)
def _label_aliases() -> list[tuple[str, str, str]]:
    """(alias, metric key, unit family) of every metric, longest alias first."""
    from kg.reference import lexicon

    out = []
    for alias, m in lexicon.metric_index().items():
        family = _UNIT_FAMILY.get(m.default_unit or "")
        if family and len(alias) >= 2:
            out.append((alias, m.key, family))
    return sorted(out, key=lambda x: (-len(x[0]), x[0]))


def label_metric(label: str | None, unit: str | None) -> str | None:
    """The metric a figure's phrase names, when its measure word counts the same kind of thing:
    "县政府常务会会前学法" 12次 → study_sessions. Nothing when the phrase names none, or the unit
    says it counts something else (学法 counted in 人次 is attendance, not sessions)."""
    family = _UNIT_FAMILY.get(unit or "")
    if not label or family is None:
        return None
    best = None  # the alias that ends last: the head of a Chinese noun phrase comes last (常务会议带头集体学法)
    for alias, key, fam in _label_aliases():
        at = label.rfind(alias)
        if fam == family and at != -1 and (best is None or at + len(alias) > best[0]):
            best = (at + len(alias), key)
    return best[1] if best else None
