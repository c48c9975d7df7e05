-- Audit hardening. An entry can only be added after the newest one (an upsert such as
-- `INSERT … ON CONFLICT (seq) DO UPDATE` is refused as well, by the update trigger), and the
-- head only moves forward onto the newest entry with that entry's hash (by one or several
-- entries at once, so one transaction may append a group).

CREATE FUNCTION audit_log_append_at_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq <= (SELECT coalesce(max(seq), 0) FROM audit_log) THEN
        RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_append_at_end BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_at_end();

-- An update that changes nothing is allowed: appends take the head's row lock with one.
CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash THEN
        RETURN NEW;
    END IF;
    IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <= OLD.seq
       OR NEW.seq IS DISTINCT FROM (SELECT max(seq) FROM audit_log)
       OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_log WHERE seq = NEW.seq) THEN
        RAISE EXCEPTION 'audit_head only moves forward, onto the newest audit entry';
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER audit_head_guard ON audit_head;
CREATE TRIGGER audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_head
FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();

-- Signed checkpoints of the chain head (outside the chain): the key that signed lives in a
-- file outside the database, so whoever can write the database cannot forge one.
CREATE TABLE audit_checkpoints (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    hash       TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    signature  TEXT NOT NULL
);
CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoints is append-only';
END;
$$;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();

-- Alerts for administrators raised by the system itself (a failed audit verification or
-- checkpoint). `kind` names what happened; `details` is for the operator's log, not shown.
CREATE TABLE system_alerts (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       BIGINT NOT NULL,
    kind     TEXT NOT NULL,
    details  TEXT NOT NULL
);
CREATE INDEX system_alerts_at ON system_alerts(at);
