"""Every regular expression the segmenter and extractors share, compiled once.

All patterns run on *normalized* text: half-width brackets, colons and commas (see
:mod:`kg.ingest.normalize`), no markdown marks, no spaces inside Chinese runs.  Each carries an example
it matches; ``tests/test_patterns.py`` checks the examples.
"""

from __future__ import annotations

import re

from kg.numerals import CN_DIGITS

# --- outline numbering -------------------------------------------------------------------------

# 一、指导思想   二.重点工作
PART = re.compile(rf"^(?P<num>[{CN_DIGITS}]{{1,4}})[、.](?!\d)\s*(?P<rest>.*)$")
# (一)依法全面履行政府职能   (十四)完善法律顾问…   〔三〕…
SECTION = re.compile(rf"^[(〔](?P<num>[{CN_DIGITS}]{{1,4}})[)〕]\s*(?P<rest>.*)$")
# 1. 持续深化…   12、加强…   3.深化…  (not 2.5%)
ITEM = re.compile(r"^(?P<num>\d{1,3})\s?[.、](?!\d)\s*(?P<rest>.*)$")
# (1)建立…
SUBITEM = re.compile(r"^[(](?P<num>\d{1,3})[)]\s*(?P<rest>.*)$")
# 一是高站位落实组织领导。
PARAGRAPH = re.compile(rf"^(?P<num>[{CN_DIGITS}]{{1,3}})是\s*(?P<rest>.*)$")
# 第三条 …  第二部分 …
ARTICLE = re.compile(rf"^第(?P<num>[{CN_DIGITS}\d]{{1,4}})(?:条|部分|章)\s*(?P<rest>.*)$")

# Inline report paragraphs inside one line: "…质效。一是全面深入践行…。二是持续优化…"
INLINE_PARAGRAPH = re.compile(rf"(?:(?<=^)|(?<=[。;:]))(?P<num>[{CN_DIGITS}]{{1,3}})是")

# --- sentences ---------------------------------------------------------------------------------

# The first sentence ends at a full stop (or ;/! in lists); a heading has none.
SENTENCE_END = re.compile(r"[。!?;]")
SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")

# --- web debris: lines that belong to the site, not the document --------------------------------

DEBRIS_LINE = re.compile(
    r"^(?:打印|关闭|打印本页|关闭窗口|打印关闭|【?打印】?【?关闭】?|\[返回首页\].*|\[返回上一页\].*|返回顶部|"
    r"网站地图.*|主办单位:.*|承办单位:.*版权所有.*|.*版权所有.*|\(建议使用.*|.*技术支持:.*|网站备案号.*|.*ICP备.*|"
    r"上一条:.*|下一条:.*|上一篇:.*|下一篇:.*|关键词.*Tags.*|免责声明.*|您的位置.*|当前位置.*|分享到.*|扫一扫.*|"
    r"【字体.*|字体:?[大中小 ]+.*)$"
)

# --- assignment notes --------------------------------------------------------------------------

ROLE_LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "主要负责单位": "lead", "主要负责部门": "lead", "牵头": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "负责单位": "responsible",
    "配合单位": "cooperating", "配合部门": "cooperating", "协办单位": "cooperating",
    "协助单位": "cooperating", "参与单位": "cooperating", "参加单位": "cooperating",
}
# (牵头单位:区司法局,责任单位:…)   牵头单位:县政府办   责任单位 区政府各有关部门
ROLE_LABEL = re.compile(
    r"(?P<label>主要负责(?:单位|部门)|牵头(?:单位|部门)|责任(?:单位|部门)|负责单位|配合(?:单位|部门)|协办单位|协助单位|参与单位|参加单位)"
    r"\s*[::]\s*"
)
# A note line on its own: "牵头单位:…" or "(牵头单位:…)"
NOTE_LINE = re.compile(
    r"^[(]?\s*(?:主要负责(?:单位|部门)|牵头(?:单位|部门)|责任(?:单位|部门)|负责单位|配合(?:单位|部门)|协办单位|协助单位|参与单位|参加单位)\s*[::]"
)
# The last bracketed group of a task: (市法制局牵头,市监察局、人力资源社会保障局配合)
TRAILING_BRACKET = re.compile(r"[(](?P<body>[^()]*(?:[(][^()]*[)][^()]*)*)(?:[)]|$)\s*[。.]?\s*$")
# Unlabelled roles inside a bracket: "A、B牵头" / "C配合" / "各有关部门按职责分工负责"
INLINE_ROLE = re.compile(r"(?P<units>[^,;]+?)(?P<verb>牵头|负责|配合|协办|参与|协助)(?:实施|落实|办理)?(?=$|[,;])")
# "…,乡镇人民政府按职责分工分别负责。" – collective responsibility clause ending a label line
DIVISION_CLAUSE = re.compile(r"(?P<units>[^,;。]+?)按(?:照)?职责(?:分工)?(?:分别)?负责")

# --- numbers -----------------------------------------------------------------------------------

YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)")
DOC_NUMBER = re.compile(
    r"(?P<num>(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,10}[〔\[](?P<year>(?:19|20)\d{2})[〕\]]\s*(?P<seq>\d{1,4})\s*号)"
)
