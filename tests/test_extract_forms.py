"""Forms seen in the corpus's fifth batch (tests/corpus/, stems b5_*), each in a small text written
here; the expected values are read off these texts by hand (tests/corpus/ANNOTATION.md)."""

import pytest

from kg.extract.pipeline import extract_text


def test_a_body_sentence_that_tells_of_a_document_is_not_the_title():
    text = ("2024-01-22 15:45:31 编辑: 张三 阅读次数:98 |\n"
            "县司法局发挥职能优势,多渠道夯实法治根基。\n"
            "建强村(社区)法律顾问,提高法律服务质效。某某县印发了《关于推行法律顾问制度的实施意见》,"
            "2023年共有34名法律服务工作者与186个村(居)签订了聘用协议;共接待群众咨询5000余次,"
            "开展法治宣传300余次,代理法律援助案件80余件。\n")
    result = extract_text(text)
    assert result.document.title is None
    # a page without its title line that counts the work done is a report
    assert result.document.genre == "annual_report"
    assert ("80", "件") in {(a.value, a.unit) for a in result.achievements}


def test_a_news_lead_still_gives_the_sent_documents_title():
    text = ("近日,市委、市政府印发了《某某市法治政府建设实施方案(2021-2025年)》,并发出通知。\n"
            "一、总体要求\n以习近平新时代中国特色社会主义思想为指导。\n")
    assert extract_text(text).document.title == "某某市法治政府建设实施方案(2021-2025年)"


def test_a_title_that_names_the_framework_it_implements_is_the_documents_own():
    text = ("某某区关于落实《某某市法治政府建设实施纲要(2021-2025年)》的实施方案\n"
            "为深入贯彻落实全面依法治国基本方略,制定本实施方案。\n"
            "一、总体要求\n(一)指导思想。坚持以习近平新时代中国特色社会主义思想为指导。\n")
    meta = extract_text(text).document
    assert meta.title == "某某区关于落实《某某市法治政府建设实施纲要(2021-2025年)》的实施方案"
    assert meta.genre == "implementation_scheme"


def test_a_title_whose_period_stands_on_the_next_line():
    text = ("某某市法治政府建设实施方案\n(2021—2025年)\n为切实推进法治政府建设,制定本实施方案。\n"
            "一、总体要求\n(一)指导思想\n坚持党的全面领导。\n")
    meta = extract_text(text).document
    assert meta.title == "某某市法治政府建设实施方案(2021—2025年)"
    assert meta.period == (2021, 2025)


def test_supervision_by_the_congress_does_not_make_a_congress_report():
    text = ("某某市人民政府关于2016年度法治政府建设情况的报告\n"
            "2016年以来,在省政府法制办和市人大常委会的监督指导下,我市全面推进依法行政。现将主要工作情况报告如下:\n"
            "一、全面部署法治政府建设工作\n制定了7个方面58项具体措施。\n")
    assert extract_text(text).document.genre == "annual_report"
    delivered = text.replace("报告\n", "报告\n——2017年1月5日在某某市第十五届人民代表大会常务委员会第三次会议上\n", 1)
    assert extract_text(delivered).document.genre == "congress_report"


def test_points_a_covering_notice_introduces_are_not_tasks():
    text = ("某某市人民政府办公室关于印发《2021年市〈政府工作报告〉任务分解和责任分工方案》的通知\n"
            "某政办发〔2021〕1号\n各县、区人民政府,市政府各部门:\n"
            "现将《2021年市〈政府工作报告〉任务分解和责任分工方案》印发给你们,并就抓好《方案》确定的146项工作任务落实通知如下:\n"
            "1.明确任务,压实责任。各牵头单位的具体推进实施方案务于2021年2月3日前报送各位分管市领导。\n"
            "2.统筹协调,合力攻坚。各相关单位要加强配合。\n"
            "3.加强督考,狠抓落实。各牵头单位要于每月28日前将进展情况报送市政府督考办。\n"
            "某某市人民政府办公室\n2021年1月25日\n")
    result = extract_text(text)
    assert result.tasks == []
    assert result.document.genre == "task_division"
    assert result.document.date == "2021-01-25"
    assert result.document.issuer == "某某市人民政府办公室"
    # …ending with what it asks (通知如下,请一并贯彻执行。)
    asked = extract_text(text.replace("落实通知如下:\n", "落实通知如下,请一并贯彻执行。\n"))
    assert asked.tasks == []
    # …or sending it with what it asks and no 通知如下 (印发给你们,请按照要求,结合实际认真抓好落实。)
    sent = extract_text(text.replace(",并就抓好《方案》确定的146项工作任务落实通知如下:\n", ",请按照要求,结合实际认真抓好落实。\n"))
    assert sent.tasks == []
    # …but a plan printed right after the notice without its own title, its items with their notes, is the plan
    plan = ("现将《某区2024年法治政府建设工作计划》印发给你们,请认真组织实施。\n一、提升政务服务水平\n"
            "1.提高热线办理质效。(牵头单位:区政务办;责任单位:各街道)\n2.认真办理人大代表建议。(牵头单位:区政府办公室)\n")
    assert [t.path for t in extract_text(plan).tasks] == ["一.1", "一.2"]
    # a notice that tells what was issued (国务院印发了《纲要》) and then its own points: they are the document
    told = ("各市、自治州人民政府,省政府各部门:\n2004年3月22日,国务院印发了《全面推进依法行政实施纲要》。为确保《纲要》得到贯彻执行,"
            "现就有关事项通知如下:\n一、抓紧做好《纲要》的学习、宣传工作。年内,各级政府都要举办培训班。\n")
    assert [t.path for t in extract_text(told).tasks] == ["一"]


REPORT_HEAD = "某某市2024年法治政府建设情况报告\n2024年,我市扎实推进法治政府建设。现将有关情况报告如下:\n一、主要举措和成效\n"


def figures(sentence):
    result = extract_text(REPORT_HEAD + sentence + "\n")
    assert result.document.genre == "annual_report"
    return sorted((a.value, a.unit, a.before) for a in result.achievements)


def test_rates_of_a_list_that_shares_one_rate_word():
    assert figures("应知应会法律法规集中考试、领导干部任前考法合格率均达100%,61名新任命的国家工作人员开展宪法宣誓。") == [
        ("100", "%", None), ("100", "%", None), ("61", "名", None)]


def test_rates_that_reach_a_value_together():
    # 双100%: the one value each of the two rates before it reached
    assert figures("实现执法人员持证上岗率、年度培训覆盖率双100%。") == [("100", "%", None), ("100", "%", None)]


def test_before_and_after_written_as_formerly_then_adjusted():
    assert figures("落实行政许可事项清单要求,将原其他权力事项7项,调整为5项。") == [("5", "项", "7")]
    # a reworking verb right between the two counts needs no 原
    assert figures("将设定的40项具体措施细化为78项,增加了41项效果指标。") == [("41", "项", None), ("78", "项", "40")]


def test_before_and_after_with_the_old_value_dated():
    result = extract_text(REPORT_HEAD + "行政机关负责人出庭应诉率由2022年的85%提高到100%,执法人员持证率从上年的90%提升至98%。\n")
    got = [(a.value, a.before, a.metric_label, a.metric) for a in result.achievements]
    assert sorted(got) == [("100", "85", "行政机关负责人出庭应诉率", "appearance_rate"),
                           ("98", "90", "执法人员持证率", None)]


def test_places_counted_with_their_own_noun():
    assert figures("在3市8县深化一体建设试点工作,4个典型案例入选案例选编。") == [
        ("3", "市", None), ("4", "个", None), ("8", "县", None)]
    # a hotline's number before 市民 is no count of cities
    assert figures("办理12345市民热线转办工单30件。") == [("30", "件", None)]


def test_a_measure_with_its_alternative_in_brackets():
    assert figures("全年共接待来人及电话咨询11400多人(次),受理审查申请20余件。") == [
        ("11400", "人次", None), ("20", "件", None)]
    assert figures("举办法治讲座150期(次),放映法治电影435台(次)。") == [("150", "期次", None), ("435", "台次", None)]


def test_the_hours_a_service_keeps_are_not_a_count():
    assert figures("建成公共法律服务站点460余个,实现24小时藏汉双语服务,普法满意度达92.01%。") == [
        ("460", "个", None), ("92.01", "%", None)]


