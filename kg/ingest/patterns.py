"""Every regular expression the segmenter and extractors share, compiled once.

All patterns run on *normalized* text: half-width brackets, colons and commas (see
:mod:`kg.ingest.normalize`), no markdown marks, no spaces inside Chinese runs.  Each carries an example
it matches; ``tests/test_patterns.py`` checks the examples.
"""

from __future__ import annotations

import re

from kg.numerals import CN_DIGITS
from kg.vocab import ROLES

# --- outline numbering -------------------------------------------------------------------------

# 一、指导思想   二.重点工作
PART = re.compile(rf"^(?P<num>[{CN_DIGITS}]{{1,4}})(?:、|\.(?!\d))\s*(?P<rest>.*)$")
# (一)依法全面履行政府职能   (十四)完善法律顾问…   〔三〕…
SECTION = re.compile(rf"^[(〔](?P<num>[{CN_DIGITS}]{{1,4}})[)〕]\s*(?P<rest>.*)$")
# 1. 持续深化…   12、加强…   3.深化…  1000.推进… (not 2.5%; four digits only as the next number
# of the outline, never a year: see kg.ingest.segment)
# 1。: a full stop for the dot; 1、10月9日督查发现…: after 、 a digit is the item's own (after a dot, 1.10 is a number)
ITEM = re.compile(r"^(?P<num>\d{1,4})\s?(?:[.。](?!\d)|、(?!\d{1,4}、))\s*(?P<rest>.*)$")
# (1)建立…
SUBITEM = re.compile(r"^[(](?P<num>\d{1,4})[)]\s*(?P<rest>.*)$")
# ①建立…   1)建立…   (sub-items written without an opening bracket, or circled)
CIRCLED = re.compile(r"^(?P<num>[\u2460-\u2473])\s*(?P<rest>.*)$")
# 图①:九龙大道…。责任单位:县交通局。 — an inspection notice's numbered photographs, each a point to put right
PHOTO = re.compile(r"^图\s*(?P<num>[\u2460-\u2473])\s*[::]\s*(?P<rest>.*)$")
HALF_PAREN = re.compile(r"^(?P<num>\d{1,3})\)\s*(?P<rest>.*)$")
# ㈠依法全面履行政府职能 (a section number in one character)
SECTION_CHAR = re.compile(r"^(?P<num>[\u3220-\u3229])\s*(?P<rest>.*)$")
# 一是高站位落实组织领导。
PARAGRAPH = re.compile(rf"^(?P<num>[{CN_DIGITS}]{{1,3}})是\s*(?P<rest>.*)$")
# 第一,完善调解体系。  第二、…  (ordinals that open paragraphs, as 一是 does)
ORDINAL = re.compile(rf"^第(?P<num>[{CN_DIGITS}]{{1,3}})[,、:]\s*(?P<rest>.*)$")
# 第一阶段(2023年3月1日—3月15日):动员部署 / 第一时段(2008年4月30日前)。…: a stage of the work, with its window,
# over the items done in it (the label keeps its word: 第一时段)
STAGE = re.compile(rf"^(?P<label>第(?P<num>[{CN_DIGITS}]{{1,2}})(?:阶段|时段|步))\s*(?P<rest>[(::,].*)$")
# 第三条 …  第二部分 …
ARTICLE = re.compile(rf"^(?P<label>第(?P<num>[{CN_DIGITS}\d]{{1,4}})(?:条|部分|章))\s*(?P<rest>.*)$")

# Inline report paragraphs inside one line: "…质效。一是全面深入践行…。二是持续优化…"
INLINE_PARAGRAPH = re.compile(rf"(?:(?<=^)|(?<=[。;:]))(?P<num>[{CN_DIGITS}]{{1,3}})是")
# …;二是…  …(市委宣传部牵头)三是…: the next paragraph inside a line that opens with 一是 (after a note too)
NEXT_PARAGRAPH = re.compile(rf"(?<=[。;)])(?P<num>[{CN_DIGITS}]{{1,3}})是")

# --- sentences ---------------------------------------------------------------------------------

