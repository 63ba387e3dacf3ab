"""`python -m benchmarks.site` runs end to end on a tiny generated corpus: the site is built, pages
of every kind open in headless Chromium without errors or requests, and the index answers the
searches (no timing is asserted: the figures belong in benchmarks/SITE.md)."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def test_the_site_benchmark_measures_every_row(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing")
        pytest.skip("no headless Chromium")
    from benchmarks.site import QUERIES, measure

    rows = dict(measure(6, tmp_path))
    assert rows["documents"] == "6"
    opened = rows["pages opened (index and 3 of each kind)"]
    assert opened.endswith("every one without errors or requests outside the site"), opened
    assert int(opened.split(":")[0]) >= 5 + len(QUERIES)
    assert rows["search index loaded (ms, median)"] != "—"
    assert rows["a search answered (ms, median of " + "、".join(QUERIES) + ")"] != "—"
