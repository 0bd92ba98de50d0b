"""Typed errors. The CLI turns each into one line on stderr and its exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # the user's input or data is wrong; the message says what and where
    USAGE = 2  # the command line itself is wrong (unknown option, missing argument)
    OVERDUE = 3  # `overdue --check` found overdue tasks


class DondocError(Exception):
    """A user or data error: `message` says what is wrong, `hint` what to do."""

    exit_status = ExitStatus.ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class NotFound(DondocError):
    pass


class Ambiguous(DondocError):
    pass


class InvalidValue(DondocError):
    pass


class ImportRejected(DondocError):
    """An import found bad rows; `problems` holds one line per bad cell, in file order."""

    def __init__(self, path: str, problems: list[str], total: int) -> None:
        super().__init__(
            f"{path}: {total} problem(s), nothing imported",
            "fix the rows listed and run the import again",
        )
        self.problems = problems
        self.total = total
