"""The graph as plain data for every view: documents, tasks with their targets and deadlines,
units, who holds which task in which role, themes, alignments, report figures and areas.

:func:`kg.views.readmodel.load_graph_data` fills a :class:`GraphData` from any store; analysis,
the matrix, tracking and the page work on it, never on the store.  Every list is in a fixed
order: documents by source file, tasks in document order, units by name, assignments by task,
role and position.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kg.vocab import COLLECTIVE_CONCEPTS, PLAN_CLASSES, REPORT_CLASSES, ROLE, ROLE_KEYS

ROLES = ROLE_KEYS
ROLE_ZH = {k: ROLE[k].zh for k in ROLE_KEYS}


@dataclass(frozen=True)
class Document:
    iri: str
    source: str
    title: str
    number: str  # 文号, "" where the document has none
    date: str
    jurisdiction: str
    jurisdiction_code: str
    genre: str  # local name of the document class: AnnualPlan, ImplementationScheme …
    area: str = ""  # the jurisdiction's IRI
    years: tuple[int, ...] = ()  # the year it is about, or every year of its period

    @property
    def year_label(self) -> str:
        return "" if not self.years else str(self.years[0]) if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"

    @property
    def is_plan(self) -> bool:
        return self.genre in PLAN_CLASSES

    @property
    def is_report(self) -> bool:
        return self.genre in REPORT_CLASSES


@dataclass(frozen=True)
class Target:
    iri: str
    text: str  # display form: "败诉率 ≤ 8%" or the qualitative goal "全覆盖"
    quantitative: bool
    clause: str  # the clause as written
    metric: str = ""  # the metric's key (loss_rate), "" where none is known
    metric_label: str = ""  # as the document names it: 败诉率
    op: str = ""  # >=, <=, =, >, <
    value: str = ""  # decimal as written
    unit: str = ""
    scope: str = ""  # what a share is of, as written: 本单位执法人员总数
    recurrence: str = ""  # 每年, 年度, 任期内 …


@dataclass(frozen=True)
class Deadline:
    iri: str
    date: str  # ISO date
    text: str  # as written: 2021年年底前


@dataclass
class Task:
    iri: str
    document: str
    document_title: str
    source: str
    number: str  # the label as printed: "1.", "(十四)"
    ordinal: int | None
    path: str
    title: str
    themes: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    text: str = ""  # the task's whole text

    @property
    def has_quantitative_target(self) -> bool:
        return any(t.quantitative for t in self.targets)


@dataclass
class Unit:
    iri: str
    name: str
    written: list[str] = field(default_factory=list)  # every form the documents use
    type: str = "OtherUnit"  # local name of org:classification
    jurisdiction: str = ""
    jurisdiction_code: str = ""

    @property
    def collective(self) -> bool:
        return self.type in COLLECTIVE_CONCEPTS


@dataclass(frozen=True)
class Assignment:
    task: str
    unit: str
    role: str  # lead | responsible | cooperating
    position: int
    written: str = ""


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    label_en: str
    broader: str | None


@dataclass(frozen=True)
class AlignLink:
    lower: str  # task IRIs
    higher: str
    score: float
    rank: int  # 1 = the best lower task for this higher task
    best: bool  # stored as fz:implements: the best link, at or above the threshold


@dataclass
class PlanAlignment:
    graph: str  # the named graph of the alignment
    lower: str  # document IRIs: the lower plan (a district's) and the higher one (its city's)
    higher: str
    links: list[AlignLink] = field(default_factory=list)  # in higher-task order, then rank
    gaps: list[str] = field(default_factory=list)  # loaded higher tasks with no best link, in task order


@dataclass(frozen=True)
class Observation:
    """A figure a report states."""

    iri: str
    document: str
    metric: str  # key, "" where none
    value: str
    unit: str
    text: str
    metric_label: str = ""  # what the report calls it
    area: str = ""  # the IRI of the area it is about (sdmx refArea), "" where not stored
    period: str = ""  # 2023, or 2016/2020


@dataclass(frozen=True)
class Area:
    iri: str
    name: str
    code: str  # the GB/T 2260 code, or the key for zones without one
    parent: str | None  # the IRI of the area above
    labels: frozenset[str]  # every name it is known by: name, full name, code, key


@dataclass(frozen=True)
class Paragraph:
    """A report's body paragraph."""

    path: str
    title: str
    section: str  # the title of the part it sits in
    text: str


@dataclass(frozen=True)
class LedgerEntry:
    """One row of a return a unit sent back in the ledger (台账) of a plan."""

    graph: str  # the return's named graph
    task: str
    unit: str
    status: str  # 未启动 进行中 已完成 逾期 已延期, "" where not given
    updated: str  # ISO date of the return
    completed: str = ""  # ISO date, "" where not given
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    evidence: str = ""
    written: str = ""  # 填报单位 as the unit wrote it
    file: str = ""
    sheet: str = ""
    row: int = 0


@dataclass
class GraphData:
    documents: list[Document] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    alignments: list[PlanAlignment] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    areas: dict[str, Area] = field(default_factory=dict)
    paragraphs: dict[str, list[Paragraph]] = field(default_factory=dict)  # report IRI → its body, when loaded

    alignment_links = property(lambda self: [x for a in self.alignments for x in a.links], doc="every AlignLink")
    alignment_gaps = property(lambda self: [g for a in self.alignments for g in a.gaps], doc="every gap's task IRI")

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self.task_by_iri = {t.iri: t for t in self.tasks}
        self.unit_by_iri = {u.iri: u for u in self.units}
        self.document_by_iri = {d.iri: d for d in self.documents}
        self.theme_by_key = {t.key: t for t in self.themes}
        by_task: dict[tuple[str, str | None], list[str]] = {}
        by_unit: dict[tuple[str, str | None], dict[str, None]] = {}
        for a in self.assignments:
            for role in (a.role, None):
                by_task.setdefault((a.task, role), []).append(a.unit)
                by_unit.setdefault((a.unit, role), {}).setdefault(a.task, None)
        self._by_task, self._by_unit = by_task, by_unit
        self._by_document: dict[str, list] = {}
        for t in self.tasks:
            self._by_document.setdefault(t.document, []).append(t)
        self._indexed = (id(self.assignments), len(self.assignments), len(self.tasks), len(self.units))

    def _fresh(self) -> None:
        if self._indexed != (id(self.assignments), len(self.assignments), len(self.tasks), len(self.units)):
            self._index()

    def units_of(self, task: str, role: str | None = None) -> list[str]:
        """Units assigned to a task (in one role, or any), in assignment order; a unit may repeat across roles."""
        self._fresh()
        return list(self._by_task.get((task, role), ()))

    def tasks_in(self, document: str) -> list:
        """The tasks of a document, in task order (grouped once: no pass over every task per document)."""
        self._fresh()
        return list(self._by_document.get(document, ()))

    def tasks_of(self, unit: str, role: str | None = None) -> list[str]:
        """Distinct tasks of a unit (in one role, or any), in task order."""
        self._fresh()
        return list(self._by_unit.get((unit, role), ()))

    def to_dict(self) -> dict[str, object]:
        return {"filters": dict(sorted(self.filters.items())),
                "documents": [asdict(d) for d in self.documents], "tasks": [asdict(t) for t in self.tasks],
                "units": [asdict(u) for u in self.units], "assignments": [asdict(a) for a in self.assignments],
                "themes": [asdict(t) for t in self.themes], "alignments": [asdict(a) for a in self.alignments],
                "observations": [asdict(o) for o in self.observations],
                "areas": {k: dict(asdict(a), labels=sorted(a.labels)) for k, a in sorted(self.areas.items())}}
