"""Targets, deadlines, obligations and themes: tables of phrases checked by hand."""

import pytest

from kg.extract.obligations import find_obligations
from kg.extract.deadlines import find_deadlines
from kg.extract.targets import find_targets
from kg.extract.themes import section_theme
from kg.extract.pipeline import extract_text


def quantitative(text):
    return [(t.metric, t.op, t.value, t.unit) for t in find_targets(text) if not t.qualitative]


@pytest.mark.parametrize("text, expected", [
    ("全年案件听证率不低于70%", [("hearing_rate", ">=", "70", "%")]),
    ("确保全年经复议后被诉讼案件的败诉率不超过8%", [("loss_rate", "<=", "8", "%")]),
    ("相关满意率达95%以上", [("satisfaction_rate", ">=", "95", "%")]),
    ("及时向法院反馈司法建议采纳情况,办复率达100%", [("reply_rate", "=", "100", "%")]),
    ("向社会公开征求意见不少于30日", [("comment_period", ">=", "30", "日")]),
    ("征求意见的期限一般不少于30天", [("comment_period", ">=", "30", "日")]),
    ("法制审核人员不得少于本单位执法人员总数的5%", [("legal_review_staff_share", ">=", "5", "%")]),
    ("领导班子每年集体学法2次以上,各地每年至少举办1期领导干部法治专题培训班",
     [("study_sessions", ">=", "2", "次"), ("training_sessions", ">=", "1", "期")]),
    ("一般行政复议案件由2名以上专职办案人员办理,重大、复杂、疑难案件不少于3人",
     [("case_handlers", ">=", "2", "人"), ("case_handlers", ">=", "3", "人")]),
    ("每人每年接受不少于60学时的业务知识和法律法规培训", [("training_hours", ">=", "60", "学时")]),
    ("纠错率在5%以下", [("correction_rate", "<=", "5", "%")]),
    ("出庭应诉率达到100%", [("appearance_rate", "=", "100", "%")]),
    ("各级党委主要负责人每年召开专题会议不少于1次", [("meeting_count", ">=", "1", "次")]),
    # an index, which has no measure
    ("居民消费价格指数控制在103左右", [(None, "<=", "103", None)]),
    ("居民消费价格指数涨幅控制在103.5以内", [(None, "<=", "103.5", None)]),
    # not targets
    ("推行群众合理诉求\"最多访一次\"机制", []),
    ("制定贯彻落实《南京市优化营商环境政策100条(2021年版)》细则", []),
    ("完善\"12345\"平台建设及应用", []),
    # the size of the projects counted says which ones, the count is the goal
    ("全年招引落户总投资超30亿元或3亿美元产业项目2个", [(None, "=", "2", "个")]),
    ("新开工10亿元以上项目5个", [(None, "=", "5", "个")]),
    # ten thousands of people: the noun after 万 says what is counted
    ("确保完成1.63万贫困人口脱贫任务", [(None, "=", "1.63", "万人")]),
    ("让54.13万群众喝上放心水", [(None, "=", "54.13", "万人")]),
    # where a goal starts from is no goal
    ("重污染天数在2015年42天的基础上减少50%,达到21天左右", [(None, "=", "50", "%"), (None, "=", "21", "日")]),
    # a plant's capacity in a project's name says which project
    ("重点抓好25万吨己二酸和20万吨己内酰胺、10万吨针状焦等项目建设", []),
    ("全年粮食产量稳定在300万吨以上", [(None, ">=", "300", "万吨")]),
])
def test_quantitative_targets(text, expected):
    assert quantitative(text) == expected


def test_target_details_scope_and_recurrence():
    [t] = [t for t in find_targets("法制审核人员不得少于本单位执法人员总数的5%") if not t.qualitative]
    assert t.scope == "本单位执法人员总数"
    [t] = [t for t in find_targets("每人每年接受不少于60学时的培训") if not t.qualitative]
    assert t.recurrence == "每人每年"
    [t] = [t for t in find_targets("全年案件听证率不低于70%") if not t.qualitative]
    assert t.recurrence == "全年" and t.text == "全年案件听证率不低于70%"


@pytest.mark.parametrize("text, labels", [
    ("促进行政诉讼案件数和败诉率\"双下降\"", ["双下降"]),
    ("实现对全区一级预算单位全覆盖", ["全覆盖"]),
])
def test_qualitative_targets(text, labels):
    found = [t for t in find_targets(text) if t.qualitative]
    assert [t.metric_label for t in found] == labels and all(t.op is None for t in found)


