"""The forms real documents of the genre use, each in a small text written here (the corpus in
tests/corpus/ holds the real documents they were seen in).  Roles follow tests/corpus/ANNOTATION.md."""

import pytest

from kg.extract.pipeline import extract_text

HEAD = "某某县2022年法治政府建设工作要点\n某某县人民政府办公室\n2022年3月1日\n一、重点工作\n"


def roles(task):
    return ([u.text for u in task.lead], [u.text for u in task.responsible], [u.text for u in task.cooperating])


def note_roles(body):
    """A note's units by role, as parse_note reads them (the roles it gives none left out)."""
    from kg.extract.notes import parse_note

    note, _ = parse_note(body, 0)
    return {r: [m.text for m, _ in v] for r, v in note.roles.items() if v}


def only_task(text):
    result = extract_text(HEAD + text)
    assert len(result.tasks) == 1, [t.title for t in result.tasks]
    return result.tasks[0]


@pytest.mark.parametrize("note, expected", [
    # role verbs instead of labels
    ("(县司法局会同县有关单位办理)", (["县司法局"], [], ["县有关单位"])),
    ("(区法制办负责)", ([], ["区法制办"], [])),
    ("(县审计局办理)", ([], ["县审计局"], [])),
    ("(县发改局、县财政局共同负责)", ([], ["县发改局", "县财政局"], [])),
    ("(县委组织部组织,县直各单位参与)", (["县委组织部"], [], ["县直各单位"])),
    ("(县司法局、县人社局各负其责)", ([], ["县司法局", "县人社局"], [])),
    # a bracket of names only, at the task's end
    ("(县审计局)", ([], ["县审计局"], [])),
    ("(区监察局、区法制办)", ([], ["区监察局", "区法制办"], [])),
    # a label wrapping role verbs
    ("(责任部门:区发改局、住建局牵头,区纪委监委协办)", (["区发改局", "住建局"], [], ["区纪委监委"])),
    # a verb gives its role to every unit since the last one: X牵头,Y,Z负责
    ("〔省审改办牵头,省直相关部门,各市、县(区)人民政府和平潭综合实验区管委会负责〕",
     (["省审改办"], ["省直相关部门", "各市、县(区)人民政府", "平潭综合实验区管委会"], [])),
    # 办公厅 in an X牵头,Y配合 note
    ("(省政府办公厅牵头,省司法厅配合)", (["省政府办公厅"], [], ["省司法厅"])),
    # a long descriptive unit, one name though it holds 、
    ("(责任单位:县政府具有行政执法职能的各委、办、局)", ([], ["县政府具有行政执法职能的各委、办、局"], [])),
    # 等 inside a list, and a time word that is not a unit
    ("(牵头单位:州行政审批服务局;责任单位:州司法局、州委编办等部门,6月底完成)",
     (["州行政审批服务局"], ["州司法局", "州委编办"], [])),
    # people are not units
    ("\n责任领导:张三\n牵头单位:县司法局", (["县司法局"], [], [])),
    # 主办 / 协办
    ("(省财政厅主办,省国税局、地税局协办)", (["省财政厅"], [], ["省国税局", "地税局"])),
    # the modifiers of a verb
    ("〔省政府办公厅、省委编办按职责牵头,省直有关部门(单位)及各市(州)人民政府按职责分工负责〕",
     (["省政府办公厅", "省委编办"], ["省直有关部门(单位)", "各市(州)人民政府"], [])),
    # one 各 over two bodies: 各县(市)党委、政府 is one collective, not 各县(市)党委 and a bare 政府
    ("[牵头单位:州委依法治州办;责任单位:州有关部门,各县(市)党委、政府]",
     (["州委依法治州办"], ["州有关部门", "各县(市)党委、政府"], [])),
    # a label's units keep its role when a later clause gives its own units a verb
    ("(牵头单位:县司法局,县法院配合)", (["县司法局"], [], ["县法院"])),
    # …but a label whose verbs have begun wraps them: the units after the verb go to the next verb
    ("(责任部门:省数据局牵头,各地,各有关部门配合)", (["省数据局"], [], ["各地", "各有关部门"])),
    # a duty named after the verb, and a standing remark closed by 不再重复列出
    ("(牵头责任单位:县委宣传部,协同责任单位:县安委会各成员单位。各镇(园区)落实属地管理责任,"
     "以下均需各镇(园区)落实属地管理责任,不再重复列出)", (["县委宣传部"], ["各镇(园区)"], ["县安委会各成员单位"])),
    # a label that says both 协同 and 配合
    ("(牵头责任单位:省人力资源社会保障厅,协同配合责任单位:省民政厅、省农委)",
     (["省人力资源社会保障厅"], [], ["省民政厅", "省农委"])),
    # a 、 between two verbs' clauses
    ("(责任部门:省数据局牵头、中省直有关部门配合)", (["省数据局"], [], ["中省直有关部门"])),
    # bare names ended by a ; before another verb's units
    ("(县司法局;县法院、县检察院配合)", ([], ["县司法局"], ["县法院", "县检察院"])),
    # a labelled note cut by the page's end: the whole names before the cut are still the label's
    ("\n(责任单位:自治区农牧厅、财", ([], ["自治区农牧厅"], [])),
    # …and a verb's note cut after its lead: the names after the verb wait for a role word the page lost
    ("\n(市生态环境局、市发展和改革局牵头督导,市公安局、市自然资源局、市水务局、", (["市生态环境局", "市发展和改革局"], [], [])),
    # …unless the page cut the role word inside itself: the phrase it starts (按职责分 → 按职责分工负责)
    ("\n(省发改委牵头,省经信委、国家统计局湖南调查总队等按职责分", (["省发改委"], ["省经信委", "国家统计局湖南调查总队"], [])),
    ("\n(省发改委牵头,省经信委、省统计局配", (["省发改委"], [], ["省经信委", "省统计局"])),
    # the rule a note states names no unit: its 其他部门 are the units it does not list
    ("(省科技厅牵头。明确牵头部门的,其他有关部门配合,不逐一列出,下同)", (["省科技厅"], [], [])),
    ("(省科技厅、省发改委等负责。列第一位的为牵头部门,其他部门和单位按职责分工负责,下同)", (["省科技厅"], ["省发改委"], [])),
    # …and a piece that names no unit beside them leaves them the label's too
    ("(责任单位:市交通委,各区政府,有关单位视情况)", ([], ["市交通委", "各区政府"], [])),
    # places sharing one kind of body: one unit
    ("(责任单位:海东市、兰州市、临夏州发展改革部门)", ([], ["海东市、兰州市、临夏州发展改革部门"], [])),
    # a remark on whom the tasks also touch, given no share, names no owner
    ("(责任单位:区发改委、区财政局按职责分工负责。以下各项任务均涉及各街道,不再列出)", ([], ["区发改委", "区财政局"], [])),
    # 主要负责 / 协助 as labels, and 负责牵头 as one verb
    ("主要负责:县司法局;协助:县政府办", (["县司法局"], [], ["县政府办"])),
    ("(由县司法局负责牵头,各执法单位配合)", (["县司法局"], [], ["各执法单位"])),
    # a decision catalogue's 负责承办
    ("(县发改局、县城管执法局负责承办)", ([], ["县发改局", "县城管执法局"], [])),
    # one 各 over a level's governments and the areas' committees, which have no name of their own
    ("(各区县政府和地区管委会负责)", ([], ["各区县政府和地区管委会"], [])),
])
def test_note_forms(note, expected):
    task = only_task("1.推进依法行政。建立健全制度。" + note)
    assert roles(task) == expected
    assert all(u.rule and u.confidence for u in task.lead + task.responsible + task.cooperating)


@pytest.mark.parametrize("after, expected", [
    # a sentence naming the units and their role, with no bracket
    ("县市场监管局、县应急局为主要责任单位。", (["县市场监管局", "县应急局"], [], [])),
    ("县司法局为牵头单位,县法院为配合单位。", (["县司法局"], [], ["县法院"])),
    # a label after the text's last full stop, on the same line
    ("责任部门:县政务服务中心、县数据局牵头,县纪委监委协办", (["县政务服务中心", "县数据局"], [], ["县纪委监委"])),
    ("牵头单位:县法院;责任单位:县司法局。", (["县法院"], ["县司法局"], [])),
    ("由县司法局牵头,县委宣传部配合。", (["县司法局"], [], ["县委宣传部"])),
    # a time clause after the verbs, and a time label run into the note's last name
    ("县司法局负责,11月底前完成。", ([], ["县司法局"], [])),
    ("(责任单位:县司法局  时间:上半年)", ([], ["县司法局"], [])),
    # names parted by spaces or slashes, two-character labels, a space after a role verb, 为 before it
    ("(责任单位:县司法局 县法院 县检察院)", ([], ["县司法局", "县法院", "县检察院"], [])),
    ("(责任单位:安监站 安监所 交警六中队)", ([], ["安监站", "安监所", "交警六中队"], [])),
    ("(责任单位:县司法局/县法院)", ([], ["县司法局", "县法院"], [])),
    ("(牵头:县司法局;配合:县法院)", (["县司法局"], [], ["县法院"])),
    ("(县司法局牵头 县法院配合)", (["县司法局"], [], ["县法院"])),
    ("(县司法局为牵头,县法院配合)", (["县司法局"], [], ["县法院"])),
    # labels that lost their colon, or set in brackets
    ("(牵头单位 县司法局;责任单位 县法院)", (["县司法局"], ["县法院"], [])),
    ("(牵头单位县司法局,责任单位—县法院)", (["县司法局"], ["县法院"], [])),
    ("\n【责任单位】县司法局", ([], ["县司法局"], [])),
    ("\n[牵头单位]县司法局 [配合单位]县法院", (["县司法局"], [], ["县法院"])),
    # a sentence that merely names units' duty is no note
    ("各责任单位要加强领导。", ([], [], [])),
    # a space inside one name (a PDF's layout) is no list
    ("(责任单位:区委 宣传部)", ([], ["区委宣传部"], [])),
    # not notes: a body sentence that names a unit among other words, a people's label
    ("县司法局要牵头做好统筹协调工作。", ([], [], [])),
    ("责任领导:张三。", ([], [], [])),
])
def test_note_as_a_later_sentence_of_the_line(after, expected):
    task = only_task("1.推进依法行政。建立健全制度。" + after)
    assert roles(task) == expected


def test_first_listed_leads_stated_in_a_note_carries_on():
    text = ("1.推进依法行政。(责任单位:省财政厅)\n"
            "2.加强执法监督。(责任单位:省司法厅、省市场监管局。列第一位的为牵头单位,下同)\n"
            "3.深化政务公开。(责任单位:省政府办公厅、省大数据局)\n")
    t1, t2, t3 = extract_text(HEAD + text).tasks
    assert roles(t1) == ([], ["省财政厅"], [])  # before the convention is stated
    assert roles(t2) == (["省司法厅"], ["省市场监管局"], [])
    assert roles(t3) == (["省政府办公厅"], ["省大数据局"], [])
    assert t2.lead[0].rule == "note.first-leads"


def test_first_listed_leads_stated_in_the_preamble():
    head = "某某县2022年重点任务分工方案\n(列第一位的为牵头单位)\n一、任务分工\n"
    [task] = extract_text(head + "1.推进依法行政。(县司法局、县发改局)\n").tasks
    assert roles(task) == (["县司法局"], ["县发改局"], [])


def test_standing_duty_for_every_later_task():
    text = ("1.提升政务中心建设。(责任单位:州政务服务中心,以下各任务均需各县市人民政府落实,不再一一列出)\n"
            "2.提高窗口人员素质。(责任单位:州政务服务中心)\n")
    t1, t2 = extract_text(HEAD + text).tasks
    assert roles(t2) == ([], ["州政务服务中心", "各县市人民政府"], [])


def test_traditional_script_written_as_written_and_pinyin_glosses_dropped():
    text = "1.加大簡政放權力度。(牽頭單位:州行政審批服務局;責任單位:湘西經(jīng)開區(qū)管委會)\n"
    [task] = extract_text("湘西自治州2020年優化營商環境工作計劃\n一、重點工作\n" + text).tasks
    assert [u.shown for u in task.lead] == ["州行政審批服務局"]  # as the document writes it
    assert [u.shown for u in task.responsible] == ["湘西經開區管委會"]
    assert [u.text for u in task.lead] == ["州行政审批服务局"]  # the normalized text at its span
    assert "审批" in task.lead[0].name and "審" not in task.lead[0].name  # the canonical name is Simplified


def test_section_with_full_stop_over_items():
    text = ("(一)规范精简审批,进一步提高行政效能。\n"
            "1.承接落实下放事项。〔牵头单位:区政府办公室,责任单位:区政府有关部门,各街道(功能区)〕\n"
            "2.严格落实审查制度。(牵头单位:区司法局;责任单位:区政府有关部门)\n")
    t1, t2 = extract_text(HEAD + text).tasks
    assert (t1.number, t2.number) == (1, 2)
    assert roles(t1) == (["区政府办公室"], ["区政府有关部门", "各街道(功能区)"], [])


def test_sub_items_of_a_task_with_its_own_note_belong_to_it():
    text = ("1.对审批事项逐一论证。〔省审改办牵头,省直相关部门负责〕\n主要措施:\n(1)持续精简行政许可事项。(省审改办牵头,省直相关部门负责)\n"
            "(2)进一步实施精准放权。(省审改办牵头,省发改委等相关部门负责)\n")
    [task] = extract_text(HEAD + text).tasks
    assert roles(task) == (["省审改办"], ["省直相关部门", "省发改委"], [])


def test_sub_items_with_their_own_notes_under_an_item_without_one_are_the_tasks():
    text = ("1.优化企业登记服务。\n(1)推行一窗受理。(市工商质监局牵头负责)(2)推行网上登记。(市行政服务中心牵头负责)\n")
    tasks = extract_text(HEAD + text).tasks
    assert [(t.number, roles(t)[0]) for t in tasks] == [(1, ["市工商质监局"]), (2, ["市行政服务中心"])]


def test_one_line_document_cut_at_its_inline_numbers():
    text = ("四川省2020年工作要点 为深化改革,制定以下工作要点。 一、持续深化改革 (一)完善权责清单制度。修订办法。〔省委编办牵头,省直有关部门负责〕 "
            "(二)精简行政许可事项。再取消一批。〔省政府办公厅牵头,省直有关部门负责〕")
    tasks = extract_text(text).tasks
    assert [t.number for t in tasks] == [1, 2]
    assert [roles(t)[0] for t in tasks] == [["省委编办"], ["省政府办公厅"]]


def test_ordinal_without_punctuation_continues_the_items():
    text = "11.加强行政复议。(责任单位:县司法局)\n12健全行政应诉制度。(责任单位:县法院)\n"
    tasks = extract_text(HEAD + text).tasks
    assert [t.number for t in tasks] == [11, 12]


def test_a_page_that_starts_with_an_orphan_note_tail():
    text = "区政府各有关部门)\n3.深化政务公开。(牵头单位:区政府办公室)\n4.加强执法监督。(牵头单位:区司法局)\n"
    tasks = extract_text(text).tasks
    assert [(t.number, roles(t)[0]) for t in tasks] == [(3, ["区政府办公室"]), (4, ["区司法局"])]


def test_a_table_printed_one_cell_per_line():
    text = ("沙坪坝区2022年政府工作报告目标任务分解方案\n附件\n序号\n2022年预期目标\n责任单位\n"
            "1\n地区生产总值增长5.5%左右\n区发展改革委\n2\n一般公共预算收入增长3%\n区财政局、区税务局\n")
    result = extract_text(text)
    assert result.document.genre == "task_division"  # 政府工作报告 in a task division's title: a plan
    assert [(roles(t)[1], [(x.op, x.value, x.unit) for x in t.targets]) for t in result.tasks] == [
        (["区发展改革委"], [("=", "5.5", "%")]), (["区财政局", "区税务局"], [("=", "3", "%")])]


def test_tables_printed_one_cell_per_line_under_part_headings():
    # a part heading over each table is the part its rows stand in, not a column's head, and the
    # first table's last row ends before the next part's heading
    text = ("某区2022年政府工作报告重点工作任务分工方案\n一、主要预期目标\n序号 |\n预期目标 |\n责任单位 |\n"
            "1 |\n地区生产总值增长6%左右 |\n区发改委 |\n2 |\n一般公共预算收入增长5% |\n区财政局 |\n"
            "二、重点工作任务\n序号 |\n工作任务 |\n牵头单位 |\n配合单位 |\n"
            "1 |\n推进乡村振兴 |\n区农业农村委 |\n各镇街 |\n")
    result = extract_text(text)
    assert [(t.path, roles(t)) for t in result.tasks] == [
        ("一.1", ([], ["区发改委"], [])), ("一.2", ([], ["区财政局"], [])), ("二.1", (["区农业农村委"], [], ["各镇街"]))]


def test_a_table_a_cell_a_line_with_a_head_and_group_rows_over_two_lines():
    # 市政府 / 分管领导 is one column (of leaders); a group row prints its label in the number column and its
    # heading in the next, above it a part's heading whose label the page lost; empty cells print nothing;
    # the page ends inside the last row's lead cell (市科: no name)
    text = ("• 2021-03-05\n• -穗府〔2021〕3号\n\n2021年市政府工作报告部署工作责任分工\n\n序号\n\n重点工作\n\n市政府\n\n分管领导\n\n牵头单位\n\n配合单位\n\n备注\n\n"
            "强化科技创新支撑能力。\n\n(一)\n\n加强战略科技力量建设。\n\n1\n\n加快建设科技创新轴。\n\n王 东\n\n市科技局\n\n"
            "黄埔区政府\n\n\n2\n\n全力做好国家实验室筹建保障服务工作。\n\n王 东\n\n市科技局\n\n市财政局、市卫生健康委\n\n\n"
            "3\n\n加快建设大湾区国家技术创新中心。\n\n王 东\n\n市科")
    result = extract_text(text)
    assert [(t.path, t.title, roles(t)) for t in result.tasks] == [
        ("(一).1", "加快建设科技创新轴", (["市科技局"], [], ["黄埔区政府"])),
        ("(一).2", "全力做好国家实验室筹建保障服务工作", (["市科技局"], [], ["市财政局", "市卫生健康委"])),
        ("(一).3", "加快建设大湾区国家技术创新中心", ([], [], []))]
    assert [n.text for n in result.unparsed_notes] == ["市科"]
    assert result.document.doc_number == "穗府〔2021〕3号"  # (after a list's mark the page ran into it)


def test_a_table_a_cell_a_line_whose_first_column_holds_the_outlines_headings():
    # no 序号 head, yet each row has its number; the 工作任务 column's merged cells print as the outline's headings
    text = ("某区2021年政务公开重点工作任务分工\n\n工作任务\n\n具体要求\n\n责任单位\n\n时限要求\n\n进展情况\n\n"
            "一、进一步强化重点领域信息公开\n\n(一)做好各类规划主动公开。\n\n1\n\n区政府要主动公开国民经济和社会发展规划纲要。\n\n"
            "区政府办公室、区发改委牵头,各乡镇街负责落实\n\n年底前\n\n已建立专题。\n\n2\n\n区政府网站建立专题,集中发布区级各类规划。\n\n"
            "区政府办公室牵头,区政府各部门负责落实\n\n年底前\n\n正在完善。\n")
    assert [(t.path, roles(t), [d.date for d in t.deadlines]) for t in extract_text(text).tasks] == [
        ("一.(一).1", (["区政府办公室", "区发改委"], ["各乡镇街"], []), ["2021-12-31"]),
        ("一.(一).2", (["区政府办公室"], ["区政府各部门"], []), ["2021-12-31"])]


def test_items_run_on_in_one_paragraph_after_an_enumerating_colon():
    text = ("县长作政府工作报告。报告指出,重点抓好3件民生实事。分别是: (1)加快建设县医院迁建项目。 "
            "(2)新建行政村公共厕所120座。 (3)城区新建便民市场5处。\n")
    result = extract_text(text)
    assert [(t.label, [(x.value, x.unit) for x in t.targets]) for t in result.tasks] == [
        ("(1)", []), ("(2)", [("120", "座")]), ("(3)", [("5", "处")])]


def test_a_headings_bracket_counting_its_projects_holds_no_target():
    text = ("1.科教惠民工程(项目6个,其中基建工程类5个、“小而美”事项类1个)。新建幼儿园35所,"
            "新增学位7800个以上。(牵头单位:市教育局)\n")
    [task] = extract_text(HEAD + text).tasks
    assert [(x.op, x.value, x.unit) for x in task.targets] == [("=", "35", "所"), (">=", "7800", "个")]


def test_a_count_in_the_heading_said_again_in_the_body_is_one_target():
    text = ("1.打通10条城区道路。从完善路网入手,打通华星路等10条城区道路,改造10条背街小巷。\n"
            "2.新建两处公园。新建5个公园,改建5个广场。\n")
    tasks = extract_text(HEAD + text).tasks
    assert [[(x.value, x.unit) for x in t.targets] for t in tasks] == [
        [("10", "条"), ("10", "条")], [("5", "个"), ("5", "个")]]  # (背街小巷 and 广场: other things)


def test_a_body_that_opens_with_role_clauses_names_the_owners():
    text = ("1、在兰州设立综合配套改革试验区事宜\n由杨志武副市长负责,市发改委牵头,相关部门配合,尽快完成实施方案。\n"
            "2、轨道交通项目\n市建设局牵头,市发改委配合,进一步完善项目建设方案。\n"
            "3、新材料基地建设事宜\n各有关部门要主动汇报沟通,认真开展前期准备工作。\n")
    tasks = extract_text(HEAD + text).tasks
    assert [roles(t) for t in tasks] == [
        (["市发改委"], [], ["相关部门"]), (["市建设局"], [], ["市发改委"]), ([], [], [])]
    assert all(u.rule == "note.opener" for t in tasks for u in t.lead + t.cooperating)
    # …on the label's own line, opening with 由
    text = "一、治理畜牧业产品污染\n(一)由省经贸委负责,省农业厅、环保局配合,加快无公害基地建设。\n(二)省农业厅要做好认证工作。\n"
    tasks = extract_text(HEAD + text).tasks
    assert [roles(t) for t in tasks] == [([], ["省经贸委"], ["省农业厅", "环保局"]), ([], [], [])]


def test_a_first_item_that_lost_its_label():
    text = ("某市法治乡村建设实施方案\n二、推进措施\n积极推进涉农领域立法。探索制定地方性法规。(责任单位:市司法局、市农业农村局)\n"
            "2. 加强涉农重点领域执法。加大执法力度。(责任单位:市农业农村局)\n")
    tasks = extract_text(text).tasks
    assert [(t.path, t.label, roles(t)[1]) for t in tasks] == [
        ("二.1", "", ["市司法局", "市农业农村局"]), ("二.2", "2.", ["市农业农村局"])]
    # items numbered on across parts: part 二 opening at 2 lost nothing
    across = ("某市工作要点\n一、重点任务\n1. 推进立法。(责任单位:市司法局)\n二、深化执法改革\n加强领导。统筹推进。\n"
              "2. 加强执法。(责任单位:市农业农村局)\n")
    assert [t.path for t in extract_text(across).tasks] == ["一.1", "二.2"]


def test_a_notices_demands_are_no_tasks():
    text = ("某政发〔2022〕9号\n各市人民政府,省政府各部门:\n省政府决定,将《政府工作报告》主要目标任务分解落实到各地各部门。"
            "现就有关事项通知如下:\n一、统一思想抓落实。各地各部门要切实增强责任感。\n二、明确责任抓落实。各地各部门要建立责任机制。\n")
    result = extract_text(text)
    assert result.tasks == []
    assert [n.reason for n in result.unparsed_notes] == [
        "a plan in which no task was read: its layout may be one the tool does not read"]