def test_a_titleless_page_of_clause_runs_is_read():
    text = ("五年,修改地方性法规24部、省政府规章16部,备案审查各类规范性文件964件;\n"
            "五年,全省人民调解组织突破6000个,累计调解纠纷超过14万件,成功率达99%以上;\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    assert sorted((a.value, a.unit) for a in result.achievements) == sorted([
        ("24", "部"), ("16", "部"), ("964", "件"), ("6000", "个"), ("140000", "件"), ("99", "%")])


def test_owner_cells_of_a_table_printed_one_cell_per_line():
    text = ("某某区2024年重点工作目标任务分解落实方案\n"
            "序号\n|\n项目\n|\n重点工作目标任务\n|\n牵头领导\n|\n责任单位\n|\n"
            "1\n|\n主要预期目标\n|\n1.地区生产总值增长5%以上。\n|\n张 三\n|\n★区发改委、统计局\n|\n"
            "2.一般公共预算收入同口径增长6%以上。\n|\n★区财政局、税务局\n|\n|||\n"
            "3.居民人均可支配收入与经济增长保持同步。\n|\n李 四\n王 五\n|\n★区发改委、人社局、统计局\n|\n||\n")
    result = extract_text(text)
    owners = {t.number: ([u.text for u in t.lead], [u.text for u in t.responsible]) for t in result.tasks}
    assert owners == {1: ([], ["区发改委", "统计局"]), 2: ([], ["区财政局", "税务局"]),
                      3: ([], ["区发改委", "人社局", "统计局"])}


def test_a_report_without_signature_takes_its_pages_date_and_the_body_heading_its_title():
    text = ("天津市某某局关于2025年度法治政府建设情况的报告\n"
            "来源:  天津市某某局 发布时间:  2026-02-12 09:41\n"
            "2025年,市某某局推动法治政府建设取得新进展。现将有关情况报告如下:\n"
            "一、以政治引领筑牢法治政府建设根本\n圆满完成13件地方性法规和2件政府规章立法项目的法律审核。\n")
    meta = extract_text(text).document
    assert (meta.issuer, meta.date, meta.genre) == ("天津市某某局", "2026-02-12", "annual_report")
    # an organ with its other name in brackets heads the title before the year
    titled = extract_text("西藏自治区某某委办(编译局)2025年度法治政府建设工作报告\n"
                          "作者: 来源:区某某委办(编译局) 发布时间:2026-01-09\n一、2025年法治建设情况\n"
                          "党组理论中心组学习8次。\n").document
    assert (titled.issuer, titled.date) == ("西藏自治区某某委办(编译局)", "2026-01-09")


def test_title_and_issuer_in_the_documents_own_script():
    text = ("營商環境九大對標提升行動實施方案\n為認真貫徹落實市、縣相關工作會議精神,結合我縣實際,制定本實施方案。\n"
            "一、主要任務\n(一)對標條例規定,開展“補短增效”行動。\n1.規范涉企執法行為。依法確需對市場主體的財產實施查封的,應當嚴格按照法定權限進行。\n"
            "某某縣人民政府辦公室\n2021年6月1日\n")
    meta = extract_text(text).document
    assert meta.title == "營商環境九大對標提升行動實施方案"


