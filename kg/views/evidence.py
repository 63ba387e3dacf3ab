"""Which sentences of a report speak of a piece of work, and whether one says it is done.

A clause (a deadline's; a task's text or title) is scored against every sentence (for a task:
every paragraph) of a report by
TF-IDF cosine over jieba tokens (:mod:`kg.compare.align`); the work counts as reported done when a
sentence with a completion word (已, 完成, 建成 …) scores ``DONE_SIMILARITY`` or more.  Where none
does, the ``EVIDENCE`` nearest sentences are shown with their scores, so that a person can see
why and overrule it.  Used by tracking (deadlines) and by the ledger's status (does the year-end
report agree with what the unit returned?).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.views.model import Document, GraphData, Paragraph, Task
from kg.views.subject import sentences as split_sentences

DONE_WORDS = re.compile(r"已|完成|建成|实现|全覆盖|到位|出台|印发|公布")
DONE_SIMILARITY = 0.35
EVIDENCE = 3  # sentences shown beside work a report does not say is done


@dataclass(frozen=True)
class Reading:
    done: tuple[float, str] | None  # the best sentence with a completion word at DONE_SIMILARITY or more
    nearest: tuple[tuple[float, int, str], ...]  # (score, position, sentence) of every sentence

    def shown(self) -> str | None:
        """The nearest sentences, best first, as "0.31 sentence | 0.22 sentence"."""
        best = sorted(self.nearest, key=lambda x: (-x[0], x[1]))[:EVIDENCE]
        return " | ".join(f"{score:.2f} {s}" for score, _, s in best if score > 0) or None


def read(clause: str, sentences: list[str]) -> Reading:
    from kg.compare.align import Vectors, cosine

    if not sentences:
        return Reading(None, ())
    vec = Vectors(sentences + [clause])
    scores = [cosine(vec.vectors[-1], v) for v in vec.vectors[:-1]]
    done = [(score, s) for score, s in zip(scores, sentences) if DONE_WORDS.search(s) and score >= DONE_SIMILARITY]
    best = max(done, default=None, key=lambda x: x[0])
    return Reading(best, tuple((score, i, s) for i, (score, s) in enumerate(zip(scores, sentences))))


def report_sentences(paragraphs: list[Paragraph]) -> list[str]:
    return [s for p in paragraphs for s in split_sentences(p.text)]


@dataclass(frozen=True)
class TaskInReport:
    verdict: str  # "done" | "not said" | "no report" | "unchecked" (the report's text is not stored)
    report: Document | None = None
    sentence: str | None = None  # the "done" sentence, or the nearest ones with their scores
    score: float = 0.0


def task_in_report(data: GraphData, task: Task, year: int) -> TaskInReport:
    """What the report of ``year`` of the task's plan's own area says of the task (``data`` loaded
    with the reports' paragraphs)."""
    plan = data.document_by_iri.get(task.document)
    reports = sorted((d for d in data.documents if d.is_report and plan is not None and d.area == plan.area
                      and year in d.years), key=lambda d: (len(d.years), d.iri))
    if not reports:
        return TaskInReport("no report")
    unchecked = None
    for rep in reports:
        paras = data.paragraphs.get(rep.iri)
        if not paras:
            unchecked = rep
            continue
        # a task is a whole paragraph of work: it is read against the report's paragraphs, and
        # the sentence quoted is the one of the best paragraph that says the work is done
        texts = [p.text for p in paras]
        # by the task's whole text, and by its title alone (a report's headings often repeat the
        # plan's titles, while a long task's many measures dilute the whole text's score)
        readings = [read(x, texts) for x in dict.fromkeys(x for x in (task.text, task.title) if x)]
        if not readings:
            return TaskInReport("not said", rep)
        reading = max(readings, key=lambda r: (r.done is not None, r.done[0] if r.done else 0.0))
        if reading.done:
            score, paragraph = reading.done
            said = next((s for s in split_sentences(paragraph) if DONE_WORDS.search(s)), paragraph)
            return TaskInReport("done", rep, said, score)
        short = Reading(None, tuple((score, i, _clip(t)) for score, i, t in reading.nearest))
        return TaskInReport("not said", rep, short.shown())
    return TaskInReport("unchecked", unchecked)


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n] + "…"
