"""The schema's history: named, ordered, append-only steps. Never edit a step that has shipped;
add a new one. Each describes the schema with SQL, so it never changes when the models do."""

from __future__ import annotations

M001_INITIAL = """
CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,              -- text.fold(name): what lookups compare
    parent_id  INTEGER REFERENCES unit(id),
    email      TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX unit_code ON unit(code COLLATE NOCASE);

CREATE TABLE directive (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL,              -- as written: 847/QĐ-UBND
    number_key TEXT NOT NULL UNIQUE,       -- text.fold(number): 847/qd-ubnd
    issued     TEXT NOT NULL,              -- ISO date
    title      TEXT NOT NULL DEFAULT '',
    issuer     TEXT,
    signer     TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE task (
    id           INTEGER PRIMARY KEY,      -- stable, never renumbered
    directive_id INTEGER NOT NULL REFERENCES directive(id),
    code         TEXT NOT NULL,            -- unique within the directive: 847/QĐ-UBND#3
    content      TEXT NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    leader       TEXT,
    officer      TEXT,
    assigned     TEXT NOT NULL,            -- ISO date; the directive's issued date by default
    due          TEXT,                     -- the original deadline; NULL for a standing task
    created_at   TEXT NOT NULL,
    UNIQUE (directive_id, code)
);
CREATE INDEX task_unit ON task(unit_id);
CREATE INDEX task_assigned ON task(assigned);

CREATE TABLE task_co_unit (
    task_id INTEGER NOT NULL REFERENCES task(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (task_id, unit_id)
) WITHOUT ROWID;

-- What happened to a task: appended, never updated or deleted.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES task(id),
    kind        TEXT NOT NULL
                CHECK (kind IN ('progress', 'done', 'extend', 'cancel', 'reopen', 'change')),
    on_date     TEXT NOT NULL,             -- ISO date it happened
    recorded_at TEXT NOT NULL,             -- ISO moment it was recorded (UTC)
    note        TEXT,
    ref         TEXT,                      -- the document: Báo cáo số 12/BC-SXD
    percent     INTEGER CHECK (percent BETWEEN 0 AND 100),
    new_due     TEXT                       -- for 'extend': the deadline it grants
);
CREATE INDEX event_task ON event(task_id, on_date, id);
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'events are appended, never changed'); END;
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'events are appended, never deleted'); END;

-- The timeline status.timeline() derives from a task and its events, kept by spans.refresh():
-- reports read the one span of each task that contains their date instead of replaying events.
CREATE TABLE task_span (
    task_id    INTEGER NOT NULL REFERENCES task(id),
    valid_from TEXT NOT NULL,              -- ISO date, inclusive
    valid_to   TEXT NOT NULL,              -- ISO date, exclusive; '9999-12-31' while it lasts
    state      TEXT NOT NULL,              -- open, cancelled, done_on_time, done_late
    due        TEXT,                       -- the deadline in force over the span
    done_on    TEXT,
    PRIMARY KEY (task_id, valid_from)
) WITHOUT ROWID;
-- completion: every span alive at D, read from the index alone.
CREATE INDEX span_alive ON task_span(valid_to, valid_from, state, task_id, due);
-- overdue: only the open spans alive at D.
CREATE INDEX span_open ON task_span(state, valid_to, due, valid_from, task_id);
"""

# PostgreSQL (issue 14, docs/postgresql.md 2.2, 2.3): every step has a twin that makes the same
# tables, columns in the same order, constraints and index names, so every query runs on both.
# Tables go in the current schema (the search_path the connection sets). INTEGER stays INTEGER:
# sum() of it is bigint, a Python int, as SQLite gives (ids stop at 2**31 - 1, not 2**63 - 1).
# Each twin is one script, run by one execute without parameters (dollar-quoted bodies hold
# semicolons: never split it); none holds a question mark, a percent sign or a colon before a
# name, so it reads the same through pg.py's parameter translation.
#
# Ids: no sequence. SQLite gives an INTEGER PRIMARY KEY inserted without one max(id) + 1;
# dondoc_next_id() does the same before each insert, so ids are those SQLite would give
# (gap-free, explicit ids kept, `db copy` has no sequence to move). Safe because every dondoc
# write holds the one writer lock; two writers racing would collide on the primary key and
# fail, never share an id. It reads the whole table whatever row-level security shows the
# writer: SECURITY DEFINER, with a search_path of its own (pinned below, pg_temp last, so a
# temporary table cannot stand in for the register's).
#
# Refusals: dondoc_refuse() raises its trigger's argument, SQLite's words, as SQLSTATE 23000
# (integrity_constraint_violation): psycopg raises IntegrityError, as sqlite3 does for
# RAISE(ABORT). psycopg's str() of it adds a CONTEXT line: show diag.message_primary. Row
# triggers, as SQLite's: an UPDATE or DELETE that matches no row is no change and passes.
# TRUNCATE, which SQLite has not and which fires no DELETE trigger, is refused by a trigger
# on each append-only table and seal table (*_truncate, *_truncated), in the DELETE's words.
M001_INITIAL_PG = """
CREATE FUNCTION dondoc_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE FUNCTION dondoc_next_id() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF NEW.id IS NULL THEN
        EXECUTE 'SELECT COALESCE(max(id), 0) + 1 FROM '
                || quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME)
            INTO NEW.id;
    END IF;
    RETURN NEW;
END $$;
DO $$ BEGIN
    EXECUTE 'ALTER FUNCTION dondoc_next_id() SET search_path = '
            || quote_ident(current_schema()) || ', pg_temp';
END $$;

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    parent_id  INTEGER REFERENCES unit(id),
    email      TEXT,
    created_at TEXT NOT NULL
);
-- NOCASE folds ASCII letters only; so does lower() in a database of collation C (2.8).
CREATE UNIQUE INDEX unit_code ON unit (lower(code));
CREATE TRIGGER unit_next_id BEFORE INSERT ON unit
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();

CREATE TABLE directive (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL,
    number_key TEXT NOT NULL UNIQUE,
    issued     TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    issuer     TEXT,
    signer     TEXT,
    created_at TEXT NOT NULL
);
CREATE TRIGGER directive_next_id BEFORE INSERT ON directive
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();

CREATE TABLE task (
    id           INTEGER PRIMARY KEY,
    directive_id INTEGER NOT NULL REFERENCES directive(id),
    code         TEXT NOT NULL,
    content      TEXT NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    leader       TEXT,
    officer      TEXT,
    assigned     TEXT NOT NULL,
    due          TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (directive_id, code)
);
CREATE INDEX task_unit ON task(unit_id);
CREATE INDEX task_assigned ON task(assigned);
CREATE TRIGGER task_next_id BEFORE INSERT ON task
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();

CREATE TABLE task_co_unit (
    task_id INTEGER NOT NULL REFERENCES task(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (task_id, unit_id)
);

CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES task(id),
    kind        TEXT NOT NULL
                CHECK (kind IN ('progress', 'done', 'extend', 'cancel', 'reopen', 'change')),
    on_date     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    note        TEXT,
    ref         TEXT,
    percent     INTEGER CHECK (percent BETWEEN 0 AND 100),
    new_due     TEXT
);
CREATE INDEX event_task ON event(task_id, on_date, id);
CREATE TRIGGER event_next_id BEFORE INSERT ON event
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('events are appended, never changed');
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('events are appended, never deleted');
CREATE TRIGGER event_append_only_truncate BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('events are appended, never deleted');

CREATE TABLE task_span (
    task_id    INTEGER NOT NULL REFERENCES task(id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT NOT NULL,
    state      TEXT NOT NULL,
    due        TEXT,
    done_on    TEXT,
    PRIMARY KEY (task_id, valid_from)
);
CREATE INDEX span_alive ON task_span(valid_to, valid_from, state, task_id, due);
CREATE INDEX span_open ON task_span(state, valid_to, due, valid_from, task_id);
"""

