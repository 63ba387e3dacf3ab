"""Facts of a task the pages share: its marks in its own text, its note with the naming unit
highlighted, its tracking and ledger rows."""

from __future__ import annotations

from kg.site import urls
from kg.site.collect import SiteData
from kg.site.html import Mark, esc, highlight, status_label
from kg.views.model import Task


def participation(task: str, role: str, position: int) -> str:
    """The IRI of a unit's participation record in a task (as kg.rdf.mapping mints it)."""
    return f"{task}/{role}/{position}"


def note_span(site: SiteData, task: Task) -> tuple[int, int] | None:
    note = site.notes.get(task.iri, "")
    at = task.text.rfind(note) if note else -1
    return (at, at + len(note)) if at >= 0 else None


def task_marks(site: SiteData, task: Task, here: str) -> list[Mark]:
    """Where the task's note, owners, targets and deadlines stand in its text."""
    data = site.data
    marks = []
    if span := note_span(site, task):
        marks.append(Mark(*span, "note", title="分工说明 note"))
    for a in site.assignments_of(task.iri):
        span = site.span_in(participation(task.iri, a.role, a.position), task.iri)
        unit = data.unit_by_iri.get(a.unit)
        page = urls.page(a.unit)
        if span and unit:
            marks.append(Mark(*span, a.role, urls.rel(here, page) if page else "", f"{unit.name} · {a.role}"))
    for t in task.targets:
        if span := site.span_in(t.iri, task.iri):
            marks.append(Mark(*span, "target", title=t.text))
    for d in task.deadlines:
        if span := site.span_in(d.iri, task.iri):
            marks.append(Mark(*span, "deadline", title=d.date))
    for fact in obligations(site, task.iri):  # 应当 / 不得 clauses: no view reads them, their spans are stored
        if span := site.span_in(fact, task.iri):
            marks.append(Mark(*span, "obligation", title="义务 obligation"))
    return marks


def obligations(site: SiteData, task: str) -> list[str]:
    """The IRIs of a task's obligations that have a stored span (``…/task/…/obligation/N``)."""
    return site.grouped("obligations", lambda: sorted(f for f in site.spans if "/obligation/" in f),
                        lambda f: f.split("/obligation/", 1)[0]).get(task, [])


def quote(site: SiteData, task: Task, unit: str, here: str) -> str:
    """The note that names ``unit`` in ``task``, the unit's words in it marked; the task's note as
    it is where the unit's place in it is not known; "" where the task has no note."""
    span = note_span(site, task)
    if span is None:
        return ""
    note = task.text[span[0]:span[1]]
    marks = []
    for a in site.assignments_of(task.iri):
        if a.unit == unit:
            s = site.span_in(participation(task.iri, a.role, a.position), task.iri)
            if s and span[0] <= s[0] and s[1] <= span[1]:
                marks.append(Mark(s[0] - span[0], s[1] - span[0], a.role))
    return f'<q class="note">{highlight(note, marks)}</q>'


def _by_task(site: SiteData, name: str, rows: list, key) -> dict[str, list]:
    if name not in site.cache:
        index: dict[str, list] = {}
        for r in rows:
            index.setdefault(key(r), []).append(r)
        site.cache[name] = index
    return site.cache[name]


def tracking_of(site: SiteData, task: Task) -> list:
    """Tracking rows of the task: its targets and deadlines against the reports (kg.views.track)."""
    index = _by_task(site, "tracking", site.tracking, lambda r: (r.plan, r.task, r.task_title))
    return index.get((task.document, task.number, task.title), [])


def ledger_of(site: SiteData, task: Task) -> list:
    return _by_task(site, "ledger", site.ledger, lambda r: r.task_iri).get(task.iri, [])


def status_cell(site: SiteData, task: Task) -> str:
    """A short status of a task: its status (the units' ledger returns, else the reports, as
    kg.views.taskstatus gives it) and the tracking of its targets and deadlines."""
    parts = []
    known = site.statuses.get(task.iri)
    if known is not None:
        source = "台账" if known.source == "ledger" else "报告"
        parts.append(f'<span title="{esc(known.note)}">{source} {esc(status_label(known.status))}</span>')
    tracked = sorted({status_label(r.status) for r in tracking_of(site, task)})
    if tracked:
        parts.append(esc("跟踪 " + "、".join(tracked)))
    return "; ".join(parts) if parts else '<span class="none">—</span>'
