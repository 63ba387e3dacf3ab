"""Human-readable views of an extraction: the outline tree and the task list with owners."""

from __future__ import annotations

from kg.model import Extraction, OutlineNode, Task
from kg.extract.pipeline import summary

from kg.vocab import ROLES
from kg.render.output import Output


def _units(units) -> str:
    return "、".join(u.shown for u in units) or "—"


def outline_lines(nodes: list[OutlineNode], depth: int = 0) -> list[str]:
    out = []
    for node in nodes:
        tag = f"[{node.role}] " if node.role and depth == 0 else ""
        label = node.path if node.kind != "block" else f"#{node.path.split('#')[-1]}"
        out.append(f"{'  ' * depth}{label} {tag}{node.title[:50]}")
        out.extend(outline_lines(node.children, depth + 1))
    return out


def task_lines(task: Task) -> list[str]:
    lines = [f"{task.path}  {task.title}"]
    for role in ROLES:
        units = getattr(task, role.key)
        if units:
            lines.append(f"    {role.zh}: {_units(units)}")
    for t in task.targets:
        if t.qualitative:
            lines.append(f"    目标(定性): {t.metric_label}  «{t.text}»")
        else:
            name = f"{t.metric_label} [{t.metric}]" if t.metric else (t.metric_label or "?")
            lines.append(f"    目标: {name} {t.op} {t.value}{t.unit}  «{t.text}»")
    for d in task.deadlines:
        lines.append(f"    时限: {d.date}  «{d.text}»")
    for o in task.obligations:
        who = f" [{o.bearer}]" if o.bearer else ""
        lines.append(f"    {'义务' if o.kind == 'duty' else '禁止'}{who}: {o.text[:60]}")
    if task.themes:
        lines.append(f"    主题: {', '.join(task.themes)}")
    return lines


def render(result: Extraction, *, outline: bool = True) -> str:
    meta = result.document
    j = meta.jurisdiction
    head = [
        f"文件 source:      {meta.source}",
        f"标题 title:       {meta.title or '—'}",
        f"发文机关 issuer:  {meta.issuer or '—'}",
        f"文号 number:      {meta.doc_number or '—'}",
        f"日期 date:        {meta.date or '—'}",
        f"辖区 area:        {j.full_name + ' (' + (j.code or j.key) + ')' if j else '—'}",
        f"类型 genre:       {meta.genre or '—'}",
    ]
    if meta.year or meta.period:
        head.append(f"年度 period:      {meta.year or '–'.join(map(str, meta.period or ()))}")
    if result.horizon:
        head.append(f"目标年 horizon:   {result.horizon.date}  «{result.horizon.text}»")
    s = summary(result)
    head.append(
        f"提纲 outline:     {s['parts']} parts, {s['sections']} sections ({s['task_sections']} with tasks), "
        f"{s['items']} items, {s['paragraphs']} paragraphs; {s['tasks']} tasks"
    )
    parts = ["\n".join(head)]
    if outline:
        parts.append("提纲 Outline\n" + "\n".join(outline_lines(result.outline)))
    if result.tasks:
        parts.append("任务 Tasks\n" + "\n".join(line for t in result.tasks for line in task_lines(t)))
    if result.achievements:
        rows = [f"{a.path}  {a.metric_label} [{a.metric}]  {a.value}{a.unit or ''}" + (f" (from {a.before})" if a.before else "") + f"  «{a.text}»"
                for a in result.achievements]
        parts.append("成效 Achievements\n" + "\n".join(rows))
    if result.problems:
        parts.append("问题 Problems\n" + "\n".join(f"- {p[:80]}" for p in result.problems))
    if result.plans:
        parts.append("下步 Plans\n" + "\n".join(f"- {p[:80]}" for p in result.plans))
    return "\n\n".join(parts)


def output(result: Extraction, *, outline: bool = True) -> Output:
    """An extraction: the JSON contract, or the readable form."""
    import json

    return Output(own={"table": lambda: render(result, outline=outline),
                       "json": lambda: json.dumps(result.to_dict(outline=outline), ensure_ascii=False, indent=2) + "\n"},
                  offers=("table", "json"))


WARNING_COLUMNS = ("kind", "where", "text", "reason")


def warnings_output(result: Extraction) -> Output:
    """What the extraction could not read, each with its place: notes that named no unit, and
    tasks of a plan that no note gives an owner."""
    rows = [["unparsed note", f"[{n.start}, {n.end}]", n.text, n.reason] for n in result.unparsed_notes]
    rows += [["task without owner", t.path, t.title, "no note names a unit for it"]
             for t in result.tasks if not (t.lead or t.responsible or t.cooperating)]
    return Output(WARNING_COLUMNS, rows, offers=("table", "json", "csv", "tsv", "xlsx"), title="warnings",
                  summary=f"{len(rows)} warnings", whole=("reason",))