# Reports group and filter spans by unit, directive and assigned date; reading those from task
# meant a million random lookups (completion over 1M tasks took 3.7 s). Each span now carries
# them, and the unit is per span because units get merged (a task passes to the successor).
M002_SPAN_KEYS = """
CREATE TABLE task_span_new (
    task_id      INTEGER NOT NULL REFERENCES task(id),
    valid_from   TEXT NOT NULL,            -- ISO date, inclusive
    valid_to     TEXT NOT NULL,            -- ISO date, exclusive; '9999-12-31' while it lasts
    state        TEXT NOT NULL,            -- open, cancelled, done_on_time, done_late
    due          TEXT,                     -- the deadline in force over the span
    done_on      TEXT,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),  -- the unit responsible over the span
    directive_id INTEGER NOT NULL REFERENCES directive(id),
    assigned     TEXT NOT NULL,
    PRIMARY KEY (task_id, valid_from)
) WITHOUT ROWID;
INSERT INTO task_span_new
    SELECT s.task_id, s.valid_from, s.valid_to, s.state, s.due, s.done_on,
           t.unit_id, t.directive_id, t.assigned
    FROM task_span s JOIN task t ON t.id = s.task_id;
DROP TABLE task_span;
ALTER TABLE task_span_new RENAME TO task_span;
-- The one index reports need: completion reads the spans alive at D from it alone, in
-- (unit, state) order so grouping needs no sort; overdue seeks its open spans per unit.
CREATE INDEX span_unit ON task_span(unit_id, state, valid_to, valid_from, due, directive_id,
                                    assigned);
-- Reports read units and dates from the spans now; every index costs each imported row.
DROP INDEX task_unit;
DROP INDEX task_assigned;
"""

# PostgreSQL adds the columns in place, where SQLite rebuilt the table: the same columns in the
# same order, filled from the task before they become NOT NULL (a register may have spans). The
# rebuild dropped m001's span indexes with the old table; here they are dropped by name.
M002_SPAN_KEYS_PG = """
ALTER TABLE task_span ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE task_span ADD COLUMN directive_id INTEGER REFERENCES directive(id);
ALTER TABLE task_span ADD COLUMN assigned TEXT;
UPDATE task_span s SET unit_id = t.unit_id, directive_id = t.directive_id, assigned = t.assigned
FROM task t WHERE t.id = s.task_id;
ALTER TABLE task_span ALTER COLUMN unit_id SET NOT NULL,
                      ALTER COLUMN directive_id SET NOT NULL,
                      ALTER COLUMN assigned SET NOT NULL;
DROP INDEX span_alive;
DROP INDEX span_open;
CREATE INDEX span_unit ON task_span(unit_id, state, valid_to, valid_from, due, directive_id,
                                    assigned);
DROP INDEX task_unit;
DROP INDEX task_assigned;
"""

# A unit's kind (Sở, quận/huyện, xã/phường, ...), as a province's unit sheet gives it.
M003_UNIT_KIND = """
ALTER TABLE unit ADD COLUMN kind TEXT;
"""

M003_UNIT_KIND_PG = M003_UNIT_KIND  # the same on PostgreSQL

# Working days (workdays.py): the days that break the Monday-Friday rule, from the holidays
# package a year at a time ('package') and the office's own ('local', which win); the years
# copied; settings; and a deadline as written when it was a period ('10 ngày làm việc') or a
# day off moved to the next working day.
M004_CALENDAR = """
CREATE TABLE calendar_day (
    day    TEXT NOT NULL,                  -- ISO date
    source TEXT NOT NULL CHECK (source IN ('package', 'local')),
    kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name   TEXT NOT NULL,
    PRIMARY KEY (day, source)
) WITHOUT ROWID;
CREATE TABLE calendar_year (
    year      INTEGER PRIMARY KEY,
    package   TEXT NOT NULL,               -- the holidays release it came from
    loaded_at TEXT NOT NULL
);
CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
ALTER TABLE task ADD COLUMN due_rule TEXT;
"""

M004_CALENDAR_PG = """
CREATE TABLE calendar_day (
    day    TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('package', 'local')),
    kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name   TEXT NOT NULL,
    PRIMARY KEY (day, source)
);
CREATE TABLE calendar_year (
    year      INTEGER PRIMARY KEY,
    package   TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
ALTER TABLE task ADD COLUMN due_rule TEXT;
"""

# Reorganisation: a unit ends on a date and may name a successor; its open tasks pass to the
# successor by a `change` event that names the unit taking over (event.unit_id), so the spans
# before the date keep the old unit and reports as of then show it as it was.
M005_UNIT_END = """
ALTER TABLE unit ADD COLUMN ended_on TEXT;
ALTER TABLE unit ADD COLUMN successor_id INTEGER REFERENCES unit(id);
ALTER TABLE event ADD COLUMN unit_id INTEGER REFERENCES unit(id);
"""

M005_UNIT_END_PG = M005_UNIT_END  # the same on PostgreSQL

# Recurring tasks (deadlines/recurring.py): the rule, and each instance's link to it.
M006_RECURRENCE = """
CREATE TABLE recurrence (
    id           INTEGER PRIMARY KEY,
    directive_id INTEGER NOT NULL REFERENCES directive(id),
    code         TEXT NOT NULL,            -- instances are CODE/2023-Q1 ...
    content      TEXT NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    leader       TEXT,
    officer      TEXT,
    every        TEXT NOT NULL CHECK (every IN ('month', 'quarter', 'half-year', 'year')),
    day          INTEGER,                  -- of the period's last month; NULL: its last day
    start        TEXT NOT NULL,            -- ISO date in the first period
    until        TEXT,                     -- no period begins after it
    created_at   TEXT NOT NULL,
    UNIQUE (directive_id, code)
);
ALTER TABLE task ADD COLUMN recurrence_id INTEGER REFERENCES recurrence(id);
"""

