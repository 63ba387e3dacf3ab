"""A deterministic generator of synthetic 法治政府建设工作计划 in the layout of seeds 000 and 001.

Every document has a red-header or web-metadata preamble with a unique 文号, a title line, parts
一、二、三、, sections (一)… under part 二, numbered tasks of two to four sentences recombined
from the task sentences of the bundled seeds (000, 001 and the schemes of 003), a
``(牵头单位:…,责任单位:…)`` note with unit lists of varying length, and now and then a target
(听证率不低于70%, 败诉率不超过8%, 办复率达100% …) or a deadline (2023年年底前 …).

Jurisdictions are real district- and county-level divisions (GB/T 2260, the table behind
:mod:`kg.reference.jurisdiction`) of seventeen provinces, shuffled once with the seed; document ``i`` takes
division ``i mod D`` and a year in 2019–2024 that differs on every pass over the divisions, so
the first 10,000 documents are 10,000 distinct (division, year) pairs (D = 1,751).

Document ``i`` depends only on ``seed`` and ``i``: ``generate(100, …)`` writes the first hundred
files of ``generate(1000, …)``.  Files are written one at a time; nothing but the seed sentences
is held in memory.

    python -m benchmarks.generate 1000 /tmp/corpus [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from benchmarks.variety import SPELLINGS, report, special_note, variant

YEARS = tuple(range(2019, 2025))
# Provinces whose districts and counties the corpus is set in (1,751 divisions in all).
PROVINCES = ("320000", "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000",
             "440000", "450000", "510000", "610000", "130000", "110000", "310000", "500000")
CN_NUM = "一二三四五六七八九十"

SECTION_TITLES = (
    "依法全面履行政府职能", "完善依法行政制度体系", "推进依法科学民主决策", "严格规范公正文明执法",
    "强化行政权力制约监督", "依法有效化解社会矛盾", "建设数字法治政府", "优化法治政府建设推进机制",
    "完善依法行政保障措施", "健全突发事件应对体系", "加快推进法治社会建设", "全面提升依法行政能力",
)

# (alias without the level prefix, weight): forms the seeds and the unit lexicon use.
UNITS = (
    ("司法局", 30), ("发改委", 8), ("市场监管局", 8), ("财政局", 6), ("审计局", 4), ("卫健委", 5),
    ("应急管理局", 5), ("人社局", 4), ("住建局", 4), ("交通运输局", 3), ("行政审批局", 6), ("委编办", 4),
    ("委网信办", 3), ("政府办", 8), ("民政局", 3), ("农业农村局", 3), ("水务局", 2), ("城管局", 3),
    ("教育局", 3), ("信访局", 3), ("法院", 3), ("检察院", 3), ("统计局", 2), ("商务局", 2),
    ("科技局", 2), ("工信局", 3), ("委宣传部", 3), ("委组织部", 3), ("数据局", 2), ("退役军人局", 1),
    ("文旅局", 2), ("公安局", 4), ("生态环境局", 4), ("依法行政办", 3), ("金融监管局", 1), ("税务局", 1),
)

TARGETS = (
    "全年行政复议案件听证率不低于{p60}%。",
    "确保全年经复议后被诉讼案件的败诉率不超过{p8}%。",
    "及时向法院反馈司法建议采纳情况,办复率达100%。",
    "认真研究、及时处理人大、政协提出的意见建议,相关满意率达{p95}%以上。",
    "行政机关负责人出庭应诉率达{p90}%以上。",
    "向社会公开征求意见的期限一般不少于30日。",
    "法制审核人员不得少于本单位执法人员总数的5%。",
    "各级政府及其部门领导班子每年集体学法{k}次以上。",
    "行政规范性文件备案审查率达100%。",
    "自觉接受配合监察机关开展监督工作,及时反馈相关建议采纳情况,办复率达100%。",
)

DEADLINES = (
    "{y}年年底前实现{x}全覆盖。",
    "{y}年{m}月底前完成{z}。",
    "{y}年上半年完成{z}。",
    "{y}年第{q}季度前建成{w}。",
)
DEADLINE_X = ("行政执法监督", "公职律师工作", "基层政务公开标准体系", "合法性审查", "法律顾问", "政务服务事项网上办理")
DEADLINE_Z = ("规范性文件清理工作", "权责清单动态调整", "行政执法案卷评查", "重大行政决策目录公开", "法治政府建设年度报告")
DEADLINE_W = ("行政执法监督平台", "矛盾纠纷多元化解中心", "公共法律服务中心", "政务数据共享交换平台")

FALLBACK_SENTENCES = (
    "全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度。",
    "加强行政执法辅助人员培训和管理。",
    "完善矛盾纠纷多元化解机制。",
    "健全政府信息公开协调机制,确保公开的政府信息准确一致。",
)


@dataclass(frozen=True)
class SeedTask:
    title: str
    sentences: tuple[str, ...]


_ITEM = re.compile(r"^\s*(?:-\s*)?(?:\*\*)?\s*\d{1,2}\s*[.．、]\s*(?:\*\*)?")
_SECTION = re.compile(r"^\s*(?:-\s*)?(?:#+\s*)?[(（][一二三四五六七八九十]+[)）]\s*")
_PART = re.compile(r"^\s*(?:#+\s*)?[一二三四五六七八九十]+、")
_NOTE = re.compile(r"[(（]\s*(?:牵头|责任)[^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*[)）]")
_UNCONTROLLED = re.compile(r"\d|[%％]|不少于|不低于|不超过|年底")
_SKIP_TITLES = ("指导思想", "主要原则", "总体目标", "工作要求")


def _seed_items(text: str, *, sections_are_tasks: bool) -> list[str]:
    items: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        is_item = bool(_ITEM.match(stripped)) and not sections_are_tasks
        is_section = bool(_SECTION.match(stripped))
        if is_item or (sections_are_tasks and is_section):
            if current:
                items.append("".join(current))
            head = _ITEM if is_item else _SECTION
            current = [head.sub("", stripped, count=1)]
        elif is_section or _PART.match(stripped) or stripped.startswith("#"):
            if current:
                items.append("".join(current))
            current = None
        elif current is not None:
            current.append(stripped)
    if current:
        items.append("".join(current))
    return items


@lru_cache(maxsize=1)
def seed_tasks() -> tuple[SeedTask, ...]:
    """The task titles and sentences of seeds 000, 001 and 003 (targets and deadlines removed)."""
    from kg.resources import sample_files

    tasks = []
    for path in sample_files():
        prefix = path.name[:4]
        if prefix not in ("000_", "001_", "003_"):
            continue
        text = path.read_text(encoding="utf-8")
        for raw in _seed_items(text, sections_are_tasks=prefix == "003_"):
            body = re.sub(r"\s+", "", _NOTE.sub("", raw.replace("**", "")))
            parts = [p + "。" for p in body.split("。") if p.strip("。 -")]
            if len(parts) < 2:
                continue
            title = parts[0].rstrip("。")
            if any(word in title for word in _SKIP_TITLES) or len(title) > 30:
                continue
            sentences = tuple(s for s in parts[1:] if not _UNCONTROLLED.search(s) and 8 <= len(s) <= 160)
            if sentences:
                tasks.append(SeedTask(title, sentences))
    if not tasks:  # the samples are missing: still produce a corpus
        tasks.append(SeedTask("加强执法规范化建设", FALLBACK_SENTENCES))
    return tuple(tasks)


@lru_cache(maxsize=1)
def divisions() -> tuple[str, ...]:
    """District- and county-level GB/T 2260 codes of :data:`PROVINCES`, in a fixed order."""
    from kg.reference.jurisdiction import _table

    by_code = _table().by_code
    return tuple(sorted(code for code, j in by_code.items()
                        if j.code == code and j.level in ("district", "county") and code[:2] + "0000" in PROVINCES))


def _shuffled_divisions(seed: int) -> list[str]:
    codes = list(divisions())
    random.Random(f"divisions-{seed}").shuffle(codes)
    return codes


def _level_prefix(name: str) -> str:
    for suffix, prefix in (("区", "区"), ("县", "县"), ("旗", "旗"), ("市", "市")):
        if name.endswith(suffix):
            return prefix
    return "区"


def _units(rng: random.Random, prefix: str, short: str, k: int, exclude: set[str] = frozenset()) -> list[str]:
    """``k`` different units (by alias), now and then written another way (:func:`variety.variant`)."""
    names, weights = zip(*UNITS)
    out: list[str] = []
    seen: set[str] = set(exclude)
    while len(out) < k:
        alias = rng.choices(names, weights)[0]
        if alias in seen:
            continue
        seen.add(alias)
        if alias == "生态环境局":
            unit = f"{short}生态环境局"
        elif alias == "公安局" and prefix == "区":
            unit = variant(rng, "区", "公安分局")
        elif alias == "税务局":
            unit = f"{short}税务局"
        else:
            unit = variant(rng, prefix, alias)
        out.append(unit)
    return out


def _collective(prefix: str) -> str:
    base = {"区": "各街道", "县": "各乡镇", "旗": "各苏木乡镇", "市": "各镇(街道)"}[prefix]
    return f"{prefix}政府各有关部门、{base}"


def _note(rng: random.Random, prefix: str, short: str) -> str:
    k_lead = rng.choices((1, 2, 3, 4, 5, 6), (35, 30, 15, 10, 6, 4))[0]
    leads = _units(rng, prefix, short, k_lead)
    special = special_note(rng, prefix, _collective(prefix), leads)
    if special is not None:
        return special
    if rng.random() < 0.55:
        responsible = _collective(prefix)
    else:
        extra = _units(rng, prefix, short, rng.randint(1, 6), exclude=set(_alias_of(u, prefix, short) for u in leads))
        responsible = "、".join(extra) + ("、" + _collective(prefix) if rng.random() < 0.5 else "")
    lead_label = rng.choices(("牵头单位", "牵头部门"), (9, 1))[0]
    return f"({lead_label}:{'、'.join(leads)},责任单位:{responsible})"


def _alias_of(unit: str, prefix: str, short: str) -> str:
    """The :data:`UNITS` alias a unit name was made from (its spelling variants included)."""
    for alias, _ in UNITS:
        forms = (alias,) + tuple(f.lstrip("@") for f in SPELLINGS.get(alias, ()))
        if alias == "公安局":
            forms += ("公安分局",)
        if any(unit.endswith(f) for f in forms):
            return alias
    return unit


def _target(rng: random.Random) -> str:
    return rng.choice(TARGETS).format(p60=rng.choice((60, 70, 75, 80)), p8=rng.choice((5, 8, 10)),
                                      p95=rng.choice((90, 95, 98)), p90=rng.choice((80, 90, 95, 100)),
                                      k=rng.choice((2, 3, 4)))


def _deadline(rng: random.Random, year: int) -> str:
    return rng.choice(DEADLINES).format(y=year + rng.choice((0, 0, 1, 2)), m=rng.choice((3, 6, 9, 10)),
                                        q=rng.choice("二三四"), x=rng.choice(DEADLINE_X),
                                        z=rng.choice(DEADLINE_Z), w=rng.choice(DEADLINE_W))


def _task(rng: random.Random, number: int, year: int, prefix: str, short: str, markdown: bool,
          places: dict[str, str]) -> str:
    pool = seed_tasks()
    main = rng.choice(pool)
    count = rng.randint(2, 4)
    sentences = rng.sample(main.sentences, min(len(main.sentences), count))
    while len(sentences) < count:  # borrow from other seed tasks: recombination
        other = rng.choice(pool)
        sentences.append(rng.choice(other.sentences))
    if rng.random() < 0.25:
        sentences.insert(rng.randint(1, len(sentences)), _target(rng))
    if rng.random() < 0.2:
        sentences.insert(rng.randint(1, len(sentences)), _deadline(rng, year))
    title = main.title
    for seed_name, name in places.items():
        title = title.replace(seed_name, name)
    body = "".join(sentences).replace("本区", f"本{prefix}").replace("全区", f"全{prefix}")
    for seed_name, name in places.items():
        body = body.replace(seed_name, name)
    head = f"- {number}. " if markdown else f"{number}."
    return f"{head}{title}。{body}{_note(rng, prefix, short)}"


def _guidance(year: int, prefix: str) -> str:
    return (f"{year}年全{prefix}法治政府建设工作,以习近平新时代中国特色社会主义思想为指导,深入践行习近平法治思想,"
            f"全面贯彻落实中央全面依法治国工作会议精神,坚持在法治的轨道上推进政府治理体系和治理能力现代化,"
            f"为全{prefix}经济社会高质量发展提供坚实法治保障。")


REQUIREMENTS = (
    "加强组织领导。法治政府建设是全面依法治国的主体工程,各部门要提高政治站位,强化组织领导和工作保障,提出本年度法治政府建设具体工作任务和措施。",
    "强化责任落实。各单位党政主要负责人要切实履行推进法治建设第一责任人职责,压紧压实责任,加强贯彻落实情况跟踪督促检查。",
    "加强调查研究。各单位要结合实际情况,加强推进依法行政、建设法治政府的理论探索和调查研究,总结提炼成功经验。",
    "充分宣传引导。要充分利用报纸、广播、电视、网络、新媒体等载体,加大对法治政府建设典型做法和工作成效的宣传力度。",
)


def document(i: int, seed: int = 0) -> tuple[str, str]:
    """File name and text of document ``i``."""
    from kg.reference.jurisdiction import by_code

    codes = _shuffled_divisions(seed)
    is_report = i % 5 == 4  # every fifth document reports on the year of the plan before it
    at = i - 1 if is_report else i
    code = codes[at % len(codes)]
    year = YEARS[(at // len(codes) + int(code) % len(YEARS)) % len(YEARS)]
    rng = random.Random(f"doc-{seed}-{i}")
    j = by_code(code)
    city = j.parent
    city_name = city.name if city is not None else ""
    prefix = _level_prefix(j.name)
    short = j.short
    province = j.chain()[-1]
    abbr = (city.short[:1] if city is not None else "") + short[:1]
    doc_number = f"{abbr}依法〔{year}〕{i + 1}号"
    if is_report:
        lines = report(rng, name=j.name, short=short, city_name=city_name, prefix=prefix, year=year,
                       doc_number=f"{abbr}政发〔{year + 1}〕{i + 1}号", cn_num=CN_NUM)
        return f"{i:05d}_{code}_{year}.txt", "\n".join(lines)
    markdown = rng.random() < 0.5
    kind = rng.choice(("工作计划", "工作计划", "重点工作计划", "工作要点"))
    title = f"{j.name}{year}年法治政府建设{kind}" if markdown else f"{year}年全{prefix}法治政府建设{kind}"
    month, day = rng.randint(1, 9), rng.randint(1, 28)
    group = f"{city_name}{j.name}全面推进依法行政工作领导小组"
    # the seeds' own place names (in this order: longest first) become this document's
    places = {"江苏省": province.name, "南京市": city_name or province.name, "栖霞区": j.name, "栖霞": short,
              "南京": (city.short if city is not None else province.short), "宁企通": f"{short[:1]}企通"}
    lines: list[str] = []
    if markdown:
        lines += [f"# {group}文件", "", doc_number, "", f"## 关于印发{title}的通知", "",
                  f"各{'街道办事处' if prefix == '区' else '乡镇人民政府'},{prefix}机关各部门:", "",
                  f"《{title}》已经{prefix}政府同意,现印发给你们,请结合工作实际,认真组织落实。", "",
                  f"{group} {year}年{month}月{day}日", "", f"### {title}", ""]
    else:
        lines += [f"索引号 {code}000000/{year}-{i + 1:05d} 组配分类 法治政府建设",
                  f"发布机构 {city_name}{j.name}依法治{prefix}办公室 发文日期 {year}-{month:02d}-{day:02d}",
                  f"文号 {doc_number} 主题分类 公安、司法", "体裁分类 通知 公开方式 主动公开", "",
                  f"关于印发《{title}》的通知", "",
                  f"各{'街道' if prefix == '区' else '乡镇'},{prefix}各部委办局,{prefix}各直属单位:", "",
                  f"为做好{year}年我{prefix}法治政府建设部署工作,现将《{title}》印发给你们,请结合实际,认真贯彻执行。", "",
                  f"{prefix}依法治{prefix}办", f"{year}年{month}月{day}日", "", title, ""]
    lines += [f"根据《{province.name}{year}年法治政府建设工作计划》和{prefix}委、{prefix}政府决策部署,"
              f"结合全{prefix}工作实际,现就{year}年全{prefix}法治政府建设工作作出如下安排。", ""]
    h = "#### " if markdown else ""
    lines += [f"{h}一、指导思想", "", _guidance(year, prefix), "", f"{h}二、重点工作及责任分工", ""]
    n_sections = rng.randint(5, 8)
    number = 0
    for s, section in enumerate(rng.sample(SECTION_TITLES, n_sections)):
        lines += [f"- ({CN_NUM[s]}) {section}" if markdown else f"({CN_NUM[s]}){section}", ""]
        for _ in range(rng.randint(2, 6)):
            number += 1
            lines += [_task(rng, number, year, prefix, short, markdown, places), ""]
    lines += [f"{h}三、工作要求", ""]
    for r, text in enumerate(REQUIREMENTS[: rng.randint(2, 4)]):
        lines += [f"- ({CN_NUM[r]}){text}" if markdown else f"({CN_NUM[r]}){text}", ""]
    name = f"{i:05d}_{code}_{year}.txt"
    return name, "\n".join(lines)


def generate(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write documents 0 … n-1 to ``out_dir`` (created if needed), one at a time; their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, text = document(i, seed)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out_dir, args.seed)
    print(f"wrote {len(paths)} documents to {args.out_dir}")


if __name__ == "__main__":
    main()
