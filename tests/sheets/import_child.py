"""`dondoc import` as `python -m dondoc` runs it, in a child that tests/sheets/test_bad_files.py
forks from a server that has loaded dondoc once. runpy.run_path's init_globals give it ARGS,
and OUT and ERR, the files for its stdout and stderr. Its exit status is the command's."""

import os
import sys

from dondoc.cli import main

given = globals()
for fd, name in ((1, given["OUT"]), (2, given["ERR"])):
    os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
sys.argv = ["dondoc", *given["ARGS"]]
main()
