"""Cascade alignment of the 栖霞区 2021 plan (seed 000, lower) against the 南京市 2021–2025 scheme
(seed 003, higher).

Every expected match below was checked by reading both documents; the phrases the two texts
share are quoted next to each pair.
"""

from pathlib import Path

import pytest
import rdflib

from kg.compare.align import DEFAULT_THRESHOLD, align, alignment_graph, alignment_quads, output, tokens, to_json, to_table
from kg.rdf.mapping import document_iri

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FZ = "https://w3id.org/fazhi-kg/ontology#"


@pytest.fixture(scope="module")
def plans():
    from kg.extract.pipeline import extract_path

    return extract_path(SAMPLES / "000_fbb961a89fe9d432.txt"), extract_path(SAMPLES / "003_06ec0521e48adf05.txt")


@pytest.fixture(scope="module")
def alignment(plans):
    lower, higher = plans
    return align(lower, higher)


def number_of(higher, label):
    return next(t.number for t in higher.tasks if t.label == label)


# (003 item, 000 task): what the two texts share, read by hand
BEST = [
    ("(二十四)", 27),  # 深化行政复议体制改革 / 提升行政复议工作质量: 败诉率不超过8%, 司法所设置申请接收窗口, 决定书网上公开
    ("(二十五)", 28),  # 行政应诉: 定期通报出庭应诉情况, 不能出庭情况说明制度, 庭审旁听, 庭后点评和互动交流
    ("(十一)", 10),  # 行政规范性文件: 严禁越权发文、严控发文数量、严格制发程序, 合法性审核机制
    ("(三十一)", 6),  # 突发事件: 推进突发事件行政手段应用的制度化、规范化
    ("(六)", 3),  # 事中事后监管: 对食品药品、公共卫生、生态环境、安全生产、劳动保障、野生动物保护等 … 全覆盖监管
    ("(三十六)", 31),  # 智慧监管执法 / "互联网+监管": 远程监管、移动监管、预警防控 … 非现场监管
    ("(八)", 2),  # 营商环境: 畅通"企业家服务日"等政企沟通机制
    ("(十六)", 17),  # 加大重点领域执法力度 (same title, same list of fields)
    ("(五)", 1),  # "放管服"改革: 证明事项告知承诺制, "一件事"改革
]


@pytest.mark.parametrize("label,lower_number", BEST)
def test_best_implementing_task(plans, alignment, label, lower_number):
    best = alignment.best(number_of(plans[1], label))
    assert best is not None and best.lower.number == lower_number
    assert best.score >= DEFAULT_THRESHOLD


def test_major_decision_procedure_is_implemented_by_the_decision_tasks(plans, alignment):
    # (十三) 严格落实重大行政决策程序: 目录化管理, 听证, 专家论证, 公开征求公众意见 —
    # 000 tasks 12 (目录管理, 专家论证), 13 (公众参与, 听证会), 14 (合法性审查, 专家论证)
    best = alignment.best(number_of(plans[1], "(十三)"))
    assert best.lower.number in (12, 13, 14)
    assert {l.lower.number for l in alignment.matches(best.higher.number)} >= {12, 13}


def test_gaps_have_no_counterpart(plans, alignment):
    gaps = {g.label for g in alignment.gaps}
    # 000 names neither 江北新区 nor 自贸 (片区/试验区) nor 长三角, and has no task on 行政裁决
    # (the word appears once, in the list of bodies of 25.'s 非诉讼综合解决平台)
    assert {"(二十六)", "(二十七)", "(二十三)"} <= gaps
    for label, _ in BEST:
        assert label not in gaps
    lower_text = plans[0].text
    assert "江北" not in lower_text and "自贸" not in lower_text and "长三角" not in lower_text


def test_links_are_ranked_and_deterministic(plans, alignment):
    again = align(*plans)
    assert again.to_dict() == alignment.to_dict()
    for h in plans[1].tasks:
        links = alignment.matches(h.number)
        assert len(links) <= 3
        assert [l.rank for l in links] == list(range(1, len(links) + 1))
        keys = [(-round(l.score, 10), l.lower.number) for l in links]
        assert keys == sorted(keys)
    one = align(*plans, top=1)
    assert all(l.rank == 1 for l in one.links)


