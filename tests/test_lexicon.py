"""The SKOS vocabularies in ontology/ and their Python view in kg.reference.lexicon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.reference import jurisdiction

from kg.reference import lexicon, tokenizer
from kg.resources import sample_files

rdflib = pytest.importorskip("rdflib")
from rdflib.namespace import RDF, SKOS  # noqa: E402

FILES = ["units.ttl", "themes.ttl", "metrics.ttl", "renames.ttl"]
ID = "https://w3id.org/fazhi-kg/id/"

METRIC_KEYS = {
    "satisfaction_rate", "reply_rate", "hearing_rate", "loss_rate", "appearance_rate", "completion_rate",
    "correction_rate", "filing_rate", "timeliness_rate", "conformity_rate", "resolution_rate",
    "mediation_success_rate", "no_meeting_rate", "registration_rate", "coverage_rate", "staffing_rate",
    "creation_rate", "comment_period", "study_sessions", "training_sessions", "training_hours",
    "hearing_attendance", "offsite_training", "meeting_count", "legal_review_staff_share", "case_handlers",
    "review_cases", "litigation_cases", "mediated_disputes", "legal_aid_cases", "normative_documents",
    "suggestions_handled",
}  # fmt: skip

TOP_THEMES = {
    "gov_functions", "rule_system", "decision_making", "law_enforcement", "emergency", "dispute_resolution",
    "power_oversight", "digital_government", "leadership", "legal_capacity",
}  # fmt: skip

NARROW_THEMES = {
    "fangguanfu", "business_environment", "admin_approval", "credit", "market_supervision", "public_health",
    "emergency_management", "public_security", "ecology", "legislation", "normative_documents",
    "major_decisions", "legal_advisers", "comprehensive_enforcement", "enforcement_standards",
    "admin_criminal_link", "open_government", "audit", "congress_oversight", "public_oversight",
    "admin_review", "admin_litigation", "mediation", "public_legal_services", "petitions", "digital_services",
    "legal_education", "cadre_study", "inspection", "demonstration", "intellectual_property", "contracts",
    "admin_adjudication",
}  # fmt: skip


def graph(name: str):
    g = rdflib.Graph()
    g.parse(lexicon._path(name), format="turtle")
    return g


@pytest.mark.parametrize("name", FILES)
def test_turtle_parses(name):
    assert len(graph(name)) > 0


@pytest.mark.parametrize("name", ["units.ttl", "themes.ttl", "metrics.ttl"])
def test_every_concept_is_labelled_defined_and_in_a_scheme(name):
    g = graph(name)
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts
    for c in concepts:
        langs = [lit.language for lit in g.objects(c, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "zh"], c
        assert any(lit.language == "en" for lit in g.objects(c, SKOS.definition)), c
        assert (c, SKOS.inScheme, None) in g, c
        local = re.split(r"[/#]", str(c))[-1]
        assert re.fullmatch(r"[A-Za-z0-9_\-]+", local), c
        for lit in g.objects(c, SKOS.altLabel):
            assert lit.language == "zh", (c, lit)


def test_schemes_are_labelled():
    for name in ["units.ttl", "themes.ttl", "metrics.ttl"]:
        g = graph(name)
        for scheme in set(g.objects(None, SKOS.inScheme)):
            assert (scheme, RDF.type, SKOS.ConceptScheme) in g, scheme
            assert {lit.language for lit in g.objects(scheme, SKOS.prefLabel)} == {"zh", "en"}


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    "alias, name, unit_type",
    [
        ("发改委", "发展和改革委员会", "government_department"),
        ("发改局", "发展和改革委员会", "government_department"),
        ("市场监管局", "市场监督管理局", "government_department"),
        ("人社局", "人力资源和社会保障局", "government_department"),
        ("人力资源社会保障局", "人力资源和社会保障局", "government_department"),
        ("卫健委", "卫生健康委员会", "government_department"),
        ("卫生健康委", "卫生健康委员会", "government_department"),
        ("住建局", "住房和城乡建设局", "government_department"),
        ("工信局", "工业和信息化局", "government_department"),
        ("编办", "机构编制委员会办公室", "party_organ"),
        ("委编办", "机构编制委员会办公室", "party_organ"),
        ("网信办", "网络安全和信息化委员会办公室", "party_organ"),
        ("委网信办", "网络安全和信息化委员会办公室", "party_organ"),
        ("政法委", "政法委员会", "party_organ"),
        ("委组织部", "组织部", "party_organ"),
        ("委宣传部", "宣传部", "party_organ"),
        ("文明办", "精神文明建设委员会办公室", "party_organ"),
        ("审批局", "行政审批局", "government_department"),
        ("应急局", "应急管理局", "government_department"),
        ("文旅局", "文化和旅游局", "government_department"),
        ("城管局", "城市管理局", "government_department"),
        ("科技局", "科学技术局", "government_department"),
        ("医保局", "医疗保障局", "government_department"),
        ("公安分局", "公安分局", "dispatched_branch"),
        ("法院", "人民法院", "court_procuratorate"),
        ("检察院", "人民检察院", "court_procuratorate"),
        ("监委", "监察委员会", "court_procuratorate"),
        ("纪委", "纪律检查委员会", "party_organ"),
        ("政府办", "政府办公室", "government_office"),
        ("府办", "政府办公室", "government_office"),
        ("党政办", "党政办公室", "government_office"),
        ("依法行政办", "全面推进依法行政工作领导小组办公室", "leading_group_office"),
        ("依法治区办", "全面依法治区委员会办公室", "party_organ"),
        ("依法治市办", "全面依法治市委员会办公室", "party_organ"),
        ("依法治县办", "全面依法治县委员会办公室", "party_organ"),
        ("经发局", "经济发展局", "government_department"),
        ("安监环保局", "安全生产监督管理和环境保护局", "government_department"),
        ("社事局", "社会事业局", "government_department"),
        ("执法局", "综合行政执法局", "government_department"),
        ("税务局", "税务局", "higher_level_branch"),
        ("法制局", "法制局", "government_department"),
        ("监察局", "监察局", "government_department"),
        ("金融监管局", "金融监督管理局", "government_department"),
        ("文化局", "文化局", "government_department"),
        ("生态环境局", "生态环境局", "government_department"),
        ("自然资源和规划分局", "自然资源和规划分局", "dispatched_branch"),
    ],
)
def test_alias_lookup(alias, name, unit_type):
    entry = lexicon.alias_index()[alias]
    assert entry.name == name
    assert entry.type == unit_type


@pytest.mark.parametrize(
    "name",
    ["司法局", "财政局", "审计局", "民政局", "信访局", "农业农村局", "水务局", "交通运输局", "教育局", "数据局",
     "统计局", "商务局", "退役军人事务局", "公安局", "自然资源和规划局"],
)  # fmt: skip
def test_required_units_present(name):
    assert lexicon.alias_index()[name].name == name


def test_unit_entries_are_well_formed():
    entries = lexicon.unit_lexicon()
    assert [e.key for e in entries] == sorted(e.key for e in entries)
    assert len({e.key for e in entries}) == len(entries)
    for e in entries:
        assert e.type in lexicon.UNIT_TYPES.values()
        assert e.name not in e.aliases
        assert e.label_en and e.iri.startswith(ID + "unit-lexicon/")
        if e.template:
            assert set(re.findall(r"\{(\w+)\}", e.template)) <= {"province", "city", "district", "short"}


def test_names_are_not_shared_between_units_and_collectives():
    units = set(lexicon.alias_index())
    groups = set(lexicon.collective_subjects()) | set(lexicon.placeholders())
    assert not units & groups
    assert not set(lexicon.collective_subjects()) & set(lexicon.placeholders())


def test_results_are_copies():
    lexicon.unit_lexicon().clear()
    lexicon.alias_index().clear()
    assert lexicon.unit_lexicon() and lexicon.alias_index()


@pytest.mark.parametrize(
    "phrase", ["区政府各有关部门", "各街道", "区各部门", "市级各有关部门", "各有关部门", "区机关各部门", "各园区平台",
               "各镇(街道)", "各乡镇", "各级政府", "各级行政机关"],
)  # fmt: skip
def test_collective_subjects(phrase):
    assert phrase in lexicon.collective_subjects()


@pytest.mark.parametrize(
    "phrase", ["重大行政决策承办单位", "规范性文件实施单位", "政府规章起草单位", "决策承办单位", "行政执法机关"]
)
def test_placeholders(phrase):
    assert phrase in lexicon.placeholders()


def test_group_lists_are_longest_first():
    for words in (lexicon.collective_subjects(), lexicon.placeholders()):
        assert words == sorted(set(words), key=lambda w: (-len(w), w))


@pytest.mark.parametrize(
    "alias, where, expected",
    [
        ("司法局", "栖霞区", "南京市栖霞区司法局"),
        ("公安分局", "栖霞区", "南京市公安局栖霞分局"),
        ("生态环境局", "栖霞区", "南京市栖霞生态环境局"),
        ("生态环境局", "南京市", "南京市生态环境局"),
        ("编办", "栖霞区", "南京市栖霞区委机构编制委员会办公室"),
        ("税务局", "浦口区", "国家税务总局南京市浦口区税务局"),
        ("公安分局", "北京市朝阳区", "北京市公安局朝阳分局"),
        ("公安分局", "湖北省仙桃市", "仙桃市公安分局"),  # no city above: prefix + core
        ("组织部", "江苏省", "江苏省委组织部"),
        ("纪委", "栖霞区", "南京市栖霞区纪律检查委员会"),
    ],
)
def test_full_name(alias, where, expected):
    place = jurisdiction.find(where)
    assert lexicon.full_name(lexicon.alias_index()[alias], place) == expected


def test_full_name_in_a_zone():
    zone = jurisdiction.zone("盐城经济技术开发区", "盐城市")
    entry = lexicon.alias_index()["自然资源和规划分局"]
    assert lexicon.full_name(entry, zone) == "盐城市自然资源和规划局经济技术开发区分局"
    assert lexicon.full_name(lexicon.alias_index()["经发局"], zone) == "盐城经济技术开发区经济发展局"


NOTE = re.compile(r"(?:牵头|责任|配合)(?:单位|部门):(.*?)(?=,?(?:责任|配合)(?:单位|部门):|\))")


def _written_units():
    for path in sample_files()[:2]:
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        for match in NOTE.finditer(text.replace("(文明办)", "、文明办")):
            yield from (u for u in re.split(r"[、,]", match.group(1)) if u)


def test_every_unit_in_the_sample_notes_is_known():
    """The assignment notes of samples 000 and 001 use only names the lexicons know."""
    index = lexicon.alias_index()
    groups = set(lexicon.collective_subjects()) | set(lexicon.placeholders())
    unknown = []
    seen = 0
    for written in _written_units():
        seen += 1
        core = re.sub(r"^(区委|区|栖霞)", "", written)
        if written not in groups and core not in index and written not in index:
            unknown.append(written)
    assert seen > 100
    assert unknown == []


# ---------------------------------------------------------------- themes


def test_theme_keys_and_hierarchy():
    themes = {t.key: t for t in lexicon.themes()}
    assert {k for k, t in themes.items() if t.broader is None} == TOP_THEMES
    assert NARROW_THEMES <= set(themes)
    for t in themes.values():
        assert t.label_zh and t.label_en
        if t.broader is None:
            assert t.aliases and t.keywords
        else:
            assert t.broader in TOP_THEMES
            assert 3 <= len(t.keywords) <= 10, t.key


@pytest.mark.parametrize(
    "title, key",
    [
        ("依法全面履行政府职能", "gov_functions"),
        ("完善依法行政制度体系", "rule_system"),
        ("推进依法科学民主决策", "decision_making"),
        ("严格规范公正文明执法", "law_enforcement"),
        ("强化行政权力制约监督", "power_oversight"),
        ("依法有效化解社会矛盾", "dispute_resolution"),
        ("建设数字法治政府", "digital_government"),
        ("优化法治政府建设推进机制", "leadership"),
        ("完善依法行政保障措施", "leadership"),
        ("完善政府机构职能体系", "gov_functions"),
    ],
)
def test_section_titles_are_theme_labels(title, key):
    owners = [t.key for t in lexicon.themes() if title == t.label_zh or title in t.aliases]
    assert owners == [key]


# ---------------------------------------------------------------- metrics


def test_metric_keys_are_exactly_the_agreed_list():
    assert {m.key for m in lexicon.metrics()} == METRIC_KEYS


def test_metrics_are_well_formed():
    for m in lexicon.metrics():
        assert m.default_unit in {"%", "日", "次", "期", "学时", "人", "件"}, m.key
        assert m.direction in {"higher_is_better", "lower_is_better", "neutral"}, m.key
        assert m.label_zh and m.label_en


@pytest.mark.parametrize(
    "alias, key",
    [
        ("满意率", "satisfaction_rate"),
        ("办复率", "reply_rate"),
        ("听证率", "hearing_rate"),
        ("败诉率", "loss_rate"),
        ("出庭率", "appearance_rate"),
        ("负责人出庭应诉率", "appearance_rate"),
        ("按时办结率", "completion_rate"),
        ("直接纠错率", "correction_rate"),
        ("按时解决率", "resolution_rate"),
        ("成功率", "mediation_success_rate"),
        ("不见面率", "no_meeting_rate"),
        ("集体学法", "study_sessions"),
        ("培训班", "training_sessions"),
        ("专题讲座", "training_sessions"),
        ("学时", "training_hours"),
        ("专职办案人员", "case_handlers"),
    ],
)
def test_metric_aliases(alias, key):
    assert lexicon.metric_index()[alias].key == key


def test_metric_directions():
    index = lexicon.metric_index()
    assert index["败诉率"].direction == "lower_is_better"
    assert index["满意率"].direction == "higher_is_better"
    assert index["征求意见期限"].default_unit == "日"


# ---------------------------------------------------------------- renames


def test_renames_point_into_the_lexicon():
    keys = {e.key for e in lexicon.unit_lexicon()}
    pairs = {(r.old_name, r.new_name) for r in lexicon.renames()}
    assert ("法制局", "司法局") in pairs
    assert ("监察局", "监察委员会") in pairs
    assert ("安全生产监督管理局", "应急管理局") in pairs
    for r in lexicon.renames():
        assert r.old_key in keys and r.new_key in keys
        assert re.fullmatch(r"\d{4}(-\d\d-\d\d)?", r.date)
        assert r.note
        assert lexicon.alias_index()[r.old_name].key == r.old_key


# ---------------------------------------------------------------- jieba


def test_user_dict_format():
    lines = tokenizer.jieba_user_dict().splitlines()
    assert lines == sorted(lines)
    for line in lines:
        word, freq, tag = line.split(" ")
        assert int(freq) > 0 and tag in {"nt", "n"}
    words = {line.split(" ")[0] for line in lines}
    assert {"区司法局", "市司法局", "区委编办", "区委组织部", "区政府各有关部门", "满意率"} <= words


@pytest.mark.parametrize(
    "text, word",
    [
        ("(牵头单位:区行政审批局、区委编办、区市场监管局、区司法局、区发改委,责任单位:区政府各有关部门、各街道)", "区市场监管局"),
        ("(牵头单位:区行政审批局、区委编办、区市场监管局、区司法局、区发改委,责任单位:区政府各有关部门、各街道)", "区委编办"),
        ("(牵头单位:区行政审批局、区委编办、区市场监管局、区司法局、区发改委,责任单位:区政府各有关部门、各街道)", "区政府各有关部门"),
        ("(牵头单位:区政府办、区司法局、重大行政决策承办单位,责任单位:区政府各有关部门、各街道)", "重大行政决策承办单位"),
        ("牵头单位:区卫健委,责任单位:区发改委、区公安分局、区民政局", "区公安分局"),
        ("牵头单位:区党政办、区政法委、政府规章起草单位", "政府规章起草单位"),
    ],
)
def test_tokenizer_keeps_names_whole(text, word):
    assert word in tokenizer.tokenizer().lcut(text)


def test_tokenizer_is_cached_and_separate_from_the_global_one():
    import jieba

    assert tokenizer.tokenizer() is tokenizer.tokenizer()
    assert tokenizer.tokenizer() is not jieba.dt


# A word table in a folder of the test's own, and texts with names, numbers, Latin letters and
# words jieba does not know (its HMM cuts those, asking the table whether the run is a word).
TABLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "kg" / "samples").glob("*.txt"))]


@pytest.fixture(scope="module")
def word_table(tmp_path_factory):
    path = tmp_path_factory.mktemp("cache") / "words.sqlite"
    full = tokenizer._full_tokenizer()
    tokenizer._write_table(full, path)
    return full, path


def test_the_word_table_cuts_as_the_whole_dictionary_does(word_table, monkeypatch):
    full, path = word_table
    monkeypatch.setattr(tokenizer, "LOOKUPS_BEFORE_FULL_LOAD", 10**9)
    lazy = tokenizer._lazy_tokenizer(path)
    assert isinstance(lazy.FREQ, tokenizer._WordTable)
    assert [lazy.lcut(t) for t in TABLE_TEXTS] == [full.lcut(t) for t in TABLE_TEXTS]
    assert isinstance(lazy.FREQ, tokenizer._WordTable)  # never needed the whole dictionary


def test_a_long_job_switches_to_the_whole_dictionary_midway_and_cuts_the_same(word_table, monkeypatch):
    full, path = word_table
    monkeypatch.setattr(tokenizer, "LOOKUPS_BEFORE_FULL_LOAD", 2000)
    lazy = tokenizer._lazy_tokenizer(path)
    assert [lazy.lcut(t) for t in TABLE_TEXTS] == [full.lcut(t) for t in TABLE_TEXTS]
    assert isinstance(lazy.FREQ, dict) and lazy.total == full.total


_FORKED = {}


def _cut_in_worker(text):
    return _FORKED["tokenizer"].lcut(text)


def test_a_forked_worker_reads_the_table_through_its_own_connection(word_table):
    import multiprocessing as mp

    full, path = word_table
    lazy = _FORKED["tokenizer"] = tokenizer._lazy_tokenizer(path)
    lazy.lcut(TABLE_TEXTS[0][:200])  # the parent has used its connection
    with mp.get_context("fork").Pool(1) as pool:
        got = pool.apply(_cut_in_worker, (TABLE_TEXTS[1],))
    assert got == full.lcut(TABLE_TEXTS[1])


def test_a_damaged_word_table_is_passed_over(tmp_path):
    path = tmp_path / "words.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert tokenizer._lazy_tokenizer(path) is None
    path.write_text("not a database", encoding="utf-8")
    assert tokenizer._lazy_tokenizer(path) is None