M006_RECURRENCE_PG = """
CREATE TABLE recurrence (
    id           INTEGER PRIMARY KEY,
    directive_id INTEGER NOT NULL REFERENCES directive(id),
    code         TEXT NOT NULL,
    content      TEXT NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    leader       TEXT,
    officer      TEXT,
    every        TEXT NOT NULL CHECK (every IN ('month', 'quarter', 'half-year', 'year')),
    day          INTEGER,
    start        TEXT NOT NULL,
    until        TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (directive_id, code)
);
CREATE TRIGGER recurrence_next_id BEFORE INSERT ON recurrence
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
ALTER TABLE task ADD COLUMN recurrence_id INTEGER REFERENCES recurrence(id);
"""

# Corrections: an event or a whole task entered by mistake is voided, never deleted. The void is
# a row of its own, kept for ever (who, when, why); a voided event stops counting in every report
# (spans.refresh leaves it out) and a voided task leaves them (it has no spans).
M007_VOID = """
CREATE TABLE void (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER UNIQUE REFERENCES event(id),
    task_id     INTEGER UNIQUE REFERENCES task(id),   -- a whole task entered by mistake
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL,             -- ISO moment (UTC)
    recorded_by TEXT,                      -- the login that voided it
    CHECK ((event_id IS NULL) != (task_id IS NULL))
);
CREATE TRIGGER void_append_only_update BEFORE UPDATE ON void
BEGIN SELECT RAISE(ABORT, 'voids are appended, never changed'); END;
CREATE TRIGGER void_append_only_delete BEFORE DELETE ON void
BEGIN SELECT RAISE(ABORT, 'voids are appended, never deleted'); END;
"""

M007_VOID_PG = """
CREATE TABLE void (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER UNIQUE REFERENCES event(id),
    task_id     INTEGER UNIQUE REFERENCES task(id),
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT,
    CHECK ((event_id IS NULL) <> (task_id IS NULL))
);
CREATE TRIGGER void_next_id BEFORE INSERT ON void
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
CREATE TRIGGER void_append_only_update BEFORE UPDATE ON void
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('voids are appended, never changed');
CREATE TRIGGER void_append_only_delete BEFORE DELETE ON void
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('voids are appended, never deleted');
CREATE TRIGGER void_append_only_truncate BEFORE TRUNCATE ON void
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('voids are appended, never deleted');
"""

# Corrections and reassignments (clerk/corrections): each field a clerk edits on a task, a unit or a
# directive, with its old and new value, when, by whom and why; kept for ever. A correction is
# true for every date; a reassignment (a task's unit from a date) has `from_date` and the
# `change` event that hands the task over (event.unit_id), which the spans are cut at.
M008_FIELD_CHANGE = """
CREATE TABLE field_change (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER REFERENCES task(id),
    unit_id      INTEGER REFERENCES unit(id),
    directive_id INTEGER REFERENCES directive(id),
    field        TEXT NOT NULL,            -- content, unit, due, name, email, number, ...
    old_value    TEXT,                     -- as stored (ISO dates), units by name
    new_value    TEXT,
    from_date    TEXT,                     -- a reassignment: the day it takes effect
    event_id     INTEGER REFERENCES event(id),  -- a reassignment: its `change` event
    note         TEXT,                     -- why
    recorded_at  TEXT NOT NULL,            -- ISO moment (UTC)
    recorded_by  TEXT,                     -- the login that made it
    CHECK ((task_id IS NOT NULL) + (unit_id IS NOT NULL) + (directive_id IS NOT NULL) = 1)
);
CREATE INDEX field_change_task ON field_change(task_id) WHERE task_id IS NOT NULL;
CREATE TRIGGER field_change_append_only_update BEFORE UPDATE ON field_change
BEGIN SELECT RAISE(ABORT, 'changes are appended, never changed'); END;
CREATE TRIGGER field_change_append_only_delete BEFORE DELETE ON field_change
BEGIN SELECT RAISE(ABORT, 'changes are appended, never deleted'); END;
"""

# PostgreSQL adds no booleans: each test becomes 0 or 1 first.
M008_FIELD_CHANGE_PG = """
CREATE TABLE field_change (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER REFERENCES task(id),
    unit_id      INTEGER REFERENCES unit(id),
    directive_id INTEGER REFERENCES directive(id),
    field        TEXT NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    from_date    TEXT,
    event_id     INTEGER REFERENCES event(id),
    note         TEXT,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT,
    CHECK ((task_id IS NOT NULL)::int + (unit_id IS NOT NULL)::int
           + (directive_id IS NOT NULL)::int = 1)
);
CREATE INDEX field_change_task ON field_change(task_id) WHERE task_id IS NOT NULL;
CREATE TRIGGER field_change_next_id BEFORE INSERT ON field_change
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
CREATE TRIGGER field_change_append_only_update BEFORE UPDATE ON field_change
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('changes are appended, never changed');
CREATE TRIGGER field_change_append_only_delete BEFORE DELETE ON field_change
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('changes are appended, never deleted');
CREATE TRIGGER field_change_append_only_truncate BEFORE TRUNCATE ON field_change
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('changes are appended, never deleted');
"""

