"""The controlled vocabularies in ``ontology/*.ttl`` as plain Python data.

* ``units.ttl``   — standard unit names and abbreviations (:func:`unit_lexicon`, :func:`alias_index`),
  collective subjects (:func:`collective_subjects`) and role placeholders (:func:`placeholders`);
* ``themes.ttl``  — policy themes with matching keywords (:func:`themes`);
* ``metrics.ttl`` — indicators of targets and achievements (:func:`metrics`, :func:`metric_index`);
* ``renames.ttl`` — 机构改革 renames (:func:`renames`).

The files are parsed with pyoxigraph when first needed; every result is cached and sorted, and only
plain Python values leave this module.  :func:`tokenizer` gives a jieba tokenizer that keeps unit names, collective
subjects, placeholders, metric names and theme keywords whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.model import Jurisdiction
from kg.vocab import UNIT_TYPES as _UNIT_TYPE_LIST
from kg.resources import ontology_file

FZ = "https://w3id.org/fazhi-kg/ontology#"
ID = "https://w3id.org/fazhi-kg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
UNIT_NS = ID + "unit-lexicon/"
THEME_NS = ID + "theme/"
METRIC_NS = ID + "metric/"
DCT_DESCRIPTION = "http://purl.org/dc/terms/description"

# fz:unitType concept → the ASCII type name the extractors and the JSON output use (kg.vocab's one list).
UNIT_TYPES: dict[str, str] = {t.concept: t.key for t in _UNIT_TYPE_LIST}

# Level prefixes a unit name is written with inside one jurisdiction (区司法局, 市委编办).
LEVEL_PREFIXES = ("区", "市", "县", "省")

# jieba word frequencies: high enough that 区市场监管局 beats 区/市场/监管局, never lower than the
# frequency the word already has in jieba's own dictionary (see jieba_user_dict).
# What jieba's default cut keeps in one token; words with other characters (各镇(街道)) can't be words.
_PLACEHOLDER_RUN = re.compile(r"(?:\{\w+\})+")  # {city}{district}


@dataclass(frozen=True)
class LexEntry:
    """One standard unit name: 发展和改革委员会 with aliases 发改委, 发改局 …"""

    key: str  # ASCII local name: fagaiwei
    name: str  # canonical core name without jurisdiction prefix: 发展和改革委员会
    aliases: tuple[str, ...]  # abbreviations and variants: 发改委, 发改局
    type: str  # a value of UNIT_TYPES: government_department
    template: str | None = None  # full-name template where the name is not prefix + core
    label_en: str = ""

    @property
    def iri(self) -> str:
        return UNIT_NS + self.key

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Theme:
    key: str
    label_zh: str
    label_en: str
    broader: str | None  # key of the top concept, None for a top concept
    aliases: tuple[str, ...]  # section-title variants
    keywords: tuple[str, ...]  # words matched against task text

    @property
    def iri(self) -> str:
        return THEME_NS + self.key


@dataclass(frozen=True)
class Metric:
    key: str
    label_zh: str
    label_en: str
    aliases: tuple[str, ...]
    default_unit: str  # "%", "日", "次", "期", "学时", "人", "件"
    direction: str  # "higher_is_better" | "lower_is_better" | "neutral"

    @property
    def iri(self) -> str:
        return METRIC_NS + self.key


@dataclass(frozen=True)
class Rename:
    key: str
    old_name: str  # 法制局
    new_name: str  # 司法局
    date: str  # "2018" (xsd:gYear) or an ISO date
    old_key: str | None  # lexicon keys, where the names are in units.ttl
    new_key: str | None
    note: str  # the source note


# ---------------------------------------------------------------- reading the Turtle files


def _path(name: str) -> Path:
    return ontology_file(name)


class _Literal(str):
    """A literal's lexical form, with its language tag (None if it has none)."""

    language: str | None = None


class _Triples:
    """The few lookups the lexicon needs over one Turtle file: IRIs as plain strings, literals
    as :class:`_Literal`.  Parsed with pyoxigraph, several times faster than an rdflib graph,
    which matters for every command's start-up."""

    def __init__(self, triples):
        import pyoxigraph as ox

        self._by_po: dict[tuple[str, str], list[str]] = {}
        self._by_sp: dict[tuple[str, str], list[str]] = {}
        for t in triples:
            s, p, o = t.subject.value, t.predicate.value, t.object
            if isinstance(o, ox.Literal):
                value = _Literal(o.value)
                value.language = o.language
            else:
                value = o.value
            self._by_sp.setdefault((s, p), []).append(value)
            if not isinstance(value, _Literal):
                self._by_po.setdefault((p, value), []).append(s)

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return list(self._by_po.get((predicate, obj), ()))

    def objects(self, subject: str, predicate: str) -> list[str]:
        return list(self._by_sp.get((subject, predicate), ()))


