"""The synthetic corpus of the benchmark exercises every named query: ten generated documents
(plans and a report), built, with the task view's links and one ledger return stored as the
harness stores them; every named query, its parameters bound as the harness binds them, returns
at least one row.  A query that found nothing would be timed on an empty answer."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from benchmarks.generate import generate
    from benchmarks.variety import add_links
    from kg.jobs.build import build
    from kg.store import open_store

    work = tmp_path_factory.mktemp("corpus")
    paths = generate(10, work / "corpus")
    with open_store(str(work / "store")) as st:
        build(paths, st)
    links = add_links(str(work / "store"), paths, str(work))
    return work, paths, links


def test_the_corpus_has_plans_and_reports(built):
    _, paths, links = built
    texts = [p.read_text(encoding="utf-8") for p in paths]
    reports = [t for t in texts if "年度法治政府建设情况报告" in t]
    assert len(reports) == 2 and all("牵头单位" not in t for t in reports)
    plans = [t for t in texts if "牵头" in t]
    assert len(plans) == 8
    assert links["task_links"] > 0 and links["ledger_rows"] == 1 and not links["ledger_rejected"]
    assert links["year_links"] > 0  # the first report's plan against its next year's (diff --report --write)


def test_every_named_query_returns_rows(built):
    from benchmarks._child import plausible_params
    from kg.query.named import bind, list_queries
    from kg.store import open_store

    work, paths, _ = built
    empty = []
    with open_store(str(work / "store"), read_only=True) as st:
        for q in list_queries():
            params = plausible_params(st, q.params, paths) if q.params else {}
            assert set(params) == set(q.params), (q.name, params)
            if not st.query(bind(q.text, params)).rows:
                empty.append(q.name)
    assert not empty, f"named queries with no row on the synthetic corpus: {empty}"
