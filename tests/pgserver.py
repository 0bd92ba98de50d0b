"""A real, throwaway PostgreSQL server for the tests (issue 14): the machine's own server
binaries (`initdb`, `pg_ctl`), a data folder in a new temporary folder, a free port on
127.0.0.1, trust authentication for local connections only. Run as root (as CI and this
machine do), the server runs as the unprivileged uid 65534 through `setpriv`: PostgreSQL
refuses to run as root. Independent of pytest, so a benchmark or a shell can use it too:

    with running() as server:
        psycopg.connect(server.dsn)

or `python tests/pgserver.py`, which prints a DSN and keeps the server until Enter.

Each call makes its own folder and port, so parallel test workers (xdist) never share one; a
port taken between choosing it and the server binding it is retried on another. Anything
that stops the server from starting raises PgServerError with the tool's own words and the
end of the server's log: a test that needs PostgreSQL fails, it is never skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
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


def start(timeout: float = 30) -> PgServer:
    """initdb and pg_ctl start in a new temporary folder; returns the running server (call
    stop(), or use running()). As root, the server runs as uid 65534."""
    tools = bin_folder()
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
def running(timeout: float = 30) -> Iterator[PgServer]:
    server = start(timeout)
    try:
        yield server
    finally:
        server.stop()


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
    with running() as server:
        print(server.dsn, flush=True)
        input("PostgreSQL is running; Enter stops it. ")
