-- Audit hardening. `INSERT OR REPLACE` deletes the row it replaces without firing delete
-- triggers (unless recursive triggers are on), so the newest entry could be rewritten; and the
-- head accepted a new hash while its seq stood still. Now an entry can only be added after the
-- newest one, and the head only moves forward onto the newest entry with that entry's hash (by
-- one or several entries at once, so one transaction may append a group).

CREATE TRIGGER audit_log_append_at_end BEFORE INSERT ON audit_log
WHEN NEW.seq <= (SELECT coalesce(max(seq), 0) FROM audit_log)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

DROP TRIGGER audit_head_forward_only;
-- An update that changes nothing is allowed: appends take the write lock with one.
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NOT (NEW.id IS OLD.id AND NEW.seq IS OLD.seq AND NEW.hash IS OLD.hash)
     AND (NEW.id IS NOT OLD.id
          OR NEW.seq <= OLD.seq
          OR NEW.seq IS NOT (SELECT max(seq) FROM audit_log)
          OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward, onto the newest audit entry'); END;
CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head
BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;

-- Signed checkpoints of the chain head (outside the chain): the key that signed lives in a
-- file outside the database, so whoever can write the database cannot forge one.
CREATE TABLE audit_checkpoints (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    signature  TEXT NOT NULL
);
-- (NEW.id is not yet assigned in a BEFORE INSERT trigger when the insert leaves it out, so the
-- test is for a row that would be replaced.)
CREATE TRIGGER audit_checkpoints_no_replace BEFORE INSERT ON audit_checkpoints
WHEN EXISTS (SELECT 1 FROM audit_checkpoints WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;

-- Alerts for administrators raised by the system itself (a failed audit verification or
-- checkpoint). `kind` names what happened; `details` is for the operator's log, not shown.
CREATE TABLE system_alerts (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    details  TEXT NOT NULL
);
CREATE INDEX system_alerts_at ON system_alerts(at);
