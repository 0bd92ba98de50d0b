"""`python -m dondoc ARGS`, less the quarter of a second of starting Python and importing
dondoc: dondoc's own main in a child forked from a server that has loaded dondoc once
(multiprocessing's forkserver), with the environment given and its stdin, stdout and stderr
opened from the paths given (files, or a pseudo-terminal's device). For the tests that need a
process of dondoc's own: a terminal's size and colours, a reader that may abort the process."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from multiprocessing.process import BaseProcess

WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOCTTY


def _main(args: list[str], env: dict[str, str], streams: tuple[str, str, str],
          cwd: str, status: str) -> None:
    """In the child: what a new `python -m dondoc` started here would have."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    time.tzset()
    for fd, path, flags in zip((0, 1, 2), streams, (os.O_RDONLY | os.O_NOCTTY, WRITE, WRITE),
                               strict=True):
        os.dup2(os.open(path, flags, 0o600), fd)
    sys.argv = ["dondoc", *args]
    from dondoc.cli import main

    try:
        main()
    except SystemExit as done:
        # Said by the child itself: the forkserver reports a status it lost as 255 (seen once
        # in CI, a race in multiprocessing), which would read as dondoc's.
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        with open(status, "w") as out:
            out.write(str(code))
        raise


def start(args: list[str], env: dict[str, str], stdin: str = os.devnull,
          stdout: str = os.devnull, stderr: str = os.devnull) -> BaseProcess:
    """dondoc ARGS, started; its exitcode is the command's (-6 if it aborted)."""
    forks = multiprocessing.get_context("forkserver")
    forks.set_forkserver_preload(["dondoc.cli"])  # once, when the server starts
    status = tempfile.mktemp(prefix="dondoc-status-")  # noqa: S306 - the child creates it
    child = forks.Process(target=_main, args=(args, env, (stdin, stdout, stderr),
                                                   os.getcwd(), status))
    child.status = status  # type: ignore[attr-defined]
    child.start()
    return child


def exit_status(child: BaseProcess) -> int | None:
    """The child's exit status, as it wrote it in its status file, else as the server saw it
    (an abort: -6); None while it runs."""
    if child.exitcode is None:
        return None
    status: str = child.status  # type: ignore[attr-defined]
    try:
        with open(status) as said:
            return int(said.read())
    except (OSError, ValueError):
        return child.exitcode
    finally:
        with contextlib.suppress(OSError):
            os.unlink(status)


def run(args: list[str], env: dict[str, str], stdin: str = os.devnull,
        stdout: str = os.devnull, stderr: str = os.devnull, timeout: float = 120) -> int:
    """dondoc ARGS to its end: its exit status."""
    child = start(args, env, stdin, stdout, stderr)
    child.join(timeout)
    if child.exitcode is None:
        child.kill()
        child.join()
    code = exit_status(child)
    assert code is not None
    return code
