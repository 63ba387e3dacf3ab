"""From a unit as written (区发改委) to a unit node (南京市栖霞区发展和改革委员会, its type and IRI).

A unit belongs to the document's jurisdiction: 区 means the district (or zone) the document is
about, 市 the city above it (or the document's own county-level city: 溧阳市's 市司法局 is its
own), 省 the province.  A bare name in a list takes the level of its
neighbours (市人力资源社会保障局、法制局、财政局 → 市法制局, 市财政局).  Abbreviations expand through
the lexicon in ``ontology/units.ttl``; collective subjects (区政府各有关部门, 各街道) and role
placeholders (重大行政决策承办单位) are nodes of their own kinds, never merged with a real unit.

``区委宣传部(文明办)`` — the 文明办 is the office of the civilisation commission, housed in the
propaganda department (合署办公) — becomes one unit, the 宣传部, with the whole written form and
文明办 as alternative labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import ids
from kg.extract.rules import confidence
from kg.model import DocumentMeta, Jurisdiction, Mention, Unit
from kg.vocab import ROLE_KEYS as ROLES


UNIT_TYPES = (
    "party_organ", "government_department", "government_office", "court_procuratorate",
    "dispatched_branch", "higher_level_branch", "leading_group_office", "leading_group",
    "subdistrict_township", "development_zone", "peoples_organisation", "public_institution",
    "collective", "role_placeholder", "other",
)

_LEVEL_PREFIX = {"省": "province", "市": "city", "州": "city", "盟": "city", "区": "district", "县": "district",
                 "旗": "district"}
_COLLECTIVE = re.compile(r"^(?:各|全体|所有)|(?:各|有关|相关)(?:有关)?(?:部门|单位|街道|乡镇|镇|园区|平台|机关|区|县|部委办局)|各级|各部门$|各街道$")
_PLACEHOLDER = re.compile(r"(?:承办|实施|起草|制定|执行|主管|行业主管)(?:单位|部门|机关)$")
_SUBDISTRICT = re.compile(r"(?:街道|街道办事处|镇|乡|乡镇人民政府|镇人民政府)$")
_ZONE = re.compile(r"(?:开发区|高新区|园区|新区|片区)(?:管委会|管理委员会)?$")
_LEADING_GROUP = re.compile(r"(?:领导小组|委员会|指挥部)(?:办公室)?$")
_COURT = re.compile(r"(?:法院|检察院)$")


@dataclass(frozen=True)
class _Parsed:
    level: str | None  # province | city | district | None (bare)
    party: bool  # 区委… / 市委…
    core: str  # the name without level prefix
    note: str | None  # a bracketed addition: 文明办


class UnitResolver:
    """Resolves unit mentions of one document; the same written form always gives the same unit."""

    def __init__(self, meta: DocumentMeta):
        from kg.reference import lexicon

        self.meta = meta
        self.jurisdiction = meta.jurisdiction
        self.index = lexicon.alias_index()
        self.collectives = set(lexicon.collective_subjects())
        self.placeholders = set(lexicon.placeholders())

    # --- levels --------------------------------------------------------------------------------

    def _level_jurisdiction(self, level: str | None) -> Jurisdiction | None:
        j = self.jurisdiction
        if j is None:
            return None
        chain = j.chain()
        wanted = {"province": ("province",), "city": ("city",), "district": ("district", "county", "zone")}
        if level is None:
            return j
        for node in chain:
            if node.level in wanted[level]:
                return node
        return j

    def _split_level(self, text: str) -> _Parsed:
        note = None
        m = re.match(r"^(?P<core>.+?)\((?P<note>[^()]+)\)$", text)
        if m and not _SUBDISTRICT.search(m["note"]):
            text, note = m["core"], m["note"]
        j = self.jurisdiction
        # An explicit place name: 栖霞区司法局, 南京市司法局, 秦淮区政府各有关部门
        if j is not None:
            for node in j.chain():
                for form in (node.name, node.short):
                    if form and text.startswith(form) and len(text) > len(form) + 1:
                        rest = text[len(form):]
                        level = {"province": "province", "city": "city"}.get(node.level, "district")
                        if rest.startswith("委") and not rest.startswith("委员会"):
                            return _Parsed(level, True, rest[1:], note)
                        return _Parsed(level, False, rest, note)
        head = text[:1]
        if head in _LEVEL_PREFIX and len(text) > 2:
            rest = text[1:]
            # 市场监管局 is not 市 + 场监管局: keep the prefix only if the rest still names a unit
            if self._known(rest) or not self._known(text):
                level = _LEVEL_PREFIX[head]
                if head == "市" and j is not None and j.level == "county" and j.name.endswith("市"):
                    level = "district"  # a county-level city (溧阳市 under 常州市) calls itself 市
                if rest.startswith("委") and not rest.startswith("委员会"):
                    return _Parsed(level, True, rest[1:], note)
                return _Parsed(level, False, rest, note)
        return _Parsed(None, False, text, note)

    def _known(self, core: str) -> bool:
        return core in self.index or ("委" + core) in self.index

    # --- naming --------------------------------------------------------------------------------

    @staticmethod
    def _prefix(where: Jurisdiction | None) -> str:
        from kg.reference.lexicon import template_fields

        return template_fields(where)["prefix"] if where is not None else ""

    def resolve(self, text: str, *, level_hint: str | None = None) -> Unit:
        from kg.reference.lexicon import full_name

        text = re.sub(r"\s+", "", text)
        if text in self.placeholders or _PLACEHOLDER.search(text):
            return self._make(text, text, "role_placeholder", self.jurisdiction)
        parsed = self._split_level(text)
        if text in self.collectives or _COLLECTIVE.search(parsed.core) or _COLLECTIVE.search(text):
            where = self._level_jurisdiction(parsed.level)
            name = self._prefix(where) + (text[1:] if parsed.level and text[:1] in _LEVEL_PREFIX else text)
            return self._make(text, name, "collective", where)
        where = self._level_jurisdiction(parsed.level or level_hint)
        entry = self.index.get(parsed.core) or (self.index.get("委" + parsed.core) if parsed.party else None)
        if entry is None:
            utype = self._guess_type(parsed.core)
            name = self._prefix(where) + ("委" if parsed.party else "") + parsed.core
        else:
            utype = entry.type
            name = full_name(entry, where)
            if parsed.party and not entry.template and not entry.name.startswith("委"):
                name = self._prefix(where) + "委" + entry.name
            if entry.template and "{short}" in entry.template and name != self._prefix(where) + entry.name \
                    and utype == "government_department":
                utype = "higher_level_branch"  # 栖霞生态环境局: the city bureau's branch in the district
        # 县委宣传部: the committee's department; but a name a lexicon template gives (县委党校 → 党校) keeps
        # the entry's type, so that one IRI has one type whichever way a document writes it
        templated = entry is not None and entry.template and name == full_name(entry, where)
        if parsed.party and not templated and utype not in ("party_organ", "leading_group_office", "leading_group"):
            utype = "party_organ"
        aliases = tuple(a for a in (text, parsed.note) if a and a != name)
        unit = self._make(text, name, utype, where, aliases)
        unit.key = entry.key if entry is not None else None
        return unit

    @staticmethod
    def _guess_type(core: str) -> str:
        if _COURT.search(core):
            return "court_procuratorate"
        if _SUBDISTRICT.search(core):
            return "subdistrict_township"
        if _ZONE.search(core):
            return "development_zone"
        if _LEADING_GROUP.search(core):
            return "leading_group"
        if core.endswith("分局"):
            return "dispatched_branch"
        if re.search(r"(?:局|委|办|厅|署)$", core):
            return "government_department"
        return "other"

    def _make(self, text: str, name: str, utype: str, where: Jurisdiction | None, aliases: tuple[str, ...] = ()) -> Unit:
        key = where.key if where is not None else "000000"
        return Unit(text=text, name=name, id=ids.unit_iri(key, name), type=utype,
                    jurisdiction=key, aliases=aliases)

    # --- lists ---------------------------------------------------------------------------------

    def resolve_list(self, mentions: list[Mention]) -> list[Unit]:
        """Resolve a list, giving bare names the level of their nearest explicit neighbour."""
        levels = [self._split_level(m.text).level for m in mentions]
        out = []
        for i, m in enumerate(mentions):
            hint = levels[i]
            if hint is None:
                before = [lv for lv in levels[:i] if lv]
                after = [lv for lv in levels[i + 1:] if lv]
                hint = before[-1] if before else (after[0] if after else None)
            unit = self.resolve(m.text, level_hint=hint)
            unit.start, unit.end = m.start, m.end
            out.append(unit)
        return out

    def resolve_roles(self, roles: dict[str, list[Mention]]) -> tuple[list[Unit], list[Unit], list[Unit]]:
        resolved = {role: self.resolve_list(roles[role]) for role in ROLES}
        return resolved["lead"], resolved["responsible"], resolved["cooperating"]

    def resolve_mentions(self, mentions: list[tuple[Mention, str]], result) -> list[Unit]:
        """Units of one role of a task: each mention resolved, its ``text`` the normalized text at
        its span and, where the document writes it otherwise, ``written`` (``result.written``:
        its own script, no whitespace), with the rule that gave the role and its confidence; a
        unit named twice in one role is kept once."""
        units = self.resolve_list([m for m, _ in mentions])
        out, seen = [], set()
        for unit, (mention, rule) in zip(units, mentions):
            if unit.id in seen:
                continue
            seen.add(unit.id)
            unit.text = result.text[mention.start: mention.end]
            written = result.written(mention.start, mention.end)
            unit.written = written if written and written != unit.text else None
            unit.rule, unit.confidence = rule, confidence(rule)
            out.append(unit)
        return out