@pytest.mark.parametrize("text, year, expected", [
    ("2023年年底前实现信息共享机制化", None, ["2023-12-31"]),
    ("2023年底前完成", None, ["2023-12-31"]),
    ("2023年6月底前基本实现市级统筹", None, ["2023-06-30"]),
    ("2024年年初基本实现全覆盖", None, ["2024-03-31"]),
    ("2022年上半年完成", None, ["2022-06-30"]),
    ("2022年第三季度前完成", None, ["2022-09-30"]),
    ("上半年完成清理", 2022, ["2022-06-30"]),
    ("9月底前完成", 2022, ["2022-09-30"]),
    ("2月底前完成", 2024, ["2024-02-29"]),
    ("年底前完成", None, []),  # no year known: no date invented
    ("全市年末城镇登记失业率控制在4%以内", 2010, []),  # when a rate is measured, not a time to be done by
    ("全年实现城镇新增就业6万人", 2020, ["2020-12-31"]),  # within the year, as 2019年实现… is
    ("全年接待群众来访300人次", 2020, []),  # the year's whole, no completion
    # a year with 前 and the work to be done by then
    ("2013年前落实道路建设安全设施“四同时”,2015年前形成长效机制", None, ["2013-12-31", "2015-12-31"]),
    ("制定2021年度行政执法检查计划", 2021, []),
    ("《政策100条(2021年版)》", 2021, []),
    # 到 the end of the plan's own year is its deadline; of a later year, a horizon
    ("到2020年底,确保贫困人口全部脱贫", 2020, ["2020-12-31"]),
    ("到2025年底,基本建成法治政府", 2020, []),
    # a multi-year task's share for each year: due at the year's end, unless its own items are dated
    ("2019年任务:一是完成村庄分类工作;二是完成评估。2020年任务:一是4月底前完成评估工作;二是10月底前完成修编。", None,
     ["2019-12-31", "2020-04-30", "2020-10-31"]),
])
def test_deadlines(text, year, expected):
    assert [d.date for d in find_deadlines(text, year=year)] == expected


def test_plan_horizon():
    result = extract_text("南京市法治政府建设实施方案(2021—2025年)\n(一)总体目标。到2025年,政府治理体系日益健全。\n(二)推进改革。2023年年底前完成。")
    assert result.horizon.date == "2025-12-31" and result.horizon.text == "到2025年"


@pytest.mark.parametrize("text, kind, modal, bearer", [
    ("各级政府领导班子每年应当举办2期以上法治专题讲座。", "duty", "应当", "各级政府领导班子"),
    ("行政机关内部会议纪要不得作为行政执法依据。", "prohibition", "不得", None),
    ("初次从事行政复议的人员应当通过国家统一法律职业资格考试取得法律职业资格。", "duty", "应当", "初次从事行政复议的人员"),
    ("市、区两级党政机关要将公职律师纳入区域法律人才发展计划。", "duty", "要", "市、区两级党政机关"),
    ("严禁越权发文、严控发文数量、严格制发程序。", "prohibition", "严禁", None),
    ("对专业性较强的决策事项,决策承办单位应组织专家论证。", "duty", "应", "决策承办单位"),
])
def test_obligations(text, kind, modal, bearer):
    [o] = find_obligations(text)
    assert (o.kind, o.modal, o.bearer) == (kind, modal, bearer)


@pytest.mark.parametrize("text", [
    "完善应急响应制度。", "加强行政应诉工作。", "推动重要领域立法。", "落实主要负责人职责。", "提升突发事件应对能力。",
])
def test_no_obligation_in_words_that_only_contain_a_modal(text):
    assert find_obligations(text) == []


def test_obligations_leave_the_assignment_note_out():
    found = find_obligations("确保实现全覆盖。(牵头单位:区司法局,责任单位:区政府各有关部门)")
    assert [o.text for o in found] == ["确保实现全覆盖。"]


