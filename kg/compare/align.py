"""Cascade alignment: which tasks of a lower plan implement each task of the higher plan.

A district plan (栖霞区 2021) carries out the city scheme (南京市 2021–2025) item by item, in its
own words.  Each task becomes a TF-IDF vector over jieba tokens (the project's dictionary keeps
行政复议, 重大行政决策, 区司法局 … whole); stopwords, punctuation, numbers and single characters are
dropped, and the IDF is computed over the tasks of both plans, so words every task uses weigh
little.  The assignment note ``(牵头单位:…)`` is left out: unit names say who, not what.

score = cosine(lower, higher) + THEME_BONUS × Jaccard(themes of the two tasks)

For each higher task the ``top`` best lower tasks are links (ties broken by task number); a higher
task whose best score stays below ``threshold`` is a coverage gap.  The same vectors serve
:mod:`kg.compare.diff` to match the tasks of two plans of one area.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from kg import ids
from kg.model import Extraction, Task
from kg.render.output import Output

THEME_BONUS = 0.1
DEFAULT_THRESHOLD = 0.2

# Function words and the verbs every task of the genre opens with; IDF takes care of the rest.
STOPWORDS = frozenset("""
进一步 以及 有关 相关 各类 各项 其他 通过 按照 根据 围绕 方面 进行 开展 加强 推进 推动 深化 完善 健全
强化 提升 提高 全面 持续 不断 切实 积极 深入 着力 坚持 确保 做好 落实 贯彻 贯彻落实 工作 依法 加快 注重
充分 有效 及时 认真 严格 全区 我区 全市 各级 逐步 基本 进一步 要求 主要 重要 重点 作为 纳入 对于 对 以
之 为 与 及 和 或 等 的 了 在 是 将 把 由 向 从 并 其 该 本 各 年 月 日 不 无 应 要 可 能 已 均 由于
""".split())
_PUNCT_OR_NUMBER = re.compile(r"^[\W\d_]+$|^\d+(?:\.\d+)?[%‰]?$")


def tokens(text: str) -> list[str]:
    """Content tokens of ``text``: jieba with the domain dictionary, no stopwords, punctuation,
    numbers or single characters."""
    from kg.reference.tokenizer import tokenizer

    out = []
    for word in tokenizer().lcut(text):
        word = word.strip()
        if len(word) < 2 or word in STOPWORDS or _PUNCT_OR_NUMBER.match(word):
            continue
        out.append(word)
    return out


def task_body(task: Task) -> str:
    """The task's text without its number and its assignment note."""
    text = task.text.strip()
    if task.label and text.startswith(task.label):
        text = text[len(task.label):]
    if task.note:
        text = text.replace(task.note, " ")
    return re.sub(r"[((]\s*(?:牵头|责任|配合)[^()()]*[))]", " ", text)


class Vectors:
    """TF-IDF (sublinear tf, smoothed idf, L2-normalised) over a fixed collection of texts."""

    def __init__(self, texts: list[str]):
        self.bags = [Counter(tokens(t)) for t in texts]
        n = len(self.bags)
        df: Counter[str] = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self.vectors = [self.vector(bag) for bag in self.bags]

    def vector(self, bag: Counter[str]) -> dict[str, float]:
        weights = {w: (1.0 + math.log(c)) * self.idf.get(w, 1.0) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in weights.values()))
        return {w: x / norm for w, x in weights.items()} if norm else {}

    def of(self, text: str) -> dict[str, float]:
        return self.vector(Counter(tokens(text)))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def jaccard(a: list[str] | set[str], b: list[str] | set[str]) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


# ---------------------------------------------------------------- alignment


@dataclass(frozen=True)
class TaskRef:
    number: int
    label: str
    path: str
    title: str
    themes: tuple[str, ...] = ()
    shown: str = ""  # how tables name it: the label, or the path in a plan whose labels repeat

    @classmethod
    def of(cls, task: Task, *, by_path: bool = False) -> "TaskRef":
        return cls(task.number, task.label, task.path, task.title, tuple(task.themes),
                   task.path if by_path else task.label)

    def to_dict(self) -> dict[str, object]:
        return {"number": self.number, "label": self.label, "path": self.path, "title": self.title}


@dataclass(frozen=True)
class Link:
    higher: TaskRef
    lower: TaskRef
    score: float
    rank: int  # 1 = best lower task for this higher task
    shared_themes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"higher": self.higher.to_dict(), "lower": self.lower.to_dict(), "rank": self.rank,
                "score": round(self.score, 4), "shared_themes": list(self.shared_themes)}


@dataclass
class Alignment:
    lower: str  # the lower plan's title (or source)
    higher: str
    threshold: float
    links: list[Link] = field(default_factory=list)  # per higher task, best first
    gaps: list[TaskRef] = field(default_factory=list)  # higher tasks no lower task implements

    def best(self, higher: int | str) -> Link | None:
        return next((l for l in self.matches(higher) if l.rank == 1), None)

    def matches(self, higher: int | str) -> list[Link]:
        """The links of one higher task, given by its path (or by its number where numbers are unique)."""
        if isinstance(higher, str):
            return [l for l in self.links if l.higher.path == higher]
        return [l for l in self.links if l.higher.number == higher]

    def to_dict(self) -> dict[str, object]:
        return {"lower": self.lower, "higher": self.higher, "threshold": self.threshold,
                "links": [l.to_dict() for l in self.links],
                "gaps": [g.to_dict() for g in self.gaps]}


