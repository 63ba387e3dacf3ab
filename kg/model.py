"""The plain data every stage of the pipeline speaks.

Only dataclasses and enums live here: no parsing, no RDF.  Offsets (``start``/``end``) are
0-based, end-exclusive code-point positions in the *normalized* text of the document; the
:class:`~kg.ingest.normalize.NormalizedText` of a document maps them back to the raw text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any


def _with_span(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of ``obj`` and its ``span`` ([start, end] or None), for JSON output."""
    out = {name: getattr(obj, name) for name in names}
    out["span"] = [obj.start, obj.end] if obj.start is not None else None
    if getattr(obj, "page", None) is not None:  # facts of an OCR'd document
        out["page"] = obj.page
    return out


@dataclass(frozen=True)
class RawDocument:
    """What a loader returns: the text of one file and how it was read."""

    path: str
    text: str
    kind: str  # "txt", "html", "docx", "pdf", "doc", "wps", "image"
    encoding: str | None  # the detected encoding for text files, None for binary formats
    sha256: str  # of the file's bytes
    ocr: bool = False  # the text was read by OCR (kg.ingest.ocr): pages separated by form feeds


@dataclass(frozen=True)
class Jurisdiction:
    """A territory: province, city, district/county or zone."""

    name: str  # as usually written: 栖霞区, 南京市, 盐城经济技术开发区
    full_name: str  # 江苏省南京市栖霞区
    level: str  # "province" | "city" | "district" | "county" | "zone"
    code: str | None  # GB/T 2260 six-digit code, None where the territory has none (zones)
    key: str  # ASCII key for IRIs: the code, or parent code + "z" + short hash
    parent: "Jurisdiction | None" = None

    @cached_property  # asked for every unit mention of a document: worked out once per jurisdiction
    def short(self) -> str:
        """The name without its level suffix: 栖霞区 → 栖霞, 南京市 → 南京."""
        for suffix in ("经济技术开发区", "高新技术产业开发区", "开发区", "新区", "自治县", "省", "市", "区", "县"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix):
                return self.name[: -len(suffix)]
        return self.name

    def chain(self) -> list["Jurisdiction"]:
        """This jurisdiction and its parents, nearest first."""
        out: list[Jurisdiction] = []
        node: Jurisdiction | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "full_name": self.full_name,
            "level": self.level,
            "code": self.code,
            "key": self.key,
            "parent": self.parent.name if self.parent else None,
        }


@dataclass
class DocumentMeta:
    source: str
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None  # ISO 8601
    jurisdiction: Jurisdiction | None = None
    genre: str | None = None  # annual_plan | work_points | implementation_scheme | annual_report | congress_report
    year: int | None = None  # the year the document is about
    period: tuple[int, int] | None = None  # years covered (a five-year plan or report)
    sha256: str | None = None
    encoding: str | None = None
    kind: str | None = None
    ocr: bool = False  # read by OCR: every fact then has a page and a lowered confidence
    pages: int | None = None  # pages OCR read

    def to_dict(self) -> dict[str, Any]:
        out = {
            "source": self.source,
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "date": self.date,
            "jurisdiction": self.jurisdiction.to_dict() if self.jurisdiction else None,
            "genre": self.genre,
            "year": self.year,
            "period": list(self.period) if self.period else None,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "kind": self.kind,
        }
        if self.ocr:  # only then: the contract of a text layer's document is unchanged
            out.update(ocr=True, pages=self.pages)
        return out


