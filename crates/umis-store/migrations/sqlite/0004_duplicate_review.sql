-- The duplicate-review queue: pairs of persons that are likely the same (found when a person is
-- registered or changed, or by a scan of the whole registry), and what an officer decided about
-- each pair. A pair is stored once, the lower person number first.

CREATE TABLE duplicate_candidates (
    person_a     INTEGER NOT NULL REFERENCES persons(person_id),
    person_b     INTEGER NOT NULL REFERENCES persons(person_id),
    score        REAL NOT NULL,
    -- open | not_duplicate | merged
    status       TEXT NOT NULL DEFAULT 'open',
    found_at     INTEGER NOT NULL,
    decided_by   TEXT,
    decided_at   INTEGER,
    reason       TEXT,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
);
CREATE INDEX duplicate_candidates_queue ON duplicate_candidates(status, score);
CREATE INDEX duplicate_candidates_b ON duplicate_candidates(person_b);

-- Merged records, newest first, for the administrators' undo list.
CREATE INDEX persons_merged ON persons(updated_at) WHERE status = 'merged';
