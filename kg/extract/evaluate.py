"""Score extraction against hand-written gold files, beside a naive baseline.

A gold file names its source document and lists, per task, the units of each role as written,
the quantitative targets and the deadlines; reports list their figures.  Two shapes are read:
the seeds' (``tests/gold/``, see its README: reports list ``achievements`` that carry a metric)
and the development corpus's (``tests/corpus/gold/``, see ``tests/corpus/ANNOTATION.md``:
``figures`` lists every figure a report states, with ``province``, ``family`` and the split).

Each field is compared per document as a multiset of tuples; a task is keyed by its printed
number (rows a document prints no number for, by their place), or by its outline path where the
gold document repeats a number.  A unit given to the wrong task or the wrong role counts as both a
false positive and a false negative.  Two spellings of one measure (天 and 日, 名 and 人) are the
same unit, and a name is the same whatever its brackets (〔〕 or ()).

* ``assignments`` (task, role, unit as written) — ``units`` (task, unit) without the role
* ``targets`` (task, comparator, value, unit) — ``target_metrics`` (task, metric, value) where the
  gold names a metric
* ``deadlines`` (task, date), each date of a task once (a task due by 2015-12-31 is due then, whether
  one phrase says it or two)
* ``figures`` (value, unit) of reports whose gold lists every figure — ``figure_metrics``
  (metric, value, unit) where the gold names a metric
* ``metadata`` (title, issuer, 文号, date, area code, genre) — ``tasks`` (the task keys)

Scores are kept per document, so any subset (a genre, a province, the held-out split) can be
scored, and a bootstrap over documents gives each F1 a 95% confidence interval.

The baseline is what a generic tool gives: jieba's part-of-speech tagger, whose ``nt`` tag
marks organisation names, taken as the units of each task (without roles), matched leniently
(a tagged word that ends a gold unit of the same task counts as that unit).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import GoldFileError
from kg.model import Extraction
from kg.render.output import Output
from kg.vocab import ROLE_KEYS

FIELDS = ("assignments", "units", "targets", "target_metrics", "deadlines", "figures", "figure_metrics", "metadata", "tasks")
GOALS = {"assignments": 0.95, "targets": 0.95, "deadlines": 0.95}
RECALL_GOALS = {"figures": 0.90}
_META_FIELDS = ("title", "issuer", "doc_number", "date", "jurisdiction", "genre")
BOOTSTRAP = 1000


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, gold: Iterable[tuple], predicted: Iterable[tuple], doc: str) -> None:
        g, p = Counter(gold), Counter(predicted)
        common = g & p
        self.tp += sum(common.values())
        self.fn += sum((g - p).values())
        self.fp += sum((p - g).values())
        self.misses += [f"{doc}: {k}" for k in sorted((g - p).elements(), key=str)]
        self.extras += [f"{doc}: {k}" for k in sorted((p - g).elements(), key=str)]

    def __iadd__(self, other: "Score") -> "Score":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, object]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class DocScore:
    """One document's scores and what it is."""

    source: str
    genre: str
    province: str
    split: str  # "dev" | "heldout"
    system: dict[str, Score]
    baseline: Score


def split_of(stem: str) -> str:
    """The held-out split, fixed by the stem before any tuning: about a quarter of the documents."""
    return "heldout" if hashlib.sha1(stem.encode("utf-8")).hexdigest()[0] in "0123" else "dev"


