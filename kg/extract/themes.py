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
    if not title:
        return None
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


def _weights(tokens: Counter[str], text: str, title: str) -> dict[str, int]:
    """Each keyword's weight in one task: its tokens (or, for a word of three characters or
    more, its occurrences), plus 2 if the title uses it."""
    _, _, keywords = _keyword_finder()
    return {kw: (tokens.get(kw, 0) or (text.count(kw) if len(kw) >= 3 else 0)) + (2 if kw in title else 0)
            for kw in keywords}


def _score(weights: dict[str, int], keywords: tuple[str, ...]) -> int:
    return sum(weights[kw] for kw in keywords)


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
    weights = _weights(keyword_tokens(body), body, task.title)
    keys: list[str] = []
    area = section_theme(task.section)
    if area is None:
        scored = []
        for theme in top:
            words = theme.keywords + tuple(k for f in fine if f.broader == theme.key for k in f.keywords)
            scored.append((_score(weights, words), theme.key))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if scored and scored[0][0] > 0:
            area = scored[0][1]
    if area:
        keys.append(area)
    ranked = sorted(((_score(weights, t.keywords), t.key) for t in fine), key=lambda s: (-s[0], s[1]))
    keys.extend(key for score, key in ranked[:MAX_FINE] if score >= MIN_SCORE)
    return keys


def assign_themes(result: Extraction) -> None:
    for task in result.tasks:
        body = task.text
        if task.note_span:
            body = result.text[task.start: task.note_span[0]] + result.text[task.note_span[1]: task.end]
        task.themes = task_themes(task, body)
