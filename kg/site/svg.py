"""A unit's neighbourhood as an inline SVG drawn at build time (readable with JavaScript off):
the unit in the middle, its tasks on a ring coloured by role, the units that share them on an
outer ring, each a link to its page."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kg.site.html import esc

SIZE = 640
INNER, OUTER = 170, 275


@dataclass(frozen=True)
class Node:
    label: str  # short text drawn
    href: str
    title: str  # the tooltip (full name)
    cls: str  # lead | responsible | cooperating | unit
    links: tuple[int, ...] = field(default=())  # for an outer node: the ring nodes it joins


def _xy(i: int, n: int, r: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
    return SIZE / 2 + r * math.cos(angle), SIZE / 2 + r * math.sin(angle)


def _f(x: float) -> str:
    return f"{x:.1f}"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def neighbourhood(center: str, ring: list[Node], outer: list[Node], more: int = 0) -> str:
    """The SVG; ``more`` tasks left off the ring are counted under the centre."""
    c = SIZE / 2
    lines, shapes = [], []
    ring_xy = [_xy(i, len(ring), INNER) for i in range(len(ring))]
    for i, node in enumerate(outer):
        x, y = _xy(i, len(outer), OUTER)
        for j in node.links:
            tx, ty = ring_xy[j]
            lines.append(f'<line class="e-share" x1="{_f(x)}" y1="{_f(y)}" x2="{_f(tx)}" y2="{_f(ty)}"/>')
    for (x, y), node in zip(ring_xy, ring):
        lines.append(f'<line class="e-{node.cls}" x1="{_f(c)}" y1="{_f(c)}" x2="{_f(x)}" y2="{_f(y)}"/>')
        shapes.append(f'<a href="{esc(node.href)}"><title>{esc(node.title)}</title>'
                      f'<circle class="n-{node.cls}" cx="{_f(x)}" cy="{_f(y)}" r="13"/>'
                      f'<text x="{_f(x)}" y="{_f(y + 4)}" class="t-task">{esc(_short(node.label, 5))}</text></a>')
    for i, node in enumerate(outer):
        x, y = _xy(i, len(outer), OUTER)
        anchor = "middle" if abs(x - c) < 40 else ("start" if x > c else "end")
        dx = 0 if anchor == "middle" else (12 if anchor == "start" else -12)
        dy = 4 if anchor != "middle" else (-12 if y < c else 20)
        shapes.append(f'<a href="{esc(node.href)}"><title>{esc(node.title)}</title>'
                      f'<rect class="n-unit" x="{_f(x - 7)}" y="{_f(y - 7)}" width="14" height="14"/>'
                      f'<text x="{_f(x + dx)}" y="{_f(y + dy)}" text-anchor="{anchor}" class="t-unit">'
                      f'{esc(_short(node.label, 9))}</text></a>')
    middle = (f'<circle class="n-center" cx="{_f(c)}" cy="{_f(c)}" r="36"/>'
              f'<text x="{_f(c)}" y="{_f(c + 5)}" class="t-center">{esc(_short(center, 6))}</text>')
    if more:
        middle += f'<text x="{_f(c)}" y="{_f(c + 50)}" class="t-more">+{more} 项 more</text>'
    return (f'<svg class="hood" xmlns="http://www.w3.org/2000/svg" viewBox="-120 0 {SIZE + 240} {SIZE}" '
            f'role="img" aria-label="{esc(center)} 的关系图 neighbourhood">'
            + "".join(lines) + "".join(shapes) + middle + "</svg>")
