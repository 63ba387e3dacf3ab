"""``fazhi-kg ledger``: the progress ledger (台账) of a plan — export it, import what the units
send back, see the status."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli.common import Format, app, as_of_date, emit, format_option, handles_errors, no_memory, output_option, store_option
from kg.errors import LedgerRejected

ledger = typer.Typer(name="ledger", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                     help="The progress ledger (台账) of a plan: export it for the units to fill in, import the "
                          "filled ledgers they send back, and see per task and unit the latest status.")
app.add_typer(ledger, name="ledger")


@ledger.command("export")
@handles_errors
def export_(
    plan: str = typer.Argument(..., help="The plan: its file name (or the path it was built from), title, 文号 or IRI."),
    output: Path = typer.Option(..., "--output", "-o", help="The xlsx file to write (atomically)."),
    store: Optional[str] = store_option(),
) -> None:
    """Write the ledger of a plan: one row per task (序号 as printed, 工作任务, 具体措施, 牵头/责任/配合
    单位 as the plan writes them, 完成时限, 目标) and the columns the units fill in (进展情况, 完成状态,
    实际完成日期, 存在问题, 下步计划, 佐证材料, 填报单位, 更新日期); a sheet of all tasks, one per lead
    unit, and one explaining the columns."""
    from kg.ledger import run
    from kg.store import open_store

    no_memory(store, "ledger export")
    with open_store(store, read_only=True) as st:
        path, tasks, sheets = run.export(st, plan, output)
    typer.echo(f"wrote {path} (xlsx, {tasks} tasks, {sheets} lead-unit sheets)", err=True)


@ledger.command("import")
@handles_errors
def import_(
    files: List[Path] = typer.Argument(..., readable=False, help="Filled ledgers (xlsx)."),
    store: Optional[str] = store_option(),
) -> None:
    """Read filled ledgers and store each return (a unit's rows of one day) as a named graph with
    who reported, when and from which file. Every row is checked against the plan; a file with a
    bad row is rejected whole (each problem on its own line) and nothing of it is stored.
    Importing the same file again changes nothing."""
    from kg.ledger import run
    from kg.store import open_store

    no_memory(store, "ledger import")
    with open_store(store) as st:
        results = run.import_files(st, files)
    rejected = None
    for r in results:
        if r.rejected is not None:
            rejected = r.rejected
            for line in r.rejected.lines:
                typer.echo(f"fazhi-kg: error: {line}", err=True)
            typer.echo(f"fazhi-kg: error: {r.path.name}: rejected, nothing of it stored", err=True)
        else:
            same = f", {r.unchanged} unchanged" if r.unchanged else ""
            typer.echo(f"imported {r.path.name}: {r.rows} rows in {r.returns} returns{same}", err=True)
    if rejected is not None:
        raise typer.Exit(LedgerRejected.exit_code)


@ledger.command("status")
@handles_errors
def status_(
    plan: Optional[str] = typer.Option(None, "--plan", "-p", help="Only this plan (default: every plan some return is about)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge deadlines as of this date (YYYY-MM-DD; default today)."),
    history: bool = typer.Option(False, "--history", help="Every return, oldest first, not only the latest per task and unit."),
    format: Optional[Format] = format_option("table; csv, tsv, json or xlsx for other tools"),
    output: Optional[Path] = output_option("the status"),
    store: Optional[str] = store_option(),
) -> None:
    """Per task and unit, the latest status the returns give (earlier returns superseded, still
    stored); the tasks nobody reported on (未报送); the overdue ones (a deadline passed and no return
    says 已完成); where the year-end report of the plan's area disagrees with a return, what it says.
    With --history, every return, the superseded ones marked."""
    from kg.ledger import run
    from kg.store import open_store

    when = as_of_date(as_of) or datetime.date.today()
    no_memory(store, "ledger status")
    with open_store(store, read_only=True) as st:
        out, plans = run.status(st, when, plan, history)
    if not plans:
        typer.echo("fazhi-kg: no ledger returns in the store yet: `ledger import` them, or give --plan to list "
                   "a plan's tasks as not reported", err=True)
    emit(out, format, output, "table")
