-- Migration control: border events from the State Border Service and other sources, the stays
-- derived from them per person (kept in step with every ingested batch, so an overstay report
-- is an index lookup, not a rescan of the events), and the permits that make a stay lawful.
-- Person-centred tables carry person_id in their key for distribution by person_id.

CREATE TABLE border_events (
    -- The source's id: the idempotency key.
    event_id               TEXT PRIMARY KEY,
    person_id              INTEGER NOT NULL,
    direction              TEXT NOT NULL,
    -- Unix microseconds, UTC.
    occurred_at            INTEGER NOT NULL,
    -- Calendar date in the country's time zone (YYYY-MM-DD).
    local_date             TEXT NOT NULL,
    bcp                    TEXT NOT NULL,
    travel_mode            TEXT NOT NULL,
    document_number        TEXT,
    document_issuing_state TEXT,
    nationality            TEXT,
    permitted_days         INTEGER,
    visa_ref               TEXT,
    -- How the traveller was found: person_id, document, identity_match or created.
    link_method            TEXT NOT NULL,
    -- SHA-256 of the event's content: a re-send matches it, a reused id does not.
    fingerprint            TEXT NOT NULL,
    received_at            INTEGER NOT NULL,
    received_by            TEXT NOT NULL
);
CREATE INDEX border_events_person ON border_events(person_id, occurred_at);
CREATE INDEX border_events_date ON border_events(local_date);
CREATE INDEX border_events_review ON border_events(link_method) WHERE link_method <> 'document' AND link_method <> 'person_id';

CREATE TABLE stays (
    person_id              INTEGER NOT NULL,
    seq                    INTEGER NOT NULL,
    entry_date             TEXT,
    exit_date              TEXT,
    -- The day the stay certainly ended: the exit, or the next entry when an exit is missing;
    -- NULL while the person is present.
    ends_on                TEXT,
    period_until           TEXT,
    lawful_until           TEXT,
    rule_code              TEXT,
    permitted_days         INTEGER,
    flags                  TEXT NOT NULL DEFAULT '',
    nationality            TEXT,
    document_number        TEXT,
    document_issuing_state TEXT,
    PRIMARY KEY (person_id, seq)
);
CREATE INDEX stays_present ON stays(lawful_until) WHERE ends_on IS NULL;
CREATE INDEX stays_entry ON stays(entry_date);

CREATE TABLE permits (
    person_id   INTEGER NOT NULL,
    permit_id   INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    number      TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'valid',
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (person_id, permit_id)
);
CREATE UNIQUE INDEX permits_number ON permits(kind, number);
