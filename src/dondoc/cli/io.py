"""dondoc import"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dondoc.cli.common import register, state
from dondoc.errors import ImportRejected
from dondoc.i18n import Text


def add_commands(root: typer.Typer) -> None:
    root.command("import")(import_)


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="One task per row.")],
    create_units: Annotated[
        bool, typer.Option("--create-units", help="Add units the register does not know yet.")
    ] = False,
) -> None:
    """Load tasks from a CSV file (UTF-8, with or without BOM; ',' or ';').

    Columns (English, or the usual Vietnamese headers): directive, code, content, unit,
    co_units, leader, officer, assigned, due, done, done_ref, issued, title, issuer, signer.
    Directives are created on first sight (give `issued`). Every row is checked first: one bad
    row and nothing is imported, with each problem's line, column and value. Importing the same
    file again changes nothing; a changed row updates its task and says so in its history.

    \b
    Example:
      dondoc import examples/hanoi-2023.csv --create-units
    """
    from dondoc.importer import import_tasks

    lang = state(ctx).lang
    try:
        with register(ctx) as conn:
            summary = import_tasks(conn, file, create_units)
    except ImportRejected as exc:
        for problem in exc.problems:
            typer.echo(problem.render(lang), err=True)
        if exc.total > len(exc.problems):
            more = Text("... and {n} more", n=exc.total - len(exc.problems))
            typer.echo(more.render(lang), err=True)
        raise
    typer.echo(Text(
        "{file}: {rows} rows: {new} new, {updated} updated, {unchanged} unchanged; "
        "{completions} completions recorded; {directives_created} directives created, "
        "{directives_updated} updated",
        file=file, rows=summary.rows, new=summary.new, updated=summary.updated,
        unchanged=summary.unchanged, completions=summary.completions,
        directives_created=summary.directives_created,
        directives_updated=len(summary.directives_updated),
    ).render(lang))
    for unit in summary.units_created:
        typer.echo(Text("new unit: {unit}", unit=unit).render(lang))
    if summary.ignored_columns:
        ignored = Text("ignored columns: {columns}", columns=", ".join(summary.ignored_columns))
        typer.echo(ignored.render(lang), err=True)