@dataclass
class Evaluation:
    docs: list[DocScore]

    @property
    def documents(self) -> list[str]:
        return [d.source for d in self.docs]

    def subset(self, keep: Callable[[DocScore], bool]) -> "Evaluation":
        return Evaluation([d for d in self.docs if keep(d)])

    @property
    def system(self) -> dict[str, Score]:
        out = {f: Score() for f in FIELDS}
        for d in self.docs:
            for f in FIELDS:
                out[f] += d.system[f]
        return out

    @property
    def baseline(self) -> dict[str, Score]:
        total = Score()
        for d in self.docs:
            total += d.baseline
        return {"units": total}

    def interval(self, name: str, *, rounds: int = BOOTSTRAP, seed: int = 0) -> tuple[float, float] | None:
        """A 95% bootstrap interval of the field's F1, resampling documents (seeded: the same every run)."""
        rows = [(d.system[name].tp, d.system[name].fp, d.system[name].fn) for d in self.docs]
        if not rows or not any(tp + fp + fn for tp, fp, fn in rows):
            return None
        rng = random.Random(seed)
        values = []
        for _ in range(rounds):
            tp = fp = fn = 0
            for _ in rows:
                a, b, c = rows[rng.randrange(len(rows))]
                tp, fp, fn = tp + a, fp + b, fn + c
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            values.append(2 * p * r / (p + r) if p + r else 0.0)
        values.sort()
        return values[int(0.025 * rounds)], values[min(rounds - 1, int(0.975 * rounds))]

    def groups(self, key: str) -> dict[str, "Evaluation"]:
        """The documents by ``genre``, ``province`` or ``split``."""
        out: dict[str, list[DocScore]] = {}
        for d in self.docs:
            out.setdefault(getattr(d, key) or "?", []).append(d)
        return {k: Evaluation(v) for k, v in sorted(out.items())}

    def goals_met(self) -> bool:
        s = self.system
        return all(s[f].f1 >= g for f, g in GOALS.items()) and all(s[f].recall >= g for f, g in RECALL_GOALS.items())

    def to_dict(self, *, intervals: bool = False) -> dict[str, object]:
        def scores(ev: Evaluation) -> dict[str, object]:
            out = {k: v.to_dict() for k, v in ev.system.items()}
            if intervals:
                for k in out:
                    ci = ev.interval(k)
                    out[k]["f1_ci95"] = [round(ci[0], 4), round(ci[1], 4)] if ci else None
            return out

        out = {"documents": self.documents, "system": scores(self),
               "baseline": {k: v.to_dict() for k, v in self.baseline.items()}, "goals": GOALS}
        if intervals:
            out["recall_goals"] = RECALL_GOALS
            for key in ("split", "genre", "province"):
                out[f"by_{key}"] = {name: {"documents": len(ev.docs), "system": scores(ev)}
                                    for name, ev in self.groups(key).items()}
        return out


# --- the two sides in one shape --------------------------------------------------------------------


def _by_path(tasks: list[dict]) -> bool:
    """Whether a document's tasks are told apart by their outline path (its numbering restarts)."""
    return any(n > 1 for n in Counter(t.get("number") for t in tasks).values())


def _number(t: dict) -> object:
    return t.get("number")


def _path(t: dict) -> object:
    return t.get("path") or t.get("number")


def _dec(value: object) -> str:
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


# two spellings of one measure: 1天办结 is 1日, 2名 is 2人 — scored as the same unit
_SAME_UNIT = {"天": "日", "名": "人", "万名": "万人"}


def _unit(unit: str | None) -> str | None:
    """A measure however it is spelt: 天 and 日, 名 and 人, and in either script (萬元 is 万元: a
    unit a table's head gives is read from the normalized, Simplified text)."""
    from kg.ingest.normalize import _t2s

    if not unit:
        return unit
    convert = _t2s()
    simple = re.sub(r"\((次)\)$", r"\1", convert.convert(unit) if convert else unit)  # (场(次) as written is 场次)
    return _SAME_UNIT.get(simple, simple)


# one unit however its brackets are printed: 各县〔市、区〕政府 is 各县(市、区)政府 (the annotation guide
# folds brackets to half width; the extractor shows a name as its normalized text writes it)
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "（": "(", "）": ")", "［": "(", "］": ")", "【": "(", "】": ")"})


def _name(unit: str) -> str:
    return unit.translate(_BRACKETS).replace(" ", "")


def _order(row: tuple) -> tuple:
    """A row's place in a sorted field, whatever its task key is (a number, a path, or none where a gold
    file's task lost its number among numbered ones)."""
    return tuple((0, v, "") if isinstance(v, int) else (1, 0, str(v)) if v is not None else (2, 0, "") for v in row)


