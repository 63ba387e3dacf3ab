"""Score extraction against hand-written gold files, beside a naive baseline.

A gold file (``tests/gold/*.json``) names its source document and lists, per task, the units of
each role as written, the quantitative targets and the deadlines; reports list achievements.
Each field is compared as a multiset of tuples keyed by task number, so a unit given to the
wrong task or the wrong role counts as both a false positive and a false negative.

The baseline is what a generic tool gives: jieba's part-of-speech tagger, whose ``nt`` tag
marks organisation names, taken as the units of each task (without roles), matched leniently
(a tagged word that ends a gold unit of the same task counts as that unit).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import GoldFileError
from kg.model import Extraction
from kg.render.output import Output

FIELDS = ("assignments", "units", "targets", "deadlines", "achievements", "metadata", "tasks")
GOALS = {"assignments": 1.0, "targets": 0.95, "deadlines": 0.95}
_META_FIELDS = ("title", "issuer", "doc_number", "date", "jurisdiction", "genre")


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

    def to_dict(self) -> dict[str, object]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Evaluation:
    system: dict[str, Score]
    baseline: dict[str, Score]
    documents: list[str]

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "system": {k: v.to_dict() for k, v in self.system.items()},
            "baseline": {k: v.to_dict() for k, v in self.baseline.items()},
            "goals": GOALS,
        }

    def goals_met(self) -> bool:
        return all(self.system[f].f1 >= goal for f, goal in GOALS.items())


def _assignments(tasks: list[dict]) -> list[tuple]:
    return [(t["number"], role, u) for t in tasks for role in ("lead", "responsible", "cooperating") for u in t.get(role, [])]


def _units(tasks: list[dict]) -> list[tuple]:
    return sorted({(t["number"], u) for t in tasks for role in ("lead", "responsible", "cooperating") for u in t.get(role, [])})


def _targets(tasks: list[dict]) -> list[tuple]:
    return [(t["number"], x.get("metric"), x["op"], _dec(x["value"]), x["unit"]) for t in tasks for x in t.get("targets", [])]


def _deadlines(tasks: list[dict]) -> list[tuple]:
    return [(t["number"], d["date"]) for t in tasks for d in t.get("deadlines", [])]


def _achievements(items: list[dict]) -> list[tuple]:
    return [(a.get("metric"), _dec(a["value"]), a.get("unit")) for a in items if a.get("metric")]


def _dec(value: object) -> str:
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def predicted_view(result: Extraction) -> dict:
    """The extraction in the gold files' shape."""
    tasks = []
    for t in result.tasks:
        tasks.append({
            "number": t.number,
            "lead": [u.text for u in t.lead],
            "responsible": [u.text for u in t.responsible],
            "cooperating": [u.text for u in t.cooperating],
            "targets": [{"metric": x.metric, "op": x.op, "value": x.value, "unit": x.unit} for x in t.targets if not x.qualitative],
            "deadlines": [{"date": d.date} for d in t.deadlines],
        })
    m = result.document
    return {
        "tasks": tasks,
        "achievements": [{"metric": a.metric, "value": a.value, "unit": a.unit} for a in result.achievements],
        "document": {
            "title": m.title, "issuer": m.issuer, "doc_number": m.doc_number, "date": m.date, "genre": m.genre,
            "jurisdiction": m.jurisdiction.code if m.jurisdiction else None,
        },
    }


def baseline_units(result: Extraction) -> list[tuple]:
    """Organisation names (jieba POS ``nt``) found in each task's text, as (task, name)."""
    from kg.reference.tokenizer import import_jieba

    import_jieba()
    import jieba.posseg as pseg

    out = set()
    for t in result.tasks:
        for word, flag in pseg.cut(t.text):
            if flag == "nt":
                out.add((t.number, word))
    return sorted(out)