# The first sentence ends at a full stop (or ;/! in lists); a heading has none.
SENTENCE_END = re.compile(r"[。!?;]")
SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")

# --- web debris: lines that belong to the site, not the document --------------------------------

# (a site's footer names its 主办单位 beside its 版权/备案/电话: a line "主办单位:X,协办单位:Y" alone is
# a plan's owner note, as in 为民办实事 lists)
DEBRIS_LINE = re.compile(
    r"^(?:打印|关闭|打印本页|关闭窗口|打印关闭|【?打印】?【?关闭】?|\[返回首页\].*|\[返回上一页\].*|返回顶部|"
    r"网站地图.*|(?:主办|承办)单位:.*(?:版权|备案|ICP|电话|地址|网站|技术支持|邮编).*|.*版权所有.*|\(建议使用.*|.*技术支持:.*|网站备案号.*|.*ICP备.*|"
    # a document-sharing site's notice above its preview (1、下载文档前请自行甄别文档内容的完整性…)
    r".*(?:下载文档前请自行甄别|仅部分预览\W{0,2}的文档|如文档侵犯您的权益).*|"
    r"上一条:.*|下一条:.*|上一篇:.*|下一篇:.*|关键词.*Tags.*|免责声明.*|您的位置.*|当前位置.*|分享到.*|扫一扫.*|"
    r"\d{1,2}[.、]?[ ]*\[[^\]]{2,8}\].*|"  # a page's numbered metadata fields: 6. [发文字号] 〔〕
    r"【字体.*|字体:?[大中小 ]+.*|【?字号】?:?[大中小默认 ]+.*|(?:浏览|阅读|访问)(?:次数|量):.*|"
    # a breadcrumb: 首页 > 政务公开 > 政策文件
    # (or its tail, a quoting mark stripped from its head: > 政务公开 > 工作报告; a site's name and the page's: 600字范文 > …)
    r"(?:网站首页|首页|主页)\s*(?:>|»|›|/|-)\s*.*|[^。\n]*[>»›][^。\n]*[>»›][^。\n]*|[\u4e00-\u9fff\d]{2,12} ?[>»›] ?[^>»›。\n]{2,80})$"
)

# an assessment's points for an item, in brackets after it: …加强指导,重点培养;(3分) / 一、…方面(600分)
POINTS = re.compile(r"[((]\s*\d{1,4}(?:\.\d)?\s*分\s*[))]")
# a schedule's step, opening with its month or months (3-4月,… / 2021年9月,…): the item goes on over them
DATED_STEP = re.compile(r"\s*(?P<step>(?:(?P<y>(?:19|20)\d{2})年)?(?:\d{1,2}[-—–至到~])?(?P<m>\d{1,2})月)(?:份|上旬|中旬|下旬|底|前)?[,,::]")

# --- assignment notes ----------------------------------------------------------------------------
# Composed from the role words of kg.vocab: a new label or verb is one word there.