@dataclass
class OutlineNode:
    """One numbered (or recognised unnumbered) block of the document."""

    kind: str  # "part" | "section" | "item" | "subitem" | "paragraph" | "block"
    label: str  # the numbering as printed after normalization: "一、", "(十四)", "3.", "一是"
    number: int | None  # the ordinal the label stands for: (十四) → 14
    title: str  # heading text, or the first sentence of a body item
    text: str  # full text of the node including its label, without children
    start: int
    end: int  # end of the node's own text (children excluded)
    heading: bool  # a heading without a full stop that only introduces children
    path: str = ""
    children: list["OutlineNode"] = field(default_factory=list)
    role: str | None = None  # None for the body, or "preamble" | "guidance" | "requirements" | "problems" | "plans" | "closing"
    cells: list[tuple[str, int]] | None = None  # a task-table row: (cell text, start offset)
    table_header: list[str] | None = None  # the header row of the table the row belongs to

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "number": self.number,
            "path": self.path,
            "title": self.title,
            "heading": self.heading,
            "role": self.role,
            "span": [self.start, self.end],
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True)
class UnparsedNote:
    """A bracket or line that looks like an assignment note but gave no unit: shown, never dropped."""

    text: str
    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": [self.start, self.end], "reason": self.reason}


@dataclass
class Mention:
    """A piece of text that names something (a unit in a note), with its span."""

    text: str
    start: int
    end: int


@dataclass
class Unit:
    text: str  # the normalized text at its span, exactly: 区司法局 (the span's Simplified form)
    name: str  # canonical full name: 南京市栖霞区司法局
    id: str  # IRI
    type: str  # see kg.extract.units.UNIT_TYPES
    jurisdiction: str | None = None  # jurisdiction key (GB/T 2260 code where one exists)
    start: int | None = None
    end: int | None = None
    aliases: tuple[str, ...] = ()
    key: str | None = None  # its entry in ontology/units.ttl, where it has one
    rule: str | None = None  # the rule that gave it its role in a task: note.label, note.verb …
    confidence: float | None = None
    # as the document writes it, where that is not ``text``: its own script (區司法局), no whitespace
    # (区 AI 中心 → 区AI中心), 〔〕 as (); what is shown and what the gold files list
    written: str | None = None
    page: int | None = None  # the page OCR read it on (OCR'd documents only)

    @property
    def shown(self) -> str:
        """The unit as the document writes it: ``written``, else ``text``."""
        return self.written or self.text

    def to_dict(self) -> dict[str, Any]:
        out = _with_span(self, ('text', 'name', 'id', 'type', 'jurisdiction', 'rule', 'confidence'))
        if self.written is not None and self.written != self.text:
            out["written"] = self.written
        return out


@dataclass
class Target:
    metric: str | None  # metric key from ontology/metrics.ttl, None if unknown
    op: str | None  # ">=", "<=", "=", ">", "<"; None for qualitative targets
    value: str | None  # decimal as a string, exact as written ("95", "99.34")
    unit: str | None  # "%", "日", "次", "期", "人", "学时", "件", "个"
    text: str  # the clause it came from
    metric_label: str | None = None
    scope: str | None = None  # what is counted: 经复议后被诉讼案件, 本单位执法人员总数
    recurrence: str | None = None  # "每年" | "每人每年" | "任期内" | "全年" | "年度"
    qualitative: bool = False
    start: int | None = None
    end: int | None = None
    rule: str | None = None  # see kg.extract.rules
    confidence: float | None = None
    page: int | None = None  # the page OCR read it on (OCR'd documents only)

    def to_dict(self) -> dict[str, Any]:
        return _with_span(self, ('metric', 'metric_label', 'op', 'value', 'unit', 'scope', 'recurrence', 'qualitative', 'text',
                                 'rule', 'confidence'))


@dataclass
class Deadline:
    date: str  # ISO date, the last day the phrase allows
    text: str  # the phrase as written: 2023年年底前
    kind: str = "deadline"  # "deadline" | "horizon"
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None  # the page OCR read it on (OCR'd documents only)

    def to_dict(self) -> dict[str, Any]:
        return _with_span(self, ('date', 'text', 'kind', 'rule', 'confidence'))


