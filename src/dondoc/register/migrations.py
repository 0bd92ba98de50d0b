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

# A unit's kind (Sở, quận/huyện, xã/phường, ...), as a province's unit sheet gives it.
M003_UNIT_KIND = """
ALTER TABLE unit ADD COLUMN kind TEXT;
"""

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

# Reorganisation: a unit ends on a date and may name a successor; its open tasks pass to the
# successor by a `change` event that names the unit taking over (event.unit_id), so the spans
# before the date keep the old unit and reports as of then show it as it was.
M005_UNIT_END = """
ALTER TABLE unit ADD COLUMN ended_on TEXT;
ALTER TABLE unit ADD COLUMN successor_id INTEGER REFERENCES unit(id);
ALTER TABLE event ADD COLUMN unit_id INTEGER REFERENCES unit(id);
"""

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

# Plans read from their own document (sheets/documents.py) put their tasks under group rows
# ("I. CÔNG TÁC CẢI CÁCH THỂ CHẾ"): the group a task was listed under, as written.
M013_TASK_GROUP = """
ALTER TABLE task ADD COLUMN task_group TEXT;
"""

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

# (name, SQL); applied in order, each in its own transaction with its bookkeeping row.
MIGRATIONS: list[tuple[str, str]] = [
    ("m001_initial", M001_INITIAL),
    ("m002_span_keys", M002_SPAN_KEYS),
    ("m003_unit_kind", M003_UNIT_KIND),
    ("m004_calendar", M004_CALENDAR),
    ("m005_unit_end", M005_UNIT_END),
    ("m006_recurrence", M006_RECURRENCE),
    ("m007_void", M007_VOID),
    ("m008_field_change", M008_FIELD_CHANGE),
    ("m009_seal", M009_SEAL),
    ("m010_reminder", M010_REMINDER),
    ("m011_digest", M011_DIGEST),
    ("m012_letter", M012_LETTER),
    ("m013_task_group", M013_TASK_GROUP),
    ("m014_unit_cc", M014_UNIT_CC),
]