# Section titles as other plans word them (the exact labels are checked in test_lexicon.py).
@pytest.mark.parametrize("title, key", [
    ("强化对行政权力的制约和监督", "power_oversight"),
    ("推进行政决策科学化、民主化、法治化", "decision_making"),
    ("坚持严格规范公正文明执法", "law_enforcement"),
    ("依法有效化解社会矛盾纠纷", "dispute_resolution"),
    ("全面建设数字法治政府", "digital_government"),
    ("加强党的领导，完善法治政府建设推进机制", "leadership"),
    ("健全突发事件应对体系", "emergency"),
    ("提高政府工作人员法治思维和依法行政能力", "legal_capacity"),
    ("深入学习贯彻习近平法治思想", None),
])
def test_section_themes(title, key):
    assert section_theme(title) == key


def test_fine_themes_from_keywords():
    text = ("南京市栖霞区人民政府文件\n栖霞区2022年法治政府建设工作计划\n一、重点工作\n(一)依法有效化解社会矛盾\n"
            "1.提升行政复议工作质量。深化行政复议体制改革,全年行政复议案件听证率不低于70%。(牵头单位:区司法局)\n")
    [task] = extract_text(text).tasks
    assert task.themes[0] == "dispute_resolution"
    assert "admin_review" in task.themes


def test_comparator_symbols_in_a_sentence_and_a_cell_that_ends_them():
    from kg.extract.targets import find_targets

    got = [(t.op, t.value, t.unit) for t in find_targets("案卷合格率≥95%,败诉率≤8%,满意率>90%。") if not t.qualitative]
    assert got == [(">=", "95", "%"), ("<=", "8", "%"), (">", "90", "%")]
    # a symbol in one cell does not bound the number of the next
    got = [(t.op, t.value, t.unit) for t in find_targets("| 10% | >=1 | 2户 |") if not t.qualitative]
    assert sorted(got) == [("=", "10", "%"), ("=", "2", "户"), (">=", "1", None)]


def test_counts_in_chinese_numerals_after_a_comparator_and_scores():
    from kg.extract.targets import find_targets

    got = [(t.op, t.value, t.unit) for t in find_targets("每年至少开展一次集中宣传,培训不少于两次,用时不超过三天,满意度95分以上。建立一个阵地。")
           if not t.qualitative]
    assert got == [(">=", "95", "分"), (">=", "1", "次"), (">=", "2", "次"), ("<=", "3", "日")]


def test_a_count_within_which_the_work_is_done_is_an_upper_bound():
    from kg.extract.targets import find_targets

    got = [(t.op, t.value, t.unit) for t in find_targets("政务服务事项3个工作日内办结,复杂事项5个工作日之内答复。")
           if not t.qualitative]
    assert got == [("<=", "3", "个工作日"), ("<=", "5", "个工作日")]
    # 内 of another word is no bound
    assert [(t.op, t.value) for t in find_targets("在3个乡镇内部开展试点。") if not t.qualitative] == [("=", "3")]


@pytest.mark.parametrize("phrase, date", [
    ("11月中旬前完成", "2022-11-20"), ("12月上旬完成", "2022-12-10"), ("2022年11月下旬前完成", "2022-11-30"),
    ("10月中下旬完成", "2022-10-31"), ("3月上中旬完成", "2022-03-20"), ("本年度内完成", "2022-12-31"),
    ("不晚于2022年6月30日完成", "2022-06-30"), ("最迟于9月15日", "2022-09-15"), ("6月30号前完成", "2022-06-30"),
    ("三季度末前完成", "2022-09-30"), ("第四季度完成", "2022-12-31"),
    ("明年6月底前完成", "2023-06-30"), ("次年年底前完成", "2023-12-31"),
    ("完成时间:2022.12", "2022-12-31"), ("完成时限:2022-12-31", "2022-12-31"), ("完成时限:2022/6/15", "2022-06-15"),
    ("〔责任单位:市财政局,完成时限:全年〕", "2022-12-31"),  # the whole year, closing a note in 〔〕
    ("于本年度完成目录编制", "2022-12-31"),  # 本年度 with 完成: within the year (本年度重点工作 is no time)
    ("开展专项整治,至2022年10月底", "2022-10-31"),  # 至 with a month: the period's end, not a plan's horizon
])
def test_more_deadline_wordings(phrase, date):
    from kg.extract.deadlines import find_deadlines

    assert [d.date for d in find_deadlines("加强学习。" + phrase, year=2022)] == [date]


def test_a_date_in_digits_without_a_time_label_is_no_deadline():
    from kg.extract.deadlines import find_deadlines

    assert find_deadlines("依据2021.12.31印发的文件。", year=2022) == []


