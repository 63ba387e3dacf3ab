"""The ``fazhi-kg`` command: parses arguments, calls one library function, prints.

Errors the library raises on purpose (:class:`kg.errors.FazhiError`) become one line on stderr
and the error's exit code; nothing else is caught, so a bug still shows its traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import FazhiError

app = typer.Typer(
    name="fazhi-kg",
    help="Turn Chinese rule-of-law plans and reports (法治政府建设 计划/要点/方案/报告) into a knowledge graph "
         "of units, tasks and obligations: who leads (牵头), who is responsible (责任/配合), which targets and deadlines.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    json = "json"
    table = "table"


def _fail(exc: FazhiError) -> None:
    typer.echo(f"fazhi-kg: error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


def handles_errors(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FazhiError as exc:
            _fail(exc)
    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fazhi-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                           help="Print the version and exit."),
) -> None:
    """fazhi-kg: who owns what in Chinese rule-of-law plans."""


@app.command()
@handles_errors
def extract(
    file: Path = typer.Argument(..., help="A document: .txt/.md (UTF-8, GBK, UTF-16 …), .html, .docx or .pdf."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="json: the machine-readable shape; table: for reading."),
    outline: bool = typer.Option(True, "--outline/--no-outline", help="Include the document outline."),
) -> None:
    """Print what one document yields (metadata, outline, tasks with their units, targets,
    deadlines, obligations and themes; achievements of reports) without touching any store."""
    from .pipeline import extract_path
    from .report import render

    result = extract_path(file)
    if format is Format.json:
        typer.echo(json.dumps(result.to_dict(outline=outline), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(result, outline=outline))


@app.command("eval")
@handles_errors
def eval_(
    gold_dir: Path = typer.Argument(..., help="Folder of gold *.json files (see tests/gold/README.md)."),
    docs: Optional[Path] = typer.Option(None, "--docs", help="Folder holding the gold files' documents "
                                        "(default: the bundled sample corpus)."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    show_errors: bool = typer.Option(False, "--errors", help="List every missed and extra item."),
) -> None:
    """Score extraction against hand-written gold files: precision, recall and F1 per field,
    beside a naive baseline (jieba's `nt` organisation tags as units)."""
    from .evaluate import evaluate, render_table
    from .resources import samples_dir

    ev = evaluate(gold_dir, docs or samples_dir())
    if format is Format.json:
        typer.echo(json.dumps(ev.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{len(ev.documents)} documents: {', '.join(ev.documents)}")
        typer.echo(render_table(ev))
        if show_errors:
            for name, score in ev.system.items():
                for line in score.misses:
                    typer.echo(f"missed  {name}  {line}")
                for line in score.extras:
                    typer.echo(f"extra   {name}  {line}")


@app.command()
@handles_errors
def demo(
    output: Path = typer.Option(Path("exports"), "--output", "-o", help="Where to write the results."),
) -> None:
    """Run the main job on the bundled sample corpus (five real documents) and write the
    results to exports/: each document's extraction (JSON) and readable outline, and a summary."""
    from .demo import run_demo

    for line in run_demo(output):
        typer.echo(line)


def main() -> None:
    app(prog_name="fazhi-kg")


if __name__ == "__main__":  # pragma: no cover
    main()
