-- Registrations at the place of stay (R4), submitted by hosts (hotels, landlords, employers)
-- and the portal: the arrival (or the move) they record, the deadline it was due by, and
-- whether it came late.

CREATE TABLE stay_registrations (
    person_id        BIGINT NOT NULL,
    registration_id  BIGINT NOT NULL,
    -- arrival (first registration of a stay) or move (re-registration at a new address).
    kind             TEXT NOT NULL,
    host_kind        TEXT NOT NULL,
    host_name        TEXT NOT NULL,
    host_tax_id      TEXT,
    address          TEXT NOT NULL,
    region           TEXT,
    arrival_date     TEXT NOT NULL,
    departure_date   TEXT,
    deadline         TEXT NOT NULL,
    late             BOOLEAN NOT NULL,
    -- The submitter's own reference: a re-sent registration is recognised by it.
    external_ref     TEXT,
    submitted_on     TEXT NOT NULL,
    submitted_at     BIGINT NOT NULL,
    submitted_by     TEXT NOT NULL,
    PRIMARY KEY (person_id, registration_id)
);
CREATE INDEX stay_registrations_arrival ON stay_registrations(person_id, arrival_date);
CREATE UNIQUE INDEX stay_registrations_ref ON stay_registrations(person_id, submitted_by, external_ref)
    WHERE external_ref IS NOT NULL;