@pytest.mark.parametrize("text, expected", [
    ("行政机关负责人出庭应诉率达到百分之百。", [("=", "100", "appearance_rate")]),
    ("执法人员持证率不低于百分之九十五。", [(">=", "95", None)]),
    ("败诉率控制在百分之五以内。", [("<=", "5", "loss_rate")]),
    ("参学率达到百分之九十八点五以上。", [(">=", "98.5", None)]),
])
def test_a_share_written_in_chinese_numerals(text, expected):
    got = [(t.op, t.value, t.metric) for t in find_targets(text) if not t.qualitative]
    assert got == expected and all(t.unit == "%" for t in find_targets(text) if not t.qualitative)


def test_a_goals_part_kept_for_its_targets_has_no_deadline():
    from kg.extract.pipeline import extract_text

    text = ("某某市2022年法治政府建设工作方案\n一、工作目标\n2022年底前,行政复议纠错率达到15%以上;到2025年,执法人员持证率达到100%。\n"
            "二、重点任务\n1.完善审核机制,2022年6月底前完成。(市司法局负责)\n")
    dates = {t.title: [d.date for d in t.deadlines] for t in extract_text(text).tasks}
    assert dates.get("工作目标", []) == [] and ["2022-06-30"] in dates.values()


def test_an_items_points_in_brackets_are_no_target():
    text = ("某市2008年政府法制工作目标责任制分解考核指标\n一、做好《纲要》的贯彻落实工作(17分)\n"
            "(一)制定考核办法,将贯彻落实工作列入目标责任制考核内容;(3分)\n"
            "(二)培养1个依法行政工作的典型,通过现场会推广其经验;(3分)\n")
    got = [(t.path, [(x.op, x.value, x.unit) for x in t.targets if not x.qualitative]) for t in extract_text(text).tasks]
    assert got == [("一.(一)", []), ("一.(二)", [("=", "1", "个")])]


def test_a_measure_written_with_its_alternative_in_brackets_keeps_the_documents_script():
    from kg.extract.pipeline import extract_text

    # 人(次) is 人次; a Traditional page's 戶 stays as written
    text = "某縣2016年十件實事\n一、實事項目\n1.開展職業技能培訓800人(次)。\n2.改造農村危舊房1320戶。\n"
    assert [[(x.value, x.unit) for x in t.targets] for t in extract_text(text).tasks] == [[("800", "人次")], [("1320", "戶")]]


def test_a_schedules_steps_are_each_due_by_their_months_end():
    from kg.extract.pipeline import extract_text

    text = ("某区2021年民生实事工作计划\n一、教育\n(一)新建改扩建学校。\n3-4月,祁连路小学等6所学校开复工。\n7-8月,5所学校竣工。\n"
            "9月,5所学校招生办学。\n")
    assert [(d.date, d.text) for d in extract_text(text).tasks[0].deadlines] == [
        ("2021-04-30", "3-4月"), ("2021-08-31", "7-8月"), ("2021-09-30", "9月")]


def test_where_a_duration_was_before_it_was_already_cut_is_no_target():
    text = "某县2022年营商环境行动计划\n一、主要任务\n1.提高效率。市场主体简易注销公告时间由原来的45天已压缩至20天。\n"
    result = extract_text(text)
    assert [x.value for t in result.tasks for x in t.targets] == ["20"]


def test_the_years_goals_before_the_first_part_of_a_split_are_a_task():
    # a 政府工作报告 split: the covering notice, the split's title, the year's goals in a paragraph of
    # their own, then the parts; the goals are what the split commits to (no number, no owner)
    text = ("市人民政府办公室关于分解落实《政府工作报告》的通知\n各区、镇、办事处,市政府各部门:\n现将工作任务进行责任分解。\n"
            "2017年1月13日\n《政府工作报告》重点工作责任分解\n"
            "2017年全市经济社会发展主要预期目标是:地区生产总值增长8.5%左右;城镇登记失业率控制在4.5%以内。\n"
            "一、加快转型升级\n1.实施工业项目建设。(牵头单位:市发改委)\n")
    tasks = extract_text(text).tasks
    goals = tasks[0]
    assert (goals.number, goals.label) == (0, "")
    assert [(x.op, x.value, x.unit) for x in goals.targets] == [("=", "8.5", "%"), ("<=", "4.5", "%")]
    assert [t.title for t in tasks[1:]] == ["实施工业项目建设"]
    from kg.extract.evaluate import predicted_view

    assert predicted_view(extract_text(text))["tasks"][0]["number"] is None  # as the gold writes a task with no number