def _name(result: Extraction) -> str:
    return result.document.title or result.document.source


def _repeats_labels(tasks: list[Task]) -> bool:
    """Whether two tasks share a label (numbering that starts again in each part)."""
    labels = [t.label for t in tasks]
    return len(set(labels)) < len(labels)


def align(lower: Extraction, higher: Extraction, *, top: int = 3,
          threshold: float = DEFAULT_THRESHOLD) -> Alignment:
    """For each task of ``higher``, the ``top`` tasks of ``lower`` that most likely implement it."""
    lows, highs = lower.tasks, higher.tasks
    vec = Vectors([task_body(t) for t in lows] + [task_body(t) for t in highs])
    low_vecs, high_vecs = vec.vectors[: len(lows)], vec.vectors[len(lows):]
    out = Alignment(_name(lower), _name(higher), threshold)
    lo_paths, hi_paths = _repeats_labels(lows), _repeats_labels(highs)
    for h, hv in zip(highs, high_vecs):
        scored = []
        for l, lv in zip(lows, low_vecs):
            shared = tuple(sorted(set(h.themes) & set(l.themes)))
            score = cosine(hv, lv) + THEME_BONUS * jaccard(h.themes, l.themes)
            if score > 0:
                scored.append((round(score, 10), l.number, l, shared))
        scored.sort(key=lambda s: (-s[0], s[1]))
        href = TaskRef.of(h, by_path=hi_paths)
        for rank, (score, _, l, shared) in enumerate(scored[:top], start=1):
            out.links.append(Link(href, TaskRef.of(l, by_path=lo_paths), score, rank, shared))
        if not scored or scored[0][0] < threshold:
            out.gaps.append(href)
    return out


# ---------------------------------------------------------------- RDF


def alignment_graph(lower_doc_iri: str, higher_doc_iri: str) -> str:
    return ids.alignment_graph(lower_doc_iri, higher_doc_iri)


def alignment_quads(alignment: Alignment, lower_doc_iri: str, higher_doc_iri: str) -> list[tuple[str, str, str, str]]:
    """N-Triples-string quads of the alignment, in a named graph of its own."""
    from kg.rdf.terms import A, decimal, fz, integer, iri

    graph = iri(ids.alignment_graph(lower_doc_iri, higher_doc_iri))
    out: list[tuple[str, str, str, str]] = []

    def add(s: str, p: str, o: str) -> None:
        out.append((s, p, o, graph))

    for n, link in enumerate(alignment.links, start=1):
        node = iri(ids.alignment_link_iri(lower_doc_iri, higher_doc_iri, n))
        low = iri(ids.task_iri(lower_doc_iri, link.lower.path))
        high = iri(ids.task_iri(higher_doc_iri, link.higher.path))
        add(node, A, fz("Alignment"))
        add(node, fz("lowerTask"), low)
        add(node, fz("higherTask"), high)
        add(node, fz("score"), decimal(f"{link.score:.4f}"))
        add(node, fz("rank"), integer(link.rank))
        if link.rank == 1 and link.score >= alignment.threshold:
            add(low, fz("implements"), high)
    return sorted(set(out))


# ---------------------------------------------------------------- renderers

_HEADERS = ("higher", "higher_title", "rank", "lower", "lower_title", "score", "shared_themes")


def _rows(alignment: Alignment) -> list[list[object]]:
    rows: list[list[object]] = []
    linked = {l.higher.path for l in alignment.links}
    gaps = {g.path for g in alignment.gaps}
    seen: list[TaskRef] = []
    for l in alignment.links:
        if l.higher not in seen:
            seen.append(l.higher)
    for g in alignment.gaps:
        if g.path not in linked:
            seen.append(g)
    for h in seen:  # keyed by path: numbers may start again in each part
        for l in alignment.matches(h.path):
            rows.append([h.shown or h.label, h.title, l.rank, l.lower.shown or l.lower.label, l.lower.title,
                         f"{l.score:.4f}", " ".join(l.shared_themes)])
        if h.path in gaps:
            rows.append([h.shown or h.label, h.title, "", "—", "缺口 gap (best score below threshold)", "", ""])
    return rows


def to_table(alignment: Alignment) -> str:
    from kg.render.text import table

    heads = ["上级 higher", "上级任务", "名次", "下级 lower", "下级任务", "得分 score", "共同主题"]
    title = f"{alignment.higher} → {alignment.lower} (threshold {alignment.threshold})"
    gaps = "缺口 gaps: " + (", ".join(f"{g.shown or g.label}{g.title}" for g in alignment.gaps) or "none")
    return "\n".join([title, table(heads, _rows(alignment), max_width=30), gaps])


def output(alignment: Alignment) -> Output:
    return Output(_HEADERS, _rows(alignment), own={"table": lambda: to_table(alignment), "json": lambda: to_json(alignment)},
                  title="alignment", summary=f"{len(alignment.gaps)} coverage gaps")


def to_json(alignment: Alignment) -> str:
    return json.dumps(alignment.to_dict(), ensure_ascii=False, indent=1) + "\n"