# Tamper evidence (seal.py). Events, voids and changes are append-only, but INSERT OR REPLACE
# deletes the old row without firing DELETE triggers: refuse an insert whose id is taken. A
# task, directive or unit that history refers to is never deleted, even with foreign keys off
# (the sqlite3 shell's default). Each event gets a seal chained to the one before it, written
# by the trigger through the function every dondoc connection defines; the events a register
# holds already are sealed here, in id order, once.
M009_SEAL = """
CREATE TRIGGER event_never_replaced BEFORE INSERT ON event
WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'events are appended, never replaced'); END;
CREATE TRIGGER void_never_replaced BEFORE INSERT ON void
WHEN EXISTS (SELECT 1 FROM void WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'voids are appended, never replaced'); END;
CREATE TRIGGER field_change_never_replaced BEFORE INSERT ON field_change
WHEN EXISTS (SELECT 1 FROM field_change WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'changes are appended, never replaced'); END;

CREATE TRIGGER task_kept BEFORE DELETE ON task
WHEN EXISTS (SELECT 1 FROM event WHERE task_id = OLD.id)
  OR EXISTS (SELECT 1 FROM task_span WHERE task_id = OLD.id)
  OR EXISTS (SELECT 1 FROM task_co_unit WHERE task_id = OLD.id)
  OR EXISTS (SELECT 1 FROM void WHERE task_id = OLD.id)
  OR EXISTS (SELECT 1 FROM field_change WHERE task_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a task with a history is never deleted'); END;
CREATE TRIGGER directive_kept BEFORE DELETE ON directive
WHEN EXISTS (SELECT 1 FROM task WHERE directive_id = OLD.id)
  OR EXISTS (SELECT 1 FROM recurrence WHERE directive_id = OLD.id)
  OR EXISTS (SELECT 1 FROM field_change WHERE directive_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a directive that tasks refer to is never deleted'); END;
CREATE TRIGGER unit_kept BEFORE DELETE ON unit
WHEN EXISTS (SELECT 1 FROM task WHERE unit_id = OLD.id)
  OR EXISTS (SELECT 1 FROM task_co_unit WHERE unit_id = OLD.id)
  OR EXISTS (SELECT 1 FROM event WHERE unit_id = OLD.id)
  OR EXISTS (SELECT 1 FROM recurrence WHERE unit_id = OLD.id)
  OR EXISTS (SELECT 1 FROM unit WHERE parent_id = OLD.id OR successor_id = OLD.id)
  OR EXISTS (SELECT 1 FROM field_change WHERE unit_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a unit that tasks or events refer to is never deleted'); END;

-- No foreign key to event: a seal outlives an event deleted behind dondoc's back, as evidence.
CREATE TABLE event_seal (
    event_id INTEGER PRIMARY KEY,
    hash     TEXT NOT NULL   -- sha256 hex of json_array(the event's fields, the previous seal)
);
WITH RECURSIVE chain (id, hash) AS (
    SELECT NULL, NULL
    UNION ALL
    SELECT e.id, dondoc_seal_v1(json_array(e.id, e.task_id, e.kind, e.on_date, e.recorded_at,
                                           e.note, e.ref, e.percent, e.new_due, e.unit_id,
                                           chain.hash))
    FROM chain JOIN event e ON e.id = (SELECT min(id) FROM event
                                       WHERE chain.id IS NULL OR id > chain.id)
)
INSERT INTO event_seal (event_id, hash) SELECT id, hash FROM chain WHERE id IS NOT NULL;
CREATE TRIGGER event_seal_never_changed BEFORE UPDATE ON event_seal
BEGIN SELECT RAISE(ABORT, 'seals are never changed'); END;
CREATE TRIGGER event_seal_never_deleted BEFORE DELETE ON event_seal
BEGIN SELECT RAISE(ABORT, 'seals are never deleted'); END;
CREATE TRIGGER event_seal_never_replaced BEFORE INSERT ON event_seal
WHEN EXISTS (SELECT 1 FROM event_seal WHERE event_id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'seals are never replaced'); END;
-- The chain runs in id order: an event goes after the last one, and is sealed on the last seal.
CREATE TRIGGER event_sealed AFTER INSERT ON event
BEGIN
    SELECT RAISE(ABORT, 'events are appended after the last one')
    WHERE EXISTS (SELECT 1 FROM event WHERE id > NEW.id);
    INSERT INTO event_seal (event_id, hash) VALUES (NEW.id, dondoc_seal_v1(json_array(
        NEW.id, NEW.task_id, NEW.kind, NEW.on_date, NEW.recorded_at, NEW.note, NEW.ref,
        NEW.percent, NEW.new_due, NEW.unit_id,
        (SELECT hash FROM event_seal ORDER BY event_id DESC LIMIT 1))));
END;
"""