def test_a_years_projects_run_on_in_one_sentence_are_tasks_numbered_in_order():
    # a news item: the ten projects follow 这十件民生实事分别是: between semicolons, with no ordinals
    text = ("2月11日,记者从县人代会上了解到,2015年,县政府将集中力量办好十件民生实事。\n"
            "这十件民生实事分别是:完成南小河桥至花船子3.4公里道路拓宽改造工程;改造农村危旧房2000户;"
            "全面启动城乡居民大病保险工作,有效提高重特大疾病保障水平。\n")
    tasks = extract_text(text).tasks
    assert [(t.number, t.label, [(x.value, x.unit) for x in t.targets]) for t in tasks] == [
        (1, "", [("3.4", "公里")]), (2, "", [("2000", "户")]), (3, "", [])]
    assert tasks[2].title == "全面启动城乡居民大病保险工作,有效提高重特大疾病保障水平"
    assert [t.path for t in tasks] == ["1", "2", "3"]  # (each its own place in the graph)


def test_a_news_pages_lead_stating_a_plans_goals_is_its_task_where_no_task_is_read():
    # a trade site's repost of a provincial 意见: the lead paraphrases its goals; the document is cut
    # in its preamble, before any numbered task
    text = ("北极星环保网获悉,省人民政府发布关于加快建设绿色龙江的意见。\n首页 > 政策 > 正文\n"
            "意见要求,到2026年,全省细颗粒物平均浓度达到26.5微克/立方米以下,森林覆盖率达到45.31%,单位GDP能耗较2023年下降10%以上。\n"
            "中共黑龙江省委 黑龙江省人民政府关于加快建设绿色龙江的意见\n(2024年4月30日)\n"
            "生态文明建设是关系中华民族永续发展的根本大计。\n")
    tasks = extract_text(text).tasks
    assert len(tasks) == 1 and tasks[0].number == 0 and not tasks[0].deadlines  # (到2026年: where it aims)
    assert [(x.op, x.value, x.unit) for x in tasks[0].targets] == [("<=", "26.5", "微克/立方米"), ("=", "45.31", "%"), (">=", "10", "%")]
    # an account of a year's work is no plan's goals: its figures stay figures
    report = "2023年工作总结\n全年完成造林面积达到12万亩,森林覆盖率达到45.3%。\n"
    assert not extract_text(report).tasks


def test_a_count_with_more_than_its_number_is_at_least_it():
    from kg.extract.targets import find_targets

    assert [(t.op, t.value, t.unit) for t in find_targets("占地500余亩,改造1000多户")] == [(">=", "500", "亩"), (">=", "1000", "户")]


def test_a_measure_per_head_or_month_is_one_unit():
    from kg.extract.quantities import quantities

    assert [(q.value, q.unit) for q in quantities("按1500元/人标准发放,抽检5.5批次/千人,补助154.33元/月")] == [
        ("1500", "元/人"), ("5.5", "批次/千人"), ("154.33", "元/月")]


def test_a_target_forms_value_after_its_blank_takes_the_blanks_measure():
    from kg.extract.targets import find_targets

    text = "种植数量(≥**株)>=17600株;成活率(≥%)>=85;补助成本(≤**元/株)≤28.40/株。"
    assert [(t.op, t.value, t.unit) for t in find_targets(text)] == [(">=", "17600", "株"), (">=", "85", "%"), ("<=", "28.40", "元/株")]


def test_measure_words_of_buildings_plants_villages_and_places():
    from kg.extract.quantities import quantities

    text = "改造1200幢,扑杀752只,聘请3800位,覆盖31村,新增墓穴10000穴,种植8000株,建设500m²,惠及8千户"
    assert [q.unit for q in quantities(text)] == ["幢", "只", "位", "村", "穴", "株", "m²", "千户"]


def test_a_bounded_count_of_aspects_is_a_target_an_unbounded_one_is_not():
    from kg.extract.targets import find_targets

    assert [(t.op, t.value) for t in find_targets("完成听取5个以上方面的工作通报")] == [(">=", "5")]
    assert find_targets("从3个方面推进改革") == []


def test_a_group_headings_count_of_its_items_is_no_target():
    from kg.extract.targets import find_targets

    assert [(t.value, t.unit) for t in find_targets("一、就业促进(3项) | 城镇新增就业1100人")] == [("1100", "人")]


