"""Policy themes: the section's framework area, and finer themes from keywords.

Every task gets the top concept of ``ontology/themes.ttl`` its section names (依法全面履行政府职能 …);
a task outside any section (a scheme numbered (四)…(四十)) gets the area whose keywords it
uses most.  Finer themes (放管服, 行政复议, 普法 …) come from jieba tokens of the task's text,
with the project's dictionary loaded so that domain words stay whole.

Only keyword counts are needed, and jieba cuts each run of Han characters and letters on its own
(its ``re_han`` split), so only the runs that contain a keyword are cut, each run once per
process: the same counts as cutting the whole text, at a fraction of the cost.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from kg.model import Extraction, Task

MAX_FINE = 3
MIN_SCORE = 2


@lru_cache(maxsize=1)
def _schemes():
    from kg.reference import lexicon

    themes = lexicon.themes()
    top = [t for t in themes if t.broader is None]
    fine = [t for t in themes if t.broader is not None]
    return top, fine


def _bigrams(text: str) -> set[str]:
    return {text[i: i + 2] for i in range(len(text) - 1)}


def section_theme(title: str | None) -> str | None:
    """The framework area a section title names, by label, alias or close wording."""
    return _section_theme(title) if title else None


@lru_cache(maxsize=4096)  # the tasks of one section share its title
def _section_theme(title: str) -> str | None:
    top, _ = _schemes()
    best, best_score = None, 0.0
    grams = _bigrams(title)
    for theme in top:
        for label in (theme.label_zh, *theme.aliases):
            if label == title or label in title or (len(title) >= 4 and title in label):
                return theme.key
            other = _bigrams(label)
            if grams and other:
                score = len(grams & other) / len(grams | other)
                if score > best_score:
                    best, best_score = theme.key, score
    return best if best_score >= 0.34 else None


def _present(text: str) -> set[str]:
    """The keywords that occur in ``text``: at each place whose first two characters begin a
    keyword, the keywords of those lengths are looked up (linear in the text)."""
    _, _, keywords = _keyword_finder()
    starts = _starts()
    found = set()
    for i in range(len(text) - 1):
        lengths = starts.get(text[i: i + 2])
        if lengths:
            found.update(w for w in (text[i: i + n] for n in lengths) if w in keywords)
    return found


@lru_cache(maxsize=1)
def _starts() -> dict[str, tuple[int, ...]]:
    """A keyword's first two characters → the lengths of the keywords that begin with them."""
    _, _, keywords = _keyword_finder()
    out: dict[str, set[int]] = {}
    for kw in keywords:
        out.setdefault(kw[:2], set()).add(len(kw))
    return {head: tuple(sorted(lengths)) for head, lengths in out.items()}


def _weights(tokens: Counter[str], text: str, title: str) -> dict[str, int]:
    """Each keyword's weight in one task: its tokens (or, for a word of three characters or
    more, its occurrences), plus 2 if the title uses it.  Only keywords with a weight are listed."""
    weights: dict[str, int] = {}
    for kw in set(tokens) | {k for k in _present(text) if len(k) >= 3}:
        weights[kw] = tokens.get(kw, 0) or (text.count(kw) if len(kw) >= 3 else 0)
    for kw in _present(title):
        weights[kw] = weights.get(kw, 0) + 2
    return weights


@lru_cache(maxsize=1)
def _scored_by():
    """Keyword → the fine themes it scores, and → the top concepts it scores (their own keywords
    and their fine themes'), each with how many times the theme lists it."""
    top, fine = _schemes()
    fine_of: dict[str, Counter[str]] = {}
    for t in fine:
        for kw in t.keywords:
            fine_of.setdefault(kw, Counter())[t.key] += 1
    top_of: dict[str, Counter[str]] = {}
    for theme in top:
        for kw in theme.keywords + tuple(k for f in fine if f.broader == theme.key for k in f.keywords):
            top_of.setdefault(kw, Counter())[theme.key] += 1
    return fine_of, top_of


def _scores(weights: dict[str, int], by: dict[str, Counter[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for kw, w in weights.items():
        for key, times in by.get(kw, {}).items():
            out[key] += w * times
    return out


@lru_cache(maxsize=1)
def _keyword_finder():
    import re

    from kg.reference.tokenizer import import_jieba

    jieba = import_jieba()
    top, fine = _schemes()
    words = sorted({k for t in (*top, *fine) for k in t.keywords}, key=lambda k: (-len(k), k))
    return jieba.re_han_default, re.compile("|".join(map(re.escape, words))), frozenset(words)


@lru_cache(maxsize=65536)
def _cut_run(run: str) -> tuple[str, ...]:
    from kg.reference.tokenizer import tokenizer

    return tuple(tokenizer().lcut(run))


def keyword_tokens(body: str) -> Counter[str]:
    """How often each theme keyword is one of jieba's tokens of ``body``."""
    runs, has_keyword, keywords = _keyword_finder()
    tokens: Counter[str] = Counter()
    for run in runs.findall(body):
        if has_keyword.search(run):
            tokens.update(w for w in _cut_run(run) if w in keywords)
    return tokens


def task_themes(task: Task, body: str) -> list[str]:
    top, fine = _schemes()
    fine_of, top_of = _scored_by()
    weights = _weights(keyword_tokens(body), body, task.title)
    keys: list[str] = []
    area = section_theme(task.section)
    if area is None:
        scores = _scores(weights, top_of)
        best = min(((-scores[t.key], t.key) for t in top), default=(0, None))
        if best[0] < 0:
            area = best[1]
    if area:
        keys.append(area)
    scores = _scores(weights, fine_of)
    ranked = sorted((-score, key) for key, score in scores.items() if score >= MIN_SCORE)
    keys.extend(key for _, key in ranked[:MAX_FINE])
    return keys


def assign_themes(result: Extraction) -> None:
    for task in result.tasks:
        body = task.text
        if task.note_span:
            body = result.text[task.start: task.note_span[0]] + result.text[task.note_span[1]: task.end]
        task.themes = task_themes(task, body)
