-- Inspections of irregular migration: planned and carried out by inspectors at a place or
-- employer; the persons found, with their status of stay at that moment (a snapshot), the
-- violation (article of the Code of Administrative Offences), the decision (warning, fine,
-- regularisation, expulsion) and the fine (amount, due date, payment).

CREATE TABLE inspections (
    inspection_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_code      TEXT NOT NULL,
    place            TEXT NOT NULL,
    employer         TEXT,
    employer_tax_id  TEXT,
    planned_on       TEXT NOT NULL,
    carried_out_on   TEXT,
    inspectors       TEXT NOT NULL,
    status           TEXT NOT NULL,
    notes            TEXT,
    created_at       BIGINT NOT NULL,
    created_by       TEXT NOT NULL
);
CREATE INDEX inspections_planned ON inspections(planned_on);

CREATE TABLE inspection_findings (
    person_id         BIGINT NOT NULL,
    finding_id        BIGINT NOT NULL,
    inspection_id     BIGINT NOT NULL,
    found_on          TEXT NOT NULL,
    basis             TEXT NOT NULL,
    lawful_until      TEXT,
    overstay_days     BIGINT NOT NULL,
    violation_article TEXT,
    violation_text    TEXT,
    decision          TEXT,
    fine_amount       BIGINT,
    fine_due          TEXT,
    fine_paid_on      TEXT,
    expulsion_order   BIGINT,
    created_at        BIGINT NOT NULL,
    created_by        TEXT NOT NULL,
    PRIMARY KEY (person_id, finding_id)
);
CREATE INDEX inspection_findings_inspection ON inspection_findings(inspection_id);
