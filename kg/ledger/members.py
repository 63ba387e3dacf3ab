"""Who may fill a ledger row for a collective owner: a member of it.

A plan gives many tasks to a collective subject (各街道, 区政府各有关部门, 各园区平台) rather than
to named units, and then each of its members returns its own row: 燕子矶街道 reports on a task
owned by 各街道.  The graph models a collective as one ``fz:CollectiveSubject`` with its area,
not as a list of members (a plan never lists them), so membership is decided here from two things
the code already knows:

* the *kind* of members the collective's words name — streets and towns (街道, 镇, 乡), parks
  (园区, 平台, 开发区), or departments (部门, 部委办局, 机关, 直属单位; 单位 also takes party
  organs, people's organisations and courts);
* the member's own name, resolved as the plan's extraction resolves a unit
  (:class:`kg.extract.units.UnitResolver`, in the plan's area): its type must be of that kind and
  its area the collective's (区卫健委 in a 栖霞区 plan is 栖霞区's; 鼓楼区宁海路街道 is not).

A street's name is not checked against a list of the area's streets (the project has none): any
name that reads as a street of the area is taken as one.  A unit of another kind or another area
is not a member, and its row is rejected as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STREETS = frozenset({"subdistrict_township"})
PARKS = frozenset({"development_zone"})
DEPARTMENTS = frozenset({"government_department", "government_office", "dispatched_branch", "higher_level_branch",
                         "public_institution", "leading_group_office"})
UNITS = DEPARTMENTS | {"party_organ", "peoples_organisation", "court_procuratorate", "leading_group"}

# what kind of members a collective's words name; the first that matches decides
_KINDS = (
    (re.compile(r"街道|镇|乡"), STREETS),
    (re.compile(r"园区|平台|开发区"), PARKS),
    (re.compile(r"单位"), UNITS),
    (re.compile(r"部门|部委办局|机关"), DEPARTMENTS),
)


@dataclass(frozen=True)
class Member:
    iri: str
    name: str  # the member's full name: 南京市栖霞区燕子矶街道
    type: str  # kg.extract.units.UNIT_TYPES
    collective: str  # the IRI of the collective owner it belongs to
    collective_written: str  # the collective as the plan writes it: 各街道


def kind(collective: str) -> frozenset[str]:
    """The unit types a collective's members have; empty where its words name no kind (各区)."""
    for pattern, types in _KINDS:
        if pattern.search(collective):
            return types
    return frozenset()


def _resolver(area_code: str):
    from kg.extract.units import UnitResolver
    from kg.model import DocumentMeta
    from kg.reference.jurisdiction import by_code

    try:
        where = by_code(area_code)
    except Exception:  # noqa: BLE001 - an area without a code (a zone): no membership can be read
        return None
    return UnitResolver(DocumentMeta(source="", jurisdiction=where))


def member(written: str, collectives: list[tuple[str, str]], area_code: str) -> Member | None:
    """The collective (of ``collectives``: (IRI, as the plan writes it)) that the unit written
    ``written`` belongs to, in a plan of the area ``area_code``; None where it belongs to none."""
    if not written or not collectives or not area_code:
        return None
    resolver = _resolver(area_code)
    if resolver is None:
        return None
    bare = _own_area_dropped(re.sub(r"\s+", "", written), resolver.jurisdiction)
    if bare is None:
        return None  # a name that carries another area (鼓楼区宁海路街道 in a 栖霞区 plan) is that area's unit
    unit = resolver.resolve(bare)
    if unit.type in ("collective", "role_placeholder", "other"):
        return None
    for iri, said in collectives:
        group = resolver.resolve(said)
        if group.type == "collective" and unit.type in kind(said) and unit.jurisdiction == group.jurisdiction:
            return Member(unit.id, unit.name, unit.type, iri, said)
    return None


def _own_area_dropped(written: str, where) -> str | None:
    """``written`` without the plan's own area in front (南京市栖霞区尧化街道 → 尧化街道), or None
    where it then names another area (鼓楼区宁海路街道, 江宁区司法局)."""
    from kg.reference.jurisdiction import lookup

    chain = where.chain()
    rest = written
    # the area itself, however much of the chain above it is written (江苏省南京市栖霞区, 南京市栖霞区,
    # 栖霞区); an area above it alone (南京市卫健委) names the city's unit, not the district's
    own = {where.full_name, where.name} | {"".join(j.name for j in reversed(chain[:i + 1])) for i in range(len(chain))}
    for form in sorted(own, key=len, reverse=True):
        if form and rest.startswith(form) and len(rest) > len(form):
            rest = rest[len(form):]
            break
    for k in range(2, min(len(rest) - 1, 8) + 1):
        head = rest[:k]
        if head[-1] in "省市区县" and any(lookup(head, within=j) is not None for j in chain[1:]) | (lookup(head) is not None):
            return None
    return rest
