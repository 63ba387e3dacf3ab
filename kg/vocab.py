"""The project's vocabulary, in one place: namespaces, roles, genres, unit types, comparators.

Every stage speaks these keys (``lead``, ``annual_plan``, ``>=`` …) and takes its words, IRIs and
labels from here: the note patterns are composed from the role words below, the mapping takes the
ontology terms, the views the labels.  A new role word, genre or comparator is one entry here.
Nothing here parses or does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- namespaces ----------------------------------------------------------------------------------

BASE = "https://w3id.org/fazhi-kg/id/"
FZ = "https://w3id.org/fazhi-kg/ontology#"

PREFIXES = {
    "fz": FZ,
    "fzid": BASE,
    "eli": "http://data.europa.eu/eli/ontology#",
    "cv": "http://data.europa.eu/m8g/",
    "org": "http://www.w3.org/ns/org#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "time": "http://www.w3.org/2006/time#",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
XSD = PREFIXES["xsd"]
SPARQL_PREFIXES = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())


def local_name(iri: str | None) -> str:
    """The part of an IRI after its last ``/`` or ``#``: ``…ontology#LeadRole`` → ``LeadRole``."""
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- roles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    key: str  # lead | responsible | cooperating
    zh: str  # 牵头 / 责任 / 配合: the column heads of a 责任分工表
    concept: str  # the fz: concept of cv:role
    shortcut: str  # the fz: property that links a task to the unit directly
    labels: tuple[str, ...]  # note labels that name the role: 牵头单位: …
    verbs: tuple[str, ...]  # words after a unit list that give it the role: 区司法局牵头


ROLES = (
    Role("lead", "牵头", "LeadRole", "leadUnit",
         labels=("牵头单位", "牵头部门", "牵头责任单位", "牵头责任部门", "牵头领导单位", "主要负责单位", "主要负责部门", "主要责任单位",
                 "主要责任部门", "主责单位", "主责部门", "主办单位", "牵头科室", "牵头股室", "牵头处室", "牵头", "主要负责",
                 "第一责任单位", "第一责任部门"),
         verbs=("牵头负责", "牵头落实", "牵头办理", "牵头抓总", "牵头", "总牵头", "主办", "组织", "统筹", "统筹协调", "指导", "督促指导",
                "负总责", "总负责", "主抓", "牵头主抓", "负责牵头", "牵头组织", "牵头推进", "牵头督导",
                "牵头督办", "牵头协调", "牵头实施", "牵头指导")),
    Role("responsible", "责任", "ResponsibleRole", "responsibleUnit",
         labels=("责任单位", "责任部门", "负责单位", "负责部门", "承办单位", "实施单位", "落实单位", "落实部门", "责任主体",
                 "具体责任单位", "具体负责单位", "直接责任单位", "实施主体", "工作主体",
                 "责任科室", "责任股室", "责任处室", "承办科室", "承办处室", "整改责任单位", "问题整改责任单位", "整改单位", "整改责任部门", "问题整改责任部门",
                 "主体责任"),  # (主体责任:X,监督责任:Y — an inspection list's pair: who fixes it, who oversees)
         verbs=("负责落实", "负责实施", "组织实施", "负责", "办理", "承办", "落实", "实施", "推进", "抓好落实", "抓落实",
                "具体落实", "负责推进", "承担", "负责承办", "负责办理", "负责组织实施", "负责组织落实", "负责组织开展",
                "组织开展")),
    Role("cooperating", "配合", "CooperatingRole", "cooperatingUnit",
         labels=("配合单位", "配合部门", "协办单位", "协办部门", "协助单位", "参与单位", "参与部门", "参加单位", "协同单位",
                 "协同责任单位", "协同责任部门", "协同配合责任单位", "协同配合责任部门", "协同配合单位", "协同配合部门",
                 "配合责任单位",
                 "配合责任部门", "协办责任单位", "协同部门", "协作单位",
                 "配合科室", "配合股室", "配合处室", "协办科室", "协办处室", "监督责任"),
         verbs=("配合", "协办", "协助", "参与", "参加", "协同")),
)
ROLE_KEYS = tuple(r.key for r in ROLES)
ROLE = {r.key: r for r in ROLES}
ROLE_BY_CONCEPT = {r.concept: r for r in ROLES}
ROLE_BY_LABEL = {label: r.key for r in ROLES for label in r.labels}

# --- the columns of a task table ---------------------------------------------------------------
# A 责任分工表 is found by the words of its header, not the position of its columns: each column
# kind with the words its head may hold (first match wins, so 牵头 beats 单位).

# how far a task has got, as a column's head (当前进度 | 80%) or a label in its text (完成情况:…): what was done
PROGRESS_WORDS = ("当前进度", "完成进度", "进展情况", "完成情况", "推进情况", "落实情况", "目前进展", "工作进展", "进度情况", "累计完成",
                  "累计进度", "实际完成", "取得成效", "工作成效", "项目进展", "建设进展")