def test_tokens_drop_noise():
    words = tokens("深化行政复议体制改革,确保全年经复议后被诉讼案件的败诉率不超过8%。(牵头单位:区司法局)")
    assert "败诉率" in words
    assert not any(len(w) < 2 or w in {"8%", ",", "。"} for w in words)
    assert "进一步" not in tokens("进一步加强行政复议")


def test_alignment_quads(plans, alignment):
    lower, higher = plans
    low_doc, high_doc = document_iri(lower), document_iri(higher)
    quads = alignment_quads(alignment, low_doc, high_doc)
    graph = alignment_graph(low_doc, high_doc)
    assert graph == ("https://w3id.org/fazhi-kg/id/graph/align/" + low_doc.rsplit("/", 1)[1] + "--"
                     + high_doc.rsplit("/", 1)[1])
    assert all(q[3] == f"<{graph}>" for q in quads)
    ds = rdflib.Dataset()
    ds.parse(data="".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads), format="nquads")
    g = ds.graph(rdflib.URIRef(graph))
    links = set(g.subjects(rdflib.RDF.type, rdflib.URIRef(FZ + "Alignment")))
    assert len(links) == len(alignment.links)
    for link in links:
        (score,) = g.objects(link, rdflib.URIRef(FZ + "score"))
        assert score.datatype == rdflib.XSD.decimal and len(str(score).partition(".")[2]) <= 4  # canonical: 0.125, not 0.1250
    assert not list(g.subject_objects(rdflib.URIRef(SKOS + "closeMatch")))  # tasks are not SKOS concepts
    close = rdflib.URIRef(FZ + "implements")
    # task IRIs as kg.rdf.mapping builds them: <doc>/task/<path key>
    assert (rdflib.URIRef(f"{low_doc}/task/p2-s6-i27"), close, rdflib.URIRef(f"{high_doc}/task/s24")) in g
    assert (rdflib.URIRef(f"{low_doc}/task/p2-s6-i28"), close, rdflib.URIRef(f"{high_doc}/task/s25")) in g
    matched = {(str(s), str(o)) for s, o in g.subject_objects(close)}
    expected = sum(1 for l in alignment.links if l.rank == 1 and l.score >= alignment.threshold)
    assert len(matched) <= expected  # two higher items may share their best lower task
    gap = next(t for t in higher.tasks if t.label == "(二十六)")
    assert not any(o.endswith(f"/task/s{gap.number}") for _, o in matched)


def test_alignment_task_iris_exist_in_the_store(plans, alignment):
    from kg.jobs.build import build
    from kg.store import open_store

    st = open_store("memory")
    build([SAMPLES / "000_fbb961a89fe9d432.txt", SAMPLES / "003_06ec0521e48adf05.txt"], st)
    low_doc, high_doc = document_iri(plans[0]), document_iri(plans[1])
    st.replace_document(alignment_graph(low_doc, high_doc), alignment_quads(alignment, low_doc, high_doc))
    rows = st.query("""PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
        SELECT ?low ?high WHERE { ?link a fz:Alignment ; fz:lowerTask ?low ; fz:higherTask ?high .
        FILTER NOT EXISTS { ?low a fz:Task } }""").records()
    assert rows == []


def test_renderers(alignment):
    text = to_table(alignment)
    assert "深化行政复议体制改革" in text and "缺口" in text
    from kg.render.output import render

    csv_text = render(output(alignment), "csv")
    assert csv_text.startswith("\ufeff"), "a byte-order mark, so Excel reads the UTF-8"
    assert csv_text[1:].splitlines()[0] == "higher,higher_title,rank,lower,lower_title,score,shared_themes"
    assert "(二十四),深化行政复议体制改革,1,27.,提升行政复议工作质量," in csv_text
    import json

    data = json.loads(to_json(alignment))
    assert {g["label"] for g in data["gaps"]} == {g.label for g in alignment.gaps}
