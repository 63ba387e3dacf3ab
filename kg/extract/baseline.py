"""The baseline ``fazhi-kg eval`` scores beside the extractor: what a generic tool gives, jieba's
part-of-speech tagger, whose ``nt`` tag marks organisation names, taken as each task's units."""

from __future__ import annotations

from typing import Callable

from kg.model import Extraction


def baseline_units(result: Extraction, key: Callable[[object], object]) -> list[tuple]:
    """Organisation names (jieba POS ``nt``) found in each task's text, as (task, name)."""
    from kg.reference.tokenizer import import_jieba

    import_jieba()
    import jieba.posseg as pseg

    out = set()
    for t in result.tasks:
        for word, flag in pseg.cut(t.text):
            if flag == "nt":
                out.add((key(t), word))
    return sorted(out, key=str)  # (a task key may be a number, a path or none)


def lenient(predicted: list[tuple], gold: list[tuple]) -> list[tuple]:
    """Give the baseline the benefit of the doubt: a tagged word that ends a gold unit of the
    same task (司法局 for 区司法局) counts as that unit."""
    by_task: dict[object, list[str]] = {}
    for number, name in gold:
        by_task.setdefault(number, []).append(name)
    out = set()
    for number, word in predicted:
        match = next((g for g in by_task.get(number, []) if g == word or (len(word) >= 2 and g.endswith(word))), None)
        out.add((number, match or word))
    return sorted(out, key=str)  # (a task key may be a number, a path or none)
