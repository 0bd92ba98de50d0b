"""Typed errors. The CLI turns each into one line on stderr, in the reader's language, and its
exit code."""

from __future__ import annotations

from enum import IntEnum

from dondoc.i18n import Text


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # the user's input or data is wrong; the message says what and where
    USAGE = 2  # the command line itself is wrong (unknown option, missing argument)
    OVERDUE = 3  # `overdue --check` found overdue tasks
    BUG = 70  # an internal error (sysexits' EX_SOFTWARE): a bug to report, with --traceback
    INTERRUPTED = 130  # Ctrl-C, as a shell reports a command ended by SIGINT (128 + 2)


class DondocError(Exception):
    """A user or data error: `message` says what is wrong, `hint` what to do. Both are English
    templates (i18n.MESSAGES translates them) filled from `params` when shown."""

    exit_status = ExitStatus.ERROR

    def __init__(self, message: str, hint: str | None = None, **params: object) -> None:
        self.message = Text(message, **params)
        self.hint = Text(hint, **params) if hint else None
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        message = self.message.render(lang)
        return f"{message} ({self.hint.render(lang)})" if self.hint else message


class NotFound(DondocError):
    pass


class Ambiguous(DondocError):
    pass


class InvalidValue(DondocError):
    pass


class UsageError(DondocError):
    """The command line itself is wrong, in a way the option parser cannot see."""

    exit_status = ExitStatus.USAGE


class ImportRejected(DondocError):
    """An import found bad rows; `problems` holds one message per bad cell, in file order."""

    def __init__(self, path: str, problems: list[Text], total: int) -> None:
        super().__init__(
            "{path}: {total} problem(s), nothing imported",
            "fix the rows listed and run the import again",
            path=path, total=total,
        )
        self.problems = problems
        self.total = total