# PostgreSQL: no *_never_replaced triggers, as there is no INSERT OR REPLACE: the primary key
# refuses an id taken. Foreign keys are always on, so they refuse deleting a task, directive or
# unit that rows refer to, in their own words; the *_kept triggers say it in SQLite's, before
# the keys are checked: dondoc_kept() takes the refusal and the referring 'table.column's.
#
# The seal is computed by the database, as SQLite's trigger does it: dondoc_event_json() is
# SQLite's json_array(FIELDS) byte for byte (compact, null for NULL, integers bare, text as
# to_json writes it, which escapes as SQLite does: docs/postgresql.md 2.3), dondoc_seal_after()
# is seal.digest(seal.chained(fields, previous)). dondoc_seal_event() is SECURITY DEFINER with
# its own search_path, so row-level security cannot hide the last seal from it.
#
# SQLite's row trigger runs after each row; PostgreSQL's AFTER row triggers run when the
# statement ends, so an INSERT ... SELECT of several events finds all of them already in the
# table. "After the last one" is therefore asked of the seals: an event whose id is below one
# already sealed is refused (the same events are refused, one by one or in one statement).
#
# The backfill: a register is created by running every step at once, so it has no events at
# m009; one migrated step by step has, and gets them sealed in id order, as in SQLite.
M009_SEAL_PG = """
CREATE FUNCTION dondoc_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    referred boolean;
BEGIN
    FOR i IN 1 .. TG_NARGS - 1 LOOP
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || quote_ident(TG_TABLE_SCHEMA) || '.'
                || quote_ident(split_part(TG_ARGV[i], '.', 1)) || ' WHERE '
                || quote_ident(split_part(TG_ARGV[i], '.', 2)) || ' = $1)'
            INTO referred USING OLD.id;
        IF referred THEN
            RAISE EXCEPTION USING MESSAGE = TG_ARGV[0],
                                  ERRCODE = 'integrity_constraint_violation';
        END IF;
    END LOOP;
    RETURN OLD;
END $$;
CREATE TRIGGER task_kept BEFORE DELETE ON task
    FOR EACH ROW EXECUTE FUNCTION dondoc_kept('a task with a history is never deleted',
        'event.task_id', 'task_span.task_id', 'task_co_unit.task_id', 'void.task_id',
        'field_change.task_id');
CREATE TRIGGER directive_kept BEFORE DELETE ON directive
    FOR EACH ROW EXECUTE FUNCTION dondoc_kept('a directive that tasks refer to is never deleted',
        'task.directive_id', 'recurrence.directive_id', 'field_change.directive_id');
CREATE TRIGGER unit_kept BEFORE DELETE ON unit
    FOR EACH ROW EXECUTE FUNCTION dondoc_kept(
        'a unit that tasks or events refer to is never deleted',
        'task.unit_id', 'task_co_unit.unit_id', 'event.unit_id', 'recurrence.unit_id',
        'unit.parent_id', 'unit.successor_id', 'field_change.unit_id');

CREATE TABLE event_seal (
    event_id INTEGER PRIMARY KEY,
    hash     TEXT NOT NULL
);

-- SQLite's dondoc_seal_v1 (seal.digest): sha256, in hex, of the text's UTF-8.
CREATE FUNCTION dondoc_seal_v1(encoded text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to(encoded, 'UTF8')), 'hex')
$$;
-- A value as SQLite's json_array writes it: null, a bare integer, or a JSON string.
CREATE FUNCTION dondoc_json_value(value anyelement) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT COALESCE(to_json(value)::text, 'null')
$$;
-- seal.digest(seal.chained(fields, previous)): the seal of a row after the seal before it.
CREATE FUNCTION dondoc_seal_after(fields text, previous text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT dondoc_seal_v1(left(fields, -1) || ',' || dondoc_json_value(previous) || ']')
$$;
-- json_array(seal.FIELDS) of an event, as seal.Chain.walk_sql reads it in SQLite.
CREATE FUNCTION dondoc_event_json(e event) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT '[' || concat_ws(',', dondoc_json_value(e.id), dondoc_json_value(e.task_id),
                            dondoc_json_value(e.kind), dondoc_json_value(e.on_date),
                            dondoc_json_value(e.recorded_at), dondoc_json_value(e.note),
                            dondoc_json_value(e.ref), dondoc_json_value(e.percent),
                            dondoc_json_value(e.new_due), dondoc_json_value(e.unit_id)) || ']'
$$;

DO $$
DECLARE
    e event;
BEGIN
    FOR e IN SELECT * FROM event ORDER BY id LOOP
        INSERT INTO event_seal (event_id, hash) VALUES (e.id, dondoc_seal_after(
            dondoc_event_json(e), (SELECT hash FROM event_seal ORDER BY event_id DESC LIMIT 1)));
    END LOOP;
END $$;
CREATE TRIGGER event_seal_never_changed BEFORE UPDATE ON event_seal
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('seals are never changed');
CREATE TRIGGER event_seal_never_deleted BEFORE DELETE ON event_seal
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('seals are never deleted');
CREATE TRIGGER event_seal_never_truncated BEFORE TRUNCATE ON event_seal
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('seals are never deleted');

-- Once per statement, over the rows it inserted (a transition table), in id order, each
-- sealed on the seal before it: a bulk import's 68,000 completions cost one call of this
-- function, not one each (the chain itself stays one row after another).
CREATE FUNCTION dondoc_seal_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    e event;
    last_id integer;
    last_hash text;
BEGIN
    SELECT event_id, hash INTO last_id, last_hash FROM event_seal
    ORDER BY event_id DESC LIMIT 1;
    FOR e IN SELECT * FROM inserted ORDER BY id LOOP
        IF last_id > e.id THEN
            RAISE EXCEPTION USING MESSAGE = 'events are appended after the last one',
                                  ERRCODE = 'integrity_constraint_violation';
        END IF;
        last_hash := dondoc_seal_after(dondoc_event_json(e), last_hash);
        INSERT INTO event_seal (event_id, hash) VALUES (e.id, last_hash);
        last_id := e.id;
    END LOOP;
    RETURN NULL;
END $$;
DO $$ BEGIN
    EXECUTE 'ALTER FUNCTION dondoc_seal_event() SET search_path = '
            || quote_ident(current_schema()) || ', pg_temp';
END $$;
CREATE TRIGGER event_sealed AFTER INSERT ON event REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_seal_event();
"""

# Reminders sent to a unit about its tasks (chase/reminders.py): one row per task a message
# listed, written only once the mail server accepted the message. A table of its own rather
# than an event kind: the event table's CHECK on kind and its chained seals would need a
# rebuild of the table, and a reminder changes no status (reports never read it but to count).
# Append-only like the events. A reminder letter (chase/letter.py) is a reminder too: channel
# 'letter', letter_id the letter (m012; no foreign key here, as the table comes after; m010 was
# changed in place for it before any release). A task chased is never deleted already (m009's
# task_kept: it has spans), nor its unit (it held the task: the task's unit, or a
# reassignment event's).
M010_REMINDER = """
CREATE TABLE reminder (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES task(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),   -- the unit chased (the task's lead)
    on_date     TEXT NOT NULL,             -- ISO date the message was dated (remind --as-of)
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
    address     TEXT NOT NULL,             -- where it went (a letter: the unit it was sent to)
    message_id  TEXT,                      -- the Message-ID header, to find the message again
    recorded_at TEXT NOT NULL,             -- ISO moment (UTC) the server accepted it
    recorded_by TEXT,
    letter_id   INTEGER                    -- a letter's: letter(id), made by m012_letter
);
CREATE INDEX reminder_task ON reminder(task_id, on_date);
CREATE INDEX reminder_unit ON reminder(unit_id, on_date);
CREATE TRIGGER reminder_append_only_update BEFORE UPDATE ON reminder
BEGIN SELECT RAISE(ABORT, 'reminders are appended, never changed'); END;
CREATE TRIGGER reminder_append_only_delete BEFORE DELETE ON reminder
BEGIN SELECT RAISE(ABORT, 'reminders are appended, never deleted'); END;
CREATE TRIGGER reminder_never_replaced BEFORE INSERT ON reminder
WHEN EXISTS (SELECT 1 FROM reminder WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'reminders are appended, never replaced'); END;
"""

M010_REMINDER_PG = """
CREATE TABLE reminder (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES task(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    on_date     TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
    address     TEXT NOT NULL,
    message_id  TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT,
    letter_id   INTEGER
);
CREATE INDEX reminder_task ON reminder(task_id, on_date);
CREATE INDEX reminder_unit ON reminder(unit_id, on_date);
CREATE TRIGGER reminder_next_id BEFORE INSERT ON reminder
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
CREATE TRIGGER reminder_append_only_update BEFORE UPDATE ON reminder
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('reminders are appended, never changed');
CREATE TRIGGER reminder_append_only_delete BEFORE DELETE ON reminder
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('reminders are appended, never deleted');
CREATE TRIGGER reminder_append_only_truncate BEFORE TRUNCATE ON reminder
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('reminders are appended, never deleted');
"""

