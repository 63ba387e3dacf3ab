"""A report's figures put together: the figures the metric forms name, each other figure whose
value none of them states, and a figure said twice kept once."""

from __future__ import annotations

import bisect

from kg.model import Achievement


def merge_figures(named: list[Achievement], plain: list[Achievement]) -> list[Achievement]:
    """The figures with a metric, and every other figure whose number none of them states (a
    metric's phrase may run over another count: 审查重大行政决策1件、规范性文件10件 names the 10 only)."""
    by_value: dict[str, tuple[list[int], list[int]]] = {}
    for value, spans in _spans_by_value(named).items():
        starts, reach, far = [], [], -1
        for s, e in spans:  # the furthest end of the spans starting at or before each one
            far = max(far, e)
            starts.append(s)
            reach.append(far)
        by_value[value] = (starts, reach)

    def covered(f: Achievement) -> bool:
        starts, reach = by_value.get(f.value, ((), ()))
        i = bisect.bisect_right(starts, f.start) - 1
        return i >= 0 and f.start < reach[i]

    # a metric form's phrase over two counts of one value (规章5件、行政规范性文件5件) states the last:
    # the earlier one is a figure of its own
    inside: dict[tuple[int, int], list[Achievement]] = {}
    own_spans = _spans_by_value(named, before=False)
    for f in plain:
        spans = own_spans.get(f.value, [])
        i = bisect.bisect_right(spans, (f.start, float("inf")))
        for span in spans[max(0, i - 3): i]:  # (the nearest phrases that start before it: a long report stays linear)
            if f.start < span[1]:
                inside.setdefault(span, []).append(f)
    own = {id(fs[-1]) for fs in inside.values()}
    apart = {id(f) for fs in inside.values() for f in fs[:-1]} - own
    stated = {(a.metric, a.value, a.unit) for a in named}
    # a figure a metric form already gave, stated again elsewhere with its metric, is one figure
    extra = [f for f in plain if (id(f) in apart or not covered(f))
             and (f.metric is None or (f.metric, f.value, f.unit) not in stated)]
    return sorted(named + extra, key=lambda a: (a.start, a.metric or ""))


def _spans_by_value(named: list[Achievement], *, before: bool = True) -> dict[str, list[tuple[int, int]]]:
    """Each value the metric forms state (as the new or, with ``before``, the old value), with the spans
    stating it, in order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for a in named:
        for value in {a.value, a.before if before else None} - {None}:
            out.setdefault(value, []).append((a.start, a.end))
    return {v: sorted(spans) for v, spans in out.items()}


class _Sentences:
    """Where each sentence of a text starts, to tell a figure said again later (kept once) from the
    same words and value counting another thing in the same sentence (全州…办结率99.9%,州级中心…办结率99.9%)."""

    def __init__(self, text: str) -> None:
        self.stops = [i for i, ch in enumerate(text) if ch == "。"] if text else None

    def before(self, earlier: int, at: int) -> bool:
        """Whether a figure at ``earlier`` stands in a sentence before the one at ``at`` (without the
        text, every earlier figure does)."""
        if self.stops is None:
            return earlier < at
        i = bisect.bisect_left(self.stops, at)
        return i > 0 and earlier < self.stops[i - 1]


def dedupe(items: list[Achievement], text: str = "") -> list[Achievement]:
    """One achievement per metric, value and wording: a report repeats its headline figures (in
    another sentence), and two aliases in one phrase (满意率和基本满意率) name one figure."""
    sentences = _Sentences(text)
    seen: dict[tuple, list[tuple[int, int]]] = {}
    out = []
    for a in items:
        spans = seen.setdefault((a.metric, a.value, a.unit, a.text), [])
        if any(end == a.end or sentences.before(start, a.start) for start, end in spans[:20]):
            continue
        spans.append((a.start, a.end))
        out.append(a)
    return out


def dedupe_plain(items: list[Achievement], text: str = "") -> list[Achievement]:
    """A figure stated twice for the same thing (same value, unit and phrase, or one phrase ending the
    other: 为农民工追回劳动报酬5700余万元 … 追回劳动报酬5700余万元) is kept once — in another sentence."""
    sentences = _Sentences(text)
    seen: dict[tuple, list[tuple[str, int]]] = {}
    out = []
    for a in items:
        label = a.metric_label or ""
        labels = seen.setdefault((a.value, a.unit), [])
        if any((b == label or min(len(b), len(label)) >= 4 and (b.endswith(label) or label.endswith(b)))
               and sentences.before(at, a.start) for b, at in labels[:20]):  # (a value's first few phrases: linear)
            continue
        labels.append((label, a.start))
        out.append(a)
    return out
