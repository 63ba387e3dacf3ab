"""A covering notice's own points: what a notice numbers before the document it sends, and a
document's explanatory notes (说明 / 编制说明: 1.…2.…), which are not the document's tasks."""

from __future__ import annotations

import re

from kg.ingest.patterns import ROLE_LABEL
from kg.model import OutlineNode

# a covering notice's lead-in to its own points: …通知如下: / 现就有关事项通知如下:
# (…通知如下,请一并贯彻执行。 / 现将《…分解表》印发给你们,请按照要求,结合实际认真抓好落实。 and its points)
_NOTICE_POINTS = re.compile(r"(?:通知如下(?:[,,][^。\n]{0,12})?|印发给你们[,,]请[^。\n]{0,30})\s*[::。]?\s*$")
# a heading over a document's notes on itself, closing the lines before its first numbered point
_NOTES_HEADING = re.compile(r"\n(?:编制|有关|填表|几点|相关)?说明\s*[::]?\s*$")
_SENDS = re.compile(r"印发(?!了)|转发(?!了)|现将《|附件|现予(?:公布|发布)|予以公布")  # (国务院印发了《纲要》: what happened, not what the notice sends)


def mark_notice(roots: list[OutlineNode]) -> None:
    """A covering notice numbers its own points (一、各责任单位要… 二、…) before the document it
    sends starts again at 一、: the points before the restart are the notice's, not tasks."""
    if roots and roots[0].role == "preamble" and _NOTES_HEADING.search(roots[0].text):
        # 说明 / 1.本分解意见是对…的逐条细化分解 / 2.…: notes on the document, up to its first part
        for node in roots[1:]:
            if node.kind == "part":
                break
            node.role = node.role or "notice"
    parts = [i for i, n in enumerate(roots) if n.kind == "part"]
    for before, after in zip(parts, parts[1:]):
        # (a notice has a few points; a restart after many parts is a table's own 一、 inside a report)
        if roots[after].number == 1 and (roots[before].number or 0) >= 1 and parts.index(after) <= 5:
            for node in roots[:after]:
                if node.role is None:
                    node.role = "notice"
            return
    # 现将《方案》印发给你们,并就…通知如下: 1.…2.…3. — the points a notice introduces as its own,
    # up to the sent document (a restart at 1 or another kind of number) if the page holds it
    if not roots or roots[0].role != "preamble" or not _NOTICE_POINTS.search(roots[0].text[-60:]) \
            or not _SENDS.search(roots[0].text):
        return  # (a notice that sends nothing — 现就下达…任务有关事项通知如下: — is the document: its points are it)
    if sum(1 for root in roots[1:] for node in root.walk() if node.kind != "block" and ROLE_LABEL.search(node.text)) >= 2:
        return  # (points, or their items, that carry owner notes, 牵头单位:…: the plan itself, sent without its title)
    _lift_table_rows(roots)
    kind, last = None, 0
    for node in roots[1:]:
        if node.kind != "block":
            kind = kind or node.kind
            if node.kind != kind or (node.number or 0) <= last:
                return
            last = node.number or 0
        if node.role is None:  # and the lines between and after them: contact, signature, date
            node.role = "notice"


def _lift_table_rows(roots: list[OutlineNode]) -> None:
    """A task table's rows under a notice's last point (三、本目录自公布之日起实施。 / 附件 / 序号 | 事项 |
    承办单位 / 1 | …) are the document it sends, not that point's items: they stand at the top level."""
    for i, root in enumerate(roots):
        at = next((k for k, child in enumerate(root.children) if child.cells is not None), None)
        if at is not None and root.cells is None and root.kind == "part":
            roots[i + 1: i + 1] = root.children[at:]
            del root.children[at:]
            return
