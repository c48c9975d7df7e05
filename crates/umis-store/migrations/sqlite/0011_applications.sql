-- Applications (cases) and their decisions: the case row with its workflow state, legal clock
-- and optimistic-concurrency version; the timeline of every event; interagency checks;
-- attached scanned documents; the effective-dated policy rules and the holiday calendar the
-- clocks are counted on; the history of every permit. A case and its timeline, checks and
-- attachments form one co-located group keyed by application_id (the distribution column
-- under Citus); permits stay person-centred; rules and holidays are reference tables.

CREATE TABLE applications (
    application_id   INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    app_type         TEXT NOT NULL,
    person_id        INTEGER NOT NULL,
    office_code      TEXT NOT NULL,
    state            TEXT NOT NULL,
    is_open          INTEGER NOT NULL,
    outcome          TEXT,
    ground           TEXT,
    reasoning        TEXT,
    fields           TEXT NOT NULL,
    documents        TEXT NOT NULL,
    warnings         TEXT NOT NULL,
    lang             TEXT NOT NULL,
    filed_on         TEXT,
    registered_on    TEXT,
    deadline         TEXT,
    -- The deadline, or '9999-12-31' while the clock is stopped or not started: the queue's
    -- sort key, so that one index serves the queue on every backend.
    queue_due        TEXT NOT NULL,
    pauses           TEXT NOT NULL,
    paused_since     TEXT,
    assigned_to      TEXT,
    preparers        TEXT NOT NULL,
    proposed_by      TEXT,
    decided_by       TEXT,
    decided_on       TEXT,
    appeals          INTEGER NOT NULL,
    appealed_decider TEXT,
    permit_number    TEXT,
    version          INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX applications_queue ON applications(office_code, is_open, queue_due, application_id);
CREATE INDEX applications_queue_type ON applications(office_code, is_open, app_type, queue_due, application_id);
CREATE INDEX applications_queue_state ON applications(office_code, is_open, state, queue_due, application_id);
CREATE INDEX applications_assigned ON applications(assigned_to, is_open, queue_due, application_id);
CREATE INDEX applications_open_due ON applications(is_open, queue_due, application_id);
CREATE INDEX applications_person ON applications(person_id);

CREATE TABLE application_events (
    application_id INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    note           TEXT,
    details        TEXT NOT NULL,
    PRIMARY KEY (application_id, seq)
);

CREATE TABLE application_checks (
    check_id       INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL,
    agency         TEXT NOT NULL,
    question       TEXT NOT NULL,
    status         TEXT NOT NULL,
    requested_at   INTEGER NOT NULL,
    requested_by   TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    answer         TEXT,
    answer_text    TEXT,
    answered_at    INTEGER,
    answered_by    TEXT
);
CREATE INDEX application_checks_case ON application_checks(application_id);
CREATE INDEX application_checks_agency ON application_checks(agency, status, due_on);

CREATE TABLE application_attachments (
    attachment_id  INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL,
    doc_kind       TEXT NOT NULL,
    filename       TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    content        BLOB NOT NULL,
    uploaded_at    INTEGER NOT NULL,
    uploaded_by    TEXT NOT NULL
);
CREATE INDEX application_attachments_case ON application_attachments(application_id);

CREATE TABLE policy_rules (
    rule_id    INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,
    params     TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    legal_ref  TEXT NOT NULL,
    status     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX policy_rules_code ON policy_rules(code, valid_from);

CREATE TABLE holidays (
    day  TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

ALTER TABLE permits ADD COLUMN application_id INTEGER;
ALTER TABLE permits ADD COLUMN conditions TEXT;

CREATE TABLE permit_events (
    person_id INTEGER NOT NULL,
    permit_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    details   TEXT NOT NULL,
    PRIMARY KEY (person_id, permit_id, seq)
);

ALTER TABLE api_tokens ADD COLUMN agency TEXT;
