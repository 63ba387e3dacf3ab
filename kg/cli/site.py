"""``fazhi-kg site DIR``: the store as a static linked-data site."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.common import app, as_of_date, handles_errors, no_memory, store_option


@app.command()
@handles_errors
def site(
    folder: Path = typer.Argument(..., help="The folder to write the site into (a site written there before is "
                                           "replaced; any other non-empty folder is refused)."),
    store: Optional[str] = store_option(),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge deadlines and tracking as of this date "
                                        "(YYYY-MM-DD; default: the latest date the store holds, so that the same "
                                        "store gives the same site)."),
) -> None:
    """A static site of the store: a page per document, task, unit, jurisdiction and theme, each
    with its Turtle and JSON-LD beside it, an index with search, a DCAT/VoID catalogue
    (catalog.ttl), all data (data.nq.gz, gzipped N-Quads) and graph.html, the page of `fazhi-kg
    viz` for the whole store. Open index.html from the folder, copy the folder to any
    web server, or serve it with `fazhi-kg serve --site FOLDER`; no network is needed."""
    from kg.jobs.export import write
    from kg.site.build import build_site
    from kg.store import open_store

    no_memory(store, "site")
    when = as_of_date(as_of)
    with open_store(store, read_only=True) as st:  # the dump from the export's sorted N-Quads: bounded memory
        done = build_site(st, folder, as_of=when, nquads=lambda out: write(st, "nquads", out, binary=True))
    typer.echo(f"{done.pages} pages: {done.documents} documents, {done.tasks} tasks, {done.units} units, "
               f"{done.areas} jurisdictions, {done.themes} themes, the index and the graph; each with its .ttl and .jsonld")
    typer.echo(f"{done.files} files, {done.bytes / 1e6:.1f} MB; tracking as of {done.as_of}")
    typer.echo(f"open {folder / 'index.html'}")