TABLE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("序号", "编号", "序列", "No.", "NO.")),
    ("person", ("责任领导", "分管领导", "牵头领导", "联系领导", "责任人", "分管省领导", "分管市领导")),
    # the role columns: every label a note may use for the role (ROLES above), then shorter words
    ("lead", (*ROLE["lead"].labels, "主办", "主责")),
    ("cooperating", (*ROLE["cooperating"].labels, "配合", "协办", "协助", "协作", "参与")),
    ("responsible", (*ROLE["responsible"].labels, "检查主体", "股室", "科室", "处室", "责任")),
    # how far a row has got (当前进度 | 80%): what was done, no target and no time
    ("progress", PROGRESS_WORDS),
    # when the work was taken on (承办时间 | 2018年10月): no time it is due by
    ("start", ("承办时间", "开始时间", "启动时间", "起始时间")),
    ("time", ("完成时限", "完成期限", "时间节点", "完成节点", "完成时间", "时限", "期限", "开展时间", "进度", "时间", "年限",
              "月度工作计划", "月度计划")),  # (a month's plan: 4月:制定方案 — the step due by that month's end)
    # the measure of a value column (指标名称 | 单位 | 2023年目标); a bare 单位 is one too (column_kind)
    ("unit", ("计量单位", "指标单位")),
    # the points an item weighs in an assessment (考核分值 | 5分): no target, no owner
    ("score", ("分值", "分数", "权重", "标准分", "评分标准", "得分")),
    # where an indicator starts from (基期值 | 目标值) and what sort it is (指标属性: 预期性 / 约束性):
    # values in the row that are no target
    ("baseline", ("基期", "基准值", "基数", "现状值", "现状")),
    ("attribute", ("指标属性", "属性")),
    # a performance-target form (一级指标 | 二级指标 | 三级指标 | 指标值): its first two levels group the
    # rows, the third names each row's indicator, the value column holds its target
    ("group", ("一级指标", "二级指标")),
    ("task", ("三级指标",)),
    ("target", ("目标", "指标", "比例", "频次", "数量", "完成标准", "工作标准", "投资", "年度计划")),  # (总投资(万元): a project's)
    ("task", ("工作任务", "重点任务", "主要任务", "任务", "工作内容", "工作事项", "事项", "计划名称", "检查内容", "具体要求", "工作",
              "内容", "实事", "名称")),  # 民生实事: a 政府工作报告's pledges of the year
    ("measure", ("具体措施", "工作措施", "主要措施", "工作举措", "措施", "举措")),
    ("remark", ("备注", "说明", "督办单位", "督查单位", "督导单位", "考核单位", "资金来源", "绩效标准")),  # who checks is no owner
    ("group", ("领域", "类别", "板块", "项目", "一级指标", "二级指标")),
)


# each kind's words as one pattern of plain alternatives (no repetition: linear in the head)
_COLUMN_PATTERNS = tuple((kind, re.compile("|".join(map(re.escape, words)))) for kind, words in TABLE_COLUMNS)


# Heads no list names are read by their grammar: a head naming a leader (牵头市领导, 分管区领导) is a
# column of people; any other head ending in an organ word (执行单位, 承担单位, 涉及部门, 实施机关) holds
# the units that carry the task, as 责任单位 does.
_PERSON_HEAD = re.compile(r"领导(?!单位|部门|小组|机构)|联系人|负责人")
_OWNER_HEAD = re.compile(r"(?:单位|部门|主体|机关|科室|处室|股室|机构)$")
_VALUE_AND_UNIT = re.compile(r"值(?:及|和|与)?(?:计量)?单位$")  # 指标值及单位: a value with its measure, no owner
YEAR_HEAD = re.compile(r"(?:19|20)\d{2}年?(?:度|底|末)?")  # a column a year: 2021年, 2025
# a column an area of a target split (全市 | 巴州区 | 南江县 | 经开区), not a kind of place (区县, 各区)
AREA_HEAD = re.compile(r"全(?:省|市|县|区|州|盟|旗)|(?![各全]|[省市县区州盟旗]+$)[\u4e00-\u9fff]{2,4}(?<![区县市]区|[区县市]县|市县)(?:区|县|旗)")
# the columns whose values are no target of the task (an assessment's points, a starting value, a kind)
NO_TARGET_KINDS = ("score", "baseline", "attribute", "progress")
# the columns that hold a row's work — its task, a target it sets, a measure — in the order a row's own work is sought
WORK_KINDS = ("task", "target", "measure")
# the columns that name who owns a row: a role's units, or its leader (牵头领导, 责任人)
OWNER_KINDS = (*ROLE_KEYS, "person")