# The leaders' digest (chase/digest): each digest sent, to whom, as of which date, and the
# highest id of each table it covered, where the next digest to that recipient starts.
M011_DIGEST = """
CREATE TABLE digest_sent (
    id          INTEGER PRIMARY KEY,
    recipient   TEXT NOT NULL,             -- the address it was sent to
    as_of       TEXT NOT NULL,             -- ISO date the digest was as of
    marks       TEXT NOT NULL,             -- JSON: {"event": 120, "task": 36, ...}
    message_id  TEXT NOT NULL,
    sent_at     TEXT NOT NULL              -- ISO moment (UTC) the server accepted it
);
CREATE INDEX digest_sent_recipient ON digest_sent(recipient, id);
CREATE TRIGGER digest_sent_append_only_update BEFORE UPDATE ON digest_sent
BEGIN SELECT RAISE(ABORT, 'digests sent are appended, never changed'); END;
CREATE TRIGGER digest_sent_append_only_delete BEFORE DELETE ON digest_sent
BEGIN SELECT RAISE(ABORT, 'digests sent are appended, never deleted'); END;
CREATE TRIGGER digest_sent_never_replaced BEFORE INSERT ON digest_sent
WHEN EXISTS (SELECT 1 FROM digest_sent WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'digests sent are appended, never replaced'); END;
"""

M011_DIGEST_PG = """
CREATE TABLE digest_sent (
    id          INTEGER PRIMARY KEY,
    recipient   TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    marks       TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    sent_at     TEXT NOT NULL
);
CREATE INDEX digest_sent_recipient ON digest_sent(recipient, id);
CREATE TRIGGER digest_sent_next_id BEFORE INSERT ON digest_sent
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
CREATE TRIGGER digest_sent_append_only_update BEFORE UPDATE ON digest_sent
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('digests sent are appended, never changed');
CREATE TRIGGER digest_sent_append_only_delete BEFORE DELETE ON digest_sent
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('digests sent are appended, never deleted');
CREATE TRIGGER digest_sent_append_only_truncate BEFORE TRUNCATE ON digest_sent
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('digests sent are appended, never deleted');
"""

# The reminder letters (công văn đôn đốc) recorded once signed (chase/letter.py): one row per
# letter, the units and tasks it chased are its reminders (reminder.letter_id). A number runs per
# issuer per calendar year (Nghị định 30/2020/NĐ-CP): the same number twice in a year from the
# same issuer is refused. Append-only, like the reminders.
M012_LETTER = """
CREATE TABLE letter (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL,             -- as written: 01/CV-TCT
    number_key  TEXT NOT NULL,             -- letter.number_key: 1/cv-tct (01/CV-TCT too)
    issuer      TEXT NOT NULL,             -- as written in the issuer block
    issuer_key  TEXT NOT NULL,             -- text.fold(issuer)
    year        INTEGER NOT NULL,          -- of on_date: numbers run per calendar year
    on_date     TEXT NOT NULL,             -- ISO date of the letter (its date line)
    as_of       TEXT NOT NULL,             -- ISO date the late tasks were counted to
    subject     TEXT NOT NULL,             -- V/v ...
    reply_by    TEXT,                      -- ISO date the units are to report by
    signer      TEXT,
    position    TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT,
    UNIQUE (issuer_key, year, number_key)
);
CREATE TRIGGER letter_append_only_update BEFORE UPDATE ON letter
BEGIN SELECT RAISE(ABORT, 'letters are appended, never changed'); END;
CREATE TRIGGER letter_append_only_delete BEFORE DELETE ON letter
BEGIN SELECT RAISE(ABORT, 'letters are appended, never deleted'); END;
CREATE TRIGGER letter_never_replaced BEFORE INSERT ON letter
WHEN EXISTS (SELECT 1 FROM letter WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'letters are appended, never replaced'); END;
CREATE INDEX reminder_letter ON reminder(letter_id);
-- m010's letter_id has no foreign key (letter came after it): a trigger checks it instead.
CREATE TRIGGER reminder_letter_exists BEFORE INSERT ON reminder
WHEN NEW.letter_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM letter WHERE id = NEW.letter_id)
BEGIN SELECT RAISE(ABORT, 'a reminder cites a letter the register does not have'); END;
CREATE TRIGGER reminder_letter_channel BEFORE INSERT ON reminder
WHEN (NEW.channel = 'letter') <> (NEW.letter_id IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a letter reminder cites its letter, and only it does'); END;
"""

# PostgreSQL can add a foreign key to a table that exists: reminder_letter_exists is one, and
# reminder_letter_channel a CHECK, where SQLite needed triggers. Same rule, PostgreSQL's words.
M012_LETTER_PG = """
CREATE TABLE letter (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL,
    number_key  TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    issuer_key  TEXT NOT NULL,
    year        INTEGER NOT NULL,
    on_date     TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    subject     TEXT NOT NULL,
    reply_by    TEXT,
    signer      TEXT,
    position    TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT,
    UNIQUE (issuer_key, year, number_key)
);
CREATE TRIGGER letter_next_id BEFORE INSERT ON letter
    FOR EACH ROW EXECUTE FUNCTION dondoc_next_id();
CREATE TRIGGER letter_append_only_update BEFORE UPDATE ON letter
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('letters are appended, never changed');
CREATE TRIGGER letter_append_only_delete BEFORE DELETE ON letter
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('letters are appended, never deleted');
CREATE TRIGGER letter_append_only_truncate BEFORE TRUNCATE ON letter
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('letters are appended, never deleted');
CREATE INDEX reminder_letter ON reminder(letter_id);
ALTER TABLE reminder
    ADD CONSTRAINT reminder_letter_exists FOREIGN KEY (letter_id) REFERENCES letter(id),
    ADD CONSTRAINT reminder_letter_channel CHECK ((channel = 'letter') = (letter_id IS NOT NULL));
"""

# Plans read from their own document (sheets/documents.py) put their tasks under group rows
# ("I. CÔNG TÁC CẢI CÁCH THỂ CHẾ"): the group a task was listed under, as written.
M013_TASK_GROUP = """
ALTER TABLE task ADD COLUMN task_group TEXT;
"""

M013_TASK_GROUP_PG = M013_TASK_GROUP  # the same on PostgreSQL

