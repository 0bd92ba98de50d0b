"""Which unit a login on a shared PostgreSQL register writes for (`dondoc access`, issue 14).

The server enforces it, not dondoc: migration m015's row-level security policies read
unit_login, and a login only has the privileges granted here. A unit's login may read the whole
register (or only its own tasks: own_only) and record progress and completions, as itself, on
the tasks its unit leads; every other write is refused by the server, whichever program
connects. The office's login, which owns the tables, keeps every right.

The login itself (a PostgreSQL role that can log in, with its password) is the server
administrator's to create: dondoc grants and revokes, it does not make accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from dondoc.dates import now_stamp
from dondoc.errors import InvalidValue, NotFound
from dondoc.register import db
from dondoc.register.db import Conn
from dondoc.register.lookup import find_unit

# What a unit's login may touch, beyond reading: the policies narrow each to its unit's tasks.
UNIT_WRITES = (("event", "INSERT"), ("task_span", "INSERT, DELETE"))


@dataclass(frozen=True)
class Grant:
    login: str
    unit: str
    own_only: bool
    granted_at: str
    granted_by: str | None


def _server_only(conn: Conn) -> None:
    if not conn.dialect.postgresql:
        raise InvalidValue("access is for a register on a PostgreSQL server; {path} is a file, "
                           "which its file's permissions guard", "name a server register with "
                           "--db postgresql://...", path=conn.path)


def _quoted(conn: Conn, login: str) -> str:
    """The login as an SQL identifier, once the server says it is a login."""
    row = conn.execute("SELECT rolcanlogin, quote_ident(rolname) FROM pg_roles "
                       "WHERE rolname = ?", (login,)).fetchone()
    if row is None or not row[0]:
        raise NotFound("no login {login} on the server",
                       "have the server's administrator create it: CREATE ROLE {login} LOGIN "
                       "PASSWORD '...'", login=login)
    return str(row[1])


def grant(conn: Conn, unit_text: str, login: str, own_only: bool) -> Grant:
    """Let `login` write for the unit `unit_text` names (replacing what it had)."""
    _server_only(conn)
    unit = find_unit(conn, unit_text)
    role = _quoted(conn, login)
    unbound = conn.execute(
        """SELECT r.rolsuper OR r.rolbypassrls
                  OR pg_has_role(r.oid, n.nspowner, 'MEMBER')
           FROM pg_roles r, pg_namespace n
           WHERE r.rolname = ? AND n.nspname = current_schema()""", (login,)).fetchone()[0]
    if unbound:
        raise InvalidValue("{login} is not bound by row-level security (a superuser, a login "
                           "with BYPASSRLS, or the register's owner): it could write any task",
                           "give the unit an ordinary login of its own", login=login)
    if conn.execute("SELECT rolname = session_user FROM pg_roles WHERE rolname = ?",
                    (login,)).fetchone()[0]:
        raise InvalidValue("{login} is the login you are using: it would lose its rights",
                           "grant a unit's access to the unit's own login", login=login)
    stamp = now_stamp()
    by = conn.execute("SELECT session_user").fetchone()[0]
    schema = conn.execute("SELECT quote_ident(current_schema())").fetchone()[0]
    with db.transaction(conn):
        conn.execute(
            """INSERT INTO unit_login (login, unit_id, own_only, granted_at, granted_by)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (login) DO UPDATE SET unit_id = excluded.unit_id,
                   own_only = excluded.own_only, granted_at = excluded.granted_at,
                   granted_by = excluded.granted_by""",
            (login, unit.id, int(own_only), stamp, by))
        conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
        for table, privileges in UNIT_WRITES:
            conn.execute(f"GRANT {privileges} ON {table} TO {role}")
    return Grant(login, unit.name, own_only, stamp, by)


def revoke(conn: Conn, login: str) -> Grant:
    """Take every right on the register from `login`."""
    _server_only(conn)
    found = [g for g in grants(conn) if g.login == login]
    if not found:
        raise NotFound("{login} has no access to this register", "see `dondoc access list`",
                       login=login)
    role = _quoted(conn, login)
    schema = conn.execute("SELECT quote_ident(current_schema())").fetchone()[0]
    with db.transaction(conn):
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}")
        conn.execute(f"REVOKE USAGE ON SCHEMA {schema} FROM {role}")
        conn.execute("DELETE FROM unit_login WHERE login = ?", (login,))
    return found[0]


def whole_register(conn: Conn, what: str) -> None:
    """Refuse `what` (verify, a copy) to a login that reads only its unit's tasks: it would
    see the other units' seals without their events, and call that tampering."""
    if not conn.dialect.postgresql:
        return
    row = conn.execute("SELECT own_only FROM unit_login WHERE login = session_user").fetchone()
    if row is not None and row[0]:
        raise InvalidValue("this login reads only its unit's tasks: {what} needs the whole "
                           "register", "run it with the office's login", what=what)


def grants(conn: Conn) -> list[Grant]:
    _server_only(conn)
    return [Grant(login, unit, bool(own_only), at, by) for login, unit, own_only, at, by in
            conn.execute("""SELECT l.login, u.name, l.own_only, l.granted_at, l.granted_by
                            FROM unit_login l JOIN unit u ON u.id = l.unit_id
                            ORDER BY l.login""")]

