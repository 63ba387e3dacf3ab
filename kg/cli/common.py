"""What every command shares: the app, its error handling, the options that mean the same thing
everywhere (``--store``, ``--format``, ``--output``) and the one way to print an answer."""

from __future__ import annotations

import datetime
import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Optional

import typer

from kg import __version__
from kg.errors import FazhiError, UsageError
from kg.render.output import WRITERS

app = typer.Typer(
    name="fazhi-kg",
    help="Turn Chinese rule-of-law plans and reports (法治政府建设 计划/要点/方案/报告) into a knowledge graph "
         "of units, tasks and obligations: who leads (牵头), who is responsible (责任/配合), which targets and deadlines.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

#: one --format for every command that prints an answer; each command says which it offers
Format = Enum("Format", {name: name for name in WRITERS}, type=str)

STORE_HELP = ("Where the graph lives: a directory (embedded Oxigraph, default ./.fazhi-kg/store), "
              "'memory' (only within one command: demo), or an http(s):// SPARQL 1.1 endpoint base.")


def store_option() -> Optional[str]:
    return typer.Option(None, "--store", "-s", help=STORE_HELP)


def format_option(default_help: str) -> Optional[Format]:
    return typer.Option(None, "--format", "-f", help=f"Output format: {', '.join(WRITERS)} ({default_help}).")


def output_option(what: str = "the answer") -> Optional[Path]:
    return typer.Option(None, "--output", "-o", help=f"Write {what} to this file (atomically); the format follows "
                                                     "its suffix (.csv .tsv .json .xlsx .txt) unless --format is given.")


def fail(exc: FazhiError) -> None:
    typer.echo(f"fazhi-kg: error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


def handles_errors(fn):
    """Errors raised on purpose become one line on stderr and their exit code; anything else is a
    bug and shows its traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FazhiError as exc:
            fail(exc)
    return wrapper


def emit(out, fmt: Optional[Format], output: Optional[Path], default: str) -> None:
    """Print ``out`` (a :class:`~kg.render.output.Output`) or write it to ``output``."""
    from kg.render import output as rendering

    chosen = rendering.choose(fmt.value if fmt else None, output, out, default)
    size = rendering.write(out, chosen, output, sys.stdout.buffer)
    if output is not None:
        typer.echo(f"wrote {output} ({chosen}, {size} bytes{', ' + out.summary if out.summary else ''})", err=True)


def no_memory(store: Optional[str], command: str) -> None:
    """``memory`` holds nothing between commands: a command that reads what an earlier one built
    refuses it instead of answering from an empty graph."""
    from kg.store import parse_spec

    if parse_spec(store).kind == "memory":
        raise UsageError(f"--store memory holds nothing between commands, so `{command}` would read an empty graph; "
                         "give a store directory or an endpoint (memory is for `demo`, which builds and reads in one run)")


def as_of_date(value: Optional[str]) -> Optional[datetime.date]:
    """The date an ``--as-of`` option gives (YYYY-MM-DD), or None when it is not given."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of needs a date as YYYY-MM-DD, got '{value}'") from None


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"fazhi-kg {__version__}")
        raise typer.Exit()


def stop_on_sigterm() -> Callable[[], None]:
    """SIGTERM ends a command as Ctrl-C does, by an exception, so that what it was doing is undone
    on the way out (a half-written file's temporary file removed, the store closed); the exit
    status is 143 (128 + 15), as for a process SIGTERM killed.  Returns what puts the previous
    handler back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        return lambda: None

    def stop(signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    return lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL)


@app.callback()
def _root(
    ctx: typer.Context,
    version: Optional[bool] = typer.Option(None, "--version", callback=version_callback, is_eager=True,
                                           help="Print the version and exit."),
) -> None:
    """fazhi-kg: who owns what in Chinese rule-of-law plans."""
    ctx.call_on_close(stop_on_sigterm())
