"""Assignment notes in every form the genre uses, and the units they resolve to.

Each fixture is a small document written for the case (the seeds cover only some forms)."""

import pytest

from kg.extract.assignments import split_units
from kg.extract.pipeline import extract_text

HEAD_QIXIA = "南京市栖霞区人民政府文件\n栖霞区2022年法治政府建设工作计划\n一、重点工作\n(一)依法全面履行政府职能\n"
HEAD_QINHUAI = "南京市秦淮区人民政府文件\n秦淮区2022年法治政府建设工作计划\n一、重点工作\n(一)依法全面履行政府职能\n"
HEAD_CITY = "南京市人民政府文件\n南京市2016年法治政府建设工作要点\n一、重点工作\n(一)依法全面履行政府职能\n"


def roles(task):
    return ([u.text for u in task.lead], [u.text for u in task.responsible], [u.text for u in task.cooperating])


def tasks_of(text):
    return extract_text(text).tasks


@pytest.mark.parametrize("note, expected", [
    ("(牵头单位:区司法局、区发改委,责任单位:区政府各有关部门、各街道)",
     (["区司法局", "区发改委"], ["区政府各有关部门", "各街道"], [])),
    ("（牵头部门：区司法局；责任部门：各街道）", (["区司法局"], ["各街道"], [])),
    ("(主要负责单位:区司法局,配合单位:区财政局)", (["区司法局"], [], ["区财政局"])),
    ("(牵头单位:区司法局,协办单位:区财政局、区审计局)", (["区司法局"], [], ["区财政局", "区审计局"])),
    ("(责任单位:区政府各有关部门)", ([], ["区政府各有关部门"], [])),
    ("(牵头单位 : 区 司法局 ,责任单位 : 各街道)", (["区司法局"], ["各街道"], [])),
    # a second name in 〔〕 after a unit, as in ()
    ("(市府办〔市大数据局〕牵头,市政府各部门负责)", (["市府办〔市大数据局〕"], ["市政府各部门"], [])),
    # a ministry's departments end in 司
    ("(政策研究室牵头,综合规划司、公路局、运输服务司等按职责分工负责)",
     (["政策研究室"], ["综合规划司", "公路局", "运输服务司"], [])),
])
def test_bracketed_notes(note, expected):
    [task] = tasks_of(HEAD_QIXIA + f"1.推进依法行政。全面推进各项工作。{note}\n")
    assert roles(task) == expected
    assert task.note.startswith("(")


def test_labelled_lines_after_the_task_with_blank_lines():
    text = HEAD_QIXIA + "\n".join([
        "1.推进简政放权。深化审批制度改革。",
        "牵头单位:区政府办、区委编办",
        "",
        "配合单位:区政府各有关部门",
        "2.加强行政执法。规范执法行为。",
        "责任单位:区司法局、区财政局,各街道按职责分工分别负责。",
    ])
    first, second = tasks_of(text)
    assert roles(first) == (["区政府办", "区委编办"], [], ["区政府各有关部门"])
    assert roles(second) == ([], ["区司法局", "区财政局", "各街道"], [])


@pytest.mark.parametrize("note, expected", [
    ("(市法制局牵头,市监察局、人力资源社会保障局配合)", (["市法制局"], [], ["市监察局", "人力资源社会保障局"])),
    ("(市法制局、市编办牵头,各有关部门按职责分工负责)", (["市法制局", "市编办"], ["各有关部门"], [])),
])
def test_unlabelled_inline_notes(note, expected):
    [task] = tasks_of(HEAD_CITY + f"1.健全依法决策机制。完善程序。{note}\n")
    assert roles(task) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("具体由市市场监管局负责组织实施。", ([], ["市市场监管局"], [])),  # 具体由 before the name, 负责组织实施 after it
    ("市司法局会同市级有关部门组织开展。", (["市司法局"], [], ["市级有关部门"])),  # 会同 … 组织开展
    ("市司法局组织开展。", ([], ["市司法局"], [])),
])
def test_a_closing_sentence_of_units_and_a_compound_verb(sentence, expected):
    [task] = tasks_of(HEAD_CITY + f"1.规范涉企检查。{sentence}\n")
    assert roles(task) == expected


@pytest.mark.parametrize("note, expected", [
    ("(市监察局会同市府办,市信访局、法制局)", (["市监察局"], [], ["市府办", "市信访局", "法制局"])),  # the comma goes on
    ("(市司法局会同市财政局;各区县政府)", (["市司法局"], ["各区县政府"], ["市财政局"])),  # a semicolon ends it
    ("(市法制局组织有关单位)", (["市法制局"], [], ["有关单位"])),
])
def test_names_joined_by_huitong_or_organised(note, expected):
    [task] = tasks_of(HEAD_CITY + f"1.规范涉企检查。{note}\n")
    assert roles(task) == expected