def _lenient(predicted: list[tuple], gold: list[tuple]) -> list[tuple]:
    """Give the baseline the benefit of the doubt: a tagged word that ends a gold unit of the
    same task (司法局 for 区司法局) counts as that unit."""
    by_task: dict[object, list[str]] = {}
    for number, name in gold:
        by_task.setdefault(number, []).append(name)
    out = set()
    for number, word in predicted:
        match = next((g for g in by_task.get(number, []) if g == word or (len(word) >= 2 and g.endswith(word))), None)
        out.add((number, match or word))
    return sorted(out)


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldFileError(f"not a readable JSON gold file ({exc})", path=path) from None
    if not isinstance(gold, dict) or "source" not in gold or not isinstance(gold.get("tasks", []), list):
        raise GoldFileError("a gold file needs 'source' and a 'tasks' list", path=path)
    return gold


def evaluate(gold_dir: Path, docs_dir: Path, *, extract=None) -> Evaluation:
    """Score every gold file in ``gold_dir`` against the document of the same name in ``docs_dir``."""
    from kg.extract.pipeline import extract_path

    extract = extract or extract_path
    system = {f: Score() for f in FIELDS}
    baseline = {"units": Score()}
    files = sorted(p for p in Path(gold_dir).glob("*.json"))
    if not files:
        raise GoldFileError("no *.json gold files here", path=gold_dir)
    names = []
    for path in files:
        gold = _read_gold(path)
        source = Path(docs_dir) / gold["source"]
        result = extract(source)
        pred = predicted_view(result)
        doc = gold["source"]
        names.append(doc)
        gt, pt = gold.get("tasks", []), pred["tasks"]
        system["assignments"].add(_assignments(gt), _assignments(pt), doc)
        system["units"].add(_units(gt), _units(pt), doc)
        system["targets"].add(_targets(gt), _targets(pt), doc)
        system["deadlines"].add(_deadlines(gt), _deadlines(pt), doc)
        system["achievements"].add(_achievements(gold.get("achievements", [])), _achievements(pred["achievements"]), doc)
        system["tasks"].add([(t["number"],) for t in gt], [(t["number"],) for t in pt], doc)
        gm = gold.get("document", {})
        gmeta = [(k, _meta_value(gm, k)) for k in _META_FIELDS if k in gm]
        pmeta = [(k, pred["document"].get(k)) for k, _ in gmeta]
        system["metadata"].add(gmeta, pmeta, doc)
        baseline["units"].add(_units(gt), _lenient(baseline_units(result), _units(gt)), doc)
    return Evaluation(system=system, baseline=baseline, documents=names)


def _meta_value(gold_doc: dict, key: str) -> object:
    value = gold_doc.get(key)
    if key == "jurisdiction" and isinstance(value, dict):
        return value.get("code")
    return value


def render_table(ev: Evaluation) -> str:
    from kg.render.text import table

    rows = []
    for name in FIELDS:
        s = ev.system[name]
        b = ev.baseline.get(name)
        goal = GOALS.get(name)
        rows.append([
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
            f"{b.precision:.3f}" if b else "", f"{b.recall:.3f}" if b else "", f"{b.f1:.3f}" if b else "",
            f"≥{goal:.2f}" + (" ✓" if s.f1 >= goal else " ✗") if goal is not None else "",
            f"{s.tp}/{s.tp + s.fn}",
        ])
    head = ["field", "P", "R", "F1", "baseline P", "baseline R", "baseline F1", "goal", "found/gold"]
    return table(head, rows)


def output(ev: Evaluation, *, errors: bool = False) -> Output:
    def text() -> str:
        lines = [f"{len(ev.documents)} documents: {', '.join(ev.documents)}", render_table(ev)]
        if errors:
            for name, score in ev.system.items():
                lines += [f"missed  {name}  {line}" for line in score.misses]
                lines += [f"extra   {name}  {line}" for line in score.extras]
        return "\n".join(lines)

    return Output(own={"table": text, "json": lambda: json.dumps(ev.to_dict(), ensure_ascii=False, indent=2) + "\n"},
                  offers=("table", "json"))