# A unit's own copy on its reminders (remind): the supervising leader's address, say. Addresses
# ', ' between them, each one text.is_email; NULL for none. A correction like the e-mail.
# And reminders sealed as events are (m009, seal.py), in a chain of their own: a reminder is the
# office's proof that it chased a unit, and when. Those already recorded are sealed here.
M014_UNIT_CC = """
ALTER TABLE unit ADD COLUMN cc TEXT;

CREATE TABLE reminder_seal (
    reminder_id INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL   -- sha256 hex of json_array(the reminder's fields, previous seal)
);
WITH RECURSIVE chain (id, hash) AS (
    SELECT NULL, NULL
    UNION ALL
    SELECT r.id, dondoc_seal_v1(json_array(r.id, r.task_id, r.unit_id, r.on_date, r.channel,
                                           r.address, r.message_id, r.recorded_at,
                                           r.recorded_by, r.letter_id, chain.hash))
    FROM chain JOIN reminder r ON r.id = (SELECT min(id) FROM reminder
                                          WHERE chain.id IS NULL OR id > chain.id)
)
INSERT INTO reminder_seal (reminder_id, hash) SELECT id, hash FROM chain WHERE id IS NOT NULL;
CREATE TRIGGER reminder_seal_never_changed BEFORE UPDATE ON reminder_seal
BEGIN SELECT RAISE(ABORT, 'seals are never changed'); END;
CREATE TRIGGER reminder_seal_never_deleted BEFORE DELETE ON reminder_seal
BEGIN SELECT RAISE(ABORT, 'seals are never deleted'); END;
CREATE TRIGGER reminder_seal_never_replaced BEFORE INSERT ON reminder_seal
WHEN EXISTS (SELECT 1 FROM reminder_seal WHERE reminder_id = NEW.reminder_id)
BEGIN SELECT RAISE(ABORT, 'seals are never replaced'); END;
CREATE TRIGGER reminder_sealed AFTER INSERT ON reminder
BEGIN
    SELECT RAISE(ABORT, 'reminders are appended after the last one')
    WHERE EXISTS (SELECT 1 FROM reminder WHERE id > NEW.id);
    INSERT INTO reminder_seal (reminder_id, hash) VALUES (NEW.id, dondoc_seal_v1(json_array(
        NEW.id, NEW.task_id, NEW.unit_id, NEW.on_date, NEW.channel, NEW.address,
        NEW.message_id, NEW.recorded_at, NEW.recorded_by, NEW.letter_id,
        (SELECT hash FROM reminder_seal ORDER BY reminder_id DESC LIMIT 1))));
END;
"""

# PostgreSQL: reminders sealed as m009_seal's twin seals events, with the same functions.
M014_UNIT_CC_PG = """
ALTER TABLE unit ADD COLUMN cc TEXT;

CREATE TABLE reminder_seal (
    reminder_id INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL
);
-- json_array(seal.REMINDER_FIELDS) of a reminder.
CREATE FUNCTION dondoc_reminder_json(r reminder) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT '[' || concat_ws(',', dondoc_json_value(r.id), dondoc_json_value(r.task_id),
                            dondoc_json_value(r.unit_id), dondoc_json_value(r.on_date),
                            dondoc_json_value(r.channel), dondoc_json_value(r.address),
                            dondoc_json_value(r.message_id), dondoc_json_value(r.recorded_at),
                            dondoc_json_value(r.recorded_by),
                            dondoc_json_value(r.letter_id)) || ']'
$$;
DO $$
DECLARE
    r reminder;
BEGIN
    FOR r IN SELECT * FROM reminder ORDER BY id LOOP
        INSERT INTO reminder_seal (reminder_id, hash) VALUES (r.id, dondoc_seal_after(
            dondoc_reminder_json(r),
            (SELECT hash FROM reminder_seal ORDER BY reminder_id DESC LIMIT 1)));
    END LOOP;
END $$;
CREATE TRIGGER reminder_seal_never_changed BEFORE UPDATE ON reminder_seal
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('seals are never changed');
CREATE TRIGGER reminder_seal_never_deleted BEFORE DELETE ON reminder_seal
    FOR EACH ROW EXECUTE FUNCTION dondoc_refuse('seals are never deleted');
CREATE TRIGGER reminder_seal_never_truncated BEFORE TRUNCATE ON reminder_seal
    FOR EACH STATEMENT EXECUTE FUNCTION dondoc_refuse('seals are never deleted');

CREATE FUNCTION dondoc_seal_reminder() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM reminder_seal WHERE reminder_id > NEW.id) THEN
        RAISE EXCEPTION USING MESSAGE = 'reminders are appended after the last one',
                              ERRCODE = 'integrity_constraint_violation';
    END IF;
    INSERT INTO reminder_seal (reminder_id, hash) VALUES (NEW.id, dondoc_seal_after(
        dondoc_reminder_json(NEW),
        (SELECT hash FROM reminder_seal ORDER BY reminder_id DESC LIMIT 1)));
    RETURN NULL;
END $$;
DO $$ BEGIN
    EXECUTE 'ALTER FUNCTION dondoc_seal_reminder() SET search_path = '
            || quote_ident(current_schema()) || ', pg_temp';
END $$;
CREATE TRIGGER reminder_sealed AFTER INSERT ON reminder
    FOR EACH ROW EXECUTE FUNCTION dondoc_seal_reminder();
"""

# Who recorded each event (shown in `task show`): the login, as voids and changes have had it
# since m007/m008. On PostgreSQL the server's session user, by default; on SQLite the account
# dondoc runs as. And the logins of units on a shared server (register/access.py, `dondoc
# access`): which unit each may write for, and whether it may read only its own tasks. The
# table exists on SQLite too, unused, so the two schemas stay one.
M015_RECORDED_BY = """
ALTER TABLE event ADD COLUMN recorded_by TEXT;
CREATE TABLE unit_login (
    login      TEXT PRIMARY KEY,           -- a PostgreSQL login (role)
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    own_only   INTEGER NOT NULL DEFAULT 0 CHECK (own_only IN (0, 1)),  -- reads its tasks only
    granted_at TEXT NOT NULL,
    granted_by TEXT
);
"""

