"""The site's graph page, ``graph.html``: the interactive page ``fazhi-kg viz`` draws of the whole
store (:func:`kg.viz.page.render_page`, one self-contained file), each task's details linking to
its page in the site as ``viz --site-url`` makes them, tasks and targets coloured by the status the
site gives them (tracking judged as of the site's date).

The page reads its view from its address (``graph.html#document=d3&q=…``), so a document's page
links to the graph filtered to that document: the page names the documents ``d0``, ``d1`` … in the
order of the read model's documents, the order the site has them in.
"""

from __future__ import annotations

from pathlib import Path

from kg.site import urls
from kg.site.collect import SiteData
from kg.store import BaseStore


def write(site: SiteData, store: BaseStore, path: Path) -> None:
    """Write the graph page of ``site`` (read from ``store``) to the file ``path``."""
    from kg.views.analyze import analyze
    from kg.views.taskstatus import target_statuses
    from kg.viz.page import render_page
    from kg.viz.sources import report_links, task_notes

    data = site.data
    statuses = dict(site.statuses)
    if any(d.is_report for d in data.documents):  # targets are judged against reports (as `viz` does)
        statuses.update(target_statuses(site.tracking))
    links = {t.iri: page for t in data.tasks if (page := urls.page(t.iri))}  # graph.html sits at the top
    render_page(data, analyze(data), path, statuses=statuses, notes=task_notes(store), links=links,
                reports=report_links(store))


def link(site: SiteData, here: str, document: str | None = None) -> str:
    """The address of the graph page from the page at ``here``; of ``document`` alone where given."""
    target = urls.rel(here, urls.GRAPH)
    if document is None:
        return target
    if "graph ids" not in site.cache:
        site.cache["graph ids"] = {d.iri: f"d{i}" for i, d in enumerate(site.data.documents)}
    return f"{target}#document={site.cache['graph ids'][document]}"