@lru_cache(maxsize=4096)  # asked of every short line of every document: the same few heads again
def column_kind(head: str) -> str | None:
    """What a task table's column holds, from the words of its head: 牵头单位 → lead (spaces inside a
    head are the layout's: 责任  单位)."""
    head = "".join(head.split())
    if head == "单位":  # 指标名称 | 单位 | 目标值: the measure
        return "unit"
    kind = next((kind for kind, pattern in _COLUMN_PATTERNS if pattern.search(head)), None)
    if kind is None and (YEAR_HEAD.fullmatch(head) or AREA_HEAD.fullmatch(head)):
        return "target"  # 指标 | 2021年 | 2022年 …: a value a year; 项目 | 全市 | 巴州区 | 恩阳区 …: a value an area
    if _OWNER_HEAD.search(head) and not _VALUE_AND_UNIT.search(head):  # 牵头领导单位 names units, not leaders
        if kind == "person":
            kind = next((k for k, pattern in _COLUMN_PATTERNS if k in ROLE_KEYS and pattern.search(head)), "responsible")
        elif kind not in ("number", "unit", "remark", *ROLE_KEYS):
            kind = "responsible"
    elif kind != "number" and _PERSON_HEAD.search(head):
        kind = "person"
    return kind


# --- document genres -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Genre:
    key: str
    cls: str  # the fz: class of the document
    family: str  # "plan" (tasks are the point) | "report" (what was done)
    zh: str


GENRES = (
    Genre("annual_plan", "AnnualPlan", "plan", "工作计划"),
    Genre("work_points", "WorkPoints", "plan", "工作要点"),
    Genre("implementation_scheme", "ImplementationScheme", "plan", "实施方案"),
    Genre("task_division", "TaskDivision", "plan", "任务分工"),
    Genre("annual_report", "AnnualReport", "report", "年度报告"),
    Genre("congress_report", "CongressReport", "report", "向人大报告"),
)
GENRE = {g.key: g for g in GENRES}
GENRE_BY_CLASS = {g.cls: g for g in GENRES}
PLAN_GENRES = frozenset(g.key for g in GENRES if g.family == "plan")
REPORT_GENRES = frozenset(g.key for g in GENRES if g.family == "report")
PLAN_CLASSES = tuple(g.cls for g in GENRES if g.family == "plan")
REPORT_CLASSES = tuple(g.cls for g in GENRES if g.family == "report")


def is_plan(genre: str | None) -> bool:
    """A document whose tasks are extracted: a plan genre, or one whose genre is unknown."""
    return genre is None or genre in PLAN_GENRES


# --- unit types ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitType:
    key: str
    concept: str  # the fz: concept of org:classification
    zh: str
    collective: bool = False  # names no single accountable body


UNIT_TYPES = (
    UnitType("party_organ", "PartyOrgan", "党委部门"),
    UnitType("government_department", "GovernmentDepartment", "政府部门"),
    UnitType("government_office", "GovernmentOffice", "政府办事机构"),
    UnitType("court_procuratorate", "CourtOrProcuratorate", "法院/检察院"),
    UnitType("dispatched_branch", "DispatchedBranch", "派出机构"),
    UnitType("higher_level_branch", "HigherLevelBranch", "上级垂直机构"),
    UnitType("leading_group_office", "LeadingGroupOffice", "领导小组办公室"),
    UnitType("leading_group", "LeadingGroup", "领导小组"),
    UnitType("subdistrict_township", "SubdistrictOrTownship", "街道/乡镇"),
    UnitType("development_zone", "DevelopmentZoneBody", "开发区机构"),
    UnitType("peoples_organisation", "PeoplesOrganisation", "人民团体"),
    UnitType("public_institution", "PublicInstitution", "事业单位"),
    UnitType("collective", "CollectiveSubject", "泛指主体", collective=True),
    UnitType("role_placeholder", "RolePlaceholder", "角色占位", collective=True),
    UnitType("other", "OtherUnit", "其他"),
)
UNIT_TYPE = {t.key: t for t in UNIT_TYPES}
UNIT_TYPE_BY_CONCEPT = {t.concept: t for t in UNIT_TYPES}
COLLECTIVE_CONCEPTS = tuple(t.concept for t in UNIT_TYPES if t.collective)

# --- comparators ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparator:
    op: str  # as the JSON contract writes it
    odrl: str  # the ODRL operator's local name
    symbol: str  # for people


COMPARATORS = (
    Comparator(">=", "gteq", "≥"),
    Comparator("<=", "lteq", "≤"),
    Comparator("=", "eq", "="),
    Comparator(">", "gt", ">"),
    Comparator("<", "lt", "<"),
)
COMPARATOR = {c.op: c for c in COMPARATORS}
COMPARATOR_BY_ODRL = {c.odrl: c for c in COMPARATORS}
