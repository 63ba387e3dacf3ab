"""The graph page read as a person reads it: colours that do not mislead, an opening view whose
labels are legible and never cover each other, a summary that follows the filters, a shared link
that shows the task it names.  Pages are opened in headless Chromium (see tests/test_viz.py)."""

import re

from kg.viz.legend import legend
from kg.viz.style import KINDS, STATUS_STYLE


def test_an_untracked_target_is_neutral_not_failed():
    plain = KINDS["target"][3]
    # before: the plain target colour was 未达标's red (#dc2626), so every untracked target looked failed
    assert plain.lower() not in {colour.lower() for _, _, colour in STATUS_STYLE.values()}
    html = legend()
    entry = re.search(r'<li><svg[^>]*><polygon points="9,2 16,15 2,15" fill="([^"]+)"/></svg>([^<]*)<i>([^<]*)</i>', html)
    assert entry and entry.group(1) == plain
    assert "未跟踪" in entry.group(2) and "untracked" in entry.group(3)
