-- The unified person registry: persons, their name variants, nationalities, identity documents
-- and the history of every change. Every person-centred table carries person_id in its key so
-- PostgreSQL deployments can distribute them by person_id (Citus).

CREATE TABLE persons (
    person_id       BIGINT PRIMARY KEY,
    external_id     TEXT UNIQUE,
    status          TEXT NOT NULL DEFAULT 'active',
    merged_into     BIGINT,
    sex             TEXT,
    birth_date      TEXT,
    birth_year      INTEGER,
    place_of_birth  TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX persons_birth_year ON persons(birth_year);

CREATE TABLE person_names (
    person_id    BIGINT NOT NULL REFERENCES persons(person_id),
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    surname      TEXT NOT NULL,
    given_names  TEXT,
    patronymic   TEXT,
    -- Set on variants copied from a record merged into this one (so a merge can be undone).
    source_person_id BIGINT,
    PRIMARY KEY (person_id, seq)
);

CREATE TABLE person_nationalities (
    person_id  BIGINT NOT NULL REFERENCES persons(person_id),
    country    TEXT NOT NULL,
    source_person_id BIGINT,
    PRIMARY KEY (person_id, country)
);

CREATE TABLE identity_documents (
    person_id       BIGINT NOT NULL REFERENCES persons(person_id),
    document_id     BIGINT NOT NULL,
    doc_type        TEXT NOT NULL,
    issuing_state   TEXT NOT NULL,
    number          TEXT NOT NULL,
    number_folded   TEXT NOT NULL,
    issue_date      TEXT,
    expiry_date     TEXT,
    status          TEXT NOT NULL DEFAULT 'valid',
    mrz             TEXT,
    source_person_id BIGINT,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (person_id, document_id)
);
CREATE INDEX identity_documents_number ON identity_documents(number_folded);

CREATE TABLE person_history (
    person_id  BIGINT NOT NULL REFERENCES persons(person_id),
    seq        INTEGER NOT NULL,
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    changes    TEXT NOT NULL,
    PRIMARY KEY (person_id, seq)
);