@lru_cache(maxsize=None)
def _graph(name: str) -> _Triples:
    import pyoxigraph as ox

    return _Triples(ox.parse(path=str(_path(name)), format=ox.RdfFormat.TURTLE))


def _members(name: str, scheme: str) -> list:
    graph = _graph(name)
    return sorted(graph.subjects(SKOS + "inScheme", ID + scheme), key=str)


def _local(node) -> str:
    return re.split(r"[/#]", str(node))[-1]


def _texts(graph, subject, prop: str, lang: str | None = None) -> list[str]:
    values = graph.objects(subject, prop)
    return sorted(str(v) for v in values if lang is None or getattr(v, "language", None) == lang)


def _one(graph, subject, prop: str, lang: str | None = None) -> str | None:
    values = _texts(graph, subject, prop, lang)
    if len(values) > 1:
        raise ValueError(f"{subject}: more than one {prop} ({', '.join(values)})")
    return values[0] if values else None


def _pref(graph, subject, lang: str) -> str:
    value = _one(graph, subject, SKOS + "prefLabel", lang)
    if value is None:
        raise ValueError(f"{subject}: no skos:prefLabel@{lang}")
    return value


def _alts(graph, subject, pref: str) -> tuple[str, ...]:
    return tuple(a for a in _texts(graph, subject, SKOS + "altLabel", "zh") if a != pref)


def _longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


# ---------------------------------------------------------------- units


@lru_cache(maxsize=1)
def _units() -> tuple[LexEntry, ...]:
    graph = _graph("units.ttl")
    out = []
    for node in _members("units.ttl", "unit-lexicon"):
        name = _pref(graph, node, "zh")
        unit_type = _one(graph, node, FZ + "unitType")
        if unit_type is None or _local(unit_type) not in UNIT_TYPES:
            raise ValueError(f"{node}: fz:unitType missing or unknown ({unit_type})")
        template = _one(graph, node, FZ + "nameTemplate")
        aliases = _alts(graph, node, name)
        out.append(LexEntry(_local(node), name, aliases, UNIT_TYPES[_local(unit_type)], template, _pref(graph, node, "en")))
    return tuple(sorted(out, key=lambda e: e.key))


def unit_lexicon() -> list[LexEntry]:
    """Every standard unit name, sorted by key."""
    return list(_units())


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, LexEntry]:
    index: dict[str, LexEntry] = {}
    for entry in _units():
        for label in entry.labels:
            other = index.setdefault(label, entry)
            if other is not entry:
                raise ValueError(f"units.ttl: {label!r} names both {other.key} and {entry.key}")
    return index


def alias_index() -> dict[str, LexEntry]:
    """Every prefLabel and altLabel → its entry (the caller does longest-first matching)."""
    return dict(_alias_index())


@lru_cache(maxsize=None)
def _scheme_labels(scheme: str) -> tuple[str, ...]:
    graph = _graph("units.ttl")
    words = []
    for node in _members("units.ttl", scheme):
        words.append(_pref(graph, node, "zh"))
        words.extend(_texts(graph, node, SKOS + "altLabel", "zh"))
    return tuple(_longest_first(words))


def collective_subjects() -> list[str]:
    """区政府各有关部门, 各街道 … with their variants, longest first."""
    return list(_scheme_labels("collective-subjects"))


def placeholders() -> list[str]:
    """重大行政决策承办单位, 规范性文件实施单位 … with their variants, longest first."""
    return list(_scheme_labels("placeholders"))


def template_fields(jurisdiction: Jurisdiction) -> dict[str, str]:
    """The values of the fz:nameTemplate placeholders for a unit of ``jurisdiction``, and its prefix.

    {province} {city} {district}: the names of those levels in the chain, "" where there is none (a
    municipality stands in for the city: 北京市朝阳区; a zone fills {district}); {short}: the
    district or county name without its suffix (栖霞), for a zone the part of its name after its
    parent's (经济技术开发区).  ``prefix`` is what a unit name is otherwise prefixed with (南京市栖霞区).
    """
    by_level = {j.level: j.name for j in jurisdiction.chain()}
    level = jurisdiction.level
    province = by_level.get("province", "")
    city = by_level.get("city", "")
    if not city and province.endswith("市") and level != "province":
        city = province
    district = by_level.get("zone") or by_level.get("district") or by_level.get("county") or ""
    short = ""
    if level in ("district", "county"):
        short = jurisdiction.short
    elif level == "zone":
        parent = jurisdiction.parent
        short = jurisdiction.name
        for head in (parent.name, parent.short) if parent else ():
            if short.startswith(head) and len(short) > len(head):
                short = short[len(head):]
                break
    if level == "province":
        prefix = province
    elif level == "zone":
        prefix = jurisdiction.name
    else:
        prefix = city + (district if level != "city" else "")
    return {"province": province, "city": city, "district": district, "short": short, "prefix": prefix}