def _alternatives(words) -> str:
    """A regex alternation of words, longest first (so 牵头单位 wins over 牵头)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


#: label → role key: 牵头单位 → lead (the bare 牵头 is a verb, not a label)
ROLE_LABELS = {label: role.key for role in ROLES for label in role.labels if len(label) > 2}
# two-character labels, read only as labels (with their colon): (牵头:县司法局;配合:县法院)
ROLE_LABELS.update({"牵头": "lead", "主责": "lead", "主办": "lead", "责任": "responsible", "负责": "responsible",
                    "配合": "cooperating", "协办": "cooperating", "参与": "cooperating", "协助": "cooperating"})
#: labels whose value names people, not units: 分管省领导:林克庆
PERSON_LABELS = ("分管省领导", "分管市领导", "分管区领导", "分管县领导", "分管领导", "责任领导", "牵头领导",
                 "联系领导", "责任人", "联系人", "责任省领导", "责任市领导", "责任区领导", "责任县领导", "领导",
                 "牵头负责领导", "项目责任人", "项目负责人", "负责人",
                 # labels whose value is neither a unit nor a time, read past as people's are: a
                 # progress page's 实际完成情况: … after the owners
                 "实际完成情况", "完成情况", "进展情况", "工作进展", "备注")
#: labels whose value is a time: 完成时限:2022年12月底前
TIME_LABELS = ("完成时限", "完成时间", "完成期限", "整改时限", "整改期限", "办结时限", "截止时间", "时间节点", "时间进度", "时限要求", "时间要求", "时限", "时间")
#: labels whose value says who does what with role verbs: 部门分工:省发展改革委牵头,各地、各部门配合
DIVISION_LABELS = ("责任分工", "部门分工", "任务分工", "分工")

_LABEL_WORDS = _alternatives([*ROLE_LABELS, *DIVISION_LABELS])
#: every label a note starts with, for the normalizer's line joining
NOTE_LABELS = _alternatives([*ROLE_LABELS, *DIVISION_LABELS, *PERSON_LABELS, *TIME_LABELS])
# (牵头单位:区司法局,责任单位:…)   牵头单位:县政府办   责任单位 区政府各有关部门
# a long label (…单位, …部门, …科室) also without its colon, as scraped or scanned notes lose it:
# 牵头单位 县司法局, 牵头单位—县司法局, 牵头单位县司法局 (then a name's first character must follow)
_NO_COLON = r"(?<=[位门室体])(?:\s*[-—–]{1,2}\s*|\s+(?=[\u4e00-\u9fff])|(?=[县市区省州旗镇乡各]))"
ROLE_LABEL = re.compile(rf"(?P<label>{_LABEL_WORDS})(?:\s*[::]\s*|{_NO_COLON})")
PERSON_LABEL = re.compile(rf"(?P<label>{_alternatives(PERSON_LABELS)})\s*[::]\s*")
# (also without its colon where a time follows: 责任单位 市政府办公室 时间要求 2022年6月底前)
_TIME_AHEAD = r"(?=(?:19|20)\d{2}\s*年|\d{1,2}\s*月|全年|年内|年底|长期|持续|常态)"
TIME_LABEL = re.compile(rf"(?P<label>{_alternatives(TIME_LABELS)})(?:\s*[::]\s*|\s*{_TIME_AHEAD})")
#: a time label with no colon before its time, as a pattern to compose: …办公室时间要求2022年6月底前
BARE_TIME_LABEL = rf"(?P<time>{_alternatives(TIME_LABELS)})\s*{_TIME_AHEAD}"
# A note line on its own: "牵头单位:…" or "(牵头单位:…)"
NOTE_LINE = re.compile(rf"^[(〔]?\s*(?:(?:{_LABEL_WORDS}|{_alternatives(PERSON_LABELS)})\s*[::]|(?:{_LABEL_WORDS}){_NO_COLON})")
# a record's next field, run on after a note's units on one line (责任单位:莲塘镇任务目标:2024年…)
# the fields of a task's record beside its owners and times: what it is to build or do
RECORD_FIELDS = ("任务目标", "目标任务", "建设内容", "建设规模", "主要内容", "工作内容", "项目内容", "具体内容")
NEXT_FIELD = re.compile(r"(?<=[\u4e00-\u9fff])(?:" + "|".join((*RECORD_FIELDS, "工作目标")) + r")\s*[::]")
# The role verb that ends a clause: "区司法局牵头", "各有关部门按职责分工负责", "省委编办按职责牵头"
ROLE_VERB = re.compile(
    rf"(?P<mod>(?:按职责分工|按照职责分工|按职能分工|按照职能分工|按职责|按照职责|按职能|按照职能|按照工作职能|按工作职能|依职责|依据职责|根据职责|按各自职责|"
    rf"分工|分别|共同|具体|各自|统一|组织|为|积极|分头|认真)*)(?P<verb>{_alternatives(w for r in ROLES for w in r.verbs)})$")
#: verb → role key
VERB_ROLES = {w: r.key for r in ROLES for w in r.verbs}

# 第1、2项由县司法局牵头,第3至5项由县政府办负责: owners given to tasks by their numbers, elsewhere
NUMBERED_DIVISION = re.compile(r"第(?P<nums>\d{1,3}(?:\s*[、,和至到\-—~]\s*\d{1,3}){0,20})项(?:任务|工作)?(?:均)?由?"
                               r"(?P<units>[^,;。:()]{2,60}?(?:牵头|负责|承办|配合|协办|落实))")


# --- numbers -----------------------------------------------------------------------------------

YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)")
DOC_NUMBER = re.compile(
    r"(?P<num>(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,10}[〔\[](?P<year>(?:19|20)\d{2})[〕\]]\s*(?P<seq>\d{1,4})\s*号)"
)

# --- owner cells -------------------------------------------------------------------------------

#: the last character of most bodies' names (区司法局, 县政府办, 县法院, 县委, 执法大队), before which a
#: time the page ran into a name stops: 县普法办2024年9月
ORGAN_LAST = "局委办院府心门位厅所队站"
#: a completion time closing an owners' cell or note, run into the last name or verb as a flattened row
#: prints it (县普法办2024年9月, …等按职责分工负责全年): the words a time cell holds, to the end
TIME_AT_END = (r"(?:(?:(?:19|20)\d{2}年)?\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前|之前)?(?:完成)?"
               r"|全年|年内|长期|持续推进)[ ]*$")

# what a body's name ends with (区司法局, 县政府办, 各乡镇人民政府, 县直各执法单位, 团县委, a ministry's 综合规划司), a bracket
# after it (各镇(街道)) and a role verb (县司法局牵头) allowed; not the words that end so and name
# no body (工作格局, 一网通办, 马上办, 挂牌督办, 区住房城乡 — the start of 区住房城乡建设局)
_OWNER_END = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|领导小组|管委会|管理委员会|分局|中心|部门|单位|机关|机构|局|委|办|厅|院|"
    r"海关|银行|集团|指挥部|街道|街道办事处|乡镇|镇|乡|公司|司|妇联|工会|残联|科协|团委|法院|检察院|党校|支队|大队|中队|(?<!团)队|所|"
    r"科|科室|股|股室|处|处室|督查室|研究室|站|专班|工作组|小组|协会|学会|学校|医院|部|红十字会|工商联|侨联|文联|馆|开发区|港区|新区|高新区)"
    r"(?:\([^()]{1,12}\))?(?:等)?(?:牵头|负责|配合|参与|协助|落实)?$")
_NOT_OWNER = re.compile(r"(?:官司|上司|格局|布局|大局|开局|结局|通办|马上办|网上办|掌上办|就近办|一次办|帮办|代办|督办|交办|好办|"
                        r"快办|承办|主办|协办|诉讼|场所|住所|处所|研究所|会所|网站|学科|本科|专科|文科|理科|内科|外科|"
                        r"好处|难处|用处|之处|益处|长处|短处|到处|处处|内部|外部|全部|局部|干部|本部|上部|下部|中部|东部|西部|南部|北部|"
                        r"底部|顶部|总部|[房和]城乡)$|[。;!?:%\d]"
                        r"|^(?:建立|健全|推进|加强|完善|开展|成立|组建|设立|深化|推动|提升|强化|规范|优化|实施|制定|做好|落实)"
                        # the words that name a kind of body or a role, not one: 工作机构, 责任单位, 成员单位
                        r"|^(?:工作|组织|领导|议事|协调|责任|牵头|配合|协办|参与|主办|承办|成员|执行|实施)(?:机构|单位|部门|机关)$")
_OWNER_SPLIT = re.compile(r"[、,,/]")


def owner_cell(cell: str) -> bool:
    """Whether a table cell reads as owners: each name in it (县司法局、县法院) ends as a body's
    name does.  区司法局 → True; 2023年底前, 健全依法决策机制, 优化营商环境格局 → False."""
    if not cell or len(cell) > 80:
        return False
    names = [n for n in _OWNER_SPLIT.split(re.sub(r"\([^()]{0,12}\)", "", cell)) if n]  # (各县(市、区)政府: one)
    return bool(names) and all(len(n) <= 30 and _OWNER_END.search(n) and not _NOT_OWNER.search(n) for n in names)