def test_two_counts_of_one_group_glued_are_both_targets_a_bounded_second_says_which():
    from kg.extract.targets import find_targets

    assert [(t.value, t.unit) for t in find_targets("实施崔家村164户859人易地扶贫搬迁项目")] == [("164", "户"), ("859", "人")]
    assert [(t.value, t.unit) for t in find_targets("改造超230个50户以上木质房屋连片村寨")] == [("230", "个")]


def test_a_count_of_what_was_already_done_is_no_target():
    from kg.extract.targets import find_targets

    assert find_targets("2020年底,已由医疗卫生界25名政协委员、15名人大代表进行审核论证") == []
    assert [(t.value, t.unit) for t in find_targets("拟组织25名专家进行论证")] == [("25", "人")]


def test_a_size_that_says_which_land_with_its_own_exclusion_is_no_target():
    from kg.extract.targets import find_targets

    assert [(t.op, t.value, t.unit) for t in find_targets("辖区范围内6亩以下(不含6亩)的土地使用转让手续,审批时限压缩至5个工作日")] == [
        ("<=", "5", "个工作日")]


def test_a_time_cut_to_a_value_with_words_between_is_at_most_it_and_more_measures():
    from kg.extract.targets import find_targets

    assert [(t.op, t.value, t.unit) for t in find_targets("全市全面实现压缩企业开办时间至3天")] == [("<=", "3", "日")]
    assert [(t.value, t.unit) for t in find_targets("总建筑面积21.9万m2,日处理30万吨/日,展览面积超3万平米")] == [
        ("21.9", "万m2"), ("30", "万吨/日"), ("3", "万平米")]


def test_the_same_day_or_one_day_is_at_most_one_day():
    from kg.extract.targets import find_targets

    assert [(t.op, t.value, t.unit) for t in find_targets("公章刻制时间当天或1天")] == [("<=", "1", "日")]


def test_this_years_work_and_a_years_horizon_are_no_deadlines():
    from kg.extract.deadlines import find_deadlines

    assert find_deadlines("谋划本年度重点工作。到2025年,基本建成法治政府。", year=2022) == []


def test_a_rate_held_under_a_bare_value_and_the_people_a_rate_is_counted_per():
    # 万车死亡率控制在7.0以下: the measure is in the rate's name; 10万人口 says what the rate is per, no goal
    got = quantitative("道路交通万车死亡率控制在7.0以下,火灾10万人口死亡率控制在0.19以下,亿元GDP死亡率下降35%以上。")
    assert got == [(None, "<=", "7.0", None), (None, "<=", "0.19", None), (None, ">=", "35", "%")]
    assert quantitative("编号为7的文件。年龄在35以下。") == []  # a bare number without a verb that holds it under: none