def test_a_bracket_that_is_not_a_note_is_ignored():
    [task] = tasks_of(HEAD_CITY + "1.贯彻落实条例。出台细则(2021年版)。\n")
    assert roles(task) == ([], [], [])


def test_note_on_its_own_line_after_the_task():
    text = HEAD_QIXIA + "1.自觉接受监督。办复率达100%。\n\n- (牵头单位:区政府办、区司法局,责任单位:区政府各有关部门)\n2.强化审计监督。实现全覆盖。(牵头单位:区审计局)\n"
    first, second = tasks_of(text)
    assert roles(first) == (["区政府办", "区司法局"], ["区政府各有关部门"], [])
    assert roles(second) == (["区审计局"], [], [])


def test_note_split_by_a_page_break():
    text = HEAD_QIXIA + "1.完善两法衔接机制。提高移送质量。(牵头单位:区检察院、区司法局,责\n\n任单位: 区 政府各有关部门、各街道)\n"
    [task] = tasks_of(text)
    assert roles(task) == (["区检察院", "区司法局"], ["区政府各有关部门", "各街道"], [])


def test_notes_placed_before_their_tasks():
    text = HEAD_QIXIA + "\n".join([
        "(牵头单位:区司法局)",
        "1.推进立法工作。积极参与。",
        "(牵头单位:区审计局,责任单位:各街道)",
        "2.强化审计监督。实现全覆盖。",
    ])
    first, second = tasks_of(text)
    assert roles(first) == (["区司法局"], [], [])
    assert roles(second) == (["区审计局"], ["各街道"], [])


def test_truncated_note_takes_what_is_there():
    result = extract_text(HEAD_QIXIA + "1.推进依法行政。全面推进。(牵头单位:区司法局、区财政局,责任单位:区政府各有关")
    [task] = result.tasks
    # the cut-off name is not a unit; it is shown as a piece of a note that could not be read
    assert roles(task) == (["区司法局", "区财政局"], [], [])
    assert [n.text for n in result.unparsed_notes] == ["区政府各有关"]


def test_task_table_rows():
    text = HEAD_QIXIA.split("一、")[0] + "\n".join([
        "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限",
        "1 | 深化放管服改革。推进审批便民化。 | 区行政审批局、区发改委 | 区政府各有关部门 | 2022年年底前",
        "2 | 提升行政复议质量。全年听证率不低于70%。 | 区司法局 | 各街道 | 2022年6月底前",
    ])
    first, second = tasks_of(text)
    assert roles(first) == (["区行政审批局", "区发改委"], ["区政府各有关部门"], [])
    assert roles(second) == (["区司法局"], ["各街道"], [])
    assert [d.date for d in first.deadlines] == ["2022-12-31"]
    assert [(t.metric, t.op, t.value) for t in second.targets] == [("hearing_rate", ">=", "70")]


@pytest.mark.parametrize("text, expected", [
    ("区司法局、区发改委", ["区司法局", "区发改委"]),
    ("区发改委和区财政局", ["区发改委", "区财政局"]),
    ("区人力资源和社会保障局、区住房和城乡建设局", ["区人力资源和社会保障局", "区住房和城乡建设局"]),
    ("区委宣传部(文明办)、各镇(街道)", ["区委宣传部(文明办)", "各镇(街道)"]),
    ("区司法局、区财政局等", ["区司法局", "区财政局"]),
    ("区司法局及区财政局,区审计局", ["区司法局", "区财政局", "区审计局"]),
    ("自然资源和规划分局", ["自然资源和规划分局"]),
    ("市财政局、市各有关部门和单位", ["市财政局", "市各有关部门和单位"]),  # the kinds one collective covers
    ("各乡、镇人民政府,人民大垸、荒湖管理区,监利经济开发区",  # two districts sharing their kind's name
     ["各乡、镇人民政府", "人民大垸、荒湖管理区", "监利经济开发区"]),
])
def test_split_units(text, expected):
    assert [m.text for m in split_units(text, 0)] == expected


def test_offsets_of_mentions_point_at_the_text():
    text = HEAD_QIXIA + "1.推进依法行政。全面推进。(牵头单位:区司法局,责任单位:各街道)\n"
    result = extract_text(text)
    unit = result.tasks[0].lead[0]
    assert result.text[unit.start: unit.end] == "区司法局"


def test_units_belong_to_the_documents_jurisdiction():
    note = "1.推进依法行政。全面推进。(牵头单位:区司法局、区公安分局,责任单位:区政府各有关部门、公安分局)\n"
    qixia = tasks_of(HEAD_QIXIA + note)[0]
    qinhuai = tasks_of(HEAD_QINHUAI + note)[0]
    assert qixia.lead[0].name == "南京市栖霞区司法局"
    assert qinhuai.lead[0].name == "南京市秦淮区司法局"
    assert qixia.lead[0].id != qinhuai.lead[0].id
    # 区公安分局 and 公安分局 in one document are one unit
    assert qixia.lead[1].id == qixia.responsible[1].id
    assert qixia.lead[1].name == "南京市公安局栖霞分局"
    assert qixia.lead[1].type == "dispatched_branch"
    collective = qixia.responsible[0]
    assert collective.type == "collective" and collective.id != qixia.lead[0].id