def full_name(entry: LexEntry, jurisdiction: Jurisdiction | None) -> str:
    """The canonical full name of ``entry`` in ``jurisdiction``: 南京市栖霞区司法局, 南京市公安局栖霞分局.

    A template filling only empty values is not used: with a single run of placeholders the prefix
    stands in (江苏省委组织部), otherwise the name is prefix + core name.  Templates with {short}
    name a city's branch and apply only below a city (市生态环境局 → 南京市生态环境局).
    """
    if jurisdiction is None:
        return entry.name
    fields = template_fields(jurisdiction)
    template = entry.template
    if template and not ("{short}" in template and not (fields["short"] and fields["city"])):
        runs = _PLACEHOLDER_RUN.findall(template)
        if all(run.format(**fields) for run in runs):
            name = template.format(**fields)
            # a zone named after its city (盐城经济技术开发区) does not repeat the city: 盐城市盐城… → 盐城…
            city, district = fields["city"], fields["district"]
            if city and district and city[:-1] and district.startswith(city[:-1]):
                name = name.replace(city + district, district)
            return name
        if len(runs) == 1:
            return template.replace(runs[0], fields["prefix"])
    return fields["prefix"] + entry.name


# ---------------------------------------------------------------- themes, metrics, renames


@lru_cache(maxsize=1)
def _themes() -> tuple[Theme, ...]:
    graph = _graph("themes.ttl")
    out = []
    for node in _members("themes.ttl", "theme"):
        zh = _pref(graph, node, "zh")
        broader = _one(graph, node, SKOS + "broader")
        keywords = tuple(_texts(graph, node, FZ + "keyword", "zh"))
        broader_key = _local(broader) if broader else None
        out.append(Theme(_local(node), zh, _pref(graph, node, "en"), broader_key, _alts(graph, node, zh), keywords))
    return tuple(sorted(out, key=lambda t: t.key))


def themes() -> list[Theme]:
    """Every theme, sorted by key; top concepts have ``broader=None``."""
    return list(_themes())


@lru_cache(maxsize=1)
def _metrics() -> tuple[Metric, ...]:
    graph = _graph("metrics.ttl")
    out = []
    for node in _members("metrics.ttl", "metric"):
        zh = _pref(graph, node, "zh")
        unit, direction = _one(graph, node, FZ + "defaultUnit") or "", _one(graph, node, FZ + "direction") or ""
        out.append(Metric(_local(node), zh, _pref(graph, node, "en"), _alts(graph, node, zh), unit, direction))
    return tuple(sorted(out, key=lambda m: m.key))


def metrics() -> list[Metric]:
    return list(_metrics())


@lru_cache(maxsize=1)
def _metric_index() -> dict[str, Metric]:
    index: dict[str, Metric] = {}
    for metric in _metrics():
        for label in (metric.label_zh, *metric.aliases):
            other = index.setdefault(label, metric)
            if other is not metric:
                raise ValueError(f"metrics.ttl: {label!r} names both {other.key} and {metric.key}")
    return index


def metric_index() -> dict[str, Metric]:
    """Every label and alias → its metric (满意度 → satisfaction_rate)."""
    return dict(_metric_index())


@lru_cache(maxsize=1)
def _renames() -> tuple[Rename, ...]:
    graph = _graph("renames.ttl")
    out = []
    for node in graph.subjects(RDF_TYPE, FZ + "RenameEvent"):
        old_unit = _one(graph, node, FZ + "oldUnit")
        new_unit = _one(graph, node, FZ + "newUnit")
        names = [_one(graph, node, FZ + p) or "" for p in ("oldName", "newName", "date")]
        keys = [_local(u) if u else None for u in (old_unit, new_unit)]
        out.append(Rename(_local(node), *names, *keys, _one(graph, node, DCT_DESCRIPTION) or ""))
    return tuple(sorted(out, key=lambda r: (r.date, r.key)))


def renames() -> list[Rename]:
    """机构改革 renames, oldest first."""
    return list(_renames())