def _fields(doc: dict, key: Callable[[dict], object]) -> dict[str, list[tuple]]:
    tasks = doc.get("tasks", [])
    out: dict[str, list[tuple]] = {
        "assignments": [(key(t), r, _name(u)) for t in tasks for r in ROLE_KEYS for u in t.get(r, [])],
        "units": sorted({(key(t), _name(u)) for t in tasks for r in ROLE_KEYS for u in t.get(r, [])}, key=_order),
        "targets": [(key(t), x["op"], _dec(x["value"]), _unit(x.get("unit"))) for t in tasks for x in t.get("targets", [])],
        "target_metrics": [(key(t), x["metric"], _dec(x["value"])) for t in tasks for x in t.get("targets", [])
                           if x.get("metric")],
        # (when a task is due: each date once, however many of its phrases say it)
        "deadlines": sorted({(key(t), d["date"]) for t in tasks for d in t.get("deadlines", [])}, key=_order),
        "tasks": [(key(t),) for t in tasks],
    }
    figures = doc.get("figures", doc.get("achievements", []))
    out["figures"] = [(_dec(a["value"]), _unit(a.get("unit"))) for a in figures]
    out["figure_metrics"] = [(a["metric"], _dec(a["value"]), _unit(a.get("unit"))) for a in figures if a.get("metric")]
    return out


def predicted_view(result: Extraction) -> dict:
    """The extraction in the gold files' shape."""
    tasks = []
    for t in result.tasks:
        tasks.append({
            "number": t.number or None, "path": re.sub(r"~\d+", "", t.path or "") or None,  # (6~2: the second 6 printed, as the gold writes it)
            "lead": [u.shown for u in t.lead],  # the gold files list units as written
            "responsible": [u.shown for u in t.responsible],
            "cooperating": [u.shown for u in t.cooperating],
            "targets": [{"metric": x.metric, "op": x.op, "value": x.value, "unit": x.unit} for x in t.targets if not x.qualitative],
            "deadlines": [{"date": d.date} for d in t.deadlines],
        })
    m = result.document
    return {
        "tasks": tasks,
        "figures": [{"metric": a.metric, "value": a.value, "unit": a.unit} for a in result.achievements],
        "document": {
            "title": m.title, "issuer": m.issuer, "doc_number": m.doc_number, "date": m.date, "genre": m.genre,
            "jurisdiction": m.jurisdiction.code if m.jurisdiction else None,
        },
    }


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldFileError(f"not a readable JSON gold file ({exc})", path=path) from None
    if not isinstance(gold, dict) or "source" not in gold or not isinstance(gold.get("tasks", []), list):
        raise GoldFileError("a gold file needs 'source' and a 'tasks' list", path=path)
    return gold


def _meta_value(gold_doc: dict, key: str) -> object:
    value = gold_doc.get(key)
    if key == "jurisdiction" and isinstance(value, dict):
        return value.get("code")
    return _spaceless(key, value)


def _spaceless(key: str, value: object) -> object:
    """A title as compared: the spaces a page's layout puts between a headline's halves are no part of it."""
    return re.sub(r"\s+", "", value) if key == "title" and isinstance(value, str) else value


def _by_place(tasks: list[dict]) -> list[dict]:
    return [{**t, "number": n} for n, t in enumerate(tasks, 1)]


def score_document(gold: dict, result: Extraction, *, with_baseline: bool = True) -> DocScore:
    doc, pred = gold["source"], predicted_view(result)
    # tasks the document prints no number for (rows of a table with no 序号 column, a news item's
    # paragraphs): each is known by its place, on both sides — where the gold prints no label, an
    # extraction that numbers none of its tasks is numbered by place as well
    gold_tasks = gold.get("tasks", [])
    if gold_tasks and all(t.get("number") is None for t in gold_tasks):
        gold = {**gold, "tasks": _by_place(gold_tasks)}
    if gold_tasks and all(not t.get("label") for t in gold_tasks) and all(t["number"] is None for t in pred["tasks"]):
        pred = {**pred, "tasks": _by_place(pred["tasks"])}
    by_path = _by_path(gold.get("tasks", []))
    key = _path if by_path else _number
    g, p = _fields(gold, key), _fields(pred, key)
    system = {f: Score() for f in FIELDS}
    for f in ("assignments", "units", "targets", "target_metrics", "deadlines", "tasks", "figure_metrics"):
        system[f].add(g[f], p[f], doc)
    if "figures" in gold:  # a gold that lists every figure of the report
        system["figures"].add(g["figures"], p["figures"], doc)
    gm = gold.get("document", {})
    gmeta = [(k, _meta_value(gm, k)) for k in _META_FIELDS if k in gm]
    system["metadata"].add(gmeta, [(k, _spaceless(k, pred["document"].get(k))) for k, _ in gmeta], doc)
    baseline = Score()
    if with_baseline:
        from kg.extract.baseline import baseline_units, lenient

        task_key = (lambda t: t.path or t.number) if by_path else (lambda t: t.number)
        baseline.add(g["units"], lenient(baseline_units(result, task_key), g["units"]), doc)
    stem = Path(doc).stem
    genre = gold.get("genre") or gm.get("genre") or "?"
    return DocScore(doc, genre, gold.get("province") or "江苏省", split_of(stem) if "province" in gold else "seed",
                    system, baseline)


