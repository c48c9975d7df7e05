-- Watch lists: national entry bans (ground, issuing body, period) and other named lists, checked
-- by screening together with documents reported lost or stolen.

CREATE TABLE watch_entries (
    entry_id         INTEGER PRIMARY KEY,
    list             TEXT NOT NULL,
    person_id        INTEGER,
    surname          TEXT,
    given_names      TEXT,
    name_key         TEXT,
    birth_date       TEXT,
    nationality      TEXT,
    document_number  TEXT,
    document_folded  TEXT,
    ground           TEXT,
    issuing_body     TEXT,
    valid_from       TEXT,
    valid_to         TEXT,
    note             TEXT,
    created_by       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    lifted_at        INTEGER
);
CREATE INDEX watch_entries_name ON watch_entries(name_key);
CREATE INDEX watch_entries_document ON watch_entries(document_folded);
CREATE INDEX watch_entries_person ON watch_entries(person_id);