def test_strict_comparators_a_density_and_a_quote_without_its_label():
    text = ("1.城区道路路网密度达到5.1公里/平方公里。(牵头单位:区城管委)\n2.生活垃圾回收利用率大于37.5%。(牵头单位:区城管委)\n"
            "3.重大案件复议纠错率小于5%。(牵头单位:区司法局)\n")
    tasks = extract_text(HEAD + text).tasks
    assert [[(x.op, x.value, x.unit, x.text) for x in t.targets] for t in tasks] == [
        [("=", "5.1", "公里/平方公里", "城区道路路网密度达到5.1公里/平方公里")],
        [(">", "37.5", "%", "生活垃圾回收利用率大于37.5%")], [("<", "5", "%", "重大案件复议纠错率小于5%")]]


def test_the_next_item_run_on_after_a_tables_figures_in_one_line():
    text = ("1.新辟公交线路10条。 责任单位:市交通委 年度目标 2 5 1 2 10 实际完成 1 2 0 3 6 合计 24 "
            "2.新投放公共自行车3000辆。 责任单位:市交通委\n")
    tasks = extract_text(HEAD + text).tasks
    assert [(t.label, [x.value for x in t.targets]) for t in tasks] == [("1.", ["10"]), ("2.", ["3000"])]


def test_a_unit_in_square_brackets_opening_a_task():
    [task] = extract_text(HEAD + "1.【县市场监管局】推进食品安全监管,加强抽检。\n").tasks
    assert roles(task) == ([], ["县市场监管局"], []) and task.responsible[0].rule == "note.opener"


def test_a_notice_whose_points_carry_owner_notes_is_the_plan():
    text = ("某县人民政府\n关于印发2020年某县重点民生实事的通知\n各乡镇人民政府:\n确定了十件重点民生实事。现将有关情况通知如下:\n"
            "一、启动东环路建设工程\n投资概算1.5亿元,于2021年6月30日前完成。(牵头责任单位:公路局;配合单位:有关乡镇)\n"
            "二、推进引黄调蓄工程\n一期工程于2020年年底前完成。(牵头责任单位:水利局)。打造街头游园9个,2020年年底前完成。"
            "(牵头责任单位:城管局)\n")
    tasks = extract_text(text).tasks
    assert [(t.label, roles(t)[0], [d.date for d in t.deadlines]) for t in tasks] == [
        ("一、", ["公路局"], ["2021-06-30"]), ("二、", ["水利局", "城管局"], ["2020-12-31"])]


def test_an_item_of_the_closing_parts_that_sets_figures_is_a_task():
    text = ("一、重点任务\n1.推进依法决策。(牵头单位:县司法局)\n二、实施步骤\n"
            "(一)新建公办幼儿园、中小学9所,其中:城区4所,乡镇5所。\n(二)总结评估。全面总结工作。\n")
    tasks = extract_text(HEAD.replace("一、重点工作\n", "") + text).tasks
    assert [(t.path, [x.value for x in t.targets]) for t in tasks] == [("一.1", []), ("二.(一)", ["9", "4", "5"])]


def test_an_owner_cell_merged_down_a_table_printed_one_cell_per_line():
    # the owner cell printed once, in the first row; the rows below leave it out (a merged cell)
    cells = ["序号", "主要任务", "牵头、责任部门",
             "1", "主动公开全部行政审批事项清单,行政审批事项在法定期限内完成", "牵头单位:区政务服务办;责任部门:各街道",
             "2", "依据天津市行政许可事项目录,结合市级业务主管部门取消、下放行政许可权",
             "3", "全面清理规范行政审批中介服务,取消无法定依据的行政审批中介服务事项", "区司法局"]
    result = extract_text("某区2020年法治政府建设任务台账\n" + "\n\n".join(cells) + "\n")
    assert [roles(t) for t in result.tasks] == [(["区政务服务办"], ["各街道"], [])] * 2 + [(["区司法局"], [], [])]
    # a row whose owner and time cells are there, its first value merged above, keeps its own cells
    cells = ["序号", "任务名称", "任务内容", "责任单位", "完成时限",
             "1", "(一)做好信息公开", "依法公开经济、金融、贸易等领域政策文件和解读材料", "区发改委、区商务委", "全年",
             "2", "做好虹桥国际开放枢纽建设信息公开,及时发布政策", "区发改委", "全年",
             "3", "(二)做好数据公开", "及时发布数字化发展战略信息", "区数据局", "全年"]
    result = extract_text("某区2024年政务公开工作要点\n" + "\n\n".join(cells) + "\n")
    assert [roles(t)[1] for t in result.tasks] == [["区发改委", "区商务委"], ["区发改委"], ["区数据局"]]


def test_a_notices_own_points_leave_the_documents_parts_their_plain_labels():
    text = ("某县人民政府关于印发某县2022年法治政府建设工作要点的通知\n各乡镇人民政府:\n现将《工作要点》印发给你们,并就有关事项通知如下:\n"
            "一、加强领导。各单位要高度重视。\n二、强化落实。各单位要抓好落实。\n某县2022年法治政府建设工作要点\n"
            "一、推进依法行政\n1.健全依法决策机制。(牵头单位:县司法局)\n")
    tasks = extract_text(text).tasks
    assert [t.path for t in tasks] == ["一.1"]


def test_a_table_row_is_never_a_units_name():
    text = ("一、专项整治安排表\n专项整治行业名称 | 时间安排 | 责任单位 |\n烟花爆竹 | 1月份 | 安监站 |\n"
            "建筑施工及市政建设 | 5月份 | 城建办 |\n")
    units = [u.text for t in extract_text(HEAD + text).tasks for u in (*t.lead, *t.responsible, *t.cooperating)]
    assert units and not any("|" in u for u in units) and "责任单位" not in units  # (nor a column's head)


def test_growth_and_level_targets():
    text = ("1.地区生产总值增长6.5%以上。(牵头单位:区发改局)\n2.城镇登记失业率控制在3.5%以内。(牵头单位:区人社局)\n"
            "3.固定资产投资增长8%左右。(牵头单位:区发改局)\n4.筹措3亿元资金支持基础设施建设。(牵头单位:区财政局)\n")
    tasks = extract_text(HEAD + text).tasks
    assert [[(x.op, x.value, x.unit) for x in t.targets] for t in tasks] == [
        [(">=", "6.5", "%")], [("<=", "3.5", "%")], [("=", "8", "%")], [("=", "3", "亿元")]]


def test_deadlines_take_the_documents_year():
    text = "1.编制事项清单。10月31日前完成编制,年内全面公布。(牵头单位:县司法局)\n"
    [task] = extract_text(HEAD + text).tasks
    assert [d.date for d in task.deadlines] == ["2022-10-31", "2022-12-31"]


def test_a_year_carries_to_the_next_deadlines():
    text = "1.下达资金。于2017年6月底前下达60%以上、9月底前下达80%以上。(牵头单位:省财政厅)\n"
    [task] = extract_text(HEAD + text).tasks
    assert [d.date for d in task.deadlines] == ["2017-06-30", "2017-09-30"]


def test_a_month_after_a_notes_separator_and_a_whole_year_with_its_year():
    text = ("1.推行告知承诺制。(县司法局牵头,各相关部门配合;2024年6月)\n"
            "2.学习习近平法治思想。\n牵头单位:县委宣传部\n完成时间:2023年全年\n"
            "3.理顺执法体制。(县编办牵头,县司法局配合,2017年底前完成)\n")
    result = extract_text(HEAD + text)
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2024-06-30"], ["2023-12-31"], ["2017-12-31"]]
    assert result.unparsed_notes == []  # 2017年底前完成 is the note's time, not a piece naming no unit


def test_a_month_alone_closing_a_note_and_a_day_in_digits_with_its_word_of_time():
    text = "1.推进告知承诺制。(县司法局,6月份)\n2.推进执法改革。(县司法局,2025.6.30前)\n"
    result = extract_text(HEAD + text)
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2022-06-30"], ["2025-06-30"]]


def test_a_time_label_without_its_colon_and_a_whole_year_closing_the_owners():
    text = ("1.推进政务公开。\n责任单位 市政府办公室  时间要求 2022年6月底前\n"
            "2.加强法治宣传。——市委宣传部、市司法局,2022年全年\n")
    result = extract_text(HEAD + text)
    assert [roles(t) for t in result.tasks] == [([], ["市政府办公室"], []), ([], ["市委宣传部", "市司法局"], [])]
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2022-06-30"], ["2022-12-31"]]
    assert result.unparsed_notes == []


def test_a_rate_of_its_own_does_not_take_the_previous_targets_metric():
    text = "1.化解行政争议。行政诉讼案件败诉率控制在10%以内,行政复议决定履行率100%。(牵头单位:县司法局)\n"
    [task] = extract_text(HEAD + text).tasks
    assert [(x.metric, x.value) for x in task.targets] == [("loss_rate", "10"), (None, "100")]


def test_a_season_to_be_done_in_and_a_pages_date_line_is_no_deadline():
    text = ("县政府将办好3件民生实事。分别是: (1)确保第五幼儿园秋季投入使用。 (2)新建便民市场5处。 |\n"
            "政府信息公开\n索引号:20230425-095005-528 时间:2020-05-11 来源:某县融媒体中心\n")
    result = extract_text(text)
    assert result.document.date == "2020-05-11"  # the page's date line, with no other date
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2020-11-30"], []]
    # the autumn term starting is an event, not a time the work is due by
    assert extract_text(HEAD + "1.保障职业学院秋季开学。(牵头单位:县教育局)\n").tasks[0].deadlines == []


def test_a_month_a_building_is_to_be_in_use():
    text = "1.建设县养老服务中心。主体工程9月投入使用。(牵头单位:县民政局)\n"
    [task] = extract_text(HEAD + text).tasks
    assert [d.date for d in task.deadlines] == ["2022-09-30"]


def test_the_dated_steps_of_a_plan_are_tasks_with_their_deadlines():
    text = ("某镇法治宣传教育第八个五年规划\n一、主要任务\n1.深入学习宣传习近平法治思想。\n二、工作步骤\n"
            "(一)宣传发动阶段(2021年12月底前)\n制定规划,做好宣传发动。\n"
            "(二)组织实施阶段(2021年12月至2025年上半年)\n全面组织实施。\n(三)检查验收阶段(2025年下半年)\n总结验收。\n")
    tasks = extract_text(text).tasks
    assert [(t.path, [d.date for d in t.deadlines]) for t in tasks] == [
        ("一.1", []), ("二.(一)", ["2021-12-31"]), ("二.(二)", ["2025-06-30"]), ("二.(三)", ["2025-12-31"])]


def test_a_year_end_takes_its_own_year_and_a_stock_at_a_year_end_is_no_deadline():
    text = ("1.化解债务风险。力争2020年底完成整改。(牵头单位:县财政局)\n"
            "2.推进预决算公开。公开2016年末政府债务余额预计执行数。(牵头单位:县财政局)\n")
    tasks = extract_text(HEAD + text).tasks
    assert [[d.date for d in t.deadlines] for t in tasks] == [["2020-12-31"], []]


def test_horizon_is_not_a_deadline():
    text = "1.建设法治政府。到2025年基本建成法治政府。(牵头单位:县司法局)\n"
    [task] = extract_text(HEAD + text).tasks
    assert task.deadlines == []


def test_issuer_from_the_signature_block():
    text = ("全省深化放管服改革重点任务分工方案\n福建省人民政府办公厅\n2018年9月30日\n一、任务分工\n"
            "1.精简审批事项。(省审改办牵头)\n")
    meta = extract_text(text).document
    assert (meta.issuer, meta.date) == ("福建省人民政府办公厅", "2018-09-30")


def test_title_never_a_quoted_framework():
    text = ("2023年,我区坚持以习近平法治思想为指引,全面对照《法治政府建设实施纲要(2021-2025年)》推进工作。\n"
            "一、主要成效\n(一)推进依法行政。全年共办理行政复议案件35件,出庭应诉率100%。\n")
    meta = extract_text(text).document
    assert meta.title is None and meta.genre == "annual_report"  # read from the body, no title line


@pytest.mark.parametrize("sentence, figures", [
    ("全年办理法律援助案件1234件", [("1234", "件")]),
    ("评查行政执法案卷86卷,办理行政应诉案件35宗", [("86", "卷"), ("35", "宗")]),
    ("召开专题会议3次,举办法治讲座4期", [("3", "次"), ("4", "期")]),
    ("人均培训52学时,培训干部2.3万人次", [("52", "学时"), ("23000", "人次")]),
    ("参考率、合格率均达到100%", [("100", "%"), ("100", "%")]),
    ("行政诉讼败诉率为0", [("0", "%")]),
    ("出庭率从29.4%升至91.11%", [("91.11", "%")]),
    ("指导全市300余家单位制定清单", [("300", "家")]),
    # 余 before 万: the bare number, 万 folded in
    ("为农民工追回劳动报酬5700余万元", [("57000000", "元")]),
    # the same amount said again for the same thing, its phrase shorter: once
    ("为农民工追回劳动报酬5700余万元。全年追回劳动报酬5700余万元,办结案件12件", [("57000000", "元"), ("12", "件")]),
    # the same words and value for two things in one sentence: two figures
    ("全州受理226378件,办结率99.9%,州级政务服务中心受理40365件,办结率99.9%",
     [("226378", "件"), ("99.9", "%"), ("40365", "件"), ("99.9", "%")]),
    # one value counting two things in one phrase: two figures
    ("主动公开本年度制发的省政府规章5件、省政府办公厅行政规范性文件5件,废止省政府规章9件",
     [("5", "件"), ("5", "件"), ("9", "件")]),
])
def test_report_figures(sentence, figures):
    text = "某某县2022年法治政府建设情况报告\n一、主要工作\n(一)推进依法行政。" + sentence + "。\n"
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    assert [(a.value, a.unit) for a in result.achievements] == figures
    assert all(a.text and a.rule and a.confidence for a in result.achievements)


def test_years_dates_and_document_numbers_are_not_figures():
    text = ("某某县2022年法治政府建设情况报告\n一、主要工作\n(一)推进依法行政。2022年9月10日印发《某某县法治政府建设实施方案"
            "(2021—2025年)》(某政发〔2022〕12号),第3次会议审议通过。\n")
    assert extract_text(text).achievements == []


def test_a_note_that_gives_nothing_is_kept_as_unparsed():
    text = "1.推进依法行政。建立健全制度。(牵头单位:待定)\n"
    result = extract_text(HEAD + text)
    assert roles(result.tasks[0]) == ([], [], [])
    assert [n.text for n in result.unparsed_notes] == ["(牵头单位:待定)"]


def test_items_whose_full_stop_became_a_space_and_ordinal_paragraphs_with_notes():
    text = ("1 健全依法决策机制。严格落实重大行政决策程序。(区司法局)\n"
            "2 加强规范性文件管理。(区司法局牵头,各部门配合)\n"
            "二、化解矛盾\n"
            "第一,完善调解体系。(区司法局负责)\n"
            "第二,加强复议。(区法院负责)\n"
            "三、推进执法\n"
            "一是加强培训。(区人社局负责)\n")
    result = extract_text(HEAD + text)
    got = [(t.path, t.title, roles(t)) for t in result.tasks]
    assert got == [
        ("一.1", "健全依法决策机制", ([], ["区司法局"], [])),
        ("一.2", "加强规范性文件管理", (["区司法局"], [], ["各部门"])),
        ("二.第一", "完善调解体系", ([], ["区司法局"], [])),
        ("二.第二", "加强复议", ([], ["区法院"], [])),
        ("三", "推进执法", ([], ["区人社局"], [])),  # one paragraph under a heading: the heading is the task
    ]


def test_a_count_at_a_line_start_is_not_an_item():
    result = extract_text(HEAD + "1.推进依法行政。全年办理案件\n3 个工作日内办结。(县司法局负责)\n")
    assert [t.path for t in result.tasks] == ["一.1"]
    assert [u.text for u in result.tasks[0].responsible] == ["县司法局"]


def test_a_month_alone_in_a_time_cell_of_a_table_printed_one_cell_per_line():
    text = ("某县2023年法治政府建设重点任务清单\n序号\n工作任务\n牵头单位\n责任单位\n完成时限\n"
            "1\n推进依法决策\n县司法局\n县政府各部门\n2023年12月底\n"
            "2\n加强执法监督\n县司法局\n各执法单位\n2023年11月\n")
    result = extract_text(text)
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2023-12-31"], ["2023-11-30"]]
    assert [roles(t) for t in result.tasks] == [(["县司法局"], ["县政府各部门"], []), (["县司法局"], ["各执法单位"], [])]


@pytest.mark.parametrize("first, second, labels", [
    ("①", "②", ["一.①", "一.②"]),  # circled numbers
    ("1)", "2)", ["一.1)", "一.2)"]),  # a closing bracket only (1) folded to half width)
    ("㈠", "㈡", ["一.㈠", "一.㈡"]),  # a section number in one character
])
def test_outline_numbers_in_other_scripts(first, second, labels):
    result = extract_text(HEAD + f"{first}推进依法决策。(县司法局负责)\n{second}加强执法监督。(县政府办负责)\n")
    assert [(t.path, t.number, t.title, roles(t)) for t in result.tasks] == [
        (labels[0], 1, "推进依法决策", ([], ["县司法局"], [])),
        (labels[1], 2, "加强执法监督", ([], ["县政府办"], []))]


def test_circled_sub_items_stay_part_of_their_item():
    result = extract_text(HEAD + "1.推进依法决策。\n①落实程序\n②加强审查\n(县司法局负责)\n2.加强执法监督。(县政府办负责)\n")
    assert [(t.path, roles(t)) for t in result.tasks] == [("一.1", ([], ["县司法局"], [])), ("一.2", ([], ["县政府办"], []))]


