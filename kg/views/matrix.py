"""``fazhi-kg matrix``: the responsibility matrix (责任分工表) officials circulate.

One row per task: document, number, title, lead units, responsible units, cooperating units,
targets, deadlines.  CSV for other tools; xlsx with a header row, frozen panes, wrapped text,
one sheet per document and one per unit.  The xlsx is made byte-identical for the same content
(fixed document properties and zip timestamps).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from kg.store import BaseStore

HEADER = ("文件 document", "序号 number", "路径 path", "任务 task", "牵头单位 lead", "责任单位 responsible",
          "配合单位 cooperating", "目标 targets", "时限 deadlines")
_OPS = {"gteq": "≥", "lteq": "≤", "eq": "=", "gt": ">", "lt": "<"}

_PREFIXES = """PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX schema: <https://schema.org/> PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
PREFIX time: <http://www.w3.org/2006/time#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""
TASKS = _PREFIXES + """SELECT ?task ?doc ?doc_title ?source ?ordinal ?path ?title WHERE {
  ?task a fz:Task ; fz:inDocument ?doc ; fz:ordinal ?ordinal ; fz:path ?path ; dct:title ?title .
  OPTIONAL { ?doc dct:title ?doc_title } OPTIONAL { ?doc fz:sourceFile ?source }
}"""
ROLES = _PREFIXES + """SELECT ?task ?role ?position ?name ?unit WHERE {
  ?task a fz:Task ; cv:hasParticipation ?p .
  ?p cv:role ?role ; schema:position ?position ; cv:hasParticipant ?unit .
  ?unit skos:prefLabel ?name .
}"""
TARGETS = _PREFIXES + """SELECT ?task ?target ?label ?op ?value ?unit_text ?text WHERE {
  ?task fz:hasTarget ?target . ?target fz:text ?text .
  OPTIONAL { ?target fz:metricLabel ?label } OPTIONAL { ?target odrl:operator ?op }
  OPTIONAL { ?target odrl:rightOperand ?value } OPTIONAL { ?target odrl:unit ?unit_text }
  OPTIONAL { ?target skos:prefLabel ?qual }
}"""
DEADLINES = _PREFIXES + """SELECT ?task ?date ?phrase WHERE {
  ?task fz:deadline ?d . ?d time:inXSDDate ?date . OPTIONAL { ?d rdfs:label ?phrase }
}"""


@dataclass
class Row:
    task: str
    document: str
    source: str
    number: int
    path: str
    title: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)

    def cells(self) -> list[object]:
        return [self.document, self.number, self.path, self.title, "、".join(self.lead), "、".join(self.responsible),
                "、".join(self.cooperating), "; ".join(self.targets), "; ".join(self.deadlines)]


def rows(store: BaseStore) -> list[Row]:
    out: dict[str, Row] = {}
    for r in store.query(TASKS).records():
        out[r["task"]] = Row(task=r["task"], document=r["doc_title"] or r["source"] or r["doc"], source=r["source"] or "",
                             number=int(r["ordinal"]), path=r["path"], title=r["title"])
    roles: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for r in store.query(ROLES).records():
        role = r["role"].rsplit("#", 1)[-1]
        roles.setdefault((r["task"], role), []).append((int(r["position"]), r["name"]))
    for (task, role), units in roles.items():
        if task in out:
            names = [name for _, name in sorted(set(units))]
            {"LeadRole": out[task].lead, "ResponsibleRole": out[task].responsible,
             "CooperatingRole": out[task].cooperating}[role].extend(names)
    targets: dict[str, list[tuple[str, str]]] = {}
    for r in store.query(TARGETS).records():
        if r["op"] and r["value"]:
            text = f"{r['label'] or '?'} {_OPS.get(r['op'].rsplit('/', 1)[-1], r['op'])} {r['value']}{r['unit_text'] or ''}"
        else:
            text = r["text"]
        targets.setdefault(r["task"], []).append((_tail_number(r["target"]), text))
    for task, items in targets.items():
        if task in out:
            out[task].targets = [t for _, t in sorted(set(items))]
    for r in store.query(DEADLINES).records():
        if r["task"] in out:
            out[r["task"]].deadlines.append(f"{r['date']} ({r['phrase']})" if r["phrase"] else r["date"])
    for row in out.values():
        row.deadlines.sort()
    return sorted(out.values(), key=lambda x: (x.document, x.source, _outline_order(x.task), x.task))


def _tail_number(iri: str) -> int:
    m = re.search(r"(\d+)$", iri)
    return int(m.group(1)) if m else 0


def _outline_order(task_iri: str) -> tuple:
    """…/task/p2-s1-i10 → (("p", 2), ("s", 1), ("i", 10)): document order, numbers compared as numbers."""
    key = task_iri.rsplit("/", 1)[-1]
    return tuple((m.group(1), int(m.group(2))) for m in re.finditer(r"([a-z]+)(\d+)", key))


def to_csv(data: list[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in data:
        writer.writerow(row.cells())
    return buf.getvalue()


_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET.sub("_", name).strip("'") or "sheet"
    base = base[:28]
    candidate, i = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:25]}~{i}"
        i += 1
    used.add(candidate.lower())
    return candidate


def _write_sheet(ws, data: list[Row]) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in data:
        ws.append([None] * len(HEADER))
        r = ws.max_row
        for col, value in enumerate(row.cells(), start=1):
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # document text is data: never a formula, even if it starts with "="
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "E2"
    widths = (24, 8, 12, 40, 30, 30, 24, 30, 24)
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w


def to_xlsx(data: list[Row]) -> bytes:
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    fixed = datetime.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "fazhi-kg"
    used: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name("全部 all tasks", used)
    _write_sheet(ws, data)
    by_doc: dict[str, list[Row]] = {}
    for row in data:
        by_doc.setdefault(row.document, []).append(row)
    for doc in sorted(by_doc):
        _write_sheet(wb.create_sheet(_sheet_name(doc, used)), by_doc[doc])
    by_unit: dict[str, list[Row]] = {}
    for row in data:
        for name in dict.fromkeys(row.lead + row.responsible + row.cooperating):
            by_unit.setdefault(name, []).append(row)
    for unit in sorted(by_unit):
        _write_sheet(wb.create_sheet(_sheet_name(unit, used)), by_unit[unit])
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed timestamps so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            body = src.read(info.filename)
            body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                          lambda m: m.group(0).split(b">")[0] + b">2000-01-01T00:00:00Z</dcterms:" + m.group(1) + b">",
                          body) if info.filename == "docProps/core.xml" else body
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, body)
    return out.getvalue()
