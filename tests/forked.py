"""`python -m dondoc ARGS`, less the quarter of a second of starting Python and importing
dondoc: dondoc's own main in a child forked from a server that has loaded dondoc once
(multiprocessing's forkserver), with the environment given and its stdin, stdout and stderr
opened from the paths given (files, or a pseudo-terminal's device). For the tests that need a
process of dondoc's own: a terminal's size and colours, a reader that may abort the process."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from multiprocessing.process import BaseProcess

WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOCTTY


def _main(args: list[str], env: dict[str, str], streams: tuple[str, str, str],
          cwd: str) -> None:
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

    main()


def start(args: list[str], env: dict[str, str], stdin: str = os.devnull,
          stdout: str = os.devnull, stderr: str = os.devnull) -> BaseProcess:
    """dondoc ARGS, started; its exitcode is the command's (-6 if it aborted)."""
    forks = multiprocessing.get_context("forkserver")
    forks.set_forkserver_preload(["dondoc.cli"])  # once, when the server starts
    child = forks.Process(target=_main, args=(args, env, (stdin, stdout, stderr),
                                                   os.getcwd()))
    child.start()
    return child


def run(args: list[str], env: dict[str, str], stdin: str = os.devnull,
        stdout: str = os.devnull, stderr: str = os.devnull, timeout: float = 120) -> int:
    """dondoc ARGS to its end: its exit status."""
    child = start(args, env, stdin, stdout, stderr)
    child.join(timeout)
    if child.exitcode is None:
        child.kill()
        child.join()
    assert child.exitcode is not None
    return child.exitcode