# Row-level security: what a unit's login may see and write, enforced by the server whoever
# connects (psql too). A login not in unit_login (the office's) sees and writes everything the
# server lets it; the owner of the tables (who ran the migrations) is not subject to policies
# at all. A unit's login (given SELECT and a few INSERTs by `dondoc access grant`) reads every
# task, or only its own (own_only), and records progress and completions on the tasks its unit
# leads, as itself: nothing else. The task spans its events change are rewritten by dondoc
# (spans.refresh), so it may rewrite those of its own tasks too. The functions read
# unit_login and task as their owner (SECURITY DEFINER, search_path pinned), so a policy does
# not hide from itself the rows it decides by.
M015_RECORDED_BY_PG = M015_RECORDED_BY + """
ALTER TABLE event ALTER COLUMN recorded_by SET DEFAULT session_user;

CREATE FUNCTION dondoc_login_unit() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT unit_id FROM unit_login WHERE login = session_user
$$;
-- $1: a unit's id, then a task's.
CREATE FUNCTION dondoc_may_see(integer) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER AS $$
    SELECT NOT EXISTS (SELECT 1 FROM unit_login WHERE login = session_user AND own_only = 1)
           OR $1 = (SELECT unit_id FROM unit_login WHERE login = session_user)
$$;
CREATE FUNCTION dondoc_may_see_task(integer) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER AS $$
    SELECT dondoc_may_see((SELECT unit_id FROM task WHERE id = $1))
$$;
CREATE FUNCTION dondoc_leads(integer) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER AS $$
    SELECT (SELECT unit_id FROM task WHERE id = $1) = dondoc_login_unit()
$$;
DO $$
DECLARE f text;
BEGIN
    FOREACH f IN ARRAY ARRAY['dondoc_login_unit()', 'dondoc_may_see(integer)',
                             'dondoc_may_see_task(integer)', 'dondoc_leads(integer)'] LOOP
        EXECUTE 'ALTER FUNCTION ' || f || ' SET search_path = '
                || quote_ident(current_schema()) || ', pg_temp';
    END LOOP;
END $$;

ALTER TABLE task ENABLE ROW LEVEL SECURITY;
CREATE POLICY office ON task USING (dondoc_login_unit() IS NULL);
CREATE POLICY unit_reads ON task FOR SELECT USING (dondoc_may_see(unit_id));

ALTER TABLE task_span ENABLE ROW LEVEL SECURITY;
CREATE POLICY office ON task_span USING (dondoc_login_unit() IS NULL);
CREATE POLICY unit_reads ON task_span FOR SELECT USING (dondoc_may_see(unit_id));
CREATE POLICY unit_refreshes ON task_span FOR DELETE USING (dondoc_leads(task_id));
CREATE POLICY unit_writes ON task_span FOR INSERT WITH CHECK (dondoc_leads(task_id));

ALTER TABLE event ENABLE ROW LEVEL SECURITY;
CREATE POLICY office ON event USING (dondoc_login_unit() IS NULL);
CREATE POLICY unit_reads ON event FOR SELECT USING (dondoc_may_see_task(task_id));
CREATE POLICY unit_writes ON event FOR INSERT
    WITH CHECK (kind IN ('progress', 'done') AND recorded_by = session_user
                AND unit_id IS NULL AND dondoc_leads(task_id));

ALTER TABLE task_co_unit ENABLE ROW LEVEL SECURITY;
CREATE POLICY office ON task_co_unit USING (dondoc_login_unit() IS NULL);
CREATE POLICY unit_reads ON task_co_unit FOR SELECT USING (dondoc_may_see_task(task_id));

ALTER TABLE reminder ENABLE ROW LEVEL SECURITY;
CREATE POLICY office ON reminder USING (dondoc_login_unit() IS NULL);
CREATE POLICY unit_reads ON reminder FOR SELECT USING (dondoc_may_see_task(task_id));
"""

# What a bulk load costs a server per row. Nothing changes on SQLite, whose checks run in
# process for next to nothing (and dropping a constraint there means rebuilding the table).
# - A span is derived from its task and events (spans.py), written only from rows read or
#   written in the same transaction, whose keys were checked when they were written; a server
#   checks a foreign key with a query per row: 1.5 s per 100,000 imported tasks for the
#   span's three. A unit's login may write only the spans of its own tasks (m015's policy),
#   and a task with spans is never deleted (m009's task_kept).
# - The id trigger is called only for a row without an id: an import numbers its own.
# - The event seals of a statement are inserted at once, not one INSERT per event.
M016_BULK_LOAD = ""
M016_BULK_LOAD_PG = """
ALTER TABLE task_span DROP CONSTRAINT task_span_task_id_fkey,
                      DROP CONSTRAINT task_span_unit_id_fkey,
                      DROP CONSTRAINT task_span_directive_id_fkey;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['unit', 'directive', 'task', 'event', 'recurrence', 'void',
                             'field_change', 'reminder', 'digest_sent', 'letter'] LOOP
        EXECUTE 'DROP TRIGGER ' || quote_ident(t || '_next_id') || ' ON ' || quote_ident(t);
        EXECUTE 'CREATE TRIGGER ' || quote_ident(t || '_next_id') || ' BEFORE INSERT ON '
                || quote_ident(t) || ' FOR EACH ROW WHEN (NEW.id IS NULL) '
                || 'EXECUTE FUNCTION dondoc_next_id()';
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION dondoc_seal_event() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER AS $$
DECLARE
    e event;
    last_id integer;
    last_hash text;
    ids integer[] := '{}';
    hashes text[] := '{}';
BEGIN
    SELECT event_id, hash INTO last_id, last_hash FROM event_seal
    ORDER BY event_id DESC LIMIT 1;
    FOR e IN SELECT * FROM inserted ORDER BY id LOOP
        IF last_id > e.id THEN
            RAISE EXCEPTION USING MESSAGE = 'events are appended after the last one',
                                  ERRCODE = 'integrity_constraint_violation';
        END IF;
        last_hash := dondoc_seal_after(dondoc_event_json(e), last_hash);
        ids := ids || e.id;
        hashes := hashes || last_hash;
        last_id := e.id;
    END LOOP;
    INSERT INTO event_seal (event_id, hash) SELECT * FROM unnest(ids, hashes);
    RETURN NULL;
END $$;
DO $$ BEGIN
    EXECUTE 'ALTER FUNCTION dondoc_seal_event() SET search_path = '
            || quote_ident(current_schema()) || ', pg_temp';
END $$;
"""

# (name, SQLite's SQL, PostgreSQL's SQL); applied in order, each in its own transaction
# with its bookkeeping row.
MIGRATIONS: list[tuple[str, str, str]] = [
    ("m001_initial", M001_INITIAL, M001_INITIAL_PG),
    ("m002_span_keys", M002_SPAN_KEYS, M002_SPAN_KEYS_PG),
    ("m003_unit_kind", M003_UNIT_KIND, M003_UNIT_KIND_PG),
    ("m004_calendar", M004_CALENDAR, M004_CALENDAR_PG),
    ("m005_unit_end", M005_UNIT_END, M005_UNIT_END_PG),
    ("m006_recurrence", M006_RECURRENCE, M006_RECURRENCE_PG),
    ("m007_void", M007_VOID, M007_VOID_PG),
    ("m008_field_change", M008_FIELD_CHANGE, M008_FIELD_CHANGE_PG),
    ("m009_seal", M009_SEAL, M009_SEAL_PG),
    ("m010_reminder", M010_REMINDER, M010_REMINDER_PG),
    ("m011_digest", M011_DIGEST, M011_DIGEST_PG),
    ("m012_letter", M012_LETTER, M012_LETTER_PG),
    ("m013_task_group", M013_TASK_GROUP, M013_TASK_GROUP_PG),
    ("m014_unit_cc", M014_UNIT_CC, M014_UNIT_CC_PG),
    ("m015_recorded_by", M015_RECORDED_BY, M015_RECORDED_BY_PG),
    ("m016_bulk_load", M016_BULK_LOAD, M016_BULK_LOAD_PG),
]