def evaluate(gold_dir: Path, docs_dir: Path, *, extract=None, split: str | None = None) -> Evaluation:
    """Score every gold file in ``gold_dir`` against the document of the same name in ``docs_dir``;
    ``split`` keeps only the ``dev`` or ``heldout`` documents."""
    from kg.extract.pipeline import extract_path

    extract = extract or extract_path
    files = sorted(p for p in Path(gold_dir).glob("*.json"))
    if not files:
        raise GoldFileError("no *.json gold files here", path=gold_dir)
    docs = []
    for path in files:
        gold = _read_gold(path)
        if split and "province" in gold and split_of(Path(gold["source"]).stem) != split:
            continue
        docs.append(score_document(gold, extract(Path(docs_dir) / gold["source"])))
    return Evaluation(docs)


def render_table(ev: Evaluation, *, intervals: bool = False) -> str:
    from kg.render.text import table

    rows = []
    for name in FIELDS:
        s = ev.system[name]
        b = ev.baseline.get(name)
        goal = GOALS.get(name)
        recall_goal = RECALL_GOALS.get(name)
        if not s.gold and not s.fp:  # nothing to score: say so rather than print a perfect 1.000
            rows.append([name, "—", "—", "—", "", "", "", "0/0"])
            continue
        if goal is not None:
            mark = f"F1≥{goal:.2f}" + (" ✓" if s.f1 >= goal else " ✗")
        elif recall_goal is not None:
            mark = f"R≥{recall_goal:.2f}" + (" ✓" if s.recall >= recall_goal else " ✗")
        else:
            mark = ""
        ci = ev.interval(name) if intervals else None
        rows.append([
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
            f"{ci[0]:.2f}–{ci[1]:.2f}" if ci else "",
            f"{b.f1:.3f}" if b else "", mark, f"{s.tp}/{s.gold}",
        ])
    return table(["field", "P", "R", "F1", "F1 95% CI", "baseline F1", "goal", "found/gold"], rows)


def render_breakdown(ev: Evaluation, key: str, fields: tuple[str, ...] = ("assignments", "targets", "deadlines", "figures")) -> str:
    from kg.render.text import table

    rows = []
    for name, sub in ev.groups(key).items():
        s = sub.system
        rows.append([name, len(sub.docs)] + [f"{s[f].f1:.2f} ({s[f].gold})" if s[f].gold or s[f].fp else "—" for f in fields])
    return table([key, "docs"] + [f"{f} F1 (gold)" for f in fields], rows)


def output(ev: Evaluation, *, errors: bool = False, breakdown: bool = False) -> Output:
    def text() -> str:
        lines = [f"{len(ev.documents)} documents", render_table(ev, intervals=breakdown)]
        if breakdown:
            for key in ("split", "genre", "province"):
                lines += ["", f"by {key}", render_breakdown(ev, key)]
        if errors:
            for name, score in ev.system.items():
                lines += [f"missed  {name}  {line}" for line in score.misses]
                lines += [f"extra   {name}  {line}" for line in score.extras]
        return "\n".join(lines)

    return Output(own={"table": text,
                       "json": lambda: json.dumps(ev.to_dict(intervals=breakdown), ensure_ascii=False, indent=2) + "\n"},
                  offers=("table", "json"))