def test_bare_names_inherit_the_level_of_their_neighbours():
    [task] = tasks_of(HEAD_QIXIA + "1.推进依法行政。全面推进。(牵头单位:市人力资源社会保障局、法制局、财政局,责任单位:各街道)\n")
    assert [u.name for u in task.lead] == ["南京市人力资源和社会保障局", "南京市法制局", "南京市财政局"]


@pytest.mark.parametrize("written, name, utype", [
    ("区发改委", "南京市栖霞区发展和改革委员会", "government_department"),
    ("区市场监管局", "南京市栖霞区市场监督管理局", "government_department"),
    ("区委编办", "南京市栖霞区委机构编制委员会办公室", "party_organ"),
    ("区委宣传部(文明办)", "南京市栖霞区委宣传部", "party_organ"),
    ("区法院", "南京市栖霞区人民法院", "court_procuratorate"),
    ("栖霞生态环境局", "南京市栖霞生态环境局", "higher_level_branch"),
    ("重大行政决策承办单位", "重大行政决策承办单位", "role_placeholder"),
    ("各街道", "南京市栖霞区各街道", "collective"),
])
def test_canonical_names_and_types(written, name, utype):
    [task] = tasks_of(HEAD_QIXIA + f"1.推进依法行政。全面推进。(牵头单位:{written})\n")
    unit = task.lead[0]
    assert (unit.name, unit.type) == (name, utype)


def test_a_county_work_points_document_in_full_width_with_label_lines():
    """A 工作要点 from another city, written for this test: full-width punctuation, label lines,
    an inline unlabelled note, a division clause, items numbered 1．under parts."""
    from pathlib import Path

    from kg.extract.pipeline import extract_path

    result = extract_path(Path(__file__).parent / "fixtures" / "county_work_points.txt")
    meta = result.document
    assert (meta.title, meta.doc_number, meta.date, meta.genre) == (
        "沭阳县2022年法治政府建设工作要点", "沭政办发〔2022〕15号", "2022-03-15", "work_points")
    assert meta.jurisdiction.code == "321322"
    t1, t2, t3, t4 = result.tasks
    assert roles(t1) == (["县司法局"], [], ["县委组织部", "县委宣传部"])
    assert roles(t2) == (["县行政审批局", "县发展改革委"], ["县各有关部门", "各乡镇人民政府(街道办事处)"], [])
    assert roles(t3) == (["县市场监管局"], [], ["县发展改革委", "县司法局"])
    assert roles(t4) == ([], ["县司法局", "县各行政执法部门"], [])
    assert t2.lead[1].name.endswith("沭阳县发展和改革委员会")
    assert t3.cooperating[0].id == t2.lead[1].id
    assert [(t.metric, t.op, t.value, t.unit) for t in t1.targets] == [("study_sessions", ">=", "4", "次")]
    assert [d.date for d in t2.deadlines] == ["2022-06-30"]
    assert [(t.metric, t.op, t.value, t.unit) for t in t4.targets] == [("training_hours", ">=", "40", "学时")]
    assert [o.kind for o in t3.obligations] == ["prohibition"]


def test_in_a_county_level_city_the_city_prefix_means_the_city_itself():
    """溧阳市 (320481) is a county-level city under 常州市: its plan's 市司法局 is 溧阳市's own
    bureau, while a unit it names with 常州市 is the prefecture's."""
    head = "溧阳市人民政府文件\n溧阳市2022年法治政府建设工作计划\n一、重点工作\n(一)依法全面履行政府职能\n"
    [task] = tasks_of(head + "1.推进依法行政。全面推进。(牵头单位:市司法局、市法院,责任单位:常州市司法局、各镇)\n")
    lead = [u.name for u in task.lead]
    assert lead[0].endswith("溧阳市司法局") and lead[1].endswith("溧阳市人民法院"), lead
    assert [u.name for u in task.responsible][0] == "常州市司法局"
    assert task.lead[0].id != task.responsible[0].id
    qixia = tasks_of(HEAD_QIXIA + "1.推进依法行政。全面推进。(牵头单位:市司法局)\n")[0]
    assert qixia.lead[0].name == "南京市司法局"  # in a district, 市 is still the city above