def test_an_items_label_glued_to_its_count_is_no_part_of_the_target():
    text = "某某区2022年为民办实事项目\n1.既有多层住宅加装电梯新增400台。\n2.50个小区新增电动自行车充电设施。\n"
    tasks = extract_text(text).tasks
    assert [[(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] for task in tasks] == [
        [("=", "400", "台")], [("=", "50", "个")]]


def test_where_a_count_stands_now_is_not_the_target():
    text = ("某某县2022年法治政府建设工作要点\n某某县人民政府办公室\n2022年3月1日\n一、重点工作\n"
            "1.审批提速。办理时限由20个工作日压减至5个工作日,行政许可事项不少于30项实现即办。\n")
    task = extract_text(text).tasks[0]
    assert [(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] == [
        ("<=", "5", "个工作日"), (">=", "30", "项")]
    # the start of the change stated with what it is a share of: 由…缴纳失业保险费的50%提高到100%
    text = text.replace("办理时限由20个工作日压减至5个工作日", "返还标准由企业及职工缴纳失业保险费的50%提高到100%")
    task = extract_text(text).tasks[0]
    assert [(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] == [("=", "100", "%"), (">=", "30", "项")]


def test_a_departments_own_sections_as_note_labels():
    head = "某某县司法局2023年普法工作计划\n某某县司法局\n2023年3月1日\n一、重点工作\n1.深入学习宣传习近平法治思想。"
    for note, expected in [("(责任科室:办公室、普法股,完成时限:全年)", ([], ["办公室", "普法股"], [])),
                           ("(牵头处室:法规处,配合处室:各处室)", (["法规处"], [], ["各处室"])),
                           ("(牵头股室:法制股;配合股室:各股室)", (["法制股"], [], ["各股室"]))]:
        task = extract_text(head + note + "\n").tasks[0]
        assert ([u.text for u in task.lead], [u.text for u in task.responsible],
                [u.text for u in task.cooperating]) == expected, note


def _roles(note):
    head = "某某县2023年法治政府建设工作要点\n某某县人民政府办公室\n2023年3月1日\n一、重点工作\n1.深入推进依法行政。"
    sep = "" if note.startswith("(") else "\n"
    task = extract_text(head + sep + note + "\n2.加强行政复议工作。\n").tasks[0]
    return [u.text for u in task.lead], [u.text for u in task.responsible], [u.text for u in task.cooperating]


def test_a_unit_the_list_marks_as_leading():
    assert _roles("(责任单位:县发改局(牵头)、县财政局、县审计局)") == (["县发改局"], ["县财政局", "县审计局"], [])


def test_two_labels_on_one_line_whose_spaces_were_lost():
    assert _roles("责任单位:县司法局  配合单位:县法院、县检察院") == ([], ["县司法局"], ["县法院", "县检察院"])
    assert _roles("牵头领导:张三  牵头单位:县司法局") == (["县司法局"], [], [])


def test_words_before_a_name_are_not_part_of_it():
    assert _roles("(由县司法局负责)") == ([], ["县司法局"], [])
    assert _roles("(责任单位:县人社局、县医保局,以及各乡镇人民政府)") == ([], ["县人社局", "县医保局", "各乡镇人民政府"], [])


def test_rates_paired_with_their_values_in_turn():
    assert figures("办结率、满意率分别为98%、96%。") == [("96", "%", None), ("98", "%", None)]


def test_one_rate_said_of_each_item_counted_before_it():
    assert figures("办理人大代表建议52件、政协提案61件,办复率均为100%,满意率达99%。") == [
        ("100", "%", None), ("100", "%", None), ("52", "件", None), ("61", "件", None), ("99", "%", None)]


def test_thousands_marked_with_commas():
    assert figures("共化解矛盾纠纷1,234件,其中调解500件,调解成功率98.6%。") == [
        ("1234", "件", None), ("500", "件", None), ("98.6", "%", None)]


def _deadlines(sentence):
    head = "某某县2023年法治政府建设工作要点\n某某县人民政府办公室\n2023年3月1日\n一、重点工作\n1.全面开展规范性文件清理。"
    return [d.date for d in extract_text(head + sentence + "\n2.加强复议。\n").tasks[0].deadlines]


def test_a_full_date_after_a_time_label_and_a_month_to_be_done_in():
    assert _deadlines("(完成时限:2023年10月31日)") == ["2023-10-31"]
    assert _deadlines("2023年5月完成。") == ["2023-05-31"]
    assert _deadlines("10月内完成。") == ["2023-10-31"]
    # a routine, or a month something was done in, is no deadline
    assert _deadlines("每年5月完成年度报告。") == []
    assert _deadlines("2023年5月完成了清理。") == []


def test_a_time_label_holding_a_month_with_its_suffix_or_a_year_alone():
    assert _deadlines("(责任单位:县司法局;完成时限:10月份)") == ["2023-10-31"]
    assert _deadlines("(责任单位:县司法局;完成时限:2023年)") == ["2023-12-31"]
    assert _deadlines("(责任单位:县司法局;完成时间:2024年度)") == ["2024-12-31"]
    # a year that opens a longer time is that time's, not the year's end
    assert _deadlines("(责任单位:县司法局;完成时限:2023年6月)") == ["2023-06-30"]
    assert _deadlines("(责任单位:县司法局;时间:2023年度计划报送后)") == []


def test_a_deadline_without_a_year_takes_the_year_the_documents_number_was_issued_in():
    text = ("某某县人民政府办公室关于印发法治政府建设工作要点的通知\n某政办〔2023〕12号\n一、重点工作\n"
            "1.全面开展规范性文件清理,6月底前完成。(县司法局负责)\n2.加强复议。\n")
    assert [d.date for d in extract_text(text).tasks[0].deadlines] == ["2023-06-30"]
    # no year anywhere: the month alone is no deadline
    assert extract_text(text.replace("〔2023〕", "〔〕")).tasks[0].deadlines == []


def test_a_task_table_titled_as_a_table_and_its_time_cells():
    text = ("某某市2023年优化营商环境重点任务分工表\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 企业开办时间压缩至1个工作日以内 | 市市场监管局 | 市税务局、市公安局 | 2023年6月底前\n"
            "2 | 推行“一件事一次办” | 市政务服务中心 | 各县(市、区)政府 | 2023年12月\n"
            "3 | 规范涉企收费 | 市发展改革委 | 市财政局 | 长期坚持\n")
    result = extract_text(text)
    assert (result.document.title, result.document.genre) == ("某某市2023年优化营商环境重点任务分工表", "task_division")
    assert [[d.date for d in t.deadlines] for t in result.tasks] == [["2023-06-30"], ["2023-12-31"], []]


def test_measures_of_concentration_money_and_area():
    assert figures("PM2.5、PM10平均浓度分别为29ug/m3、45ug/m3,实际利用外资1.5亿美元。") == [
        ("150000000", "美元", None), ("29", "ug/m3", None), ("45", "ug/m3", None)]
    head = "某某区2023年政府工作报告重点任务分工方案\n某某区人民政府办公室\n2023年3月1日\n一、主要预期目标\n"
    task = extract_text(head + "1.PM2.5平均浓度控制在35微克/立方米以内,实际利用外资2亿美元。\n牵头单位:区发展改革委\n").tasks[0]
    assert [(t.op, t.value, t.unit) for t in task.targets if not t.qualitative] == [
        ("<=", "35", "微克/立方米"), ("=", "2", "亿美元")]


def test_table_rows_whose_number_cell_keeps_its_punctuation():
    text = ("某某县2023年重点任务清单\n序号 | 工作任务 | 责任单位 | 完成时限\n"
            "1. | 完善行政决策程序 | 县司法局 | 2023年6月\n2、 | 加强执法监督 | 县直各部门 | 2023年12月\n")
    result = extract_text(text)
    assert [(t.number, t.title, [u.text for u in t.responsible], [d.date for d in t.deadlines]) for t in result.tasks] == [
        (1, "完善行政决策程序", ["县司法局"], ["2023-06-30"]), (2, "加强执法监督", ["县直各部门"], ["2023-12-31"])]


def test_a_table_printed_one_cell_per_line_whose_numbers_keep_their_dots():
    text = "某某区2022年重点任务分工\n序号\n工作任务\n责任单位\n1.\n深化放管服改革\n区政府办\n2.\n加强执法监督\n区司法局、区直各部门\n"
    result = extract_text(text)
    assert [(t.number, t.title, [u.text for u in t.responsible]) for t in result.tasks] == [
        (1, "深化放管服改革", ["区政府办"]), (2, "加强执法监督", ["区司法局", "区直各部门"])]


def test_a_report_titled_as_the_state_of_things():
    result = extract_text("2023年度某某区法治政府建设情况\n2023年,我区扎实推进法治政府建设。\n一、主要成效\n全年办理行政复议案件35件。\n")
    meta = result.document
    assert (meta.title, meta.genre, meta.year) == ("2023年度某某区法治政府建设情况", "annual_report", 2023)
    assert [(a.value, a.unit) for a in result.achievements] == [("35", "件")]


def test_a_part_heading_that_ends_with_the_overall_requirements_holds_no_tasks():
    text = ("某某市人民政府关于深入推进依法行政加快建设法治政府的实施意见\n各县(区)人民政府,市直各部门:\n"
            "一、准确把握法治政府建设总体要求\n(一)重要意义。深入推进依法行政,意义重大。\n"
            "二、依法全面履行政府职能\n(二)深化行政审批制度改革。全面清理行政审批事项。(市审改办负责)\n")
    result = extract_text(text)
    assert [(t.path, [u.text for u in t.responsible]) for t in result.tasks] == [("二.(二)", ["市审改办"])]


def test_counts_of_vehicle_trips():
    assert figures("出动执法人员2360人次、车辆580台次。") == [("2360", "人次", None), ("580", "台次", None)]


def test_a_summary_with_next_years_plan_is_a_report_whose_owned_plans_are_tasks():
    text = ("某县司法局2023年工作总结和2024年工作计划\n2023年,我局围绕中心工作,扎实推进各项工作。\n"
            "一、2023年工作开展情况\n(一)加强学法。全年组织集中学法4次,参学干部职工320人次。\n"
            "二、2024年工作计划\n(一)加强执法监督。开展案卷评查不少于2次。(局执法监督股负责)\n(二)加强学习。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    assert sorted((a.value, a.unit) for a in result.achievements) == [("320", "人次"), ("4", "次")]
    assert [(t.path, [u.text for u in t.responsible], [(x.op, x.value) for x in t.targets]) for t in result.tasks] == [
        ("二.(一)", ["局执法监督股"], [(">=", "2")])]


def test_more_measure_words_of_reports():
    assert figures("获区委、区政府嘉奖令5次,表扬信8封,制作宣传展板120块、标语300幅,创作法治歌曲6首。") == [
        ("120", "块", None), ("300", "幅", None), ("5", "次", None), ("6", "首", None), ("8", "封", None)]


def test_the_reports_own_parts_and_the_field_of_a_ranking_are_no_figures():
    assert figures("本报告由概述、主动公开等共7个部分组成。在330多个地级(含副省级)城市中第10次位列第一,"
                   "在全省16个市中排名第2。制定了7个方面58项具体措施,在3个乡镇中开展试点。") == [
        ("3", "个", None), ("58", "项", None), ("7", "个", None)]


def test_an_untitled_news_item_on_a_years_report_is_a_report_and_its_closing_paragraphs_count():
    text = ("3月17日,2025年某省法治政府建设情况报告发布。全省涉企行政检查次数同比下降31%,行政复议案件数量同比增长42.8%。\n"
            "行政复议正在成为化解行政争议的重要途径。全省新收行政复议案件16846件,依法纠正2850件。\n")
    result = extract_text(text)
    assert result.document.genre == "annual_report"
    assert sorted((a.value, a.unit) for a in result.achievements) == [
        ("16846", "件"), ("2850", "件"), ("31", "%"), ("42.8", "%")]
    # a paragraph after the last numbered section that is no problem or plan still counts
    result = extract_text(REPORT_HEAD + "(一)加强学法。全年学法6次。\n全面履行政府职能。公布省级36个部门5300项权责清单。\n")
    assert sorted((a.value, a.unit) for a in result.achievements) == [("36", "个"), ("5300", "项"), ("6", "次")]


def test_before_and_after_with_words_between_and_a_ratio():
    got = figures("市本级审批事项从法定平均办理时间20.86天提速至6.44天,审批时限由原来的30个工作日缩短为3个工作日。"
                  "复议诉讼比达3.78:1,93.49%案件经复议后实现案结事了。")
    assert got == [("3", "个工作日", "30"), ("3.78", None, None), ("6.44", "天", "20.86"), ("93.49", "%", None)]


def test_a_quoted_statement_of_a_count_is_a_figure_and_a_quoted_name_is_not():
    assert figures("“排查整改执法突出问题2330个”“出台严格规范涉企行政检查22条举措”,开通“12345”热线,办理30件。") == [
        ("22", "条", None), ("2330", "个", None), ("30", "件", None)]


def responsible_by_number(result):
    return {t.number: [u.text for u in t.responsible] for t in result.tasks}


@pytest.mark.parametrize("sep", ["、", ",", "，", " "])
def test_owner_cells_list_their_names_with_any_separator(sep):
    # a table printed one cell per line: the names in an owner cell may be separated by 、, commas or spaces
    text = ("某某区2024年重点工作目标任务分解落实方案\n"
            "序号\n|\n项目\n|\n重点工作目标任务\n|\n牵头领导\n|\n责任单位\n|\n"
            f"1\n|\n主要预期目标\n|\n1.地区生产总值增长5%以上。\n|\n张 三\n|\n★区发改委{sep}统计局\n|\n"
            f"2.外贸进出口总额增长3%。\n|\n★区商务局{sep}吴江海关\n|\n|||\n")
    owners = responsible_by_number(extract_text(text))
    assert owners == {1: ["区发改委", "统计局"], 2: ["区商务局", "吴江海关"]}


def test_a_cell_a_line_table_with_the_outline_headings_before_its_first_row():
    # the number column first, and between the header and row 1 the part and the section (with its
    # group's note) numbered as the outline numbers them: headings, not cells of the first row
    text = ("某市2025年度优化营商环境工作任务清单\n"
            "序号\n2025年度工作任务\n责任单位\n"
            "一、对标先进优化提升专项行动\n(一)市场准入(牵头单位:市市场监管局)\n"
            "1\n加快建设数字应用,完善登记注册申请表单智能预填功能。\n市市场监管局\n"
            "2\n深化注册资本认缴登记制度改革,维护市场交易安全。\n市市场监管局、市税务局\n"
            "(二)获取经营场所(牵头单位:市规划自然资源局)\n"
            "3\n优化工程建设项目审批流程,压缩审批时间。\n市规划自然资源局\n")
    result = extract_text(text)
    assert responsible_by_number(result) == {1: ["市市场监管局"], 2: ["市市场监管局", "市税务局"], 3: ["市规划自然资源局"]}
    assert [t.path for t in result.tasks] == ["一.(一).1", "一.(一).2", "一.(二).3"]


def test_a_sentence_in_an_owner_column_is_not_a_list_of_names():
    text = ("某某县2024年法治政府建设工作任务分解表\n"
            "序号\n|\n重点任务\n|\n具体措施\n|\n责任单位\n|\n"
            "1\n|\n加强学习培训\n|\n每年至少举办1期专题培训班。\n|\n县司法局、各行政执法部门\n|\n"
            "2\n|\n推进党建融合\n|\n各乡镇(街道)、各行政执法部门要结合工作实际,将党建工作融入执法\n|\n县司法局\n|\n")
    owners = responsible_by_number(extract_text(text))
    assert owners == {1: ["县司法局", "各行政执法部门"], 2: ["县司法局"]}


def test_a_table_row_the_page_cut_keeps_its_first_columns():
    text = ("2023年抽查工作计划\n"
            "序号 | 检查主体 | 检查内容 | 计划开展时间 | 股室 | 抽查比例 | 抽查频次 |\n"
            "1 | 县市场监督管理局 | 对特种设备的行政检查 | 1月—12月 | 特种设备股 | 5% | >=1 |\n"
            "2 | 县市场监督管理局 | 对野生动物广告发布的行政检查 | 对野生")
    result = extract_text(text)
    assert responsible_by_number(result) == {1: ["县市场监督管理局", "特种设备股"], 2: ["县市场监督管理局"]}
    # a cell that states its bound with >= is a target, not a quoted line
    first = result.tasks[0]
    assert sorted((x.op, x.value) for x in first.targets if not x.qualitative) == [("=", "5"), (">=", "1")]


def test_rounds_lessons_and_cases_are_counted():
    assert figures("开展执法检查3轮,举办法治讲座12堂,办理案件18例,第4轮检查尚未开始。") == [
        ("12", "堂", None), ("18", "例", None), ("3", "轮", None)]


def test_a_sections_own_goals_paragraph_is_a_task_of_its_own_text():
    # 目标任务: above the section's items sets figures: the section is a task for them alone, its
    # date is where the goal aims (no deadline), and its items keep only their own targets
    text = ("某某县优化营商环境实施方案\n一、总体要求\n坚持问题导向。\n二、任务措施\n(一)打造公平竞争的市场环境\n"
            "目标任务:2022年底前,新登记企业网上办理率超过90%;招标投标全流程电子化率达70%以上。\n"
            "1.破除地方保护。清理妨碍统一市场的规定。(牵头单位:县发展改革局)\n"
            "2.规范招标投标。推行远程异地评标,评标专家抽取率达到100%。(牵头单位:县住建局)\n")
    tasks = {t.path: t for t in extract_text(text).tasks}
    assert sorted(tasks) == ["二.(一)", "二.(一).1", "二.(一).2"]
    goals = tasks["二.(一)"]
    assert [(x.op, x.value, x.unit) for x in goals.targets if not x.qualitative] == [(">", "90", "%"), (">=", "70", "%")]
    assert goals.deadlines == [] and goals.lead == []
    assert [(x.op, x.value) for x in tasks["二.(一).2"].targets if not x.qualitative] == [("=", "100")]
    assert [u.shown for u in tasks["二.(一).1"].lead] == ["县发展改革局"]


def test_a_bullet_line_under_the_last_goal_goes_on_with_it():
    # ——市级部门。… is the goal's own list, not a closing paragraph after the plan
    text = ("某某市网上办事大厅建设工作方案\n一、总体要求\n(一)工作思路。围绕一个核心推进改革。\n"
            "(二)工作目标。力争到2017年底,全市网上办事水平稳步提升,全市行政许可事项网上全流程办理率达85%以上,"
            "上网办理率达80%以上。加快推进证照电子化,深化电子证照在业务办理中的应用。\n"
            "——市级部门。行政许可事项网上全流程办理率达95%以上。\n")
    tasks = extract_text(text).tasks
    assert [t.path for t in tasks] == ["一.(二)"]
    assert [x.value for x in tasks[0].targets if not x.qualitative] == ["85", "80", "95"]


def _owners(task):
    return ([u.shown for u in task.lead], [u.shown for u in task.responsible], [u.shown for u in task.cooperating])


def test_a_task_table_printed_as_labelled_records():
    text = ("某某县2023年法治政府建设工作要点任务分工\n"
            "工作任务:深入学习宣传贯彻习近平法治思想,纳入县政府常务会议学法内容。\n"
            "牵头单位:县司法局\n责任单位:县委宣传部、县教育局\n完成时限:2023年6月底前\n"
            "工作任务:全面推行行政执法公示制度,\n执法全过程记录率达到100%。\n"
            "牵头单位:县司法局\n配合单位:县市场监管局、县城管局\n"
            "工作任务:加强行政复议规范化建设。\n牵头单位:县司法局\n完成时限:全年\n")
    tasks = extract_text(text).tasks
    assert [(t.number, t.title) for t in tasks] == [
        (1, "深入学习宣传贯彻习近平法治思想,纳入县政府常务会议学法内容"),
        (2, "全面推行行政执法公示制度,执法全过程记录率达到100%"), (3, "加强行政复议规范化建设")]
    assert [_owners(t) for t in tasks] == [
        (["县司法局"], ["县委宣传部", "县教育局"], []), (["县司法局"], [], ["县市场监管局", "县城管局"]),
        (["县司法局"], [], [])]
    assert [[str(d.date) for d in t.deadlines] for t in tasks] == [["2023-06-30"], [], ["2023-12-31"]]
    assert [(x.op, x.value) for x in tasks[1].targets if not x.qualitative] == [("=", "100")]


def test_labelled_records_with_their_place_under_a_part_and_the_part_after_them():
    text = ("某县2022年政务公开工作要点责任分工\n一、重点工作\n序号:1\n"
            "重点任务:推进决策公开,重大行政决策事项目录向社会公开率达100%。\n责任单位:县政府办\n完成时间:2022年9月底前\n"
            "序号:2\n重点任务:做好政策解读。\n责任单位:县政府办、县司法局\n完成时间:长期坚持\n"
            "二、保障措施\n各单位要高度重视,县司法局负责督促检查。\n")
    tasks = extract_text(text).tasks
    assert [(t.path, _owners(t)) for t in tasks] == [
        ("一.1", ([], ["县政府办"], [])), ("一.2", ([], ["县政府办", "县司法局"], []))]
    assert [str(d.date) for d in tasks[0].deadlines] == ["2022-09-30"] and tasks[1].deadlines == []


def test_one_labelled_task_with_its_owner_is_not_a_table():
    # one record alone, or numbered items with a label, stay what they were
    text = "某县工作要点\n1.工作任务:推进决策公开。\n牵头单位:县政府办\n2.工作任务:做好政策解读。\n牵头单位:县司法局\n"
    tasks = extract_text(text).tasks
    assert [(t.number, t.title, _owners(t)) for t in tasks] == [
        (1, "推进决策公开", (["县政府办"], [], [])), (2, "做好政策解读", (["县司法局"], [], []))]


def test_a_target_part_named_目标要求_and_a_background_part():
    # 一、制定背景 says why the plan was written (no task); 目标要求 sets figures with horizons
    text = ("某旗帮办代办实施方案\n一、制定背景\n为深入贯彻落实上级部署,结合工作实际,制定如下实施方案。\n"
            "二、目标要求\n2023年6月底前,便民服务中心“一窗综办”比率达80%。2023年9月底前,“一窗综办”比率100%。\n"
            "三、主要任务\n(一)开展“五优”行动。\n1.优化“一门")
    tasks = extract_text(text).tasks
    assert [t.path for t in tasks] == ["二", "三.(一).1"]  # the page ends inside item 1: a task cut short
    assert [(x.op, x.value) for x in tasks[0].targets if not x.qualitative] == [("=", "80"), ("=", "100")]
    assert tasks[0].deadlines == []


@pytest.mark.parametrize("clause, op, value, unit", [
    ("高压单电源客户办电平均用时不超38个工作日", "<=", "38", "个工作日"),
    ("开办企业力争实现1个环节0.5个工作日办结", "=", "1", "个"),
    ("行政执法人员每年参加集中培训的时间不得少于40个小时", ">=", "40", "个小时"),
])
def test_targets_written_with_不超_环节_and_个小时(clause, op, value, unit):
    from kg.extract.targets import find_targets

    assert (op, value, unit) in [(t.op, t.value, t.unit) for t in find_targets(clause + "。")]


def test_a_count_of_steps_named_without_a_goal_is_not_a_target():
    from kg.extract.targets import find_targets

    assert find_targets("梳理审批全流程的8个环节,逐一明确责任。") == []


def test_a_year_that_opens_what_is_to_be_done_is_the_tasks_deadline():
    text = ("某县优化营商环境若干规定\n一、主要任务\n1.推进政务服务事项网上办。2019年实现90%事项网上办,"
            "到2025年全面实现全程网办。(牵头单位:县政务服务中心)\n")
    task = extract_text(text).tasks[0]
    assert [str(d.date) for d in task.deadlines] == ["2019-12-31"]  # 到2025年 is where it aims


def test_a_table_a_cell_a_line_whose_owner_cells_list_units_a_line_each():
    # 民生实事 is the task column; an owner cell lists its units one per line; row 3 has a second
    # sub-row under its merged number (a task and a time, no owner of its own); the last row's cells
    # after its task's full stop are still its cells
    text = ("2016年民生实事目标任务分解表\n\n序号\n\n民生实事\n\n责任单位\n\n完成时限\n\n"
            "1\n\n启动建设东湖湿地公园。\n\n县水务局\n\n县住建局\n\n县护城河指挥部\n\n12月底前\n\n"
            "2\n\n新建2座人行天桥。\n\n县住建局\n\n9月底前\n\n"
            "3\n\n开工建设县老年养护楼。\n\n县民政局\n\n5月底前\n\n开工建设老年大学。\n\n12月底前\n\n"
            "4\n\n城区再新建1个农贸市场。\n\n县商务局\n\n10月底前\n")
    tasks = extract_text(text).tasks
    assert [(t.number, [u.shown for u in t.responsible]) for t in tasks] == [
        (1, ["县水务局", "县住建局", "县护城河指挥部"]), (2, ["县住建局"]), (3, ["县民政局"]), (4, ["县商务局"])]
    assert [[str(d.date) for d in t.deadlines] for t in tasks] == [
        ["2016-12-31"], ["2016-09-30"], ["2016-05-31", "2016-12-31"], ["2016-10-31"]]
    first = tasks[0].responsible[1]  # each name keeps its place in the document
    assert text[first.start: first.end] == "县住建局"


def test_a_table_a_cell_a_line_whose_rows_end_in_an_empty_cell_and_whose_group_cell_prints_once():
    # a page that starts inside a table: a bar line between cells, two at a row's end; the 工作任务
    # column's merged group cell prints in its group's first row only, so the next rows are short
    text = ("|\n工作任务\n|\n具体内容\n|\n责任部门\n|\n|\n推进政策公开\n|\n"
            "常态化公开就业、住房、教育、医疗等领域信息。\n|\n财政所、便民综合服务中心\n|\n|\n"
            "积极探索特定群体的线下公开渠道,持续发布相关政策文件。\n|\n便民综合服务中心\n|\n|\n"
            "强化权力配置信息公开\n|\n动态更新本镇各部门权责事项清单。\n|\n党政办公室\n|\n|\n"
            "健全本镇行政执法信息全流程公示机制。\n|\n党政办公室\n|\n|\n畅通政策咨询渠道,整合线上线下")
    tasks = extract_text(text).tasks
    assert [(t.number, [u.shown for u in t.responsible]) for t in tasks] == [
        (1, ["财政所", "便民综合服务中心"]), (2, ["便民综合服务中心"]), (3, ["党政办公室"]), (4, ["党政办公室"]),
        (5, [])]  # (the last row, cut by the page's end, as far as it goes)
    assert [t.title for t in tasks][1::2] == ["积极探索特定群体的线下公开渠道,持续发布相关政策文件", "健全本镇行政执法信息全流程公示机制"]


def test_a_table_a_cell_a_line_closed_by_empty_cells_with_a_group_row_and_numbered_task_cells():
    # heads with spaces between their characters; a group's heading as a row of its own; the task
    # cells carry their own numbers while the requirement cells list sub-points 1.… 2.…; 备注 holds
    # the completion time; the last row is cut by the page's end
    text = ("2022年11—12月政务公开重点工作任务清单\n工作任务 |\n具 体 要 求 |\n责任单位 |\n完成情况 |\n备注 |\n||\n"
            "一、年底前专项工作任务 |\n|\n|||||\n"
            "1.行政规范性文件集中公开 |\n1.开展行政规范性文件清理。2.发布文件标准电子文本。 |\n"
            "市政府各部门、各直属机构,各县市区政府 |\n推进中 |\n11月底前完成 |\n||\n"
            "2.基层政务公开提升 |\n1. 按照基层各领域公开标准指引,全面公开。2.年底前以村为单位通")
    tasks = extract_text(text).tasks
    assert [(t.path, t.title, [u.shown for u in t.responsible], [str(d.date) for d in t.deadlines]) for t in tasks] == [
        ("一.1", "行政规范性文件集中公开", ["市政府各部门", "各直属机构", "各县市区政府"], ["2022-11-30"]),
        ("一.2", "基层政务公开提升", [], ["2022-12-31"])]


def test_a_table_whose_first_column_groups_rows_under_merged_headings():
    # the group's heading prints in the first cell of its first row only; the next rows shift left
    text = ("工作任务 | 具体要求 | 责任部门 |\n"
            "一、做好财政信息公开。 | 1.积极推进本中心预算、决算公开。 | 财务科 |\n"
            "二、做好政府网站专栏信息公开。 | 2.及时更新网站频道的概况信息。 | 办公室 |\n"
            "3.及时反馈网民对调查征集信息的意见。 | 各科室 | |\n"
            "4.及时更新微信公众号信息。 | 办公室牵头,各科室配合 | |\n")
    tasks = extract_text(text).tasks
    assert [(t.path, _owners(t)) for t in tasks] == [
        ("一.1", ([], ["财务科"], [])), ("二.2", ([], ["办公室"], [])), ("二.3", ([], ["各科室"], [])),
        ("二.4", (["办公室"], [], ["各科室"]))]
    assert tasks[2].title == "及时反馈网民对调查征集信息的意见"


def test_a_table_run_together_on_one_line_gives_its_rows_and_targets():
    # a document-sharing site's preview: no separators between cells; the rows are the tasks (with
    # their targets), the header repeats at a page break; owners cannot be told apart and are not read
    text = ("2021年重大民生实事项目目标任务责任分解表序号项目名称主要内容区政府分管领导牵头单位配合单位"
            "1增加教育资源供给实施新建学校项目12个,增加学位5000个。何海平教育局各街道"
            "2促进就业稳定增长全区城镇新增就业15000人,城镇登记失业率控制在3%以内。何海平人社局各街道"
            "序号项目名称主要内容区政府分管领导牵头单位配合单位3优化养老服务提升改造8家养老服务中心。张菁民政局\n")
    tasks = extract_text(text).tasks
    assert [t.number for t in tasks] == [1, 2, 3]
    assert [[(x.op, x.value, x.unit) for x in t.targets if not x.qualitative] for t in tasks] == [
        [("=", "12", "个"), ("=", "5000", "个")], [("=", "15000", "人"), ("<=", "3", "%")], [("=", "8", "家")]]
    assert all(not (t.lead or t.responsible or t.cooperating) for t in tasks)
    assert "序号" not in tasks[1].text  # the repeated header is no part of row 2


def test_an_indicator_table_whose_measure_is_a_column_of_its_own():
    text = ("2023年主要预期目标责任分解表\n序号 | 指标名称 | 单位 | 2023年目标 | 责任单位\n"
            "1 | 地区生产总值增长 | % | 6 | 区发改委\n2 | 一般公共预算收入 | 亿元 | 12.5 | 区财政局\n"
            "3 | 行政诉讼败诉率 | % | ≤8 | 区司法局\n4 | 新增就业 | 人 | 5000以上 | 区人社局\n")
    result = extract_text(text)
    got = [[(x.op, x.value, x.unit, x.metric) for x in t.targets if not x.qualitative] for t in result.tasks]
    assert got == [[("=", "6", "%", None)], [("=", "12.5", "亿元", None)], [("<=", "8", "%", "loss_rate")],
                   [(">=", "5000", "人", None)]]
    target = result.tasks[2].targets[0]
    assert result.text[target.start: target.end] == "≤8"  # the value's cell, where the document states it
    assert [u.shown for u in result.tasks[0].responsible] == ["区发改委"]  # 责任单位 is still the owners' column


def test_grouped_rows_copied_with_tabs_keep_their_owners():
    # copied from Word: cells between tabs, the group's next rows with two cells only
    text = ("工作任务\t具体要求\t责任部门\n一、做好财政信息公开。\t1.积极推进预算公开。\t财务科\n"
            "二、做好网站专栏信息公开。\t2.及时更新概况信息。\t办公室\n3.及时反馈网民意见。\t各科室\n"
            "4.及时更新微信公众号信息。\t办公室牵头,各科室配合\n三、加强政策解读。\t5.聚焦重大政策解读。\t各科室\n")
    tasks = extract_text(text).tasks
    assert [(t.path, _owners(t)) for t in tasks] == [
        ("一.1", ([], ["财务科"], [])), ("二.2", ([], ["办公室"], [])), ("二.3", ([], ["各科室"], [])),
        ("二.4", (["办公室"], [], ["各科室"])), ("三.5", ([], ["各科室"], []))]


def test_a_lead_label_written_with_部门():
    task = extract_text("某县工作要点\n1.推进政务服务事项网上办。(牵头责任部门:县政务服务中心;责任部门:各相关单位)\n").tasks[0]
    assert _owners(task) == (["县政务服务中心"], ["各相关单位"], [])


def test_a_line_after_items_names_the_owners_of_the_last_n():
    text = ("2007年某市人民政府目标管理工作方案\n一、关于目标体系设置\n(一)跨越式发展目标。\n1.地区生产总值增长15%;\n"
            "2.第三产业增加值达到1000亿元;\n2项目标的责任单位均为市发展改革委。\n3.规模以上工业销售收入达到3000亿元;\n"
            "该目标责任单位为市经委。\n")
    tasks = extract_text(text).tasks
    assert [(t.number, [u.shown for u in t.responsible]) for t in tasks] == [
        (1, ["市发展改革委"]), (2, ["市发展改革委"]), (3, ["市经委"])]
    assert [x.value for x in tasks[1].targets] == ["1000"]  # 2项 counts items, it is no target


def test_a_notice_that_sends_no_document_is_the_document():
    # 现就…有关事项通知如下: its points are the tasks (no 《方案》 is sent with it)
    text = ("某市人民政府办公厅关于下达2018年促进就业工作目标责任制任务的通知\n各县(市)区人民政府:\n"
            "经市政府同意,现就下达2018年促进就业工作目标责任制任务有关事项通知如下:\n"
            "一、明确目标。全市实现城镇新增就业12.2万人,城镇登记失业率控制在3.5%以内。\n二、突出重点。统筹推进就业创业工作。\n")
    tasks = extract_text(text).tasks
    assert [t.path for t in tasks] == ["一", "二"]
    assert [(x.op, x.value, x.unit) for x in tasks[0].targets] == [("=", "12.2", "万人"), ("<=", "3.5", "%")]


@pytest.mark.parametrize("clause, expected", [
    ("经济增长7.5%—8%", [(">=", "7.5", "%")]),
    ("完成超230个50户以上木质房屋连片村寨建设", [(">", "230", "个")]),
    ("建成3人制篮球场20个", [("=", "20", "个")]),
])
def test_ranges_strict_floors_and_counts_that_qualify_another(clause, expected):
    from kg.extract.targets import find_targets

    assert [(t.op, t.value, t.unit) for t in find_targets(clause)] == expected


def test_people_named_by_office_are_not_units():
    text = "某省重点工作责任分工\n1.经济增长7.5%左右。(分管副省长、协管副秘书长负责,省发展改革委牵头,省财政厅负责)\n"
    task = extract_text(text).tasks[0]
    assert _owners(task) == (["省发展改革委"], ["省财政厅"], [])


def test_a_page_announcing_the_years_pledges_is_a_plan():
    text = ("报告明确,今年将继续统筹财力,扎实办好“十件民生实事”。\n(一)\n促进群众就业增收,开展职业技能培训2.5万人次。\n"
            "(二)\n办好人民满意教育,新建公办幼儿园20所,建成充电桩450个,建成口袋公园50个。\n")
    result = extract_text(text)
    assert result.document.genre != "annual_report" and result.achievements == []
    assert [(t.path, [x.value for x in t.targets]) for t in result.tasks] == [("(一)", ["2.5"]), ("(二)", ["20", "450", "50"])]


def test_a_part_heading_names_the_owners_of_a_table_without_an_owner_column():
    # the heads a cell a line, one spread over its width (工   作   要   求), one no column kind names
    text = ("沈阳市2017年政务公开工作要点任务明细表\n一、各区、县(市)政府、市政府各部门负责落实的工作任务\n"
            "序号\n任务事项\n工   作   要   求\n公开载体\n完成时限\n"
            "1\n公开预期引导信息\n对出台的政策进行深入解读。全年解读重要政策措施不少于1次。\n市政府门户网站\n长期推进\n"
            "2\n公开随机抽查事项清单\n及时公布抽查结果和查处情况。\n各区县(市)政府门户网站\n长期推进\n")
    tasks = extract_text(text).tasks
    assert [(t.path, t.title, _owners(t)) for t in tasks] == [
        ("一.1", "公开预期引导信息", ([], ["各区、县(市)政府", "市政府各部门"], [])),
        ("一.2", "公开随机抽查事项清单", ([], ["各区、县(市)政府", "市政府各部门"], []))]
    assert [(x.op, x.value, x.unit) for x in tasks[0].targets] == [(">=", "1", "次")]


def test_sets_counted_in_组_are_targets():
    from kg.extract.targets import find_targets

    assert [(t.op, t.value, t.unit) for t in find_targets("新增设智能回收箱1000组以上")] == [(">=", "1000", "组")]


def test_a_section_heading_that_runs_into_its_first_item_on_one_line():
    text = ("2022年某区政务公开工作要点\n一、重点任务\n提升质量水平。 (一)强化重点领域信息公开 1、数字经济发展领域。开设专题。"
            "(责任单位:区政府办公室、区政数局) 2、优化营商环境。公开涉企政策。(责任单位:区发改委)\n")
    tasks = extract_text(text).tasks
    assert [(t.path, t.title, _owners(t)) for t in tasks] == [
        ("一.(一).1", "数字经济发展领域", ([], ["区政府办公室", "区政数局"], [])),
        ("一.(一).2", "优化营商环境", ([], ["区发改委"], []))]


def test_a_heading_the_page_ends_under_inside_the_next_label_is_no_task():
    text = ("成都市2019年主要预期目标任务分解\n一、主要预期目标\n"
            "(一)地区生产总值增长7.5%左右。(牵头单位:市发改委)\n"
            "(二)城镇登记失业率控制在4%以内。(牵头单位:市人社局)\n"
            "二、 主要工作任务\n(一")
    assert [t.path for t in extract_text(text).tasks] == ["一.(一)", "一.(二)"]


def test_a_groups_heading_names_the_lead_of_rows_that_name_their_own_owners():
    text = ("某市2025年度优化营商环境工作任务清单\n序号 | 2025年度工作任务 | 责任单位\n"
            "一、对标先进优化提升专项行动\n(一)市场准入(牵头单位:市市场监管局)\n"
            "1 | 加快建设数字应用,完善登记注册申请表单智能预填功能。 | 市市场监管局\n"
            "2 | 深化注册资本认缴登记制度改革。 | 市税务局\n")
    tasks = extract_text(text).tasks
    assert [([u.text for u in t.lead], [u.text for u in t.responsible]) for t in tasks] == [
        (["市市场监管局"], ["市市场监管局"]), (["市市场监管局"], ["市税务局"])]


def test_a_schedules_dated_steps_stay_in_their_item_with_their_dates_and_no_targets():
    # a page without its title or date: the year from the body (2021年全市新建…); the steps 3-4月, / 5-6月,
    # go on the item (not closing paragraphs), each due at its window's end, their counts no targets
    text = ("一、目标任务\n为扩大城镇教育资源,2021年全市新建公办幼儿园、中小学9所。\n二、实施步骤\n"
            "(一)新建公办幼儿园、中小学9所,其中凉州区4所。\n"
            "3-4月,凉州区祁连路小学等6所学校建设项目开复工。\n"
            "5-6月,凉州区祁连路小学等5所学校建设项目主体完工。\n"
            "7-8月,凉州区祁连路小学等5所学校建设项目竣工并交付使用。\n")
    result = extract_text(text)
    assert result.document.year == 2021
    task = next(t for t in result.tasks if t.path == "二.(一)")
    assert [d.date for d in task.deadlines] == ["2021-04-30", "2021-06-30", "2021-08-31"]
    assert [(t.value, t.unit) for t in task.targets if not t.qualitative] == [("9", "所"), ("4", "所")]


def test_an_extract_of_a_longer_table_a_cell_a_line_keeps_its_rows_past_a_gap_in_their_numbers():
    # a bureau's extract: row 3, then the part headings with none of their rows, then rows 68 and 69
    text = ("某区教育局2025年政府工作报告重点工作任务分解表\n序号\n重点工作任务\n主要责任单位\n协同配合单位\n"
            "一、主要预期目标\n3\n固定资产投资增长7.5%左右。\n区发改委\n区工信局、区教育局。\n"
            "二、全力以赴扩投资\n三、全力以赴惠民生\n"
            "68\n持续推进学前教育普及普惠。\n区教育局\n区政府有关部门。\n"
            "69\n深化与海亮集团合作,积极引进优质教育资源。\n区教育局\n区投资促进中心。\n")
    result = extract_text(text)
    assert [(t.number, [u.text for u in t.lead]) for t in result.tasks] == [
        (3, ["区发改委"]), (68, ["区教育局"]), (69, ["区教育局"])]


def test_a_parts_own_paragraph_with_its_owners_and_goals_is_a_task():
    # 一、 opens with who does it and what it aims at (…协办。治理工作目标:…), then its sections
    text = ("某省食品放心工程工作实施方案\n一、治理畜牧业产品污染\n"
            "由省经贸委承办,省农业厅、卫生厅、公安厅、环保局、质监局、工商局、福建出入境检验检疫局协办。"
            "治理工作目标:定点屠宰率均达85%以上。\n"
            "(一)由省经贸委负责,省农业厅配合,加快省级无公害畜禽基地建设。\n")
    tasks = extract_text(text).tasks
    first = tasks[0]
    assert first.path == "一" and [u.text for u in first.responsible] == ["省经贸委"]
    assert [u.text for u in first.cooperating] == ["省农业厅", "卫生厅", "公安厅", "环保局", "质监局", "工商局",
                                                     "福建出入境检验检疫局"]
    assert [(t.op, t.value) for t in first.targets if not t.qualitative] == [(">=", "85")]
    assert [t.path for t in tasks] == ["一", "一.(一)"]


def test_a_stages_window_of_days_is_due_at_its_last_day_and_a_look_back_year_dates_nothing():
    text = ("某市城市环境秩序百日整治行动方案\n四、工作步骤\n"
            "(一)动员部署阶段(2010年9月10日至9月17日)。一是召开全市动员部署大会。\n"
            "(二)集中整治阶段(2010年9月18日至12月8日)。开展集中整治。\n")
    tasks = extract_text(text).tasks
    assert [[d.date for d in t.deadlines] for t in tasks] == [["2010-09-17"], ["2010-12-08"]]
    assert _deadlines("自2023年9月18日至9月30日开展集中整治。") == ["2023-09-30"]
    # a policy's period is no stage: 2021年5月1日至2022年4月30日实施…政策
    assert _deadlines("2021年5月1日至2022年4月30日实施阶段性下调费率的政策。") == []
    # 2003年以来 looks back: the page gives no year for 7月15日
    page = "(二)自查摸底阶段\n各地对2003年以来重点工作落实情况进行检查,于7月15日前报送。\n(三)整治阶段\n"
    assert [t.deadlines for t in extract_text(page).tasks] == [[], []]


def test_an_item_that_opens_with_a_sentence_naming_only_its_units():
    text = ("某市百日整治行动方案\n三、职责分工\n(十六)各区县政府。落实属地责任,制定专项整治方案。\n"
            "(十七)市城管执法局。负责组织查处违法行为。\n(十八)首都综治办、市委督查室、市监察局。负责督查考核。\n")
    tasks = extract_text(text).tasks
    assert [[u.text for u in t.responsible] for t in tasks] == [["各区县政府"], ["市城管执法局"],
                                                                ["首都综治办", "市委督查室", "市监察局"]]


def test_the_items_of_a_stage_are_due_by_the_end_of_its_window():
    text = ("某市2008年隐患排查治理工作方案\n三、时间安排\n第一时段(2008年4月30日前)。围绕确保全国“两会”期间安全生产做好排查。\n"
            "1.抓紧整改重大隐患,务必于2008年3月底前整改到位。\n2.加强监督检查。\n"
            "第二时段(2008年5月至9月)。围绕汛期安全做好排查。\n1.加强汛期隐患排查。\n")
    tasks = extract_text(text).tasks
    assert [(t.path, sorted(d.date for d in t.deadlines)) for t in tasks] == [
        ("三.第一时段.1", ["2008-03-31", "2008-04-30"]), ("三.第一时段.2", ["2008-04-30"]), ("三.第二时段.1", ["2008-09-30"])]


def test_a_value_said_again_in_a_bracket_is_one_target():
    text = ("某市2010年农业工作目标\n一、农民人均纯收入增幅(权数:8)\n农民人均纯收入增幅达到9%以上。\n(各县、区增幅均达到9%以上)\n"
            "二、粮食生产增幅(权数:6)\n粮食生产增幅达到1%以上。\n(其中东县增幅4.66%)\n")
    tasks = extract_text(text).tasks
    assert [[(t.op, t.value) for t in task.targets] for task in tasks] == [[(">=", "9")], [(">=", "1"), ("=", "4.66")]]


def test_the_years_goals_opening_the_first_part_before_its_sections_are_a_task_of_their_own():
    text = ("《政府工作报告》重点工作责任分解\n一、2017年经济社会发展的主要任务\n"
            "2017年发展的主要预期目标是:地区生产总值增长8%左右;城镇新增就业70万人。\n(一)坚定不移保持经济平稳增长\n"
            "1.强化产业项目建设。(牵头单位:省发展改革委)\n")
    tasks = extract_text(text).tasks
    assert [(t.number or None, [(x.op, x.value, x.unit) for x in t.targets]) for t in tasks] == [
        (None, [("=", "8", "%"), ("=", "70", "万人")]), (1, [])]


def test_a_headings_count_broken_down_in_its_body_is_one_target():
    text = ("某市2008年十件实事任务分解方案\n三、实施农村寄宿制学校建设工程,对农村200所中小学实施改水、改厕\n"
            "(一)责任领导:张三\n(二)责任单位:市教育局\n(三)协办单位:市财政局\n"
            "(四)项目内容及任务分解:计划安排200所,其中东县33所、西县40所。\n(五)资金筹措:由市财政安排。\n")
    tasks = extract_text(text).tasks
    assert [(x.value, x.unit) for x in tasks[0].targets] == [("200", "所"), ("33", "所"), ("40", "所")]


def test_a_notice_that_publishes_a_catalogue_and_its_rules_for_the_items_are_no_tasks():
    text = ("某县人民政府关于公布2025年度重大行政决策事项目录的通知\n各镇人民政府,县政府各部门:\n"
            "县政府编制了《某县人民政府2025年度重大行政决策事项目录》,已经县委同意,现予公布,并就有关工作通知如下:\n"
            "一、列入目录的重大行政决策事项应当履行法定程序。\n二、各决策事项承办单位要压实责任,确保按时完成。\n"
            "某县人民政府2025年度重大行政决策事项目录\n序号 | 事项名称 | 承办单位 | 完成时限 |\n"
            "1 | 某县河湖岸线保护与利用规划 | 县水务局 | 2025年12月 |\n")
    assert [(t.title, [u.text for u in t.responsible]) for t in extract_text(text).tasks] == [("某县河湖岸线保护与利用规划", ["县水务局"])]
    listed = ("2023年度市人民政府重大行政决策事项目录\n一、2023年度市人民政府重大行政决策事项目录\n"
              "1.市餐厨垃圾管理办法(市城管执法局负责承办)\n2.中心城区供水价格调整事项(市发改委负责承办)\n"
              "二、市人民政府重大行政决策事项组织实施具体要求:①各承办单位要及时起草决策草案。②各承办单位要加强档案管理。\n")
    assert [t.number for t in extract_text(listed).tasks] == [1, 2]


def test_a_dated_step_with_its_own_points_is_one_task():
    text = ("某市城市环境秩序百日整治行动方案\n四、工作步骤\n"
            "(一)动员部署阶段(2010年9月10日至9月17日)。一是召开全市动员部署大会。\n二是调查摸底,建立台帐。\n三是评估风险,制定预案。\n"
            "(二)集中整治阶段(2010年9月18日至12月8日)。开展集中整治。\n")
    tasks = extract_text(text).tasks
    assert [(t.path, [d.date for d in t.deadlines]) for t in tasks] == [("四.(一)", ["2010-09-17"]), ("四.(二)", ["2010-12-08"])]


def test_a_catalogues_items_are_due_when_its_notice_says_all_are():
    text = ("某区人民政府办公室关于公布某区人民政府2022年度重大行政决策事项目录的通知\n各镇人民政府、区府直属各单位:\n"
            "区政府编制了《某区人民政府2022年度重大行政决策事项目录》,现予公布,并就有关事项通知如下:\n"
            "一、列入目录的事项要严格履行法定程序。\n二、纳入目录的事项应当于本年度完成,如因特殊情况未能完成的,承办部门须书面说明。\n"
            "某区人民政府2022年度重大行政决策事项目录\n序号 | 事项名称 | 承办单位 |\n1 | 农村生活污水治理专项规划 | 区水务局 |\n"
            "2 | 城市更新实施办法 | 区住建局 |\n")
    tasks = extract_text(text).tasks
    assert [[(d.date, d.text) for d in t.deadlines] for t in tasks] == [[("2022-12-31", "本年度")], [("2022-12-31", "本年度")]]


def test_a_project_content_field_saying_the_items_values_again_adds_no_target():
    text = ("2015年度全区民生实事项目进展情况\n"
            "2.开工建设6个棚户区改造项目,总建筑面积51万平方米,惠及群众2640户。\n责任单位:区房管局\n"
            "项目内容:开工建设总建筑面积51万平方米的6个棚户区改造项目,惠及群众2640户。\n"
            "3.新建公园3处。\n责任单位:区园林局\n")
    tasks = extract_text(text).tasks
    assert [(x.value, x.unit) for x in tasks[0].targets] == [("6", "个"), ("51", "万平方米"), ("2640", "户")]


def test_a_count_listed_after_another_is_labelled_by_its_own_words_not_the_outline_label():
    result = extract_text(REPORT_HEAD + "(十二)全县行政复议案件56件,其中维持38件、撤销5件、确认违法2件。\n"
                          "(二)开展党委中心组专题学习13次、专题法治学习11次。\n")
    labels = {a.value: (a.metric_label, a.metric) for a in result.achievements}
    assert labels["5"][0] == "撤销" and labels["2"][0] == "确认违法" and labels["38"][0] == "维持"
    assert labels["11"] == ("专题法治学习", "study_sessions")  # its own words still name its metric
    assert not any(a.metric_label.startswith(("二)", "十二)")) for a in result.achievements)


def test_statistics_lines_that_lost_their_measure_words_give_their_closing_counts():
    text = ("沈阳市商务局关于2025年度行政执法总体情况\n二、行政执法人员总体情况\n(一)行政执法人员在岗实有32\n"
            "(二)2025参加培训考试合格人员数量为25\n三、法制审核总体情况\n(一)具有法律职业资格(通过司法考试)人员0\n"
            "(二)2025法制审核案件3件。\n")
    result = extract_text(text)
    assert result.document.title == "沈阳市商务局关于2025年度行政执法总体情况" and result.document.genre == "annual_report"
    assert sorted((a.value, a.unit) for a in result.achievements) == [("0", None), ("25", None), ("3", "件"), ("32", None)]
    # a number inside a sentence without its measure word stays unread
    assert figures("全年共接待来访群众32,办理事项若干。") == []


def test_a_count_its_own_words_name_without_a_measure_word():
    assert figures("开通了微信公众号,目前订阅数已超过500。") == [("500", None, None)]
    assert figures("开通了微信公众号,目前订阅已超过500。") == []  # nothing says what 500 counts


def test_a_news_pages_headline_is_the_line_above_its_byline_and_its_kind_still_comes_from_its_body():
    text = ("打印本文 关闭窗口\n某某县司法局多措并举加强法治宣传教育\n"
            "作者:张三  文章来源:本站原创  点击数410  更新时间:2009/5/22 9:14:37\n"
            "2009年,某某县司法局共开展法治宣传活动36次,发放宣传资料1.2万份,受理法律援助案件85件。\n")
    result = extract_text(text)
    assert result.document.title == "某某县司法局多措并举加强法治宣传教育"
    assert result.document.genre == "annual_report"  # (a headline names no kind: the body tells it)
    assert ("85", "件") in {(a.value, a.unit) for a in result.achievements}
    # (a breadcrumb or a caption above the byline is no headline)
    crumb = extract_text("首页 > 新闻中心 > 工作动态\n2021年03月10日 08:07  来源:某某网\n2020年,全县共办理案件12件。\n")
    assert crumb.document.title is None
    # (nor a header field's line: 发布机构:…主题分类:…)
    field = extract_text("发布机构:某某区政府办主题分类:综合政务\n发布时间:2021-10-01 来源:某某区\n2021年,全区共办理案件12件。\n")
    assert field.document.title is None


def test_a_title_run_into_its_first_paragraph_is_read_apart_from_it():
    text = ("教育局 XX 年普法工作计划 2017 年是“七五”普法规划实施第一年。教育系统普法工作总体要求是:突出抓好法治宣传教育。 "
            "一、搞好普法工作宣传发动。认真组织干部职工学习宣传普法规划。 二、加强领导,完善普法机构。一是成立普法工作领导小组。 "
            "三、结合实际,制订规划。结合本单位工作实际,制定本单位普法工作规划。\n")
    result = extract_text(text)
    assert (result.document.title, result.document.genre) == ("教育局 XX 年普法工作计划", "annual_plan")
    assert [t.label for t in result.tasks] == ["一、", "二、", "三、"]
    # (and a progress table's title is a title: the year it names dates its stages)
    table = extract_text("2017年某某区政务服务工作任务进度表\n序号 | 工作任务 | 第一季度 | 第二季度 |\n"
                         "1 | 建设网上政务服务平台 | 完成方案 | 上线试运行 |\n")
    assert (table.document.title, table.document.genre) == ("2017年某某区政务服务工作任务进度表", "annual_plan")