@pytest.mark.parametrize("lower", ["| | 牵头单位 | 配合单位 |", "牵头单位 | 配合单位"])
def test_a_two_row_header_printed_as_text(lower):
    text = ("某县2023年法治政府建设任务分工表\n序号 | 工作任务 | 责任单位 | | 完成时限\n" + lower + "\n"
            "1 | 推进依法决策 | 县司法局 | 县政府办 | 2023年12月底\n")
    result = extract_text(text)
    assert [(t.number, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        (1, (["县司法局"], [], ["县政府办"]), ["2023-12-31"])]


def test_a_header_whose_lower_row_dropped_its_blanks_and_a_row_whose_cells_hold_numbered_measures():
    text = ("关于印发《某乡2022年度普法责任制》的通知\n各村:\n现印发给你们。\n"
            "附件:1.某乡“谁执法谁普法”四个清单工作分解表\n2.某乡“谁执法谁普法”责任制考核评价办法\n"
            "中共某县某乡委员会\n2022年5月10日\n附件1:\n某乡“谁执法谁普法”四个清单工作分解表\n"
            "序号 | 内容清单 | 责任清单 | 措施清单 | 标准清单 | ||||\n"
            "责任领导 | 责任人 | 责任处室 | 普法对象 | 学习宣传载体 | 方式措施 | |||\n"
            "1 | 重点宣传党规党纪。 | 李进军 | 朱继文 | 党建办公室 | 全体干部 | 1.理论学习;2.展板。 | 1.落实学法制度;2.拟定计划。 | 1.认真组织 |\n")
    result = extract_text(text)
    # the second attachment of the notice's list is no item; numbers inside cells are no items
    assert [(t.number, roles(t)) for t in result.tasks] == [(1, ([], ["党建办公室"], []))]  # people are no units
    assert result.document.date == "2022-05-10"


def test_a_plan_printed_as_one_line_whose_title_runs_into_its_first_part():
    text = ("2023年依法治镇工作一、认真贯彻落实县依法治县2023年工作要点1、认真贯彻落实县依法治县工作。全镇要开展自查。"
            "2、推动争创法治建设工作。发挥党委作用。二、加强法治政府建设,制造良好政务环境1、健全镇行政服务中心建设。完善机制。"
            "2、全面落实行政执法责任制,提高行政执行力。严格程序。")
    result = extract_text(text)
    assert [(t.path, t.title) for t in result.tasks] == [
        ("一.1", "认真贯彻落实县依法治县工作"), ("一.2", "推动争创法治建设工作"),
        ("二.1", "健全镇行政服务中心建设"), ("二.2", "全面落实行政执法责任制,提高行政执行力")]


def test_a_task_table_without_a_number_column_and_a_row_broken_over_two_lines():
    unnumbered = ("某县2024年法治政府建设工作要点\n工作任务 | 牵头单位 | 配合单位 | 完成时限\n"
                  "推进依法决策 | 县司法局 | 县政府办 | 2024年6月底前\n加强执法监督 | 县司法局 | 各执法部门 | 2024年12月底前\n")
    result = extract_text(unnumbered)
    assert [(t.number, t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        (1, "推进依法决策", (["县司法局"], [], ["县政府办"]), ["2024-06-30"]),
        (2, "加强执法监督", (["县司法局"], [], ["各执法部门"]), ["2024-12-31"])]
    broken = ("某县2024年法治政府建设工作要点\n序号 | 工作任务 | 牵头单位 | 完成时限\n1 | 推进依法决策,落实决策程序,\n"
              "加强合法性审查 | 县司法局 | 2024年6月底前\n2 | 加强执法监督 | 县司法局 | 2024年12月底前\n")
    result = extract_text(broken)
    assert [(t.number, t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        (1, "推进依法决策,落实决策程序,加强合法性审查", (["县司法局"], [], []), ["2024-06-30"]),
        (2, "加强执法监督", (["县司法局"], [], []), ["2024-12-31"])]


def test_numbered_goals_that_set_figures_are_tasks_and_plain_guidance_is_not():
    text = ("某县2024年法治政府建设实施方案\n一、工作目标\n1.行政复议纠错率保持在15%左右。\n2.行政机关负责人出庭应诉率达到100%。\n"
            "3.加强队伍建设。\n二、重点任务\n(一)推进依法决策。(县司法局负责)\n")
    result = extract_text(text)
    assert [(t.path, [(x.op, x.value, x.unit) for x in t.targets if not x.qualitative]) for t in result.tasks] == [
        ("一.1", [("=", "15", "%")]), ("一.2", [("=", "100", "%")]), ("二.(一)", [])]


def test_a_page_that_starts_at_item_12_whose_numbers_lost_their_full_stops():
    result = extract_text(HEAD + "12健全依法决策机制。(县司法局负责)\n13加强执法监督。(县政府办负责)\n")
    assert [(t.path, roles(t)) for t in result.tasks] == [("一.12", ([], ["县司法局"], [])), ("一.13", ([], ["县政府办"], []))]
    # one number alone at a line's start opens no item
    result = extract_text(HEAD + "1.推进依法行政。全年办理案件\n12件以上。(县司法局负责)\n")
    assert [t.path for t in result.tasks] == ["一.1"]


@pytest.mark.parametrize("convention", ["列第一位的为牵头单位,下同", "排序第一的单位为牵头单位,下同", "排在第一位的单位是牵头单位,下同",
                                        "第一责任单位为牵头单位,下同", "首位单位为牵头单位,下同"])
def test_the_first_listed_leads_however_the_document_words_it(convention):
    text = f"1.推进依法行政。(责任单位:区委依法治区办、区司法局。{convention})\n2.加强执法监督。(责任单位:区司法局、区法院)\n"
    result = extract_text(HEAD + text)
    assert [roles(t) for t in result.tasks] == [(["区委依法治区办"], ["区司法局"], []), (["区司法局"], ["区法院"], [])]


def test_paragraphs_saved_as_one_line_with_a_space_at_each_break():
    # a county site printed the notice and its split as one paragraph; the first-leads rule in a bracket
    notice = "各镇人民政府,县政府各部门:现将《政府工作报告2022年重点工作责任分解》印发给你们,请认真贯彻执行。 "
    text = (notice * 2 + "某某县人民政府办公室 2022年4月18日 (此件公开发布) 政府工作报告2022年重点工作责任分解 "
            "一、经济发展重点工作 1.全县生产总值增长7.5%左右;一般公共预算收入增长8.5%。 "
            "责任单位:县发改局(首位单位为牵头单位,下同)、县财政局、县税务局 2.严控“三公”经费,降低行政运行成本。 "
            "责任单位:县财政局 二、法治建设重点工作 1.坚持县政府常务会议集体学法。 责任单位:县司法局")
    result = extract_text(text)
    assert result.document.title == "政府工作报告2022年重点工作责任分解"
    assert [(t.path, roles(t)) for t in result.tasks] == [
        ("一.1", (["县发改局"], ["县财政局", "县税务局"], [])), ("一.2", (["县财政局"], [], [])), ("二.1", (["县司法局"], [], []))]
    # a paragraph that only has spaces inside it is not cut
    one = "县司法局 2022年组织学法3次,1.5万人次参加。" * 20
    assert "\n" not in extract_text(one).text


def test_a_note_on_a_section_heading_covers_its_tasks_without_one():
    text = ("(一)深化商事制度改革(指标牵头单位:市审批服务管理局)\n1.进一步便利企业开办。持续推进一照通办。\n"
            "2.推进证照分离。(市市场监管局负责)\n"
            "二、县示范区管委会牵头工作(2项)\n1.建设养殖基地。\n2.打造生产基地。\n")
    result = extract_text(HEAD + text)
    got = [(t.path, roles(t), [u.rule for u in t.lead + t.responsible]) for t in result.tasks]
    assert got == [
        ("一.(一).1", (["市审批服务管理局"], [], []), ["note.heading"]),
        ("一.(一).2", ([], ["市市场监管局"], []), ["note.verb"]),  # its own note wins
        ("二.1", (["县示范区管委会"], [], []), ["note.heading"]),
        ("二.2", (["县示范区管委会"], [], []), ["note.heading"])]


def test_a_goals_aim_is_no_deadline_and_a_range_is_one_target():
    text = ("某省2015年法治政府建设实施方案\n一、工作目标\n1.到2015年底,网上办结率达到90%以上。\n2.各项指标前进1—2个名次。\n"
            "二、重点任务\n(一)压缩办理时限。办理时限缩短至3至5个工作日,2015年底前完成。\n")
    result = extract_text(text)
    got = [(t.path, [(x.op, x.value, x.unit) for x in t.targets if not x.qualitative], [d.date for d in t.deadlines])
           for t in result.tasks]
    assert got == [("一.1", [(">=", "90", "%")], []), ("一.2", [(">=", "1", "个名次")], []),
                   ("二.(一)", [("<=", "5", "个工作日")], ["2015-12-31"])]


@pytest.mark.parametrize("line, expected", [
    # names listed with commas before the verb they share, on a line of their own
    ("市金融办,人民银行某某市中心支行,某某银监分局分别牵头落实",
     (["市金融办", "人民银行某某市中心支行", "某某银监分局"], [], [])),
    ("市金融办、人民银行某某市中心支行分别牵头落实", (["市金融办", "人民银行某某市中心支行"], [], [])),
])
def test_a_line_of_names_sharing_one_verb(line, expected):
    assert roles(only_task("(一)加强金融服务。推动普惠金融发展。\n" + line + "\n")) == expected


@pytest.mark.parametrize("sep", ["、", ","])
def test_a_standing_clause_lists_its_names_with_commas_too(sep):
    text = (f"1.提升政务中心建设。开展一次全面摸排。(责任单位:州政务服务中心,以下各任务均需各县市人民政府{sep}"
            "州直相关行业部门落实,不再一一列出)\n2.优化审批流程。压减审批环节。(责任单位:州发展改革委)\n")
    result = extract_text(HEAD + text)
    got = [roles(t)[1] for t in result.tasks]
    assert got == [["州政务服务中心", "各县市人民政府", "州直相关行业部门"],
                   ["州发展改革委", "各县市人民政府", "州直相关行业部门"]]


@pytest.mark.parametrize("note, expected", [
    # names separated by spaces (a table cell or a PDF line): each organ's name stays whole
    ("(省财政厅 自然资源厅 税务局 地方金融监管局配合)", ["省财政厅", "自然资源厅", "税务局", "地方金融监管局"]),
    ("(自治区党委宣传部 文化厅 广电局负责)", ["自治区党委宣传部", "文化厅", "广电局"]),
    ("(区建设管理委(区交通委) 区水务局负责)", ["区建设管理委(区交通委)", "区水务局"]),
    ("(市发改委 五县五区政府 开发区管委会负责)", ["市发改委", "五县五区政府", "开发区管委会"]),
    ("(安监站 安监所 交警六中队负责)", ["安监站", "安监所", "交警六中队"]),
    # …but a name the layout split stays one name
    ("(区政府 办公室负责)", ["区政府办公室"]),
    ("(县委 宣传部负责)", ["县委宣传部"]),
    ("(县公安局 交警大队负责)", ["县公安局交警大队"]),
])
def test_space_separated_names(note, expected):
    lead, responsible, cooperating = roles(only_task("(一)推进依法行政。" + note + "\n"))
    assert lead + responsible + cooperating == expected


@pytest.mark.parametrize("label, role", [
    ("落实单位", 1), ("落实部门", 1), ("具体责任单位", 1), ("实施主体", 1), ("主办单位", 0), ("主责单位", 0),
    ("协同单位", 2), ("牵头责任单位", 0)])
def test_every_role_label_is_read_in_a_note_and_as_a_table_column(label, role):
    from kg.vocab import column_kind

    assert column_kind(label) == ("lead", "responsible", "cooperating")[role]
    got = roles(only_task(f"(一)推进依法行政。({label}:县司法局、县发改局)\n"))
    assert got[role] == ["县司法局", "县发改局"] and sum(map(len, got)) == 2


@pytest.mark.parametrize("note, expected", [
    ("(县纪委监委、县委组织部、县司法局按职能分工负责)", ([], ["县纪委监委", "县委组织部", "县司法局"], [])),
    ("(县司法局督促各部门落实)", (["县司法局"], ["各部门"], [])),
    ("(县司法局指导各乡镇具体实施)", (["县司法局"], ["各乡镇"], [])),
    ("(自治区党委组织部、监察厅负责)", ([], ["自治区党委组织部", "监察厅"], [])),  # 组织 inside a name is no verb
    ("——县司法局牵头", (["县司法局"], [], [])),
    ("(县司法局牵头,各乡镇、各部门各司其职)", (["县司法局"], ["各乡镇", "各部门"], [])),
    ("(县司法局指导,各乡镇具体实施)", (["县司法局"], ["各乡镇"], [])),
    ("(县司法局牵头抓总,各成员单位各负其责)", (["县司法局"], ["各成员单位"], [])),
    ("(全面推进,县司法局负责)", ([], ["县司法局"], [])),  # a verb after words that name no unit
])
def test_more_role_wordings(note, expected):
    assert roles(only_task("(一)加强学习。" + note + "\n")) == expected


def test_a_table_printed_cell_by_cell_with_a_bar_after_each_cell():
    text = ("一、持续推进标准化规范化 |\n1.持续推动政府信息主动公开目录的动态更新调整。 |\n法规科牵头,相关科(室)配合。 |\n长期 |\n"
            "二、提升依申请公开办理规范化程度 |\n2.规范使用依申请公开系统。 |\n办公室 |\n长期 |\n"
            "三、推进公共企事业单位信息公开 |\n3.根据《国务院办公厅关于印发〈公共企事业单位信息公开规定制定办法〉的通知》(国办")
    result = extract_text(HEAD + text)
    assert [roles(t) for t in result.tasks] == [(["法规科"], [], ["相关科(室)"]), ([], ["办公室"], []), ([], [], [])]


@pytest.mark.parametrize("head, kind", [
    # heads no list names, read by their grammar
    ("执行单位", "responsible"), ("承担单位", "responsible"), ("涉及部门", "responsible"), ("实施机关", "responsible"),
    ("任务承担单位", "responsible"), ("协作单位", "cooperating"), ("牵头领导单位", "lead"),
    ("牵头市领导", "person"), ("分管区领导", "person"), ("主要负责人", "person"),
    ("督办单位", "remark"), ("完成期限", "time"),
    # the measure of an indicator table stays a measure
    ("单位", "unit"), ("计量单位", "unit"), ("指标单位", "unit"),
])
def test_a_column_head_is_read_by_its_grammar(head, kind):
    from kg.vocab import column_kind

    assert column_kind(head) == kind


def test_a_table_with_heads_no_list_names():
    text = ("序号 | 工作任务 | 牵头市领导 | 执行单位 | 协作单位 | 完成期限\n"
            "1 | 深化行政复议体制改革。 | 王某某 | 县司法局 | 县财政局、县人社局 | 2022年6月底前\n"
            "2 | 推行行政执法三项制度。 | 李某某 | 县各行政执法部门 | 县司法局 | 2022年12月底前\n")
    result = extract_text(HEAD + text)
    assert [roles(t) for t in result.tasks] == [([], ["县司法局"], ["县财政局", "县人社局"]),
                                               ([], ["县各行政执法部门"], ["县司法局"])]
    assert [[str(d.date) for d in t.deadlines] for t in result.tasks] == [["2022-06-30"], ["2022-12-31"]]


CELL_HEAD = "某某县2022年法治政府建设工作要点\n某某县人民政府办公室\n2022年3月1日\n"


@pytest.mark.parametrize("heads", ["工作任务\n牵头单位\n责任单位\n", "重点任务\n牵头单位\n责任单位\n完成时限\n"])
def test_owner_lines_fill_the_owner_columns_in_the_headers_order(heads):
    # a table printed one cell a line whose rows the reader cannot delimit: each task's lines of
    # unit names are its owner cells, in the order the header names the owner columns
    body = ("一、规范执法\n1.深化行政复议体制改革。\n县司法局\n县财政局、县人社局\n"
            "2.推行行政执法三项制度。\n县司法局\n县各行政执法部门\n")
    result = extract_text(CELL_HEAD + heads + body)
    assert [roles(t) for t in result.tasks] == [(["县司法局"], ["县财政局", "县人社局"], []),
                                               (["县司法局"], ["县各行政执法部门"], [])]
    assert not result.unparsed_notes


def test_an_owner_line_that_could_fill_either_column_is_shown_not_guessed():
    body = ("一、规范执法\n1.深化行政复议体制改革。\n县司法局\n县财政局、县人社局\n"
            "2.推行行政执法三项制度。\n县各行政执法部门\n")  # one cell of two: lead or responsible?
    result = extract_text(CELL_HEAD + "工作任务\n牵头单位\n责任单位\n" + body)
    assert [roles(t) for t in result.tasks] == [(["县司法局"], ["县财政局", "县人社局"], []), ([], [], [])]
    assert [(n.text, n.reason) for n in result.unparsed_notes] == [
        ("县各行政执法部门", "unit names on a line of their own, with no role word")]


def test_table_cells_that_name_units_the_row_did_not_read_are_shown():
    # an owner cell with no unit; a bare 单位 column in a task table holds its owners
    text = ("序号 | 工作任务 | 牵头单位 | 完成时限\n1 | 深化行政复议体制改革。 | 见附件 | 2022年6月底前\n"
            "2 | 推行行政执法三项制度。 | 县司法局 | 2022年12月底前\n")
    result = extract_text(CELL_HEAD + text)
    assert [roles(t) for t in result.tasks] == [([], [], []), (["县司法局"], [], [])]
    assert [(n.text, n.reason) for n in result.unparsed_notes] == [("见附件", "an owner cell whose units could not be read")]
    text = ("序号 | 工作任务 | 单位 | 完成时限\n1 | 深化行政复议体制改革。 | 县司法局、县财政局 | 2022年6月底前\n"
            "2 | 推行行政执法三项制度。 | —— | 2022年12月底前\n")
    result = extract_text(CELL_HEAD + text)
    assert [roles(t) for t in result.tasks] == [([], ["县司法局", "县财政局"], []), ([], [], [])]
    assert not result.unparsed_notes
    text = ("序号 | 工作任务 | 分工 | 完成时限\n1 | 深化行政复议体制改革。 | 县司法局、县财政局 | 2022年6月底前\n"
            "2 | 推行行政执法三项制度。 | 县政府办公室 | 2022年12月底前\n")  # 分工: which role is not said
    result = extract_text(CELL_HEAD + text)
    assert [roles(t) for t in result.tasks] == [([], [], []), ([], [], [])]
    assert [(n.text, n.reason) for n in result.unparsed_notes] == [
        (cell, "a cell of unit names under a head not read as an owner's") for cell in ("县司法局、县财政局", "县政府办公室")]


def test_levels_that_run_on_before_their_shared_organ_are_one_collective():
    from kg.extract.unitnames import split_units

    assert [m.text for m in split_units("市水利局、各县、市、区政府、市司法局", 0)] == ["市水利局", "各县、市、区政府", "市司法局"]
    assert [m.text for m in split_units("县发改局,各乡、镇人民政府", 0)] == ["县发改局", "各乡、镇人民政府"]


def test_a_host_and_co_host_line_is_a_note_and_a_sites_footer_is_not():
    text = ("一、人居环境提升工程\n(1)实施老旧小区改造提升。改造两个片区的老旧小区。\n主办单位:县城投公司,协办单位:县住建局、凤城镇。\n"
            "(2)建设民俗公园。\n主办单位:县住建局,协办单位:敖江镇。\n主办单位:某某县人民政府办公室 备案号:闽ICP备00000000号\n")
    result = extract_text(HEAD.replace("一、重点工作\n", "") + text)
    assert [roles(t) for t in result.tasks] == [(["县城投公司"], [], ["县住建局", "凤城镇"]), (["县住建局"], [], ["敖江镇"])]


def test_label_lines_naming_a_leader_beside_the_lead_and_co_responsible_units():
    text = ("1. 地区生产总值增长8%以上。\n牵头负责领导:金某。\n牵头责任单位:县发展改革委。\n"
            "协同责任单位:县经信局、县商务局等,各乡镇政府。\n")
    assert roles(only_task(text)) == (["县发展改革委"], [], ["县经信局", "县商务局", "各乡镇政府"])


def test_a_run_of_labels_ends_a_unit_list_at_the_next_label():
    # a progress page: owners, then the person in charge and the work done, with no punctuation between
    text = "1.新辟公交线路10条。牵头领导:王某责任单位:县交通局项目责任人:李某配合单位:县公安局实际完成情况:已开通6条。\n"
    assert roles(only_task(text)) == ([], ["县交通局"], ["县公安局"])


def test_a_note_after_the_sub_items_of_a_bare_heading_is_the_headings():
    text = ("(一)应急预案建设\n1.完善应急预案体系\n(1)加强应急预案管理,规范编制和备案。\n(2)加强应急预案演练。\n"
            "(责任单位:县应急局、各乡镇人民政府)\n2.健全应急管理体制\n(1)推进应急管理办事机构建设。\n")
    result = extract_text(HEAD.replace("一、重点工作\n", "") + text)
    assert [(t.path, t.title) for t in result.tasks] == [("(一).1", "完善应急预案体系"), ("(一).2", "健全应急管理体制")]
    assert [roles(t) for t in result.tasks] == [([], ["县应急局", "各乡镇人民政府"], []), ([], [], [])]


def test_a_yearbook_entry_without_a_title_is_a_report_and_its_counts_in_zong_are_figures():
    text = ("一级目:法治\n【行政应诉】2021年,某区认真执行行政应诉工作规则。年底前,区司法局代理区政府作为当事人的行政诉讼案件40宗,"
            "审结27宗,占67.5%;胜诉率100%。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    assert [(a.value, a.unit) for a in result.achievements] == [("40", "宗"), ("27", "宗"), ("67.5", "%"), ("100", "%")]


def test_a_count_inside_another_counts_phrase_is_a_figure_of_its_own():
    result = extract_text("某区2023年法治政府建设情况报告\n一、主要工作\n区政府法律顾问共审查重大行政决策1件、规范性文件10件、合同70余份。\n")
    assert sorted((a.value, a.unit) for a in result.achievements) == [("1", "件"), ("10", "件"), ("70", "份")]


def test_a_unit_with_a_role_verb_no_list_knows_is_shown_not_dropped():
    result = extract_text(HEAD + "(一)加强审核。(县司法局把关,各乡镇落实)\n")
    assert roles(result.tasks[0]) == ([], ["各乡镇"], [])
    assert [(n.text, n.reason) for n in result.unparsed_notes] == [("县司法局把关", "a piece of a note that names no unit")]


TABLE_ROWS = [("1", "深化行政复议体制改革。", "县司法局", "县财政局、县人社局", "2023年6月底前"),
              ("2", "推行行政执法三项制度。", "县司法局", "县各行政执法部门", "2023年12月底前")]
TABLE_OWNERS = [(["县司法局"], [], ["县财政局", "县人社局"]), (["县司法局"], [], ["县各行政执法部门"])]


@pytest.mark.parametrize("gap", ["  ", "\u3000\u3000", "    "])
def test_a_task_table_set_in_spaces(gap):
    # text taken from a PDF or a fixed-width page: columns apart by two spaces or more
    text = gap.join(["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]) + "\n" + "".join(
        gap.join(row) + "\n" for row in TABLE_ROWS) + "各单位要加强协作,形成合力。\n"
    result = extract_text(CELL_HEAD + text)
    assert [roles(t) for t in result.tasks] == TABLE_OWNERS
    assert [[str(d.date) for d in t.deadlines] for t in result.tasks] == [["2023-06-30"], ["2023-12-31"]]
    assert "各单位要加强协作,形成合力。" in result.text  # the paragraph after the table keeps its words


def test_a_spaced_table_with_blank_lines_between_rows_and_one_space_before_the_owners():
    # a blog's copy of a table: no number column, each row's item number in its work cell, a blank
    # line between rows, and in some rows a single space between the work and the owners; a last
    # row whose time cell is empty; a 主题词 line of words apart by spaces is no header
    text = ("主题词:执法  规范化建设  工作任务  责任分工  通知\n\n"
            "具体任务和工作要求   主要责任部门      完成时限\n\n"
            "1、跟进细化行政案件裁量标准 县公安局法制大队       2010年底\n\n"
            "2、健全执法台账管理制度     县公安局法制大队       2010年10月底\n\n"
            "3、完善治安案件调解程序 县公安局治安大队      \n\n"
            "4、健全案卷管理制度     县公安局法制大队       2010年11月底\n")
    result = extract_text(text)
    assert result.document.genre == "task_division"  # a time column is no column of figures: no report; an owners' one, a split
    assert [(t.number, t.title, [u.text for u in t.lead]) for t in result.tasks] == [
        (1, "跟进细化行政案件裁量标准", ["县公安局法制大队"]), (2, "健全执法台账管理制度", ["县公安局法制大队"]),
        (3, "完善治安案件调解程序", ["县公安局治安大队"]), (4, "健全案卷管理制度", ["县公安局法制大队"])]
    assert [[str(d.date) for d in t.deadlines] for t in result.tasks] == [["2010-12-31"], ["2010-10-31"], [], ["2010-11-30"]]


def test_a_head_broken_over_a_two_row_header():
    text = "序号 | 工作任务 | 牵头 | 配合 | 完成\n | | 单位 | 单位 | 时限\n" + "".join(" | ".join(r) + "\n" for r in TABLE_ROWS)
    assert [roles(t) for t in extract_text(CELL_HEAD + text).tasks] == TABLE_OWNERS


def test_a_table_without_a_number_column_whose_work_cells_are_numbered_and_rows_run_over_lines():
    # 类别 and 工作任务 cells merged over rows print once; each row's 工作措施 cell opens with its
    # number; a long cell runs over a line break; the page cuts the last row
    text = ("类别 | 工作任务 | 工作措施 | 责任科室 | 完成时限 | 具体分工 | ||\n"
            "公示制度 | 制定公示制度 | 1.制定行政执法公示制度 | 法规科 | 2019年12月30日前 |\n"
            "法规科:负责起草制度。 |\n||\n"
            "信息公开形式 | 2.建立统一的执法信息公示平台 | 法规科 各相关科室 |\n2020年3月底前 |\n法规科:负责平台搭建。 |\n|||\n"
            "3.编制随机抽查事项清单 | 明确抽查主体")
    result = extract_text(CELL_HEAD + text)
    assert [(t.number, t.title) for t in result.tasks] == [
        (1, "制定行政执法公示制度"), (2, "建立统一的执法信息公示平台"), (3, "编制随机抽查事项清单")]
    assert [roles(t) for t in result.tasks][:2] == [([], ["法规科"], []), ([], ["法规科", "各相关科室"], [])]
    assert [[str(d.date) for d in t.deadlines] for t in result.tasks][:2] == [["2019-12-30"], ["2020-03-31"]]


def test_items_numbered_with_a_full_stop_and_a_note_of_owners_and_timing():
    text = "1。推进依法行政,全面建成法治政府。(县政府各部门分别负责,年内持续推进)\n2。完成年度就业目标任务。\n"
    result = extract_text(HEAD + text)
    assert [(t.number, roles(t)) for t in result.tasks] == [(1, ([], ["县政府各部门"], [])), (2, ([], [], []))]
    assert not result.unparsed_notes


def test_places_named_bare_before_the_organ_they_share_are_one_unit():
    from kg.extract.unitnames import split_units

    assert [m.text for m in split_units("自然资源厅、银川市、石嘴山市、吴忠市人民政府、宁东管委会", 0)] == [
        "自然资源厅", "银川市、石嘴山市、吴忠市人民政府", "宁东管委会"]


def test_bullets_a_mirror_turned_into_question_marks_stay_with_their_item():
    text = ("一、基础设施\n(一)道路畅通工程。推进道路交通体系建设。\n(二)城际公交工程。加快城际公交一体化进程,优化跨区域公共交通网络,推进都市圈公共交通同城化。\n"
            "?制定城际公交开通实施方案。\n?建设公交一卡通数据平台,2019年实现互联互通。(区交通局负责)\n")
    result = extract_text(HEAD.replace("一、重点工作\n", "") + text)
    assert [(t.path, [str(d.date) for d in t.deadlines], roles(t)) for t in result.tasks][-1] == (
        "一.(二)", ["2019-12-31"], ([], ["区交通局"], []))


def test_a_gloss_inside_a_note_line_is_part_of_its_name_and_addressees_are_not_the_place():
    text = ("各县(市、区)人民政府,市城乡一体化示范区、东城区管委会,市人民政府各部门:\n现将重点工作任务予以分解。\n"
            "一、抓好疫情防控\n1.坚持总体防控策略,完善常态化疫情防控举措。\n责任单位:市卫生健康委等,各县(市、区)政府(管委会)\n")
    result = extract_text("许昌市人民政府文件\n" + text)
    assert roles(result.tasks[0]) == ([], ["市卫生健康委", "各县(市、区)政府(管委会)"], [])
    assert result.document.jurisdiction.full_name == "河南省许昌市"


def test_the_places_a_notice_is_addressed_to_are_not_its_jurisdiction():
    text = ("许政〔2020〕20号\n各县(市、区)人民政府,市城乡一体化示范区、东城区管委会,市人民政府各部门:\n"
            "现将重点工作任务予以分解。许昌市人民政府要求各单位抓好落实。\n一、抓好疫情防控\n1.坚持总体防控策略。\n")
    assert extract_text(text).document.jurisdiction.full_name == "河南省许昌市"


def test_a_forums_anti_copy_noise_at_line_ends_is_not_the_documents():
    from kg.ingest.normalize import normalize

    raw = ("& Q: W \\5 r2 y: W1 j2 E$ J 各县(市、区)人民政府: 3 V& i$ K2 d: T\" E, G\n"
           "/ B9 F% F9 p% f (一)全市年末城镇登记失业率控制在4.2%以内; : J8 F' X+ b/ T\" t) \\' g: L\n"
           "* k, j/ c1 e8 _4 |# U4 b (二)新增转移就业4.5万人。\n; j0 t, P, l$ p, ?二〇〇九年四月二十九日\n"
           "序号 | 工作任务 | 牵头单位 | | |\n1 2 0 3 6 实际完成\n")
    assert normalize(raw).text.split("\n") == [
        "各县(市、区)人民政府:", "(一)全市年末城镇登记失业率控制在4.2%以内;", "(二)新增转移就业4.5万人。", "二〇〇九年四月二十九日",
        "序号 | 工作任务 | 牵头单位 | | |", "1 2 0 3 6实际完成"]  # (a run of numbers is no noise)


def test_a_part_of_principles_for_the_division_holds_no_tasks():
    text = ("一、分工原则\n(一)明确政府职责和市场功能。充分体现政府与市场的不同功能。\n"
            "二、责任分工\n(一)健全依法决策机制。(县司法局负责)\n")
    assert [t.path for t in extract_text(HEAD.replace("一、重点工作\n", "") + text).tasks] == ["二.(一)"]


def test_one_value_several_rates_share_is_each_rates_target():
    task = only_task("1.规范性文件报备率、报备及时率、规范率均达100%。(县司法局负责)\n")
    assert [(x.op, x.value, x.unit, x.metric) for x in task.targets] == [
        ("=", "100", "%", "filing_rate"), ("=", "100", "%", "timeliness_rate"), ("=", "100", "%", "conformity_rate")]


def test_the_background_of_an_interpretation_page_holds_no_tasks():
    text = ("一、《工作方案》出台背景\n为深入贯彻落实条例精神,于2022年3月1日印发《工作方案》。\n"
            "二、主要任务\n(一)提升服务方式完备度。推动事项网上可办。\n")
    assert [t.path for t in extract_text("西宁市网上政务服务能力提升工作方案政策解读\n" + text).tasks] == ["二.(一)"]


def test_a_completion_report_repeating_its_plans_notes_is_a_report_whose_restated_items_are_tasks():
    text = ("截止2019年12月31日,某市“十件实事”涉及的16项工作任务全面完成。具体情况如下:\n"
            "一、减少农村扶贫对象6.76万人。(责任单位:市扶贫办,各县区政府)该件实事已全面完成\n"
            "1.减少农村扶贫对象6.76万人(责任单位:市扶贫办,各县区)\n此项工作已完成。全市完成减少农村扶贫对象7.497万人。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report" and [t.path for t in result.tasks] == ["一", "一.1"]
    assert ("74970", "人") in [(a.value, a.unit) for a in result.achievements]  # (what was done: a figure, not a target)
    assert [(x.value, x.unit) for t in result.tasks for x in t.targets] == [("6.76", "万人"), ("6.76", "万人")]


def test_points_run_together_on_one_line_after_the_notices_lead_in():
    text = ("现提出2019年本区工作要点安排如下:一、对接市级“一网通办”平台,以“减时间、减环节、减材料、减跑动”为目标,"
            "全力推进业务流程革命性再造1.实现网上行政审批事项提交材料平均减少一半。(责任部门:区府办、区科委)"
            "2.实现所有行政审批事项办理时限平均减少一半。(责任部门:区审改办)\n")
    result = extract_text("某区2019年深入推进“一网通办”工作要点\n" + text)
    assert [(t.path, roles(t)) for t in result.tasks] == [("一.1", ([], ["区府办", "区科委"], [])), ("一.2", ([], ["区审改办"], []))]


def test_a_table_printed_a_cell_a_line_whose_head_names_its_measure():
    text = ("附件:\n|\n某县2024年十大民生实事项目清单 |\n||||||\n|\n序号 |\n项目名称 |\n建设地点 |\n建设时间 |\n2024年建设内容 |\n"
            "年度投资金额(万元) |\n责任单位 |\n|\n1 |\n中小学基础设施提升改造项目 |\n相关镇(街道) |\n2024 |\n"
            "对三所学校运动场地进行改造。 |\n300 |\n教体局 |\n|\n2 |\n城北小学门前道路建设项目 |\n纸坊街道 |\n2024 |\n"
            "建成北路延伸段道路。 |\n1360 |\n住建局 |\n")
    result = extract_text("某县人民政府\n关于印发某县2024年十大民生实事项目的通知\n" + text)
    assert [(roles(t), [(x.op, x.value, x.unit) for x in t.targets]) for t in result.tasks] == [
        (([], ["教体局"], []), [("=", "300", "万元")]), (([], ["住建局"], []), [("=", "1360", "万元")])]


def test_the_scorer_reads_a_measure_in_either_script():
    from kg.extract.evaluate import _unit

    assert _unit("萬元") == _unit("万元") == "万元" and _unit("名") == _unit("人")


@pytest.mark.parametrize("phrase, date", [
    ("三月底前完成", "2022-03-31"), ("十二月底前", "2022-12-31"), ("十一月中旬前", "2022-11-20"), ("四月份完成", "2022-04-30")])
def test_a_month_in_chinese_numerals(phrase, date):
    task = only_task(f"(一)推进依法行政,{phrase}。(县司法局负责)\n")
    assert [str(d.date) for d in task.deadlines] == [date]


def test_a_time_cell_holding_only_a_month_in_words():
    text = "序号 | 工作任务 | 责任单位 | 完成时限\n1 | 制定实施方案。 | 县司法局 | 四月份 |\n2 | 开展专项检查。 | 县司法局 | 二季度 |\n"
    assert [[str(d.date) for d in t.deadlines] for t in extract_text(CELL_HEAD + text).tasks] == [["2022-04-30"], ["2022-06-30"]]


def test_rates_given_their_values_in_turn():
    task = only_task("1.行政复议纠错率、出庭应诉率分别为15%、100%。(县司法局负责)\n")
    assert [(x.value, x.metric) for x in task.targets] == [("15", "correction_rate"), ("100", "appearance_rate")]


def test_a_task_table_set_with_one_space_between_cells():
    # a web page's table copied as text: one space between cells, stray spaces inside them, an empty
    # (merged) cell as two spaces, a unit list broken after a 、, and a paragraph after the table
    text = ("序号 类别 主要任务 细化措施 牵头单位 配合单位 完成时限\n"
            "1 加强水资源保 护 严守用水总量红线 实施双控行动,防止不合理取水。 县水利局 县发改委、 县农业局 2023年6月底前\n"
            "2  严守用水 效率红线 落实用水效率评估体系。 县水利局 县住建局等 2023年底前\n"
            "3   抓好工业节水。加快节水技术改造。 县工信局、县水利局 县发改委 全年\n"
            "各单位要加强协作。\n")
    result = extract_text(CELL_HEAD + text)
    assert [(t.number, t.title, roles(t), [str(d.date) for d in t.deadlines]) for t in result.tasks] == [
        (1, "严守用水总量红线", (["县水利局"], [], ["县发改委", "县农业局"]), ["2023-06-30"]),
        (2, "严守用水效率红线", (["县水利局"], [], ["县住建局"]), ["2023-12-31"]),
        (3, "抓好工业节水", (["县工信局", "县水利局"], [], ["县发改委"]), ["2022-12-31"])]
    assert "各单位要加强协作。" in result.text


def test_a_line_of_words_under_one_space_heads_is_no_row():
    # heads set apart by one space, then prose: nothing is cut into cells
    text = "序号 工作任务 牵头单位 责任单位\n这是一段说明文字,没有编号。\n(一)加强审核。(牵头单位:县司法局)\n"
    result = extract_text(HEAD + text)
    assert "这是一段说明文字,没有编号。" in result.text and "|" not in result.text


def test_an_organ_sharing_its_place_with_the_organ_before_it_is_not_cut_off():
    from kg.extract.unitnames import split_units

    assert [m.text for m in split_units("各县(市、区)党委和人民政府,城乡一体化示范区、高新区党工委和管委会,县司法局和县法院", 0)] == [
        "各县(市、区)党委和人民政府", "城乡一体化示范区、高新区党工委和管委会", "县司法局", "县法院"]


def test_a_bound_after_a_list_of_values_holds_for_each():
    result = extract_text(HEAD + "(一)节约用水。用水量比2015年分别下降24%、25%以上,达标率为90%、95%。\n")
    assert [(t.op, t.value) for t in result.tasks[0].targets if not t.qualitative] == [
        (">=", "24"), (">=", "25"), ("=", "90"), ("=", "95")]


@pytest.mark.parametrize("note, owners", [
    ("(县司法局负总责,县财政局协助)", (["县司法局"], [], ["县财政局"])),
    ("(县司法局主抓,县财政局参与)", (["县司法局"], [], ["县财政局"])),
    ("(县司法局抓好落实)", ([], ["县司法局"], [])),
    ("(县司法局牵头主抓,县直各部门抓落实)", (["县司法局"], ["县直各部门"], [])),
])
def test_more_role_verbs(note, owners):
    assert roles(extract_text(HEAD + f"(一)加强审核工作。{note}\n").tasks[0]) == owners


@pytest.mark.parametrize("note", ["(县司法局抓紧推动)", "(县司法局等部门按分工推动)", "(县司法局挂帅)"])
def test_a_unit_with_words_no_role_list_knows_is_shown(note):
    result = extract_text(HEAD + f"(一)加强审核工作。{note}\n(二)深化普法。\n")
    assert roles(result.tasks[0]) == ([], [], [])
    assert [(n.text, n.reason) for n in result.unparsed_notes] == [(note, "a unit with a role word no list knows")]


@pytest.mark.parametrize("bracket", ["(试行)", "(暂行)", "(以下简称县司法局)", "(征求意见稿)"])
def test_a_bracket_after_a_title_is_no_unit(bracket):
    result = extract_text(HEAD + f"(一)贯彻落实《行政执法公示办法{bracket}》。\n(二)深化普法。{bracket}\n")
    assert [roles(t) for t in result.tasks] == [([], [], []), ([], [], [])] and not result.unparsed_notes


@pytest.mark.parametrize("cell, date", [
    ("12月", "2022-12-31"), ("2022.12", "2022-12-31"), ("2022年12月31日", "2022-12-31"), ("12月31日", "2022-12-31"),
    ("2022-06", "2022-06-30"), ("2022/6/30", "2022-06-30"), ("4-6月", "2022-06-30"), ("2022年12月", "2022-12-31"),
])
def test_a_time_cell_holding_only_a_date(cell, date):
    # in a table one row a line, and in one printed one cell a line
    rows = CELL_HEAD + "序号 | 工作任务 | 牵头单位 | 完成时限\n1 | 加强审核工作。 | 县司法局 | " + cell + "\n2 | 深化普法。 | 县司法局 | 全年\n"
    cells = CELL_HEAD + "序号\n工作任务\n牵头单位\n完成时限\n1\n加强审核工作。\n县司法局\n" + cell + "\n2\n深化普法。\n县司法局\n全年\n"
    for text in (rows, cells):
        assert [[d.date for d in t.deadlines] for t in extract_text(text).tasks] == [[date], ["2022-12-31"]]


def test_units_on_lines_of_their_own_inside_one_owner_cell():
    text = CELL_HEAD + "序号 | 工作任务 | 责任单位 | 完成时限\n1 | 加强审核工作。 | 县司法局\n县财政局 | 2022年12月\n2 | 深化普法。 | 县司法局 | 全年\n"
    assert [roles(t) for t in extract_text(text).tasks] == [([], ["县司法局", "县财政局"], []), ([], ["县司法局"], [])]


def test_an_assessment_tables_points_are_no_target():
    text = CELL_HEAD + "序号 | 考核指标 | 分值 | 责任单位\n1 | 出庭应诉率达100% | 5分 | 县司法局\n2 | 备案率100% | 3分 | 县司法局\n"
    result = extract_text(text)
    assert [[(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] for task in result.tasks] == [
        [("=", "100", "%")], [("=", "100", "%")]]
    assert [roles(t) for t in result.tasks] == [([], ["县司法局"], [])] * 2



INDICATORS = "某市2023年法治政府建设主要指标任务分解表\n某市人民政府办公室\n2023年3月1日\n"


def table_text(head: list[str], rows: list[list[str]], layout: str) -> str:
    """An indicators' table under the plan's heading, one cell a line ("cells") or a row a line ("rows")."""
    sep = "\n" if layout == "cells" else " | "
    return INDICATORS + "\n".join(sep.join(r) for r in [head, *rows]) + "\n"


@pytest.mark.parametrize("layout", ["cells", "rows"])
def test_an_indicator_table_with_a_value_a_year(layout):
    # 指标 | 2021年 | 2022年 | 2023年 | 责任单位: each year's value is a target, read with the indicator's name
    head, rows = ["序号", "指标", "2021年", "2022年", "2023年", "责任单位"], [
        ["1", "行政复议纠错率", "8%", "9%", "≥10%", "市司法局"], ["2", "行政机关负责人出庭应诉率", "90%", "95%", "100%", "市司法局"]]
    result = extract_text(table_text(head, rows, layout))
    assert [[(t.metric, t.op, t.value, t.unit) for t in task.targets] for task in result.tasks] == [
        [("correction_rate", "=", "8", "%"), ("correction_rate", "=", "9", "%"), ("correction_rate", ">=", "10", "%")],
        [("appearance_rate", "=", "90", "%"), ("appearance_rate", "=", "95", "%"), ("appearance_rate", "=", "100", "%")]]
    assert [roles(t) for t in result.tasks] == [([], ["市司法局"], [])] * 2


@pytest.mark.parametrize("layout", ["cells", "rows"])
def test_an_indicators_starting_value_and_kind_are_no_target(layout):
    # 基期值 | 目标值 | 指标属性 (预期性 / 约束性): only the 目标值 is a target
    head, rows = ["序号", "指标名称", "基期值", "目标值", "指标属性", "责任单位"], [
        ["1", "行政复议纠错率", "5%", "10%", "预期性", "市司法局"], ["2", "行政机关负责人出庭应诉率", "80%", "100%", "约束性", "市司法局"]]
    result = extract_text(table_text(head, rows, layout))
    assert [t.title for t in result.tasks] == ["行政复议纠错率", "行政机关负责人出庭应诉率"]
    assert [[(t.metric, t.value) for t in task.targets] for task in result.tasks] == [
        [("correction_rate", "10")], [("appearance_rate", "100")]]
    assert [roles(t) for t in result.tasks] == [([], ["市司法局"], [])] * 2


TWO_COLUMNS = ["1.加强行政复议规范化建设。 | 县司法局",
               "2.推进严格规范公正文明执法。 | 县市场监管局牵头,县公安局、县交通运输局配合",
               "3.深化政务公开。 | 牵头单位:县政府办;配合单位:县数据局"]


@pytest.mark.parametrize("header", ["工作任务 | 责任单位\n", ""])
def test_a_table_of_two_columns_a_task_and_its_owners(header):
    # a table of two columns (工作任务 | 责任单位), or its rows alone (the header an image): the cell
    # after the task holds its owners, as names, with role verbs, or labelled
    text = CELL_HEAD + header + "\n".join(TWO_COLUMNS) + "\n"
    result = extract_text(text)
    assert [(t.title, roles(t)) for t in result.tasks] == [
        ("加强行政复议规范化建设", ([], ["县司法局"], [])),
        ("推进严格规范公正文明执法", (["县市场监管局"], [], ["县公安局", "县交通运输局"])),
        ("深化政务公开", (["县政府办"], [], ["县数据局"]))]


def test_a_numbered_item_and_its_measure_are_no_two_column_header():
    # 4.编制随机抽查事项清单 | 明确抽查主体: a wider table's row cut by the page, not a header
    text = CELL_HEAD + "序号 | 工作任务 | 工作措施 | 责任单位\n1 | 制定公示制度 | 明确公示内容。 | 法规科\n" \
        "2 | 编制事项清单 | 公开执法主体。 | 法规科\n3.编制随机抽查事项清单 | 明确抽查主体\n"
    assert [t.title for t in extract_text(text).tasks] == ["制定公示制度", "编制事项清单", "编制随机抽查事项清单"]


@pytest.mark.parametrize("edge", ["", "| "])
def test_a_task_table_whose_header_is_not_on_the_page(edge):
    # rows numbered on from each other, no header before them (an image, or the page before): the
    # columns are read by what they hold — the task, the owners, the time
    end = " |" if edge else ""
    rows = ["1 | 加强行政复议规范化建设。 | 县司法局 | 2023年12月底前",
            "2 | 推进严格规范公正文明执法。 | 县市场监管局牵头,县公安局、县交通运输局配合 | 2023年6月",
            "3 | 推进法治政府示范创建 | 县司法局、县发改局、各乡镇人民政府 | 持续推进"]
    result = extract_text(CELL_HEAD + "\n".join(edge + r + end for r in rows) + "\n")
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("加强行政复议规范化建设", ([], ["县司法局"], []), ["2023-12-31"]),
        ("推进严格规范公正文明执法", (["县市场监管局"], [], ["县公安局", "县交通运输局"]), ["2023-06-30"]),
        ("推进法治政府示范创建", ([], ["县司法局", "县发改局", "各乡镇人民政府"], []), [])]


def test_rows_without_a_header_whose_cells_are_measures_name_no_owner():
    # the third column holds sentences (measures), not names: nobody is made an owner; the time is read
    rows = ["1 | 加强行政复议规范化建设。 | 健全行政复议案件审理机制。推行繁简分流。 | 2023年12月底前",
            "2 | 推进严格规范公正文明执法。 | 全面推行行政执法三项制度。开展执法案卷评查。 | 2023年6月"]
    result = extract_text(CELL_HEAD + "\n".join(rows) + "\n")
    assert [(t.title, [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("加强行政复议规范化建设", ["2023-12-31"]), ("推进严格规范公正文明执法", ["2023-06-30"])]
    assert all(roles(t) == ([], [], []) for t in result.tasks)


def test_a_single_spaced_table_with_no_header():
    # the header was an image: rows one space between cells, a part heading between them, a row
    # that names its lead only, a row with no time; the first owner column is the lead's
    text = HEAD.replace("一、重点工作\n", "") + (
        "一、完善依法行政制度体系\n"
        "1.健全重大行政决策程序制度 县司法局 县政府办 2024年6月底前\n"
        "2.全面推行行政执法公示制度 县司法局 县直各执法单位、各乡镇人民政府 2024年12月底前\n"
        "二、强化行政权力监督\n"
        "3.加强行政复议规范化建设 县司法局 持续推进\n"
        "4.开展行政执法案卷评查 提升执法质量 县司法局 县法院\n")
    result = extract_text(text)
    assert [(t.path, t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("一.1", "健全重大行政决策程序制度", (["县司法局"], ["县政府办"], []), ["2024-06-30"]),
        ("一.2", "全面推行行政执法公示制度", (["县司法局"], ["县直各执法单位", "各乡镇人民政府"], []), ["2024-12-31"]),
        ("二.3", "加强行政复议规范化建设", (["县司法局"], [], []), []),
        ("二.4", "开展行政执法案卷评查提升执法质量", (["县司法局"], ["县法院"], []), [])]


def test_single_spaced_rows_with_no_header_run_on_in_one_line():
    # the page's text ran the rows into one line after the title: each row's number follows an owner or a time
    text = ("某县2024年法治政府建设工作要点 1.健全重大行政决策程序制度 县司法局 县政府办 2024年6月底前 "
            "2.全面推行行政执法公示制度 县司法局 县直各执法单位 2024年12月底前 3.加强行政复议规范化建设 县司法局 持续推进")
    result = extract_text(text)
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("健全重大行政决策程序制度", (["县司法局"], ["县政府办"], []), ["2024-06-30"]),
        ("全面推行行政执法公示制度", (["县司法局"], ["县直各执法单位"], []), ["2024-12-31"]),
        ("加强行政复议规范化建设", (["县司法局"], [], []), [])]


@pytest.mark.parametrize("lines", [
    # words after the task that name no body: no table
    ["1. 加强学习 提高能力", "2. 完善制度 狠抓落实"],
    # one row alone is no table
    ["1.健全重大行政决策程序制度 县司法局", "二、强化监督"],
])
def test_numbered_lines_with_spaces_that_are_no_table_stay_as_written(lines):
    from kg.ingest.normalize import normalize_text

    assert "|" not in normalize_text(HEAD + "\n".join(lines) + "\n")


def test_rows_without_a_header_with_two_owner_columns_name_the_lead_first():
    rows = ["1 | 加强行政复议规范化建设。 | 县司法局 | 县法院 | 2023年12月底前",
            "2 | 推进严格规范公正文明执法。 | 县市场监管局 | 县公安局、县交通运输局 | 2023年6月",
            "3 | 推进法治政府示范创建 | 县司法局 |  | 持续推进"]
    result = extract_text(CELL_HEAD + "\n".join(rows) + "\n")
    assert [roles(t) for t in result.tasks] == [
        (["县司法局"], ["县法院"], []), (["县市场监管局"], ["县公安局", "县交通运输局"], []), (["县司法局"], [], [])]


def test_a_matrix_table_with_a_legend():
    # a column a unit, a mark where it has a part; the legend says what each mark means
    text = CELL_HEAD + ("注:★为牵头单位,√为配合单位。\n"
                        "序号 | 工作任务 | 区政府办 | 区司法局 | 区财政局 | 区发改局\n"
                        "1 | 健全重大行政决策程序制度 | √ | ★ |  | √\n"
                        "2 | 加强预算绩效管理 |  |  | ★ | √\n"
                        "3 | 深化政务公开 | ★ | √ |  | \n")
    result = extract_text(text)
    assert [(t.title, roles(t)) for t in result.tasks] == [
        ("健全重大行政决策程序制度", (["区司法局"], [], ["区政府办", "区发改局"])),
        ("加强预算绩效管理", (["区财政局"], [], ["区发改局"])),
        ("深化政务公开", (["区政府办"], [], ["区司法局"]))]
    assert not result.unparsed_notes
    # each name's quote is its column's head, where the page prints it
    head = text.index("区政府办 | 区司法局")
    unit = result.tasks[0].cooperating[1]
    assert result.normalized.raw[result.normalized.offsets[unit.start]:result.normalized.offsets[unit.end - 1] + 1] == "区发改局"
    assert result.normalized.offsets[unit.start] == head + len("区政府办 | 区司法局 | 区财政局 | ")


def test_a_matrix_table_with_a_two_row_header_role_words_and_no_legend():
    # 责任单位 over the units' names; a solid mark leads, another one is cooperating in a row with
    # a lead and responsible in one without; a cell may say the role in words
    text = CELL_HEAD + ("序号 | 工作任务 | 责任单位 |  |  | 完成时限\n"
                        " |  | 区政府办 | 区司法局 | 区财政局 | \n"
                        "1 | 健全重大行政决策程序制度 | ● | √ |  | 2024年6月底前\n"
                        "2 | 加强预算绩效管理 |  | √ | √ | 持续推进\n"
                        "3 | 深化政务公开 | 牵头 | 配合 |  | 2024年12月底前\n")
    result = extract_text(text)
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("健全重大行政决策程序制度", (["区政府办"], [], ["区司法局"]), ["2024-06-30"]),
        ("加强预算绩效管理", ([], ["区司法局", "区财政局"], []), []),
        ("深化政务公开", (["区政府办"], [], ["区司法局"]), ["2024-12-31"])]


def test_columns_headed_by_units_that_hold_words_are_no_matrix():
    from kg.ingest.normalize import normalize_text

    text = CELL_HEAD + ("序号 | 工作任务 | 区司法局 | 区法院\n"
                        "1 | 加强行政复议 | 办理复议案件。 | 审理行政案件。\n")
    assert "牵头单位" not in normalize_text(text) and "区司法局 | 区法院" in normalize_text(text)


def test_a_table_whose_cells_run_together():
    # a scraper joined the cells with nothing between them: the heads are words the vocabulary
    # knows; from a row's end a time, then names (a 、 joins names of one cell), then the task
    text = CELL_HEAD + ("序号重点任务牵头单位配合单位完成时限\n"
                        "1健全重大行政决策程序制度县司法局县政府办2024年6月底前\n"
                        "2推进严格规范公正文明执法县市场监管局县公安局、县交通运输局2024年12月底前\n"
                        "3加强行政复议规范化建设县司法局持续推进\n")
    result = extract_text(text)
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("健全重大行政决策程序制度", (["县司法局"], [], ["县政府办"]), ["2024-06-30"]),
        ("推进严格规范公正文明执法", (["县市场监管局"], [], ["县公安局", "县交通运输局"]), ["2024-12-31"]),
        ("加强行政复议规范化建设", (["县司法局"], [], []), [])]
    unit = result.tasks[1].cooperating[1]
    assert result.text[unit.start:unit.end] == "县交通运输局"


@pytest.mark.parametrize("lines", [
    # a run-together header over rows that name no body at their end: left as written
    ["序号重点任务牵头单位完成时限", "1健全重大行政决策程序制度2024年6月底前", "2加强行政复议规范化建设持续推进"],
    # heads the vocabulary does not know whole
    ["序号重点工作安排牵头单位", "1健全重大行政决策程序制度县司法局"],
])
def test_run_together_lines_that_are_no_table_stay_as_written(lines):
    from kg.ingest.normalize import normalize_text

    assert "|" not in normalize_text(CELL_HEAD + "\n".join(lines) + "\n")


@pytest.mark.parametrize("title_apart", [False, True])
def test_a_single_spaced_table_whose_rows_run_on_in_one_line(title_apart):
    # a page's text run together: header and rows on one line, one space between cells
    table = ("序号 工作任务 牵头单位 配合单位 完成时限 1 加强行政复议规范化建设 县司法局 各乡镇 2023年12月底前 "
             "2 推进严格规范公正文明执法 县市场监管局 县公安局、县交通运输局 2023年6月底前 3 深化政务公开 县政府办 县数据局 2023年9月底前")
    text = "某县2023年法治政府建设重点任务分工表" + ("\n" if title_apart else " ") + table + "\n"
    result = extract_text(text)
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("加强行政复议规范化建设", (["县司法局"], [], ["各乡镇"]), ["2023-12-31"]),
        ("推进严格规范公正文明执法", (["县市场监管局"], [], ["县公安局", "县交通运输局"]), ["2023-06-30"]),
        ("深化政务公开", (["县政府办"], [], ["县数据局"]), ["2023-09-30"])]
    units = [u for t in result.tasks for u in (*t.lead, *t.cooperating)]
    assert units and all(result.written(u.start, u.end) == u.text for u in units)  # spans point into the page


def test_an_indicator_table_with_a_measure_column_and_bare_years():
    # 指标名称 | 单位 | 2021 | 2022 | 2023 | 责任单位, one cell per line: years as heads, the measure apart
    cells = ["序号", "指标名称", "单位", "2021", "2022", "2023", "责任单位",
             "1", "行政复议纠错率", "%", "8", "9", "10", "市司法局",
             "2", "行政机关负责人出庭应诉率", "%", "90", "95", "100", "市司法局"]
    result = extract_text(INDICATORS + "\n".join(cells) + "\n")
    assert [[(t.metric, t.value, t.unit) for t in task.targets] for task in result.tasks] == [
        [("correction_rate", v, "%") for v in ("8", "9", "10")], [("appearance_rate", v, "%") for v in ("90", "95", "100")]]
    assert [roles(t) for t in result.tasks] == [([], ["市司法局"], [])] * 2


@pytest.mark.parametrize("layout", ["cells", "rows"])
def test_an_indicator_table_with_no_owner_column(layout):
    # 序号 | 指标名称 | 目标值 | 属性: the plan's targets, owned by nobody the table names
    head, rows = ["序号", "指标名称", "目标值", "属性"], [
        ["1", "行政复议纠错率", "≥10%", "预期性"], ["2", "行政机关负责人出庭应诉率", "100%", "约束性"],
        ["3", "行政诉讼败诉率", "≤8%", "预期性"]]
    result = extract_text(table_text(head, rows, layout))
    assert [(t.title, [(x.metric, x.op, x.value) for x in t.targets], roles(t)) for t in result.tasks] == [
        ("行政复议纠错率", [("correction_rate", ">=", "10")], ([], [], [])),
        ("行政机关负责人出庭应诉率", [("appearance_rate", "=", "100")], ([], [], [])),
        ("行政诉讼败诉率", [("loss_rate", "<=", "8")], ([], [], []))]


@pytest.mark.parametrize("layout", ["cells", "rows"])
def test_an_indicators_name_that_holds_its_measure_in_brackets(layout):
    # 培训执法人员(人次) | 2000: the value cell is a bare number, its measure in the name's brackets
    head, rows = ["序号", "指标", "目标值", "牵头单位"], [
        ["1", "培训执法人员(人次)", "2000", "市司法局"], ["2", "评查行政执法案卷(卷)", "不少于300", "市司法局"]]
    result = extract_text(table_text(head, rows, layout))
    assert [[(x.op, x.value, x.unit) for x in t.targets] for t in result.tasks] == [
        [("=", "2000", "人次")], [(">=", "300", "卷")]]


@pytest.mark.parametrize("one_line", [False, True])
def test_a_single_spaced_table_with_a_remarks_column_left_empty(one_line):
    # 序号 工作任务 责任单位 完成时限 备注: the rows leave the remark out, their owners and times are still placed
    lines = ["序号 工作任务 责任单位 完成时限 备注", "1 加强行政复议规范化建设 县司法局 2023年12月底前",
             "2 推进严格规范公正文明执法 县市场监管局、县公安局 2023年6月底前"]
    text = "某县2023年法治政府建设重点任务分工表\n" + (" " if one_line else "\n").join(lines) + "\n"
    result = extract_text(text)
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in result.tasks] == [
        ("加强行政复议规范化建设", ([], ["县司法局"], []), ["2023-12-31"]),
        ("推进严格规范公正文明执法", ([], ["县市场监管局", "县公安局"], []), ["2023-06-30"])]
    assert not result.unparsed_notes

def test_a_plan_on_one_line_whose_items_are_numbered_on_across_parts():
    # a PDF copied as one line: a part's heading runs into its first item, numbered on from the
    # part before; a title inside a title written with «‹›» as a converter does (no breadcrumb)
    text = ("某市2021年法治政府建设工作计划 一、深入学习宣传贯彻习近平法治思想 1.加强学习宣传。〔牵头单位:市司法局〕 "
            "二、压实第一责任人职责 2.将法治建设纳入年度工作计划。〔牵头单位:市政府办公室〕 3.定期研究法治建设工作。"
            "〔牵头单位:市司法局〕 4.抓好«落实‹党政主要负责人履行推进法治建设第一责任人职责规定›工作责任清单»")
    result = extract_text(text)
    assert [(t.path, roles(t)[0]) for t in result.tasks] == [
        ("一.1", ["市司法局"]), ("二.2", ["市政府办公室"]), ("二.3", ["市司法局"]), ("二.4", [])]
    assert result.tasks[-1].title == "抓好《落实〈党政主要负责人履行推进法治建设第一责任人职责规定〉工作责任清单》"


def test_what_a_progress_label_says_was_done_is_no_target():
    text = HEAD + ("(一)新增安装300套视频采集设备。 责任单位:县公安局 实际完成情况:整体进度已完成年度目标任务的55%,"
                   "已安装120套。 配合单位:县财政局\n")
    task = extract_text(text).tasks[0]
    assert [(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] == [("=", "300", "套")]
    assert roles(task) == ([], ["县公安局"], ["县财政局"])


def test_places_named_without_their_suffix_before_the_organ_they_share():
    from kg.extract.unitnames import split_units

    assert [m.text for m in split_units("省发改委、哈尔滨、黑河、绥芬河市政府,相关市、县政府", 0)] == [
        "省发改委", "哈尔滨、黑河、绥芬河市政府", "相关市、县政府"]


@pytest.mark.parametrize("clause, found", [
    ("下调工伤保险费率50%的政策", [("=", "50", "%")]),  # a rate in a policy is its level, not the name of a package
    ("对参保职工30人(含)以下的企业,裁员率放宽到不超过20%", [("<=", "20", "%")]),  # which firms: no target
    ("在职职工总数30人(含)以下的企业暂免征收", []),
    ("给予3万元-5万元奖励", [(">=", "3", "万元")]),  # a range of amounts: at least its lower end
])
def test_policy_levels_thresholds_and_ranges(clause, found):
    task = extract_text(HEAD + f"(一)稳定就业。实施{clause}。(县人社局负责)\n").tasks[0]
    assert [(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] == found


def test_one_unit_has_one_type_however_a_document_writes_it():
    # 县委党校 and 委党校 both name the lexicon's 党校 (its template gives the name): one IRI, so one type
    from kg.extract.units import UnitResolver
    from kg.model import DocumentMeta

    resolver = UnitResolver(DocumentMeta(source="x.txt"))
    a, b = resolver.resolve("县委党校"), resolver.resolve("委党校")
    assert (a.id, a.type) == (b.id, b.type) == (a.id, "public_institution")
    assert resolver.resolve("县委宣传部").type == "party_organ"  # a committee's own department stays a party organ


@pytest.mark.parametrize("head, kind", [("No.", "number"), ("完成节点", "time"), ("完成标准", "target"), ("Note", None)])
def test_more_column_heads(head, kind):
    from kg.vocab import column_kind

    assert column_kind(head) == kind


def test_kinds_of_body_named_bare_after_one_each_are_one_collective():
    from kg.extract.unitnames import split_units

    assert [m.text for m in split_units("各乡、街办、管理处,各镇区、街道,各乡镇、县司法局,各部门、各街道", 0)] == [
        "各乡、街办、管理处", "各镇区、街道", "各乡镇", "县司法局", "各部门", "各街道"]


@pytest.mark.parametrize("first, second, paths", [("⑴", "⑵", ["一.(1)", "一.(2)"]), ("⒈", "⒉", ["一.1", "一.2"])])
def test_numbers_written_as_one_character(first, second, paths):
    text = HEAD + f"{first}加强审核。(县司法局负责)\n{second}深化普法。(县财政局负责)\n"
    assert [(t.path, roles(t)) for t in extract_text(text).tasks] == [
        (paths[0], ([], ["县司法局"], [])), (paths[1], ([], ["县财政局"], []))]


@pytest.mark.parametrize("end, owners", [("——县司法局、县财政局", ([], ["县司法局", "县财政局"], [])),
                                         ("——县司法局牵头,县财政局配合", (["县司法局"], [], ["县财政局"])),
                                         ("——这是一个说明。", ([], [], []))])
def test_units_a_tasks_line_ends_with_after_a_dash(end, owners):
    assert roles(extract_text(HEAD + f"(一)加强审核。{end}\n(二)深化普法。\n").tasks[0]) == owners


def test_a_note_line_under_a_heading_speaks_for_every_item_below():
    text = CELL_HEAD + ("一、加强审核\n牵头单位:县司法局\n1.规范审核流程。\n2.加强备案。\n"
                        "二、深化普法\n牵头单位:县委宣传部\n1.开展宣传。\n")
    assert [(t.path, roles(t)) for t in extract_text(text).tasks] == [
        ("一.1", (["县司法局"], [], [])), ("一.2", (["县司法局"], [], [])), ("二.1", (["县委宣传部"], [], []))]
    # notes written before each task (the note of task 1 under the heading) still go each to its own task
    before = CELL_HEAD + "一、重点工作\n牵头单位:县司法局\n1.规范审核流程。\n牵头单位:县政府办\n2.加强备案。\n"
    assert [roles(t)[0] for t in extract_text(before).tasks] == [["县司法局"], ["县政府办"]]


@pytest.mark.parametrize("note, owners", [
    ("以上工作由县司法局牵头,各乡镇配合。", (["县司法局"], [], ["各乡镇"])),
    ("(以上2项由县司法局负责)", ([], ["县司法局"], [])),
])
def test_a_note_after_a_parts_items_speaks_for_the_items_above(note, owners):
    text = CELL_HEAD + f"一、加强审核\n1.规范审核流程。\n2.加强备案。\n{note}\n二、深化普法\n1.开展宣传。\n"
    assert [(t.path, roles(t)) for t in extract_text(text).tasks] == [("一.1", owners), ("一.2", owners), ("二.1", ([], [], []))]


def test_what_a_note_speaks_for_is_no_part_of_the_name():
    text = CELL_HEAD + "一、加强审核(本部分任务由县司法局牵头)\n1.规范审核流程。\n2.加强备案。\n"
    assert [roles(t)[0] for t in extract_text(text).tasks] == [["县司法局"], ["县司法局"]]


def test_a_note_that_says_same_below_owns_the_tasks_after_it_up_to_the_next_note():
    text = CELL_HEAD + ("一、加强审核\n1.规范审核流程。(牵头单位:县司法局,下同)\n2.加强备案。\n3.加强培训。(县财政局负责)\n"
                        "4.加强宣传。\n")
    result = extract_text(text)
    assert [roles(t) for t in result.tasks] == [(["县司法局"], [], []), (["县司法局"], [], []), ([], ["县财政局"], []),
                                                ([], [], [])]
    assert not result.unparsed_notes  # 下同 is read, not left over


@pytest.mark.parametrize("when, date", [("2024年三季度完成", "2024-09-30"), ("第四季度前完成", "2022-12-31"),
                                        ("3季度末", "2022-09-30")])
def test_a_quarter_in_a_note_is_its_time_not_an_unread_piece(when, date):
    result = extract_text(HEAD + f"1.健全重大行政决策程序制度。(县司法局牵头,县政府办配合;{when})\n")
    task = result.tasks[0]
    assert roles(task) == (["县司法局"], [], ["县政府办"])
    assert [d.date for d in task.deadlines] == [date]
    assert not result.unparsed_notes


@pytest.mark.parametrize("line, owners, date", [
    # a bracket of a name and a month, no role word
    ("1.开展“八五”普法中期评估。(县普法办 2024年9月)", ([], ["县普法办"], []), ["2024-09-30"]),
    # a flattened row: after the task's sentence, the owners and a month
    ("1.推进政务公开标准化。县政府办 县数据局 2024年12月", ([], ["县政府办", "县数据局"], []), ["2024-12-31"]),
    ("1.推进政务公开标准化。县政府办、县数据局", ([], ["县政府办", "县数据局"], []), []),
    # a last sentence that only opens like a name is no owner
    ("1.推进政务公开标准化。各单位要加大宣传工作力度", ([], [], []), []),
    ("1.推进政务公开标准化。各地按需规范复用政务服务事项", ([], [], []), []),
])
def test_owners_and_a_month_after_a_tasks_sentence(line, owners, date):
    task = only_task(line + "\n")
    assert (roles(task), [d.date for d in task.deadlines]) == (owners, date)


def test_a_heading_that_names_a_unit_is_responsible_for_its_items():
    # a division by unit: each part's heading names the unit, its items are that unit's tasks
    text = ("某县2024年法治政府建设工作任务分解\n一、县司法局\n1.健全重大行政决策程序制度。\n2.加强行政复议规范化建设。\n"
            "二、县市场监管局\n3.全面推行行政执法公示制度。(县公安局配合)\n三、工作机构\n4.建立联席会议制度。\n")
    result = extract_text(text)
    assert [(t.path, roles(t)) for t in result.tasks] == [
        ("一.1", ([], ["县司法局"], [])), ("一.2", ([], ["县司法局"], [])),
        ("二.3", ([], [], ["县公安局"])),  # its own note wins
        ("三.4", ([], [], []))]  # 工作机构 names a kind of body, not one
    assert {u.rule for t in result.tasks[:2] for u in t.responsible} == {"note.heading"}


@pytest.mark.parametrize("line, owners", [
    ("1.县市场监管局:全面推行行政执法公示制度,9月中旬前完成系统建设。", ([], ["县市场监管局"], [])),
    ("1.县司法局、县法院:健全行政争议实质性化解机制。", ([], ["县司法局", "县法院"], [])),
    # a label, or words that open like a name but are none, are no opener
    ("1.工作要求:健全行政争议实质性化解机制。", ([], [], [])),
    ("1.各地要做到:健全行政争议实质性化解机制。", ([], [], [])),
])
def test_a_unit_that_opens_a_task_before_a_colon(line, owners):
    task = only_task(line + "\n")
    assert roles(task) == owners
    assert all(u.rule == "note.opener" for u in task.responsible)


@pytest.mark.parametrize("sep", ["。", ";"])
def test_paragraphs_run_on_in_one_line_each_with_its_note(sep):
    # 一是…二是… in one line under a part, each closed by its owners (in brackets, or as the last clause)
    text = ("某市2024年法治政府建设工作要点\n一、深入学习贯彻习近平法治思想\n"
            f"一是加强理论学习,将习近平法治思想纳入理论学习中心组学习内容,市委宣传部、市司法局按职责分工负责{sep}"
            "二是开展集中宣讲。组织开展宣讲活动不少于10场。(市委宣传部牵头)三是加强普法阵地建设。(市司法局负责)\n")
    result = extract_text(text)
    assert [(t.path, roles(t)) for t in result.tasks] == [
        ("一.一是", ([], ["市委宣传部", "市司法局"], [])), ("一.二是", (["市委宣传部"], [], [])),
        ("一.三是", ([], ["市司法局"], []))]


@pytest.mark.parametrize("last", ["", "\n(此件公开发布)"])
def test_rows_whose_merged_group_cells_print_nothing_not_even_their_bars(last):
    # 类别 merged over rows: its first row names it, the next print an empty cell, or no cell at all;
    # a later group's first row names its group again
    text = CELL_HEAD + ("类别 | 序号 | 工作任务 | 牵头单位 | 配合单位\n"
                        "依法行政制度建设 | 1 | 健全重大行政决策程序制度 | 区司法局 | 区政府办\n"
                        " | 2 | 深化政务公开 | 区政府办 | 区数据局\n"
                        "3 | 加强行政复议规范化建设 | 区司法局 | \n"
                        "执法监督 | 4 | 推进综合行政执法改革 | 区委编办 | 区司法局" + last + "\n")
    result = extract_text(text)
    assert [(t.number, t.title, roles(t)) for t in result.tasks] == [
        (1, "健全重大行政决策程序制度", (["区司法局"], [], ["区政府办"])),
        (2, "深化政务公开", (["区政府办"], [], ["区数据局"])),
        (3, "加强行政复议规范化建设", (["区司法局"], [], [])),
        (4, "推进综合行政执法改革", (["区委编办"], [], ["区司法局"]))]


def test_a_matrix_legend_without_a_verb_between_mark_and_role():
    # 说明:★牵头 ☆责任 — with no legend a ☆ in a row that has a lead would be cooperating
    text = CELL_HEAD + ("说明:★牵头 ☆责任\n序号 | 工作任务 | 区政府办 | 区司法局 | 区财政局\n"
                        "1 | 健全重大行政决策程序制度 | ☆ | ★ | ☆\n2 | 加强预算绩效管理 |  |  | ★\n")
    assert [roles(t) for t in extract_text(text).tasks] == [
        (["区司法局"], ["区政府办", "区财政局"], []), (["区财政局"], [], [])]


def test_a_run_together_table_with_one_owner_column_keeps_each_name():
    text = CELL_HEAD + ("序号工作任务责任单位完成时限\n1健全重大行政决策程序制度县司法局县政府办2024年6月底前\n"
                        "2全面推行行政执法公示制度县直各执法单位2024年12月底前\n")
    result = extract_text(text)
    assert [roles(t) for t in result.tasks] == [([], ["县司法局", "县政府办"], []), ([], ["县直各执法单位"], [])]
    unit = result.tasks[0].responsible[1]
    assert result.normalized.raw[result.normalized.offsets[unit.start]:][:4] == "县政府办"


def test_a_time_cell_of_a_year_alone_and_a_targets_quote_in_its_cell():
    text = CELL_HEAD + ("序号 | 工作任务 | 责任单位 | 完成时限\n1 | 健全重大行政决策程序制度 | 县司法局 | 2024年\n"
                        "2 | 行政复议纠错率不低于15% | 县司法局 | 2024年度\n")
    result = extract_text(text)
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2024-12-31"], ["2024-12-31"]]
    target = result.tasks[1].targets[0]
    assert (target.text, target.metric) == ("行政复议纠错率不低于15%", "correction_rate")
    assert result.text[target.start:target.end] == "行政复议纠错率不低于15%"


@pytest.mark.parametrize("note", ["【县司法局牵头】", "(牵头单位:县司法局)", "〔县司法局负责〕"])
def test_a_note_before_the_tasks_words_is_read_and_left_out_of_its_title(note):
    task = only_task(f"1.{note}加强行政复议规范化建设。\n")
    assert task.title == "加强行政复议规范化建设"
    assert roles(task) in ((["县司法局"], [], []), ([], ["县司法局"], []))


def test_unnumbered_lines_under_a_heading_each_with_its_note_are_tasks_each():
    text = ("某县2024年法治政府建设工作要点\n一、加强法治政府建设统筹\n"
            "●加强对法治政府建设的领导,研究解决重大问题。(县委依法治县办牵头)\n●开展法治政府建设示范创建活动。(县司法局负责)\n"
            "二、严格规范公正文明执法\n——全面推行行政执法“三项制度”。(县直各执法部门负责)\n"
            "——加强行政执法人员培训,每人每年不少于60学时。(县司法局牵头,县直各执法部门配合)\n"
            "三、强化监督\n深化政务公开。(县政府办牵头)\n加强行政复议规范化建设。(县司法局负责)\n"
            "四、加强队伍建设\n开展法治培训。(县司法局负责)\n培训覆盖全体执法人员,\n确保取得实效。\n")
    result = extract_text(text)
    assert [(t.path, t.title, roles(t)) for t in result.tasks] == [
        ("一.1", "加强对法治政府建设的领导,研究解决重大问题", (["县委依法治县办"], [], [])),
        ("一.2", "开展法治政府建设示范创建活动", ([], ["县司法局"], [])),
        ("二.1", "全面推行行政执法“三项制度”", ([], ["县直各执法部门"], [])),
        ("二.2", "加强行政执法人员培训,每人每年不少于60学时", (["县司法局"], [], ["县直各执法部门"])),
        ("三.1", "深化政务公开", (["县政府办"], [], [])),
        ("三.2", "加强行政复议规范化建设", ([], ["县司法局"], [])),
        # a line with no note of its own may go on from the one above: the heading stays one task
        ("四", "加强队伍建设", ([], ["县司法局"], []))]


@pytest.mark.parametrize("last_row", [
    "1.健全制度 县司法局 县政府办 2024年6月底前\n2.加强 县司法局",  # a header-less row's empty cell at the text's very end
    "序号重点任务牵头单位配合单位完成时限\n1健全制度县司法局县政府办2024年6月底前\n2加强建设县直各单位",
    "序号 | 工作任务 | 区政府办 | 区司法局\n1 | 健全 | ★ | √\n2 | 加强 | ○ | ",
])
def test_a_table_form_that_ends_the_text_reads_without_error(last_row):
    result = extract_text(CELL_HEAD + last_row)
    assert len(result.tasks) == 2 and result.tasks[1].lead + result.tasks[1].responsible + result.tasks[1].cooperating


def test_a_header_on_one_line_over_cells_printed_a_line_each():
    cells = ["1", "健全重大行政决策程序制度", "县司法局", "县政府办", "2024年6月底前",
             "2", "深化政务公开", "县政府办", "县数据局", "2024年12月底前"]
    text = CELL_HEAD + "序号 工作任务 牵头单位 配合单位 完成时限\n\n" + "\n\n".join(cells) + "\n"
    assert [(t.title, roles(t), [d.date for d in t.deadlines]) for t in extract_text(text).tasks] == [
        ("健全重大行政决策程序制度", (["县司法局"], [], ["县政府办"]), ["2024-06-30"]),
        ("深化政务公开", (["县政府办"], [], ["县数据局"]), ["2024-12-31"])]


def test_owners_given_to_tasks_by_their_numbers_in_a_division_part():
    text = ("某县2024年法治政府建设工作要点\n一、重点任务\n1.健全重大行政决策程序制度。\n2.加强行政复议规范化建设。\n"
            "3.深化政务公开。(县政府办牵头)\n4.推进综合行政执法改革。\n二、责任分工\n"
            "第1、2项由县司法局牵头,第3至4项由县委编办、县司法局共同负责。\n")
    result = extract_text(text)
    assert [(t.path, roles(t)) for t in result.tasks] == [
        ("一.1", (["县司法局"], [], [])), ("一.2", (["县司法局"], [], [])),
        ("一.3", (["县政府办"], [], [])),  # its own note wins
        ("一.4", ([], ["县委编办", "县司法局"], []))]  # the division part is no task, nor is 2项 a target


def test_a_plan_that_gives_no_task_says_so():
    result = extract_text("某县2024年法治政府建设重点任务分工方案\n各乡镇、县直各单位:\n现将分工方案印发给你们,请认真贯彻落实。\n")
    assert not result.tasks
    assert [n.reason for n in result.unparsed_notes] == [
        "a plan in which no task was read: its layout may be one the tool does not read"]
    # a report has no tasks to read: nothing to say
    report = extract_text("某县2023年法治政府建设情况报告\n2023年,我县深入推进依法行政,共办理行政复议案件12件。\n")
    assert not report.tasks and not report.unparsed_notes


def test_a_plan_that_lists_its_tasks_by_name_only():
    # numbered lines with no full stop and nothing under them, two or more under each heading
    text = ("某县2024年法治政府建设工作要点\n一、完善制度体系\n1.健全重大行政决策程序制度\n2.全面推行行政执法公示制度\n"
            "二、强化监督\n3.加强行政复议规范化建设\n4.深化政务公开\n")
    assert [t.path for t in extract_text(text).tasks] == ["一.1", "一.2", "二.3", "二.4"]
    # headings among which one has items are no such list: a bare one there is no task
    text = "某县2024年法治政府建设工作要点\n一、完善制度体系\n(一)健全制度\n1.健全重大行政决策程序制度。\n(二)推行公示\n"
    assert [t.path for t in extract_text(text).tasks] == ["一.(一).1"]


def test_a_page_whose_first_line_is_the_page_befores_note_keeps_notes_after_their_items():
    text = ("责任单位:市政府法制办、市政府办公室\n"
            "11完善规范性文件定期清理制度。政府及其部门定期清理规范性文件。\n"
            "责任单位:市政府办公室、市电子政务办\n"
            "四、严格行政执法\n"
            "12改革行政执法体制。按照属地管理为主的原则,下移行政执法重心。\n"
            "责任单位:市政府法制办、市编委办\n"
            "13深化行政审批制度改革。按照合法、合理的原则,适时开展")
    tasks = extract_text(text).tasks
    assert [(t.number, [u.text for u in t.responsible]) for t in tasks] == [
        (11, ["市政府办公室", "市电子政务办"]), (12, ["市政府法制办", "市编委办"]), (13, [])]


def test_an_organs_other_name_in_brackets_is_no_owner():
    task = only_task("1.上报情况。各县要将总结报告于11月底前上报市政府,并抄送市依法行政领导小组办公室(市政府法制办公室)。\n")
    assert roles(task) == ([], [], [])


@pytest.mark.parametrize("part", ["三、相关要求", "四、加强推行行政执法责任制工作的领导"])
def test_the_parts_on_demands_and_leadership_hold_no_task(part):
    result = extract_text(HEAD + "1.推行行政执法责任制。\n" + part + "\n各单位要于2022年4月20日前报告工作情况。\n")
    assert [t.title for t in result.tasks] == ["推行行政执法责任制"]


def test_rows_going_on_under_a_merged_cell_give_their_owners_to_its_task():
    text = ("某县2021年民生实事项目表\n"
            "项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |\n"
            "1.城市人居环境提升项目 | 对人民中路等3条道路进行提升改造; | 11月 | 县建设局 |\n"
            "2021.8 | 县城投集团 | ||\n"
            "对七星路等区域进行绿化亮化; | 2021.12 | 县交通局 | |\n"
            "2.生态公墓建设项目 | 新建生态公益性墓地15处。 | 10月底 | 县民政局 |\n")
    tasks = extract_text(text).tasks
    assert [[u.text for u in t.lead] for t in tasks] == [["县建设局", "县城投集团", "县交通局"], ["县民政局"]]


def test_a_span_that_ends_in_part_of_a_year_is_due_then_and_a_span_of_years_is_not():
    task = only_task("1.组织学习培训。2021年至2022年上半年,分批组织开展培训。\n")
    assert [d.date for d in task.deadlines] == ["2022-06-30"]
    task = only_task("1.组织学习培训。2021年至2025年,每年组织开展培训。\n")
    assert task.deadlines == []


def test_a_unit_and_the_collective_it_is_one_of_are_two_owners():
    task = only_task("1.推进法治政府建设。〔司法厅等省直各部门(单位)和市(州)人民政府按职责分工负责〕\n")
    assert roles(task) == ([], ["司法厅", "省直各部门(单位)", "市(州)人民政府"], [])


def test_a_standing_duty_does_not_repeat_a_collective_its_note_names_without_各():
    text = ("1.学习宣传。〔司法厅负责,市(州)人民政府负责,以下均需各市(州)人民政府落实,不再列出〕\n"
            "2.开展评估。〔司法厅负责〕\n")
    tasks = extract_text(HEAD + text).tasks
    assert [[u.text for u in t.responsible] for t in tasks] == [["司法厅", "市(州)人民政府"], ["司法厅", "各市(州)人民政府"]]


def test_a_news_item_on_a_years_projects_done_counts_what_was_done_not_what_was_set():
    text = ("【回眸2023】2023年省委省政府10件为民实事如期全面高质量完成\n"
            "记者从省政府办公厅获悉,截至2023年12月25日,2023年10件为民实事如期全面高质量完成。\n"
            "2023年《政府工作报告》确定实施新增城镇就业32万人、建设100个乡镇综合养老服务中心等10件为民实事。\n"
            "省级财政共下达实事项目资金83.8亿元,占预算的101.36%。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    values = {(a.value, a.unit) for a in result.achievements}
    assert {("8380000000", "元"), ("101.36", "%")} <= values
    assert not values & {("320000", "人"), ("100", "个")}  # what the year's report set out to do


def test_a_reports_shares_and_comparisons():
    text = ("某某区2023年行政复议工作情况报告\n一、基本情况\n"
            "2023年,区政府共收到行政复议申请1113件,较2022年558件增加了555件。从申请事项看,投诉举报类296件,"
            "占比27%;行政强制类223件,占比20%。从管理类别看,市场监管类297件,占比27%,违建拆除类219件,占比20%。"
            "直接纠错236件,较去年增长了近3倍。以市场监管局为被申请人的复议案件35件,较2020年该类案件量20件持续提高。\n")
    found = extract_text(text).achievements
    values = sorted((a.value, a.unit) for a in found)
    # two shares of 27% (and of 20%) for different things are two figures; 558 is what 1113 is compared with
    assert values.count(("27", "%")) == 2 and values.count(("20", "%")) == 2
    assert ("558", "件") not in values and ("1113", "件") in values and ("20", "件") not in values
    assert ("3", "倍") in values


@pytest.mark.parametrize("opening", [
    "本报讯 日前,区委、区政府全面启动2019年惠民工程。据了解,今年惠民工程共涉及20项。",
    "2月22日,在市人民代表大会上,明确了市委、市政府为民兴办的10件实事。2019年,市委、市政府为民兴办10件实事:",
])
def test_a_news_item_announcing_the_years_projects_is_a_plan_whose_一是_items_are_tasks(opening):
    text = (opening + "一是推进农村饮水工程,完成100个以上村庄供水设施建设。二是改善农村生活环境,新建56个美丽村庄。"
            "三是实施扩大教育资源项目,新建幼儿园20所。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_plan" and result.achievements == []
    assert [(t.label, [(x.op, x.value, x.unit) for x in t.targets]) for t in result.tasks] == [
        ("一是", [(">=", "100", "个")]), ("二是", [("=", "56", "个")]), ("三是", [("=", "20", "所")])]


def test_names_alone_in_brackets_after_each_sentence_they_close():
    text = ("(一)做好信息公开。定期公开融资担保公司名录。(区金融办、区财政局、区房管局。)坚持环境保护例行新闻发布制度。"
            "(区环保局、区水务局。)\n(二)做好疏解信息公开。发布进展情况。(区经信办、区商务委。)持续推进医疗卫生资源疏解。(区卫计委。)\n")
    tasks = extract_text(HEAD + text).tasks
    assert [[u.text for u in t.responsible] for t in tasks] == [["区金融办", "区财政局", "区房管局", "区环保局", "区水务局"],
                                                               ["区经信办", "区商务委", "区卫计委"]]


def test_a_role_verb_after_按照工作职能():
    task = only_task("1.推进政务公开。〔各市直派驻机构按照工作职能落实〕\n")
    assert roles(task) == ([], ["各市直派驻机构"], [])


def test_counts_of_entries_and_the_scoring_of_one_measure_spelt_two_ways():
    from kg.extract.evaluate import _unit

    found = extract_text("某某市2025年政府信息公开工作年度报告\n一、总体情况\n全年发布政策解读102条次,回应关切3120条次。\n").achievements
    assert [(a.value, a.unit) for a in found] == [("102", "条次"), ("3120", "条次")]
    assert _unit("万名") == _unit("万人") and _unit("名") == _unit("人")  # (13万名 and 13万人 are one count)


def test_a_row_a_cell_a_paragraph_that_leaves_out_its_leaders_cell():
    text = ("2024年政府工作报告主要工作任务分解表\n\n序号\n\n主要工作举措\n\n牵头单位\n\n配合单位\n\n责任领导\n\n"
            "一、做大做强主导产业\n\n1\n\n加快构建现代化产业体系。\n\n区农业农村局\n\n区发展改革局、区工业和信息化局\n\n"
            "2\n\n加快在建项目的建设进度。\n\n区工业和信息化局\n\n自然资源分局、生态环境分局\n\n冯冬昌\n")
    tasks = extract_text(text).tasks
    assert [([u.text for u in t.lead], [u.text for u in t.cooperating]) for t in tasks] == [
        (["区农业农村局"], ["区发展改革局", "区工业和信息化局"]), (["区工业和信息化局"], ["自然资源分局", "生态环境分局"])]


def test_a_list_whose_一是_runs_on_at_the_end_of_the_opening_line():
    text = ("长安区2022年的十大惠民实事\n2022年,我们将继续提升人民的幸福指数。拟从以下十个方面开展工作:一是加快基础教育提质培优。"
            "改造11所中小学硬件设施。\n二是加速提高医疗服务水平。建成投用中医医院南院区。\n三是持续改善交通出行环境。建成6条市政道路。\n")
    result = extract_text(text)
    assert [(t.label, t.title) for t in result.tasks] == [
        ("一是", "加快基础教育提质培优"), ("二是", "加速提高医疗服务水平"), ("三是", "持续改善交通出行环境")]
    assert [x.value for x in result.tasks[0].targets] == ["11"]


def test_a_news_item_telling_what_was_done_is_a_report():
    text = ("加强法制宣传教育 服务经济社会发展\n—某县积极开展“12·4”全国法制日普法宣传活动\n"
            "12月2日,县委宣传部、县司法局组织召开了“12.4”法制宣传日宣传活动会议,30多个单位参加。"
            "12月4日,县司法局在县城广场开展了法律咨询活动,发放宣传资料3000余份,展出展板32幅。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report" and result.tasks == []
    assert {("3000", "份"), ("32", "幅")} <= {(a.value, a.unit) for a in result.achievements}


def test_the_end_of_a_span_of_days_is_no_count():
    task = only_task("1.开展民法典宣传月活动。5月1日至31日,在全省开展集中宣传,举办讲座不少于3场。\n")
    assert [(x.op, x.value, x.unit) for x in task.targets] == [(">=", "3", "场")]


def test_a_table_a_cell_a_line_with_no_number_column():
    text = ("任务\n|\n责任单位\n|\n时限\n|\n"
            "切实做好稳经济大盘一揽子政策举措公开工作,强化政策解读。\n|\n市政府各部门,各县(市、区)政府\n|\n持续推进\n|\n"
            "建立市场主体反映投资和工程建设项目审批问题的办理和反馈机制。\n|\n市发改委、市住建局\n|\n年底前\n|\n")
    tasks = extract_text("某市2022年政务公开重点任务分工\n" + text).tasks
    assert [(t.number, [u.text for u in t.responsible]) for t in tasks] == [
        (1, ["市政府各部门", "各县(市、区)政府"]), (2, ["市发改委", "市住建局"])]
    assert [d.date for d in tasks[1].deadlines] == ["2022-12-31"]


def test_within_the_year_as_a_frequency_and_a_bare_年初_are_no_deadlines():
    task = only_task("1.公开预期引导信息。各部门年内解读重要政策措施不少于1次。\n")
    assert task.deadlines == [] and [(x.op, x.value) for x in task.targets] == [(">=", "1")]
    assert only_task("1.年初召开全市安全生产工作会议,部署全年工作。\n").deadlines == []
    assert [d.date for d in only_task("1.2022年初召开全县法治工作会议。\n").deadlines] == ["2022-03-31"]


def test_a_paragraphs_一是_list_out_of_turn_is_not_cut():
    from kg.ingest.normalize import normalize
    from kg.ingest.segment import segment

    text = "某县惠民工程\n今年共涉及5项。一是推进饮水工程。二是改善生活环境。五是建设农田。四是改造道路。\n"
    assert [n.label for n in segment(normalize(text).text) if n.kind == "paragraph"] == []


def test_a_page_that_explains_a_plan_sets_no_tasks():
    text = "\n\n".join([  # (a page of paragraphs each followed by a blank line, as the site prints it)
        "无障碍浏览 长者模式", "《〈政府工作报告〉2024年重点工作任务分工方案》政策解读", "发布日期:2024-04-02 15:35 点击量:10",
        "来源:二连浩特市政府办", "一、起草背景",
        "2024年1月,市第十六届人民代表大会第三次会议听取、审议并通过了《政府工作报告》,报告总结了我市过去一年政府工作的成绩,"
        "提出了2024年政府工作总体目标和重点任务,市人民政府办公室对报告的目标任务进行了细化分解,明确了责任分工。",
        "二、主要内容和要求", "(一)主要内容。《分工方案》将报告分解为五个方面79项重点工作任务。",
        "1.在“聚焦深化对外开放”方面(分解任务15项)。", "2.在“聚焦增强发展优势”方面(分解任务9项)。"])
    result = extract_text(text)
    assert result.document.title == "《〈政府工作报告〉2024年重点工作任务分工方案》政策解读"
    assert result.tasks == [] and result.unparsed_notes == []


def test_an_item_whose_sections_are_the_fields_of_its_record_is_the_task():
    text = ("十堰市2008年十件实事责任落实及任务分解方案\n"
            "三、实施农村寄宿制学校建设工程,对农村200所中小学实施改水、改厕\n(一)责任领导:高勤\n(二)责任单位:市教育局\n"
            "(三)协办单位:市财政局,各县市区人民政府,武当山旅游经济特区\n(四)项目内容及任务分解:计划安排200所,其中丹江口市33所。\n"
            "(五)资金筹措:市级财政按每所学校补助1万元的标准共计安排200万元。\n(六)完成时限:2008年内\n"
            "四、建设通村水泥路1500公里\n(一)责任领导:梁吉祥\n(二)责任单位:市交通局\n(三)协办单位:各县市区人民政府\n")
    tasks = extract_text(text).tasks
    assert [(t.path, roles(t)) for t in tasks] == [
        ("三", ([], ["市教育局"], ["市财政局", "各县市区人民政府", "武当山旅游经济特区"])),
        ("四", ([], ["市交通局"], ["各县市区人民政府"]))]
    assert [d.date for d in tasks[0].deadlines] == ["2008-12-31"]


def test_a_progress_column_holds_no_targets():
    text = "\n\n".join(["2022年度民生实事未完成项目进度表", "序号", "项目内容", "当前进度", "牵头单位", "备注",
                       "1", "新建公办园5所,新增公办幼儿学位1000个。", "80%(新区实验幼儿园进度滞后)", "县教育局", "市民生实事",
                       "2", "建设四好农村路55公里。", "95%", "县交通局", "县民生实事"])
    tasks = extract_text(text).tasks
    assert [[(x.value, x.unit) for x in t.targets if not x.qualitative] for t in tasks] == [
        [("5", "所"), ("1000", "个")], [("55", "公里")]]
    assert [[u.text for u in t.lead] for t in tasks] == [["县教育局"], ["县交通局"]]


def test_a_label_after_a_comma_inside_an_items_sentence():
    text = ("二、部分项目进展情况\n1、农村道路畅通工程,牵头部门:市交通局。建设进度相对较慢的县区为舒城县。\n"
            "2、农村饮水安全巩固提升工程,牵头部门:市水利局、市卫健委。未完成建设任务的县区为舒城县。\n"
            "3、棚户区改造,牵头部门:进度较慢。\n")
    assert [roles(t) for t in extract_text(HEAD + text).tasks] == [
        (["市交通局"], [], []), (["市水利局", "市卫健委"], [], []), ([], [], [])]


def test_a_splits_table_with_each_tasks_progress_is_still_the_split():
    # a 进展情况表 that keeps each task's owners is the split (a 完成情况表 tells what was done: a report);
    # the progress cell's 1-2月 is when the work got so far, not when it is due
    text = ("市政府2020年重点工作一季度进展情况表\n序号 | 内容与要求 | 进展情况 | 责任单位\n"
            "1 | 确保地区生产总值增长7%左右。 | 1-2月,主要经济指标实现正增长。 | 市发改委\n"
            "2 | 取得军工资质8本以上。 | 目前已有10家企业提出申办需求。 | 市经信局\n")
    result = extract_text(text)
    assert result.document.genre == "task_division"
    assert [(t.number, roles(t), [(x.op, x.value) for x in t.targets], t.deadlines) for t in result.tasks] == [
        (1, ([], ["市发改委"], []), [("=", "7")], []), (2, ([], ["市经信局"], []), [(">=", "8")], [])]
    done = extract_text(text.replace("一季度进展情况表", "1-8月民生实事完成情况表")).document.genre
    assert done == "annual_report"


def test_a_rule_said_to_hold_below_carries_no_owner_to_the_next_tasks():
    text = ("某省2016年重点工作部门分工的意见\n一、创新发展\n(一)推进自主创新示范区建设(省科技厅牵头。明确牵头部门的,其他有关部门配合,下同)。\n"
            "(二)建设一批众创空间。\n")
    assert [(t.path, roles(t)) for t in extract_text(text).tasks] == [("一.(一)", (["省科技厅"], [], [])), ("一.(二)", ([], [], []))]


def test_a_requirements_line_naming_the_lead_beside_the_owner_line():
    text = ("某市2005年重点工作分解\n一、重点项目建设\n1.加快重点项目建设。\n  责任领导:吉炳伟\n  责任单位:市发改委 五县五区政府\n"
            "  工作要求:由市发改委牵头,并负责报进度。\n")
    assert [roles(t) for t in extract_text(text).tasks] == [(["市发改委"], ["市发改委", "五县五区政府"], [])]


def test_a_page_of_no_known_kind_that_gives_no_task_shows_its_figures():
    # no title, no year, no owner note: neither a plan nor a report by any sign — its counts are still shown
    result = extract_text("法治建设工作动态\n全县法治宣传覆盖群众10万人次,受理法律援助案件35件,调解纠纷120起。\n")
    assert result.document.genre is None and not result.tasks
    assert [(a.value, a.unit) for a in result.achievements] == [("100000", "人次"), ("35", "件"), ("120", "起")]
    assert not result.unparsed_notes  # (not "a plan in which no task was read": its figures were)


def test_numbered_parts_naming_no_owner_aim_or_time_in_a_text_telling_counts_are_an_account():
    # no title, no year, no word that says done; its parts name no owner, target or time, and the text
    # tells what was counted: a report, not a plan
    text = "法治宣传覆盖群众10万人次,印发宣传资料3000份,送法下乡5场次。\n一、加强法治宣传教育\n深化普法责任制落实。\n" \
           "二、推进依法行政\n规范行政执法行为。\n"
    result = extract_text(text)
    assert (result.document.genre, result.tasks) == ("annual_report", [])
    assert [(a.value, a.unit) for a in result.achievements] == [("100000", "人次"), ("3000", "份"), ("5", "场次")]
    plan = extract_text(text.replace("深化普法责任制落实。", "深化普法责任制落实(县司法局负责)。"))  # a note: a plan's part
    assert plan.document.genre is None and [t.path for t in plan.tasks] == ["一", "二"]


def test_a_rule_line_naming_who_leads_with_whom_and_a_years_level_that_is_no_deadline():
    text = ("二、任务分解\n1、城镇养老保险覆盖率达到90%。\n──由市劳动和社会保障局会同有关部门和各县市区组织落实。\n"
            "2、人口自然增长率控制在6‰以内,2010年年末总人口不超过757万人。\n──由市人口计生委和各县市区负责落实。\n")
    result = extract_text(HEAD + text)
    assert [roles(t) for t in result.tasks] == [(["市劳动和社会保障局"], [], ["有关部门", "各县市区"]),
                                                ([], ["市人口计生委", "各县市区"], [])]
    assert [t.deadlines for t in result.tasks] == [[], []]


def test_a_project_table_a_cell_a_paragraph_whose_heads_and_names_a_narrow_column_broke():
    cells = ["序号", "项目名称", "项目建设规模及内容", "建设起\n止年限", "总投资\n(万元)", "2023年度", "计划", "资金", "来源",
             "责任", "单位", "1", "城市用气", "提升工程", "对28个小区进行“液改气”改造,安装燃气安全装置13000套。", "2023.01-2023.12",
             "1200", "完工投用", "国企投资", "城投集团", "2", "山塘水库综合整治工程", "完成6座小型水库加固改造工程,消除安全隐患。",
             "2023.01-2023.12", "4600", "基本完工", "政府投资", "水利局"]
    text = ("江山市人民政府关于公布2023年市政府民生实事项目实施计划的通知\n各乡、镇人民政府,市政府各部门:\n现予公布。\n江山市人民政府\n"
            "2023年2月8日\n附件\n2023年市政府民生实事项目实施计划表\n" + "\n\n".join(cells) + "\n")
    result = extract_text(text)
    assert result.document.title == "2023年市政府民生实事项目实施计划"
    got = [(t.number, t.title, [u.text for u in t.responsible], [d.date for d in t.deadlines],
            sorted(x.value for x in t.targets)) for t in result.tasks]  # (a rejoined name's spacers no part of its title)
    assert got == [(1, "城市用气提升工程", ["城投集团"], ["2023-12-31"], ["1200", "13000", "28"]),
                   (2, "山塘水库综合整治工程", ["水利局"], ["2023-12-31"], ["4600", "6"])]


def test_a_unit_named_before_the_long_collective_it_is_one_of():
    text = "1.健全守信激励机制。(牵头单位:省发展改革委;责任单位:省财政厅等省社会信用体系建设联席会议相关成员单位)\n"
    assert [roles(t) for t in extract_text(HEAD + text).tasks] == [(["省发展改革委"], ["省财政厅"], [])]


def test_a_whole_bodys_name_then_another_kind_of_body_after_one_each_are_two_units():
    text = ("1.推进基层执法。(牵头单位:区司法局;配合单位:各乡镇人民政府、街道办事处)\n"
            "2.推进村居普法。(牵头单位:区司法局;配合单位:各乡、街道)\n")
    assert [roles(t) for t in extract_text(HEAD + text).tasks] == [
        (["区司法局"], [], ["各乡镇人民政府", "街道办事处"]), (["区司法局"], [], ["各乡、街道"])]


def test_a_decision_catalogue_a_cell_a_paragraph_whose_heads_names_and_merged_cell_a_narrow_table_broke():
    # 重大行政决策 / 事项名称 and 拟决策时间 / 和计划 are one head each; 会议审议 … 决策结果 are heads no column
    # kind names, standing last before row 1; row 2 leaves out the 决策程序 cell row 1 printed for all
    cells = ["序号", "重大行政决策", "事项名称", "承办单位", "决策程序", "拟决策时间", "和计划", "会议审议", "决策预公开", "决策结果",
             "1", "新型综合垃圾处理中心建设项目", "区城管局", "根据《重大行政决策程序暂行条例》的规定", "2021年底立项。", "会议审议:",
             "意见征集公告", "决策结果信息",
             "2", "兴隆公园", "建设项目", "区园林绿化", "服务中心", "2020年10月立项,2021年5月至2022年12月开工建设。", "意见征集公告",
             "3", "老旧小区改造项目", "区住房城乡", "建设局", "2021年2月立项,力争2021年4月底前开工。", "意见征集公告"]
    text = "某区人民政府2021年度重大行政决策事项目录\n" + "\n\n".join(cells) + "\n"
    got = [(t.number, t.title, ["".join(u.text.split()) for u in t.responsible], sorted(d.date for d in t.deadlines))
           for t in extract_text(text).tasks]
    assert got == [(1, "新型综合垃圾处理中心建设项目", ["区城管局"], ["2021-12-31"]),
                   (2, "兴隆公园建设项目", ["区园林绿化服务中心"], ["2020-10-31", "2022-12-31"]),
                   (3, "老旧小区改造项目", ["区住房城乡建设局"], ["2021-02-28", "2021-04-30"])]


def test_a_catalogue_sent_after_a_notices_own_points_is_the_document():
    text = ("某区人民政府办公室关于公布2022年度重大行政决策事项目录的通知\n各镇人民政府:\n现将《目录》予以公布,并就有关事项通知如下:\n"
            "一、列入目录的事项要严格履行决策程序。\n二、目录事项应当于本年度完成。\n三、本目录自公布之日起实施。\n"
            "附件\n2022年度重大行政决策事项目录\n序号\n重大行政决策事项\n承办单位\n1\n农村生活污水治理专项规划\n区农业农村局\n"
            "2\n城区停车设施建设方案\n区住建局\n")
    result = extract_text(text)
    assert [(t.number, [u.text for u in t.responsible]) for t in result.tasks] == [(1, ["区农业农村局"]), (2, ["区住建局"])]


def test_a_collective_of_two_kinds_a_list_of_organ_kinds_closed_by_deng_and_angle_brackets_are_one_name_each():
    text = ("1.推进基层治理。(牵头单位:市民政局;责任单位:市政府相关部门、单位)\n"
            "2.深化体制改革。(市编办及市政府有相关行政管理职能的各委、办、局等负责)\n"
            "3.规范执法行为。(各县〈市、区〉政府负责)\n")
    assert [roles(t) for t in extract_text(HEAD + text).tasks] == [
        (["市民政局"], ["市政府相关部门、单位"], []), ([], ["市编办", "市政府有相关行政管理职能的各委、办、局"], []),
        ([], ["各县〈市、区〉政府"], [])]


def test_a_target_split_by_area_a_cell_a_paragraph_with_no_number_column():
    # 全市 | 巴州区 | 恩阳区 are the areas each indicator's value is set for; 评分目标 / 主要经济指标 are categories;
    # a row leaves its merged 分值 and owner cells out; 城镇居民人均可支配收入() lost its measure; a unit's name
    # goes on over a line (市对外开放办 / 及相关部门); no value is a row's number
    cells = ["目标类别", "考核项目及内容", "全市", "巴州区", "恩阳区", "分值", "考核实施单位", "评分目标", "主要经济指标",
             "地区生产总值(亿元)", "466", "112", "45", "15", "市发改委、市统计局", "全社会固定资产投资(亿元)", "846", "169", "60",
             "城镇居民人均可支配收入()", "21400", "22155", "20330", "巴中调查队、市统计局", "招商引资", "到位资金总额(亿元)", "330",
             "50", "50", "15", "市对外开放办", "及相关部门"]
    text = "2014年度全市综合目标任务框架体系\n(一)县区综合目标任务框架体系\n" + "\n\n".join(cells) + "\n"
    got = [(t.number, t.title, [u.text for u in t.responsible], [(x.value, x.unit) for x in t.targets])
           for t in extract_text(text).tasks]
    assert got == [
        (1, "地区生产总值(亿元)", ["市发改委", "市统计局"], [("466", "亿元"), ("112", "亿元"), ("45", "亿元")]),
        (2, "全社会固定资产投资(亿元)", [], [("846", "亿元"), ("169", "亿元"), ("60", "亿元")]),
        (3, "城镇居民人均可支配收入()", ["巴中调查队", "市统计局"], [("21400", None), ("22155", None), ("20330", None)]),
        (4, "到位资金总额(亿元)", ["市对外开放办", "相关部门"], [("330", "亿元"), ("50", "亿元"), ("50", "亿元")])]


def test_a_catalogues_planned_months_are_its_steps_and_a_date_of_what_was_done_is_none():
    text = ("某区人民政府2021年度重大行政决策事项目录\n| 序号 | 重大行政决策事项名称 | 承办单位 | 实施计划 |\n"
            "| 1 | 卫生健康事业发展规划 | 区卫生健康局 | 2020年底,已由25名政协委员进行审核论证。拟于2021年8月向社会征求意见。 |\n"
            "| 2 | 全域旅游示范区规划 | 区文化和旅游局 | 拟于2021年9月组织专家论证,2022年1月印发。 |\n"
            "| 3 | 产业布局规划 | 区发改局 | 2021年3月完成初稿。 |\n"
            "区政府办公室 2021年7月26日印发\n")
    got = [(t.number, sorted(d.date for d in t.deadlines)) for t in extract_text(text).tasks]
    assert got == [(1, ["2021-08-31"]), (2, ["2021-09-30", "2022-01-31"]), (3, ["2021-03-31"])]


def test_a_pages_labelled_title_field_names_the_document_and_its_kind():
    text = ("| 索引号:000014349/2022-83299 | |\n| 发文字号: | 发文时间:2023-01-05 |\n| 发文机关:南漳镇人民政府 | 主题词:工作计划 |\n"
            "| 标题:南漳镇人民政府2023年工作计划 | |\n一是扎实推进产业强镇。2023年,我镇将坚持把产业振兴作为重中之重。\n"
            "(一)中药材种植产业园项目:总投资120万元,占地500余亩,预计2023年5月竣工。\n")
    m = extract_text(text).document
    assert (m.title, m.genre, m.date, m.issuer) == ("南漳镇人民政府2023年工作计划", "annual_plan", "2023-01-05", "南漳镇人民政府")


def test_projects_a_congress_chose_by_vote_are_the_years_plan_though_their_assessment_is_announced():
    text = ("各区、县(市)人民政府,市政府各部门:\n为确保市十三届人大三次会议票选确定的10件民生实事如期完成,市政府决定,今年继续对民生实事"
            "项目完成情况进行绩效考核。现将有关事项通知如下:\n一、纳入民生实事项目管理的内容\n(一)提升改造农村公路380公里,完成60条城市道路增亮。\n"
            "(二)完成农村住房改造1.2万户。\n(三)建成100个市级名师乡村工作室。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_plan" and result.achievements == []
    assert [sorted((x.value, x.unit) for x in t.targets) for t in result.tasks if t.targets] == [
        [("380", "公里"), ("60", "条")], [("1.2", "万户")], [("100", "个")]]  # (targets keep 万 in the unit)


def test_a_rule_that_the_first_listed_leads_stated_as_who_leads_in_principle():
    text = ("一、主要预期目标\n1、全市GDP增长10%以上(由市发展改革委、经委、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头,下同)。\n"
            "2、外贸出口增长15%以上(由市商务局、经委负责)。\n")
    assert [roles(t) for t in extract_text(HEAD + text).tasks] == [
        (["市发展改革委"], ["经委", "统计局"], []), (["市商务局"], ["经委"], [])]


def test_paragraphs_that_open_the_body_are_its_top_level_with_sections_under_them():
    text = ("南漳镇人民政府2023年工作计划\n一是扎实推进产业强镇。2023年,镇党委政府共谋划农业项目2个:\n"
            "(一)中药材种植产业园项目:总投资120万元,预计2023年5月竣工。\n(二)西瓜种植产业园项目:总投资400万元,预计2023年3月竣工。\n"
            "二是全面推进党的建设。\n(一)完成村级换届。\n")
    got = [(t.path, [d.date for d in t.deadlines]) for t in extract_text(text).tasks]
    assert got == [("一是.(一)", ["2023-05-31"]), ("一是.(二)", ["2023-03-31"]), ("二是.(一)", [])]


def test_a_pages_one_row_of_a_split_as_labelled_cells_with_its_years_quarters():
    # one record alone, its values between bars, a nine-character label; the year only in the row's own words
    text = ("重点工作: | 135.统筹违法建设治理与城市更新,促进违法建设科学分类治理。 |\n牵头单位: | 市城市管理综合执法局 |\n"
            "年度阶段性工作目标: | 第一季度:明确我市2023年违法建设目标任务。完成工作任务20%以上。第二季度:完成工作任务的50%以上。 |\n"
            "进展情况、存在问题及下一步工作建议: |\n已完成。全市治理违法建设2318.70万平方米。 |\n")
    (task,) = extract_text(text).tasks  # (the progress field's value, on the next line, gives no target)
    assert (task.number, [u.text for u in task.lead], sorted(d.date for d in task.deadlines),
            [(t.op, t.value, t.unit) for t in task.targets]) == (
        135, ["市城市管理综合执法局"], ["2023-03-31", "2023-06-30"], [(">=", "20", "%"), (">=", "50", "%")])


def test_a_progress_tables_done_and_share_columns_are_no_targets():
    text = ("序号 | 项目名称 | 目标任务 | 牵头单位 | 累计完成 | 累计进度 |\n"
            "1 | 促进重点群体稳定就业 | 城镇新增就业1100人 | 县人社局 | 1063人 | 96.64% |\n")
    (task,) = extract_text("某县2023年民生实事项目清单\n" + text).tasks
    assert [(t.value, t.unit) for t in task.targets] == [("1100", "人")]


def test_a_years_plan_its_opening_day_and_what_was_done_on_a_day():
    text = ("乡镇重点工作安排\n(一)打造党建示范单位。2021年计划申报并打造3个以上党建示范村。\n"
            "(二)完成纪念馆建设。项目占地6亩多,力争2021年7月1日正式开馆。\n"
            "(三)推进轨道交通建设。轨道交通1号线一期工程已于2014年5月30日通车试运营。\n"
            "(四)做好计划生育服务。2021年计划生育奖励扶助资金及时发放。\n")
    got = [(t.path, [d.date for d in t.deadlines]) for t in extract_text(text).tasks]
    assert got == [("(一)", ["2021-12-31"]), ("(二)", ["2021-07-01"]), ("(三)", []), ("(四)", [])]


def test_a_start_time_column_is_no_deadline_though_a_step_falls_in_the_same_month():
    text = ("2019年度某县人民政府重大行政决策目录\n序号 | 事项名称 | 承办单位 | 承办时间 | 实施计划 |\n"
            "1 | 丽水学院松阳校区PPP项目 | 县教育局 | 2018年7月 | 2018年7月完成项目授权; |\n"
            "2 | 被征地农民基本生活保障暂行办法 | 县自然资源和规划局 | 2018年10月 | 2019年3月完成办法初稿;2019年4月签订合同; |\n")
    got = [(t.number, sorted(d.date for d in t.deadlines)) for t in extract_text(text).tasks]
    assert got == [(1, ["2018-07-31"]), (2, ["2019-03-31", "2019-04-30"])]


def test_which_things_a_date_describes_and_a_signatures_date_are_no_deadlines():
    text = ("某镇2023年项目绩效目标表\n序号 | 项目名称 | 年度目标 | 完成时间 |\n"
            "1 | 老旧小区改造 | 全镇完成改造150户2000年以前建成的城镇老旧小区 | 2023年12月 |\n"
            "某县某镇人民政府\n2023年3月27日\n")
    got = [(t.number, [d.date for d in t.deadlines]) for t in extract_text(text).tasks]
    assert got == [(1, ["2023-12-31"])]


def test_a_header_and_its_first_row_on_one_line_of_cells():
    text = ("附件 2025年度横溪镇重大行政决策事项目录清单\n序号 | 重大行政决策事项名称 | 承办科室 | 履行程序要求 | 计划完成时间 | 1 | "
            "2025年垟庄村杜鹃花节 | 横溪镇社会事务服务办公室 | 1.公众参与 2.合法性审查 | 2025年4月 |\n")
    got = [(t.number, t.title, [u.text for u in t.responsible], [d.date for d in t.deadlines]) for t in extract_text(text).tasks]
    assert got == [(1, "2025年垟庄村杜鹃花节", ["横溪镇社会事务服务办公室"], ["2025-04-30"])]


def test_a_progress_tables_rows_its_results_columns_and_a_page_field_after_its_last_row():
    text = ("类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 1-9月份工作完成情况 | 1-9月份工作取得成效 |\n"
            "四、教育文化 | 15.推进学校塑胶运动场地建设 | 完成13处农村学校塑胶运动场地建设。 | 教育体育局 | 完成基础施工30%。 | 受益学生32402人。 | |\n"
            "16.推进义务教育课后服务 | 对全市34所义务教育学校实行课后服务全覆盖。 | 教育体育局 | 完成调度。 | 学生参与率100%。 |\n"
            "索引号: | 113706850042672474/2022-04772 | 成文日期: | 2022-10-08 |\n")
    got = [(t.number, [u.text for u in t.responsible], [(x.value, x.unit) for x in t.targets if not x.qualitative])
           for t in extract_text(text).tasks]
    assert got == [(15, ["教育体育局"], [("13", "处")]), (16, ["教育体育局"], [("34", "所")])]


def test_heads_a_narrow_column_broke_after_a_period_or_before_a_short_word():
    cells = ["序号", "重点工作", "责任", "科室", "攻坚目标", "任务", "工作任务安排", "第二季度", "完成情况",
             "1", "白仙山水库工程政策处理", "水库工程工作领导小组", "完成项目政策处理工作,推进大坝建设。", "推进坟墓迁移工作。",
             "该工程库区内坟墓迁移进度达60%。",
             "2", "现代化美丽城镇", "乡村振兴办", "成功创建首批省美丽城镇。", "按照时间节点开展项目建设。",
             "本年度总投资6000万元的19个项目完成投资3000万元。"]
    text = "某镇2024年度重点工作计划二季度执行情况\n" + "\n\n".join(cells) + "\n"
    got = [(t.number, [u.text for u in t.responsible], [x.value for x in t.targets]) for t in extract_text(text).tasks]
    assert got == [(1, ["水库工程工作领导小组"], []), (2, ["乡村振兴办"], [])]  # (the quarter's progress: no targets)


def test_a_numbered_list_of_projects_and_the_standard_each_is_to_meet_is_a_plans_table():
    text = ("类别 | 序号 | 项目名称 | 工作标准 |\n省市重点类 | 1 | 路网完善工程 | 青洋高架北延年内通车,完成投资3.36亿元;河海东路完成投资5436万元。 |\n"
            "省市重点类 | 2 | 文化广场项目建设 | 项目用地面积17.7公顷,年内完成投资5亿元。 |\n")
    result = extract_text(text)
    assert result.achievements == [] and [(t.number, sorted((x.value, x.unit) for x in t.targets)) for t in result.tasks] == [
        (1, [("3.36", "亿元"), ("5436", "万元")]), (2, [("17.7", "公顷"), ("5", "亿元")])]


def test_a_previews_run_on_table_gives_each_rows_owners_after_its_last_sentence():
    text = ("1、重点任务责任分工表序号工作内容目标任务责任单位备注1加强生活垃圾分类宣传发动,引导市民参与。2021年2月底前,群众知晓率达90%以上。"
            "市委宣传部(市文明办)、市城管委,市住建局、团市委等部门,各区(市)县政府(管委会)2完善生活垃圾回收利用体系。"
            "2021年2月底前,基本建成回收利用体系。市商务局,市住建局\n")
    got = [(t.number, [u.text for u in t.responsible], [d.date for d in t.deadlines]) for t in extract_text(text).tasks]
    assert got == [(1, ["市委宣传部(市文明办)", "市城管委", "市住建局", "团市委", "各区(市)县政府(管委会)"], ["2021-02-28"]),
                   (2, ["市商务局", "市住建局"], ["2021-02-28"])]


def test_a_level_alone_in_square_brackets_before_the_next_level_and_their_shared_organ():
    text = "1.推进政务公开。〔省级有关部门,各市〔州〕、县〔市、区〕政府负责〕\n"
    assert [roles(t) for t in extract_text(HEAD + text).tasks] == [([], ["省级有关部门", "各市〔州〕、县〔市、区〕政府"], [])]


def test_a_sharing_sites_file_name_is_the_title_and_its_run_on_tables_owners_close_with_their_time():
    text = ("钟楼区2023年生活垃圾分类工作任务清单.docx\n《钟楼区2023年生活垃圾分类工作任务清单.docx》由会员分享,可在线阅读。\n"
            "1、钟楼区2023年生活垃圾分类工作任务清单序号任务名称目标内容主要责任单位完成期限1习惯培养落实垃圾分类党建引领机制,"
            "开展垃圾分类联动会议、活动每季度不少于2次。镇(街道)、区委组织部等按职责分工负责全年2统筹居(村)民委员会力量,加强垃圾分类宣传。镇(街道)\n")
    result = extract_text(text)
    assert result.document.title == "钟楼区2023年生活垃圾分类工作任务清单"
    assert [roles(t) for t in result.tasks] == [([], ["镇(街道)", "区委组织部"], []), (["镇(街道)"], [], [])]
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2023-12-31"], []]  # (…负责全年: the row's time)


def test_a_police_bureaus_divisions_named_by_their_short_names_in_an_owner_column():
    text = ("某公安局执法规范化建设任务分工\n序号 | 具体任务 | 主要责任部门 | 完成时限 |\n"
            "1 | 健全受案和立案登记流程 | 国保、经侦、治安、刑侦、网监、交警、禁毒、出入境根据各自执法实际制定 | 2011年6月底 |\n"
            "2 | 健全扣押物品管理制度 | 警务保障室牵头制定,治安、刑侦、交警积极配合 | 2010年10月底 |\n")
    assert [roles(t) for t in extract_text(text).tasks] == [
        (["国保", "经侦", "治安", "刑侦", "网监", "交警", "禁毒", "出入境"], [], []), (["警务保障室"], [], ["治安", "刑侦", "交警"])]


def test_a_page_without_a_title_that_opens_with_the_years_behind_it_is_a_report():
    text = ("近年来,某县司法局认真贯彻落实《人民调解法》,人民调解组织网络体系进一步完善。\n"
            "一、合理布局,搭建矛盾纠纷化解平台\n目前,全县13个乡镇街道及其562个行政村全部健全了人民调解委员会,各类人民调解员达2528人。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report" and result.tasks == []
    assert [(a.value, a.unit) for a in result.achievements] == [("13", "个"), ("562", "个"), ("2528", "人")]


def test_a_projects_progress_told_part_by_part_is_neither_tasks_nor_targets():
    text = ("2015年度全区民生实事项目进展情况\n"
            "1.开工建设6个棚户区改造项目,惠及群众2640户。\n责任单位:区房管局\n"
            "项目进展:1.古商城片区:方案进行了公示。2.朝阳片区:待古商城片区完成后实施。3.建国片区:17栋安置楼中剩余2栋近期交付使用。\n"
            "2.新建公园3处。\n责任单位:区园林局\n项目进展:累计投资1455万元,完成绿化79120平方米。\n")
    tasks = extract_text(text).tasks
    assert [(t.number, [(x.value, x.unit) for x in t.targets]) for t in tasks] == [(1, [("6", "个"), ("2640", "户")]),
                                                                                 (2, [("3", "处")])]


def test_items_under_a_line_that_only_names_their_unit():
    text = ("某市创建省级卫生城市活动实施方案\n二、具体工作任务\n各部门、各单位具体承建任务如下:\n宣传部\n"
            "1、对整个创建活动进行跟踪报道。\n2、在全市主要街道统一悬挂宣传标语。\n市卫生局\n1、开展病媒生物防制。\n"
            "三、其他任务\n工作部署\n1、开展卫生大扫除。\n")
    tasks = extract_text(text).tasks
    assert [(t.path, roles(t)) for t in tasks] == [
        ("二.1", ([], ["宣传部"], [])), ("二.2", ([], ["宣传部"], [])), ("二.1~2", ([], ["市卫生局"], [])),
        ("三.1", ([], [], []))]  # (工作部署 ends as a body's name does, but names none)


def test_a_years_projects_named_in_one_list_as_many_as_its_lead_counts():
    text = ("县政府召开新闻发布会,发布2026年十大民生实事项目。\n2026年某县十大民生实事项目为:高速公路通信信号“除盲”工程、"
            "农村污水处理厂提升改造项目、免费体检项目、农田水利渠系维护项目、自来水水质提升项目、城区道路改扩建项目、"
            "美食街建设项目、屠宰场建设项目、中学宿舍楼建设项目、火车站加装电梯项目。\n")
    titles = [t.title for t in extract_text(text).tasks]
    assert len(titles) == 10 and titles[0] == "高速公路通信信号“除盲”工程" and titles[-1] == "火车站加装电梯项目"
    # a list of other length than the lead counts is no such list
    assert extract_text(text.replace("十大", "三大")).tasks == []


def test_a_page_opening_with_a_months_span_of_its_year_is_a_report():
    text = ("2022年1 至6月,全州发生各类事故432起,人员死亡53人,与去年同期相比事故起数增加4起、上升0.9%。\n"
            "一、生产安全事故情况\n(一)从行业看\n1.工矿商贸行业发生事故6起、人员死亡6人。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report" and result.tasks == []
    assert ("432", "起") in [(a.value, a.unit) for a in result.achievements]


def test_an_inspection_notices_numbered_photographs_each_with_its_owner():
    text = ("县组织文明城市创建点位专项督查\n近日,督查组深入创建点位进行专项督查。\n"
            "图①:九龙大道两侧公交车站台没有创建公益广告。责任单位:县交通局。\n\n图②:东方广场内流动摊点占道经营。责任单位:县城管局。\n")
    tasks = extract_text(text).tasks
    assert [(t.label, t.number, [u.text for u in t.responsible]) for t in tasks] == [
        ("图①", 1, ["县交通局"]), ("图②", 2, ["县城管局"])]


def test_a_rectification_lists_points_with_their_owner_and_time_limit_lines_after_the_problems():
    text = ("创文进行时丨问题清单曝光,要求限期整改\n市创文办发布督查中发现的问题,要求相关责任单位在规定时限内整改。\n具体问题如下:\n"
            "1. 市科技馆\n(1)院内电动车未按指定区域停放;\n(2)灭火器过期未更换。\n问题整改责任单位:市科技馆 整改时限:3天\n"
            "2. 市第二人民医院\n(1)院内禁烟标识数量不达标;\n(2)宣传牌内容不规范。\n问题整改责任单位:市卫生健康委员会 整改时限:5天\n")
    tasks = extract_text(text).tasks
    assert [(t.label, [u.text for u in t.responsible], t.targets) for t in tasks] == [
        ("1.", ["市科技馆"], []), ("2.", ["市卫生健康委员会"], [])]


def test_a_label_after_a_space_on_the_same_line_ends_the_labels_units():
    for body, expected in [("牵头单位:市司法局 配合单位:市财政局", {"lead": ["市司法局"], "cooperating": ["市财政局"]}),
                           ("责任单位:市司法局 完成时限:2023年6月", {"responsible": ["市司法局"]})]:
        assert note_roles(body) == expected


def test_a_pages_interpretation_of_a_plan_without_its_own_title_is_of_the_plans_kind():
    text = ("县政府办公室制定印发《某县人民政府办公室关于印发2023年为民实事实施方案的通知》(以下简称《通知》),现对《通知》进行政策解读。\n"
            "一、《通知》出台的目的\n切实把我县决定办理的10件实事办好办实。\n")
    assert extract_text(text).document.genre == "implementation_scheme"


def test_a_report_restating_its_plans_tasks_with_their_owner_notes_gives_those_tasks_with_the_plans_figures_only():
    text = ("截止2019年12月31日,某市“十件实事”涉及的工作任务全面完成。具体情况如下:\n"
            "一、解决6万人农村饮水安全问题。(责任单位:市水务局,各县区政府)该件实事已全面完成\n"
            "此项工作已完成。截至2019年12月底,全市解决6.007万人的农村饮水安全问题。\n"
            "二、引进分拨中心,进口整车5000辆以上。1-6月,铁路口岸完成整车进口1589辆,与全年目标有较大差距。(责任单位:市物流公司)\n"
            "三、新建公办幼儿园8所(责任单位:市教育局,西秀区、普定县、镇宁自治县)\n"
            "此项工作已完成。截至2019年12月底,全市完成新建幼儿园8所。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    got = [(t.label, t.responsible, [(x.op, x.value, x.unit) for x in t.targets if not x.qualitative], t.deadlines)
           for t in result.tasks]
    assert [(label, [u.text for u in resp], targets, dl) for label, resp, targets, dl in got] == [
        ("一、", ["市水务局", "各县区政府"], [("=", "6", "万人")], []),
        ("二、", ["市物流公司"], [(">=", "5000", "辆")], []),
        ("三、", ["市教育局", "西秀区", "普定县", "镇宁自治县"], [("=", "8", "所")], [])]


def test_a_reports_table_note_of_its_measure_is_no_owner_note():
    text = ("2022年政府信息公开工作年度报告\n一、总体情况\n2022年,我镇共主动公开政府信息120条。\n"
            "二、收到和处理政府信息公开申请情况\n(二十)本年新收政府信息公开申请数量(单位:件) | 12 |\n")
    assert extract_text(text).tasks == []


def test_a_news_item_of_a_plan_gives_its_named_works_each_a_line_as_many_as_it_counts():
    works = "\n".join(f"{name}工程。到2020年,力争{n}个县达到示范标准。" for name, n in
                      (("特色产业", 8), ("园区提升", 35), ("民营经济", 50), ("城镇推进", 6)))
    text = "近日,记者从省发改委了解到,全省将实施四大工程。\n" + works + "\n"
    tasks = extract_text(text).tasks
    assert [(t.title, [x.value for x in t.targets if not x.qualitative]) for t in tasks] == [
        ("特色产业工程", ["8"]), ("园区提升工程", ["35"]), ("民营经济工程", ["50"]), ("城镇推进工程", ["6"])]
    # (a lead counting three where four such lines follow: not its list; counting five, the page left one out)
    assert "特色产业工程" not in [t.title for t in extract_text(text.replace("四大工程", "三大工程")).tasks]
    assert len(extract_text(text.replace("四大工程", "五大工程")).tasks) == 4
    news = ("据了解,某县2019年度10项民生实事日前确定,总投资共计75822万元。\n据悉,本次10件民生实事覆盖民生各个领域。\n"
            "城乡人居环境整治工程。完成农村无害化卫生厕所改造2.4万座。\n农村饮水安全和地表水灌溉。对全县10个集中供水站进行升级改造。10月份完成。\n"
            "农村地区清洁取暖“双代“工程。改造电代煤2.6万户。\n为保证十项民生工程顺利完成。该县进行了详细的工作任务分解。\n")
    assert [t.title for t in extract_text(news).tasks] == ["城乡人居环境整治工程", "农村饮水安全和地表水灌溉", "农村地区清洁取暖“双代“工程"]


def test_a_news_item_of_a_plan_gives_its_goals_paragraph_and_the_works_it_lists_after_a_count_or_a_request():
    counted = ("近日,某县印发了《2014年安全生产工作要点》。\n《工作要点》明确力争创建省级示范乡镇10个,规模以上企业标准化创建率80%以上。\n"
               "《工作要点》要求年度内重点做好三个方面工作:构建新工作格局;严格落实企业主体责任;全面开展安全生产大培训。\n")
    tasks = extract_text(counted).tasks
    assert [t.title for t in tasks][1:] == ["构建新工作格局", "严格落实企业主体责任", "全面开展安全生产大培训"]
    assert [(x.op, x.value) for x in tasks[0].targets if not x.qualitative] == [("=", "10"), (">=", "80")]
    assert all(not t.deadlines for t in tasks)  # (年度内 is the lead's, before the works)
    asked = ("会议确定了2005年安全生产目标:全区不发生一次死亡10人以上的特大安全生产事故;死亡人数力争降低2%。"
             "为此,会议要求全面落实安全生产责任;继续深化专项整治;加强基层基础工作;加大安全生产投入。\n")
    tasks = extract_text(asked).tasks
    assert [t.title for t in tasks][1:] == ["全面落实安全生产责任", "继续深化专项整治", "加强基层基础工作", "加大安全生产投入"]
    assert [(x.op, x.value) for x in tasks[0].targets if not x.qualitative] == [("=", "2")]  # (10人以上的特大…事故: which)


def test_a_news_item_telling_what_the_city_will_do_gives_each_paragraph_that_sets_a_figure():
    text = ("本报讯 记者从本市政务服务工作会议上了解到,2023年,本市将持续推动政务服务改革。\n"
            "2023年,“每月一题”将重点攻坚17个高频共性难题。\n"
            "为方便企业群众办事,各级政务服务中心将推进便利化升级,实现事项进驻率100%。\n"
            "今年,市政务服务网将新增400个以上事项实现“一口申报”。\n")
    result = extract_text(text)
    assert result.document.genre != "annual_report" and not result.achievements
    assert [[(x.op, x.value) for x in t.targets if not x.qualitative] for t in result.tasks] == [
        [("=", "17")], [("=", "100")], [(">=", "400")]]


def test_a_meeting_news_items_requirements_paragraph_with_its_goals_is_a_task():
    text = ("某市司法局:深化“法律明白人”培养工程\n  某新闻网讯 11月4日,市司法局组织召开了推进会,对下一步工作进行安排部署。\n"
            "  会议要求,全市司法行政部门要进一步提高政治站位。高质量达成2021年底每村至少培养3名“法律明白人”,"
            "以及2022年底建制村有“法律明白人”户数力争占到农户总数50%以上的目标。\n")
    tasks = extract_text(text).tasks
    assert [[(x.op, x.value, x.unit) for x in t.targets if not x.qualitative] for t in tasks] == [[(">=", "3", "人"), (">=", "50", "%")]]
    assert [d.date for d in tasks[0].deadlines] == ["2021-12-31", "2022-12-31"]


def test_a_cell_a_line_table_under_its_titles_last_line_with_a_merged_work_cell_and_a_remark_column():
    text = ("某局贯彻落实2019年政务公开工作要点\n责任分工分解表\n序号 |\n工作任务 |\n具体要求 |\n责任部门(单位) |\n完成时间 |\n备注(市级安排) |\n|\n"
            "1 |\n一、夯实基础 |\n明确分管领导、专职人员 |\n局办公室、局属各单位 |\n2019年6月 |\n各级各部门 |\n|\n"
            "2 |\n修订完善相关制度 |\n局办公室、局属各单位 |\n2019年11月底前 |\n各级各部门 |\n||\n"
            "3 |\n依法公开本机关“三定”方案、建议提案,及时更新主动公开基本目录、政府信息公开指南 |\n局人事科、局科技科分工负责 |\n按市统一安排完成 |\n各级各部门 |\n||\n")
    tasks = extract_text(text).tasks
    assert [([u.text for u in t.responsible], [d.date for d in t.deadlines]) for t in tasks] == [
        (["局办公室", "局属各单位"], ["2019-06-30"]), (["局办公室", "局属各单位"], ["2019-11-30"]), (["局人事科", "局科技科"], [])]


def test_a_unit_that_meets_with_another_leads_it():
    assert note_roles("宣传处会办公室") == {"lead": ["宣传处"], "cooperating": ["办公室"]}
    assert note_roles("市卫生局会议室") == {}


def test_works_named_as_titles_as_many_as_the_count_after_them_are_the_tasks():
    text = ("某县2023年为民实事实施方案政策解读\n二、《通知》主要内容\n《通知》内容主要包括《城镇新增就业2000人以上》《建成幼儿园3所,新增园位1000个以上》"
            "《建成全民健身中心1个》3个县列为民办实事方案,分别明确了目标任务。\n")
    tasks = extract_text(text).tasks
    assert [(t.title, [(x.op, x.value, x.unit) for x in t.targets if not x.qualitative]) for t in tasks] == [
        ("城镇新增就业2000人以上", [(">=", "2000", "人")]), ("建成幼儿园3所,新增园位1000个以上", [("=", "3", "所"), (">=", "1000", "个")]),
        ("建成全民健身中心1个", [("=", "1", "个")])]
    assert "城镇新增就业2000人以上" not in [t.title for t in extract_text(text.replace("3个县列", "4个县列")).tasks]


def test_a_row_whose_owner_cell_a_merged_cell_left_out_prints_its_progress_there_sets_no_target_from_it():
    text = ("2024年4月省政府民生实事项目进展情况汇总表\n序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |\n"
            "1 | 为全县老年人免费接种流感疫苗24723人。 | 4月:制定工作方案。 | 县卫生健康局 | 已完成。 已制定工作方案。 |\n"
            "2 | 重点筛查60岁以上人群7400人。 | 4月:完成筛查人数1480人。 | 已完成。 完成筛查人数3495人,完成率47.23%。 | |\n")
    tasks = extract_text(text).tasks
    assert extract_text(text).document.genre == "task_division"
    assert [([(x.value, x.unit) for x in t.targets if not x.qualitative], [d.date for d in t.deadlines]) for t in tasks] == [
        ([("24723", "人")], ["2024-04-30"]), ([("7400", "人"), ("1480", "人")], ["2024-04-30"])]


def test_an_inspection_lists_pair_of_labels_and_a_community_named_in_a_labelled_note():
    assert note_roles("主体责任:白茶村委会,监督责任:市工商局") == {"responsible": ["白茶村委会"], "cooperating": ["市工商局"]}
    assert note_roles("责任单位:凤池社区") == {"responsible": ["凤池社区"]}


def test_a_news_item_whose_sections_are_bulleted_headings_over_their_goals():
    text = ("温州网讯 记者从市发改委了解到,《行动计划》近日已完成编制印发,对各领域提出明确目标。2018年,全市计划安排投资927.1亿元。\n"
            "  ●基本公共教育领域\n  新创标准化学校30所,覆盖率达96%以上,等级幼儿园占比提升到96%以上。\n"
            "  ●基本就业创业领域\n  城镇新增就业9.5万人,城镇登记失业率控制在2.8%以内。\n"
            "  ●基本社会保障领域\n  基本医疗保险参保率达到98%以上,普惠性幼儿园占比保持在86%以上。\n")
    result = extract_text(text)
    assert result.document.genre != "annual_report" and not result.achievements
    assert [(t.title, len([x for x in t.targets if not x.qualitative])) for t in result.tasks] == [
        ("基本公共教育领域", 3), ("基本就业创业领域", 2), ("基本社会保障领域", 2)]


def test_bulleted_problems_each_with_its_note_line_are_the_tasks():
    text = ("● 白茶市场存在空闲摊位乱堆乱放现象。\n(主体责任:白茶村委会,监督责任:市工商局)\n"
            "● 明珠广场烧烤街地面油垢较厚,占道经营现象突出。\n(主体责任:永安办事处,监督责任:区食药监局)\n")
    tasks = extract_text(text).tasks
    assert [(t.title, [u.text for u in t.responsible], [u.text for u in t.cooperating]) for t in tasks] == [
        ("白茶市场存在空闲摊位乱堆乱放现象", ["白茶村委会"], ["市工商局"]),
        ("明珠广场烧烤街地面油垢较厚,占道经营现象突出", ["永安办事处"], ["区食药监局"])]


def test_a_news_items_paragraphs_under_category_words_each_a_work_after_its_goals():
    text = ("@武清人!2023年,天津要办这些大事!\n日前,市政府下发《切实做好2023年市政府重点工作的通知》。\n"
            "2023年市政府重点工作明确,今年经济社会发展主要预期目标为:全市地区生产总值增长4%左右。\n"
            "居住\n实施一批城市更新项目,改造城镇老旧小区410万平方米。\n为新市民提供8500套保障性租赁住房\n"
            "交通\n年底前建成8条城市道路,优化公交线路40条。\n")
    result = extract_text(text)
    assert result.document.genre != "annual_report"
    assert [[(x.value, x.unit) for x in t.targets if not x.qualitative] for t in result.tasks] == [
        [("4", "%")], [("410", "万平方米")], [("8500", "套")], [("8", "条"), ("40", "条")]]


def test_a_meeting_shares_out_works_in_clauses_each_opening_with_its_owners():
    text = ("6月14日,某县召开闲置土地处置工作推进会。\n"
            "为完成处置目标任务,县长要求,由县发展和改革局牵头,县委党校、县自然资源局配合,在9月底前完成政务服务中心项目60.58亩供地工作;"
            "由县工业园区管委会牵头,县自然资源局、某某街道配合,在12月底前完成工业园区74.0亩批而未供土地处置任务。其他涉及部门要积极配合。\n")
    tasks = extract_text("发布时间:2022-06-16 来源:某县人民政府办公室\n" + text).tasks
    assert [roles(t) for t in tasks] == [(["县发展和改革局"], [], ["县委党校", "县自然资源局"]),
                                         (["县工业园区管委会"], [], ["县自然资源局", "某某街道"])]
    assert [[(x.value, x.unit) for x in t.targets] for t in tasks] == [[("60.58", "亩")], [("74.0", "亩")]]
    assert [[d.date for d in t.deadlines] for t in tasks] == [["2022-09-30"], ["2022-12-31"]]
    # (one clause that opens with its owner is an account, not a share-out: 由于… is no owner at all)
    assert not extract_text("由于天气原因,由县住建局牵头的工程顺延;其他工作照常推进。\n").tasks


def test_a_closing_clause_by_x_jointly_with_y_leads_and_cooperates_whatever_its_verb():
    task = only_task("(一)关于粮食安全的问题,由发展改革委会同中央农办、农业部、财政部、科技部、国土资源部、水利部、商务部、"
                     "统计局等部门研究提出落实意见。\n")
    assert roles(task) == (["发展改革委"], [], ["中央农办", "农业部", "财政部", "科技部", "国土资源部", "水利部", "商务部", "统计局"])


def test_a_news_item_on_a_plan_just_issued_is_of_the_plans_kind_and_dated_by_its_time_line():
    text = ("2020年03月29日08:00  来源:某某日报\n"
            "  记者3月28日从发展改革委获悉,日前发布的《某某都市圈建设2020年工作计划》,从基础设施互联互通等五个方面明确20项建设任务。\n"
            "  该项目总投资15.8亿元,铺设输水管道145公里,2021年底全面建成通水。\n")
    result = extract_text(text)
    assert (result.document.genre, result.document.date) == ("annual_plan", "2020-03-29")
    assert not result.achievements  # (what the plan sets is no work done)
    # (近日,《…工作要点》…正式出台: the plan named first; its parts told 一是…六是 are its tasks, not work done)
    points = extract_text("2020年某某自治区全面依法治区工作要点出台!\n\n近日,《某某自治区党委全面依法治区委员会2020年工作要点》(以下简称《要点》)正式出台,并印发至各成员单位贯彻执行。\n"
                          "《要点》对2020年工作从三个方面作出部署。一是加强党的领导;二是服务大局,提供法治保障;三是加强重要领域立法。\n")
    assert points.document.genre == "work_points" and [t.label for t in points.tasks] == ["一是", "二是", "三是"]


def test_an_owner_line_after_a_blank_line_is_read_by_its_verbs_up_to_the_clause_naming_none():
    task = only_task("4.主动公开全国统一的市场准入负面清单,根据调整情况及时做好更新发布。\n\n"
                     "区发展改革局、区科工商信局、区市场监管局牵头办理,在工作中加强与上级单位沟通对接。\n")
    assert roles(task) == (["区发展改革局", "区科工商信局", "区市场监管局"], [], [])


def test_a_comparator_before_a_list_said_分别_bounds_each_value():
    task = only_task("1.全县环境空气质量达标率分别不低于71.2%、72.6%、74%,细颗粒物浓度分别不高于58微克/立方米、"
                     "54微克/立方米、50微克/立方米。(县环保局牵头)\n")
    assert [(x.op, x.value) for x in task.targets if not x.qualitative] == [
        (">=", "71.2"), (">=", "72.6"), (">=", "74"), ("<=", "58"), ("<=", "54"), ("<=", "50")]
    # (without 分别, a comparator stays with its own value: 不低于70%、实现85%)
    task = only_task("1.参考率不低于70%、合格率85%。(县司法局牵头)\n")
    assert [(x.op, x.value) for x in task.targets if not x.qualitative] == [(">=", "70"), ("=", "85")]


def test_a_steps_time_line_after_its_name_dates_it_and_makes_it_a_task():
    text = ("某镇2021年秸秆禁烧工作方案\n三、工作步骤\n(一)组织发动阶段。时间:夏季麦收前(5月30日一6月4日)、秋季秋收前(9月20日一9月30日)。"
            "组织召开全镇秸秆禁烧工作会议。\n(二)全面禁烧阶段。时间:夏季麦收期间(6月5日一6月30日)。坚持24小时巡回检查。\n")
    result = extract_text(text)
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2021-06-04", "2021-09-30"], ["2021-06-30"]]
    # (a part naming its steps with the years they span holds them; it is no step itself)
    spans = extract_text("某市法治政府建设规划\n二、实施步骤\n全面实施阶段(2016-2018年)。全面铺开。\n提高完善阶段(2019-2020年)。总结经验。\n")
    assert all(t.title != "实施步骤" for t in spans.tasks)
    # (and a part's heading a converter ran onto the end of the paragraph before it heads its own part)
    glued = extract_text("某镇2021年秸秆禁烧工作方案\n结合我镇实际,特制定本方案。 一、指导思想\n坚持标本兼治。 二、工作步骤\n"
                         "(一)组织发动阶段。时间:夏季麦收前(5月30日一6月4日)。组织召开会议。\n")
    assert [[d.date for d in t.deadlines] for t in glued.tasks] == [["2021-06-04"]]


def test_values_joined_by_和_share_their_comparator_bound_and_measure():
    task = only_task("1.PM10和PM2.5平均浓度分别不高于53和32微克/立方米,排放量分别下降21%和15%以上,"
                     "审批时限不能超过27天,粮食产量稳定在439亿斤。(县环保局牵头)\n")
    assert [(x.op, x.value, x.unit) for x in task.targets if not x.qualitative] == [
        ("<=", "53", "微克/立方米"), ("<=", "32", "微克/立方米"), (">=", "21", "%"), (">=", "15", "%"), ("<=", "27", "日"),
        ("=", "439", "亿斤")]


def test_a_news_headline_saying_what_is_to_be_done_is_a_plans_and_its_goals_paragraph_a_task():
    text = ("某某网 > 即时新闻\n\n河北:力争打造10个左右国家级法治政府建设示范地区和项目\n\n发布时间:2022-04-18 15:19:00来源: 某某网\n\n"
            "  某某网4月14日电 全省示范创建活动动员部署会日前召开。活动提出,力争在任期内,打造10个左右国家级示范地区和项目,"
            "省级示范地区将覆盖全省40%左右的设区市、30%左右的县(市、区)。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_plan" and not result.achievements
    assert [(x.op, x.value, x.unit) for t in result.tasks for x in t.targets if not x.qualitative] == [
        ("=", "10", "个"), ("=", "40", "%"), ("=", "30", "%")]
    # (a headline telling what was done leaves the kind to the body: a report)
    done = extract_text("某某网\n\n甘肃2021年法治政府建设工作取得新成效\n\n发布时间:2022-01-18 来源: 某某网\n\n"
                        "2021年,全省共办理行政复议案件1200件,培训执法人员3.2万人次。\n")
    assert done.document.genre == "annual_report"


def test_a_page_whose_figures_are_all_aims_is_no_report_whatever_its_一是_say():
    text = ("某某县司法局“五个着力”加强法制宣传教育\n作者:张三 文章来源:本站原创 更新时间:2009/5/22 9:14:37\n"
            "一是着力开展主题法制宣传教育活动。坚持每年开展主题宣传活动10次以上。\n"
            "二是着力推进送法活动。由县委法建办牵头每年开展送法活动12次以上,各乡镇开展送法进村100场次以上。\n"
            "三是着力开展普法示范创建。2010年,全县70%的社区达到示范社区标准。\n")
    result = extract_text(text)
    assert result.document.genre != "annual_report" and not result.achievements
    assert [[(x.op, x.value) for x in t.targets if not x.qualitative] for t in result.tasks][:2] == [
        [(">=", "10")], [(">=", "12"), (">=", "100")]]
    assert [d.date for d in result.tasks[2].deadlines] == ["2010-12-31"]  # (2010年,全县70%的社区达到…: that year's share)
    # (a report's counts of work done keep it a report, its aims beside them notwithstanding)
    report = extract_text("某某县司法局2009年工作总结\n一是开展宣传活动。全年共开展活动36次,累计发放资料1.2万份,"
                          "同比增长12%;受理案件300余件。二是每年开展培训2次以上,力争参训率达到90%以上。\n")
    assert report.document.genre == "annual_report"


def test_a_pronoun_or_a_verb_phrase_ending_in_政府_is_no_unit():
    from kg.extract.unitnames import looks_like_unit

    assert not looks_like_unit("我们需深刻认识到提升行政执法质量对于法治政府")
    assert looks_like_unit("县人民政府") and looks_like_unit("各有关单位")


def test_the_year_a_removal_is_to_be_done_in_dates_it():
    task = only_task("2.燃煤锅炉淘汰和改造战役。2018年拆除锅炉5台,列出拆改清单。(县环保局牵头)\n")
    assert [d.date for d in task.deadlines] == ["2018-12-31"]
