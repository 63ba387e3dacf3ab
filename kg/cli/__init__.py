"""The ``fazhi-kg`` command line: the only package that writes to the terminal.

:mod:`kg.cli.common` holds the app and what every command shares (error handling, ``--store``,
``--format``, ``--output``, printing through :mod:`kg.render.output`); :mod:`kg.cli.commands`
the commands on documents and the store; :mod:`kg.cli.views` those that answer from the graph; :mod:`kg.cli.ledger` the ``ledger`` sub-commands; :mod:`kg.cli.site` the static site.
"""

from kg.cli import commands, views, ledger, site  # noqa: F401  (registers the commands, in this order)
from kg.cli.common import app


def main() -> None:
    app(prog_name="fazhi-kg")


__all__ = ["app", "main"]
