"""What `dondoc import` says when it ends: the problems, the counts, the units it made, what a dry
run would change, the columns it ignored, where the refused rows went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from dondoc.cli.common import say, state
from dondoc.i18n import Text

if TYPE_CHECKING:  # the importers load only when a command reads a file
    from dondoc.sheets.intake import Summary


def tell(ctx: typer.Context, summary: Summary, shown: str, tasks: bool, dry_run: bool,
         errors: Path | None) -> None:
    """What an import did, `shown` naming its file; `tasks`: a tasks import, which counts
    completions and directives too."""
    lang = state(ctx).lang
    if summary.problems:
        problems(summary.shown_problems, summary.problems, lang)
    # The import's own lines, which --quiet silences; a dry run is asked for its lines.
    for line in [_counts(summary, shown, tasks, dry_run),
                 *(Text("new unit: {unit}", unit=u) for u in summary.units_created)]:
        if dry_run:
            typer.echo(line.render(lang))
        else:
            say(ctx, line)
    if dry_run:
        for line in _would_change(summary):
            typer.echo(line.render(lang))
    if summary.ignored_columns:
        ignored = Text("ignored columns: {columns}", columns=", ".join(summary.ignored_columns))
        typer.echo(ignored.render(lang), err=True)
    if errors is not None and summary.refused:
        typer.echo(Text("refused rows written to {path}", path=errors).render(lang), err=True)


def problems(found: list[Text], total: int, lang: str) -> None:
    """The problems kept to show, on stderr, and how many more there were."""
    for problem in found:
        typer.echo(problem.render(lang), err=True)
    if total > len(found):
        typer.echo(Text("... and {n} more", n=total - len(found)).render(lang), err=True)


def _counts(summary: Summary, shown: str, tasks: bool, dry_run: bool) -> Text:
    counts = Text(
        "{file}: {rows} rows: {new} new, {updated} updated, {unchanged} unchanged, "
        "{refused} refused",
        file=shown, rows=summary.rows, new=summary.new, updated=summary.updated,
        unchanged=summary.unchanged, refused=summary.refused)
    if tasks:
        counts = Text("{counts}; {completions} completions recorded; {directives_created} "
                      "directives created, {directives_updated} updated", counts=counts,
                      completions=summary.completions,
                      directives_created=summary.directives_created,
                      directives_updated=len(summary.directives_updated))
    if dry_run:
        counts = Text("{counts} (dry run: nothing written)", counts=counts)
    return counts


def _would_change(summary: Summary) -> list[Text]:
    """A dry run's changes: each one kept, and how many more."""
    lines = [Text("would update {what}: {notes}", what=what, notes=notes)
             for what, notes in summary.changes]
    if summary.updated > len(summary.changes):
        lines.append(Text("... and {n} more updates", n=summary.updated - len(summary.changes)))
    return lines
