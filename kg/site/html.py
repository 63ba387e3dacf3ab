"""The parts every page shares: escaping, the frame (header, footer with the RDF links), text
with its facts highlighted in place, small tables and labels.

Everything a document says is escaped here before it reaches a page; the pages hold no inline
script or style, so they read the same with JavaScript off.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable

from kg.site import urls
from kg.views.model import ROLE_ZH
from kg.vocab import GENRE_BY_CLASS, UNIT_TYPE_BY_CONCEPT

ROLE_EN = {"lead": "lead", "responsible": "responsible", "cooperating": "cooperating"}
STATUS_ZH = {"reported": "已报告", "partly": "部分提及", "not mentioned": "未提及", "unchecked": "未核对",
             "met": "已达成", "not met": "未达成", "overdue": "逾期", "done": "已完成", "pending": "未到期",
             "no report": "无报告", "no figure": "无数据", "reported without a figure": "有报告无数据",
             "reported, different object": "报告对象不同"}


def status_label(status: str) -> str:
    """A status in Chinese with its English key: 已报告 (reported)."""
    return f"{STATUS_ZH[status]} ({status})" if status in STATUS_ZH else status


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def unit_type_zh(concept: str) -> str:
    t = UNIT_TYPE_BY_CONCEPT.get(concept)
    return f"{t.zh} ({concept})" if t else concept


def genre_zh(cls: str) -> str:
    g = GENRE_BY_CLASS.get(cls)
    return g.zh if g else cls


def role_zh(role: str) -> str:
    return f"{ROLE_ZH.get(role, role)} {ROLE_EN.get(role, role)}"


def link(here: str, iri: str, text: str, cls: str = "") -> str:
    """A link to the page of ``iri`` (its text escaped), or the bare text where it has none."""
    target = urls.page(iri)
    klass = f' class="{cls}"' if cls else ""
    if target is None:
        return f"<span{klass}>{esc(text)}</span>"
    return f'<a{klass} href="{esc(urls.rel(here, target))}">{esc(text)}</a>'


def static(here: str, name: str) -> str:
    return esc(urls.rel(here, f"{urls.STATIC}/{name}"))


def frame(here: str, title: str, body: str, *, iri: str | None = None, crumbs: Iterable[tuple[str, str]] = (),
          scripts: Iterable[str] = ()) -> str:
    """A whole page: ``crumbs`` are (site path, text) links above the title; ``scripts`` site paths
    of scripts loaded at the end of the body (the search); the RDF links when ``iri`` is given."""
    head = ['<link rel="icon" href="data:,">',  # no request for /favicon.ico
            f'<link rel="stylesheet" href="{static(here, "site.css")}">',
            f'<script src="{static(here, "site.js")}"></script>']
    foot = []
    if iri is not None:
        stem = urls.stem(iri)
        if stem:
            base = urls.rel(here, stem)
            head += [f'<link rel="alternate" type="text/turtle" href="{esc(base)}.ttl">',
                     f'<link rel="alternate" type="application/ld+json" href="{esc(base)}.jsonld">']
            foot.append(f'IRI <code>{esc(iri)}</code> · RDF: <a href="{esc(base)}.ttl">Turtle</a> · '
                        f'<a href="{esc(base)}.jsonld">JSON-LD</a>')
    foot.append(f'<a href="{esc(urls.rel(here, urls.CATALOG))}">数据集说明 dataset (DCAT, VoID)</a> · '
                f'<a href="{esc(urls.rel(here, urls.DUMP))}">全部数据 all data (N-Quads, gzip)</a>')
    nav = [f'<a href="{esc(urls.rel(here, urls.INDEX))}">fazhi-kg 首页 index</a>']
    nav += [f'<a href="{esc(urls.rel(here, path))}">{esc(text)}</a>' for path, text in crumbs]
    tail = "".join(f'<script src="{esc(urls.rel(here, s))}"></script>' for s in scripts)
    return ("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)} · fazhi-kg</title>\n" + "\n".join(head) + "\n</head>\n<body>\n"
            f'<nav class="crumbs">{" › ".join(nav)}</nav>\n<main>\n{body}\n</main>\n'
            f'<footer>{"<br>".join(foot)}</footer>\n{tail}</body>\n</html>\n')


def table(head: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """A table of cells already written as HTML."""
    rows = list(rows)
    if not rows:
        return '<p class="none">无 none</p>'
    klass = f' class="{cls}"' if cls else ""
    out = [f"<table{klass}><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows]
    return "\n".join(out) + "</tbody></table>"


# --- facts highlighted in place ------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str  # lead | responsible | cooperating | target | deadline | note | figure
    href: str = ""  # a link (relative), "" for none
    title: str = ""  # a tooltip


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, each mark's span wrapped: a link where it has one, else ``<mark>``.
    Marks nest (a unit inside its note); one that crosses another's edge is left out."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end, m.cls, m.href)):
        if m.start < 0 or m.end > len(text) or m.end <= m.start:
            continue
        if all(m.end <= k.start or m.start >= k.end or (k.start <= m.start and m.end <= k.end) for k in kept):
            kept.append(m)
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    points = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    opening = {}
    for m in kept:
        opening.setdefault(m.start, []).append(m)
    for p in points:
        if p > pos:
            out.append(esc(text[pos:p]))
            pos = p
        while stack and stack[-1].end <= p:
            out.append("</a>" if stack.pop().href else "</mark>")
        for m in opening.get(p, ()):
            title = f' title="{esc(m.title)}"' if m.title else ""
            if m.href:
                out.append(f'<a class="f {m.cls}" href="{esc(m.href)}"{title}>')
            else:
                out.append(f'<mark class="f {m.cls}"{title}>')
            stack.append(m)
    while stack:
        out.append("</a>" if stack.pop().href else "</mark>")
    return "".join(out)


def legend() -> str:
    return ('<p class="legend">图例 legend: <span class="f lead">牵头 lead</span> '
            '<span class="f responsible">责任 responsible</span> <span class="f cooperating">配合 cooperating</span> '
            '<mark class="f target">目标 target</mark> <mark class="f deadline">时限 deadline</mark> '
            '<mark class="f note">分工说明 note</mark> <mark class="f obligation">义务 obligation</mark> '
            '<mark class="f figure">数据 figure</mark></p>')