def test_a_heading_of_goals_keeps_its_indicators_and_a_count_saying_which_accidents_is_no_goal():
    text = ("安全生产规划\n三、分类目标\n1.到2010年部分重点行业和领域的目标(以2005年为基数):\n"
            "(1)煤矿:百万吨死亡率下降到1.0以下,力争不发生一次死亡10人以上特大事故。\n(2)非煤矿山:死亡人数下降10%以上。\n")
    [task] = extract_text(text).tasks
    assert task.label == "1." and [(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] == [
        ("<=", "1.0", None), (">=", "10", "%")]


@pytest.mark.parametrize("row", ["成本指标 | 控制在预算成本内 | 250万 | 计划标准", "成本指标 |\n控制在预算成本内 |\n250万 |\n计划标准 |"])
def test_a_rows_own_words_cap_the_value_in_the_next_cell(row):
    assert [(t.op, t.value) for t in find_targets(row) if not t.qualitative] == [("<=", "250")]
    assert [(t.op, t.value) for t in find_targets(row.replace("控制在预算成本内", "项目成本")) if not t.qualitative] == [("=", "250")]


def test_a_value_said_again_in_another_measure_in_a_bracket_is_one_target():
    got = quantitative("项目总用地面积24938.8㎡(37.4082亩),新建发热门诊1栋,总床位数348床。")
    assert [(op, v, u) for _, op, v, u in got] == [("=", "24938.8", "㎡"), ("=", "1", "栋"), ("=", "348", "床")]


def test_a_goals_part_whose_items_set_the_figures_gives_the_items_as_tasks():
    text = ("项目建设提速战役实施方案\n二、目标任务\n以新城为主战场,奋力拼搏5个月,确保完成今年10.6亿元投资任务。\n(一)园区建设目标任务\n"
            "1、加大新城开发建设力度。\n2、加快新区基础设施建设步伐,确保今年初步建成2平方公里。\n")
    tasks = extract_text(text).tasks
    assert [(t.label, [(x.value, x.unit) for x in t.targets if not x.qualitative]) for t in tasks] == [("2.", [("2", "平方公里")])]


def test_a_cell_holding_only_its_bound_gives_no_label_not_the_sign():
    got = [t for t in find_targets("维修面积 | ≥400平方米 |\n验收合格率 | ≥98% |") if not t.qualitative]
    assert [(t.metric_label, t.op, t.value) for t in got][0] == (None, ">=", "400")
    assert all(t.metric_label not in ("≥", "≤") for t in got)


def test_a_size_after_a_count_says_which_ones_are_counted_but_alone_it_is_the_goal():
    counted = quantitative("力争培育80个主营业务收入超100亿元的产业集群,其中超过1000亿元的达到10个。")
    assert [(op, v) for _, op, v, _ in counted] == [("=", "80"), ("=", "10")]
    alone = quantitative("形成一批超100亿元的优势产业集群。")
    assert [(op, v) for _, op, v, _ in alone] == [(">", "100")]


def test_the_year_a_rate_is_to_reach_its_value_is_a_deadline():
    from kg.extract.deadlines import find_deadlines

    got = find_deadlines("街道人民调解组织2019年规范化率达到90%以上,2020年规范化率达到100%。", 0, year=None)
    assert [d.date for d in got] == ["2019-12-31", "2020-12-31"]
    assert find_deadlines("2019年全区调解组织规范化建设取得成效。", 0, year=None) == []


def test_a_stages_window_after_its_name_or_between_days_joined_by_dashes_gives_its_end():
    from kg.extract.deadlines import find_deadlines

    assert [d.date for d in find_deadlines("2.实施阶段:2002年至2004年。各地区制定年度工作计划。", 0)] == ["2004-12-31"]
    assert [d.date for d in find_deadlines("1.启动阶段:2001年。根据本规划制定规划。", 0)] == ["2001-12-31"]
    assert [d.date for d in find_deadlines("2、突击整治阶段(2007年12月11日---2008年1月31日)。对市区进行集中清理。", 0)] == ["2008-01-31"]
    assert find_deadlines("这一阶段:2001年以来的经验表明。", 0) == []


def test_a_stage_window_ending_in_a_bare_year_or_closed_by_a_day_it_runs_to():
    from kg.extract.deadlines import find_deadlines

    assert [d.date for d in find_deadlines("(二)组织实施阶段:2007年1月至2010年。", 0)] == ["2010-12-31"]
    assert [d.date for d in find_deadlines("(一)动员部署阶段(截止2009年6月5日)。", 0)] == ["2009-06-05"]
    assert find_deadlines("截止2009年6月5日,全市共受理案件120件。", 0) == []  # (a report's count up to a day)


def test_a_target_letters_two_columns_and_its_quarters_each_with_its_value():
    text = ("某部门2020年度(分季)目标责任书\n工作任务 | 目标及质量要求 |\n"
            "争取中省资金(5分) | 竞争性专项:上半年、三季度、四季度任务分别为80、60、60万元。 |\n"
            "招商引资到位资金(2分) | 第一、二、三、四季度任务分别为500、600、500、400万元。 |\n")
    tasks = extract_text(text).tasks
    assert [(t.title, [(x.value, x.unit) for x in t.targets if not x.qualitative], [d.date for d in t.deadlines]) for t in tasks] == [
        ("争取中省资金(5分)", [("80", "万元"), ("60", "万元"), ("60", "万元")], ["2020-06-30", "2020-09-30", "2020-12-31"]),
        ("招商引资到位资金(2分)", [("500", "万元"), ("600", "万元"), ("500", "万元"), ("400", "万元")],
         ["2020-12-31", "2020-03-31", "2020-06-30", "2020-09-30"])]


def test_a_quarter_whose_bracket_names_its_month_is_due_at_that_months_end():
    from kg.extract.deadlines import find_deadlines

    got = find_deadlines("第三季度:完成设计。第四季度(11月份):组织开展培训。", 0, year=2023)
    assert [d.date for d in got] == ["2023-09-30", "2023-11-30"]