@dataclass
class Obligation:
    kind: str  # "duty" | "prohibition"
    modal: str  # the word that made it one: 应当, 不得 …
    text: str  # the sentence
    bearer: str | None = None  # the subject the sentence names, as written
    start: int | None = None
    end: int | None = None
    page: int | None = None  # the page OCR read it on (OCR'd documents only)

    def to_dict(self) -> dict[str, Any]:
        return _with_span(self, ('kind', 'modal', 'bearer', 'text'))


@dataclass
class Task:
    number: int
    label: str
    path: str
    title: str
    section: str | None  # the title of the section (or part) the task sits in
    text: str
    start: int
    end: int
    lead: list[Unit] = field(default_factory=list)
    responsible: list[Unit] = field(default_factory=list)
    cooperating: list[Unit] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # theme concept keys
    note: str | None = None  # the assignment note as written
    note_span: tuple[int, int] | None = None
    table_cells: list[tuple[str, int]] | None = None  # when the task is a row of a task table
    table_header: list[str] | None = None
    page: int | None = None  # the page OCR read it on (OCR'd documents only)
    # the first line of the section above and where it starts: a note there covers tasks without one
    heading: tuple[str, int] | None = field(default=None, repr=False, compare=False)
    in_goals: bool = field(default=False, repr=False, compare=False)  # a numbered goal of the goals part

    def to_dict(self) -> dict[str, Any]:
        out = {
            "number": self.number,
            "label": self.label,
            "path": self.path,
            "title": self.title,
            "section": self.section,
            "text": self.text,
            "span": [self.start, self.end],
            "note": self.note,
            "lead": [u.to_dict() for u in self.lead],
            "responsible": [u.to_dict() for u in self.responsible],
            "cooperating": [u.to_dict() for u in self.cooperating],
            "targets": [t.to_dict() for t in self.targets],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "obligations": [o.to_dict() for o in self.obligations],
            "themes": list(self.themes),
        }
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass
class Achievement:
    metric: str | None
    value: str
    unit: str | None
    text: str
    metric_label: str | None = None
    before: str | None = None  # for "从29.4%升至91.11%": "29.4"
    period: str | None = None  # "2023", "2016/2020"
    area: str | None = None  # jurisdiction key
    path: str | None = None  # outline path of the paragraph
    actors: list[Unit] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None  # the page OCR read it on (OCR'd documents only)

    def to_dict(self) -> dict[str, Any]:
        out = _with_span(self, ("metric", "metric_label", "value", "before", "unit", "period", "area", "path", "text",
                                "rule", "confidence"))
        out["actors"] = [u.to_dict() for u in self.actors]
        return out


@dataclass
class Extraction:
    """Everything one document yields."""

    document: DocumentMeta
    outline: list[OutlineNode]
    tasks: list[Task] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    horizon: Deadline | None = None
    actors: list[Unit] = field(default_factory=list)  # units a report names as doing something
    text: str = ""  # the normalized text every span points into
    unparsed_notes: list[UnparsedNote] = field(default_factory=list)
    normalized: Any = None  # the kg.ingest.normalize.NormalizedText the spans point into (raw text, offsets)

    def written(self, start: int, end: int) -> str:
        """A span as the document writes it (its own script, no whitespace): what a unit's
        ``text`` shows.  The normalized span is its Simplified form."""
        if self.normalized is not None:
            return self.normalized.written(start, end)
        return "".join(self.text[start:end].split())

    def to_dict(self, *, outline: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document": self.document.to_dict(),
            "horizon": self.horizon.to_dict() if self.horizon else None,
            "tasks": [t.to_dict() for t in self.tasks],
            "achievements": [a.to_dict() for a in self.achievements],
            "problems": list(self.problems),
            "plans": list(self.plans),
            "actors": [u.to_dict() for u in self.actors],
            "unparsed_notes": [n.to_dict() for n in self.unparsed_notes],
        }
        if outline:
            out["outline"] = [n.to_dict() for n in self.outline]
        return out


def plain(obj: Any) -> Any:
    """``dataclasses.asdict`` for any of the classes above (used by tests and debugging)."""
    return asdict(obj)