def test_a_measure_line_that_says_by_whom_names_the_owner():
    text = ("11月8日市容环境综合整治情况的通报\n发现存在以下问题亟待整改:\n"
            "1、广伟商城户外宣传广告破损。\n整改措施:由县住建局督促商户更换。\n"
            "2、新正街人行道多处水果摊贩流动经营。\n整改措施:由市容环境综合整治联合执法工作组负责整治。\n"
            "3、河滨南路有住户在行道树晾晒衣物。\n整改措施:由包片单位县文广局督促住户移走晾晒的衣物。\n")
    assert [roles(t) for t in tasks_of(text)] == [
        ([], ["县住建局"], []), ([], ["市容环境综合整治联合执法工作组"], []), ([], ["县文广局"], [])]


def test_a_kindergarten_is_a_unit():
    [task] = tasks_of(HEAD_QIXIA + "1.落实门前三包责任。(责任单位:区教育局、哆啦咪幼儿园)\n")
    assert roles(task) == ([], ["区教育局", "哆啦咪幼儿园"], [])


def test_a_grain_depot_is_a_unit_and_a_masked_name_keeps_its_stars():
    # 中储粮…直属库 (a state grain reserve's depot) in a note whose closing sentence states the first leads
    text = ("一、总体\n(一)切实增强粮食安全意识。确保粮食安全。(市发改委、市农委、中储粮株洲直属库。排名第一的为牵头单位,下同)\n"
            "(二)明确责任。落实责任。(县**局、市农委)\n")
    tasks = extract_text(text).tasks
    assert [([u.text for u in t.lead], [u.text for u in t.responsible]) for t in tasks] == [
        (["市发改委"], ["市农委", "中储粮株洲直属库"]), (["县**局"], ["市农委"])]


def test_a_masked_name_in_an_owner_cell_keeps_its_stars_and_a_lone_star_is_a_mark():
    text = ("| 工作任务 | 责任单位 | 完成时限 |\n| 1.加强农用地土壤污染源头防控。 | ****分局牵头,县农业农村局配合 | 2025年11月底前 |\n"
            "| 2.开展农药减量行动。 | *县农业农村局 | 2025年11月底前 |\n")
    tasks = extract_text(text).tasks
    assert [([u.text for u in t.lead], [u.text for u in t.responsible], [u.text for u in t.cooperating]) for t in tasks] == [
        (["****分局"], [], ["县农业农村局"]), ([], ["县农业农村局"], [])]


def test_a_note_the_page_cuts_before_its_role_word_is_shown_unread():
    text = ("一、强化安全生产责任\n1.落实企业主体责任。(省安全监管局负责)\n"
            "2.督促企业开展现场安全检查。(省安全监管局、工业和信息化委员会、住房城乡建设厅、黑")
    result = extract_text(text)
    assert [(t.number, [u.text for u in t.responsible]) for t in result.tasks] == [(1, ["省安全监管局"]), (2, [])]
    cut = [n for n in result.unparsed_notes if n.reason == "a note cut off before its role word"]
    assert [n.text for n in cut] == ["(省安全监管局、工业和信息化委员会、住房城乡建设厅、黑"]
    assert result.text[cut[0].start:cut[0].end] == cut[0].text


def test_a_collective_counted_before_its_name_is_a_unit_and_its_count_no_target():
    text = HEAD_CITY + "1.促进就业。帮助困难人员就业1.39万人。(牵头部门:市人社局;责任单位:市就业工作领导小组各成员单位,10县市人民政府)\n"
    [task] = tasks_of(text)
    assert roles(task) == (["市人社局"], ["市就业工作领导小组各成员单位", "10县市人民政府"], [])
    assert [(t.value, t.unit) for t in task.targets if not t.qualitative] == [("1.39", "万人")]


def test_the_work_named_before_by_whom_is_no_part_of_the_units_name():
    [task] = tasks_of(HEAD_CITY + "1.评议考核的主体\n评议考核由政策法规处牵头,组织有关处室人员组成考核评议组。\n")
    assert roles(task)[0] == ["政策法规处"]
    [task] = tasks_of(HEAD_CITY + "1.推进改革。(自由贸易试验区管委会牵头)\n")
    assert roles(task)[0] == ["自由贸易试验区管委会"]


def test_points_a_colon_lists_each_closed_by_a_semicolon_are_the_items_own():
    text = ("某局推行行政执法责任制实施方案\n六、建立健全评议考核机制\n(一)评议考核的主体\n由政策法规处组织实施。\n"
            "(二)评议考核的内容\n评议考核主要是行政执法机构履行法定义务的情况:\n1、执法行为是否符合权限;\n2、执法依据是否合法;\n"
            "3、执法程序是否规范。\n2006年3月底前制定出具体标准。\n(三)评议考核的方法\n采取自我考评与互评相结合的方法。\n")
    tasks = tasks_of(text)
    assert [t.label for t in tasks] == ["(一)", "(二)", "(三)"]
    assert [d.date for d in tasks[1].deadlines] == ["2006-03-31"]
