-- Persons whose stays must be derived again because border events of theirs were ingested.
-- Ingestion marks them in the transaction that stores the events; the stays are rebuilt from
-- the events afterwards (in the background after each batch, at the end of an import, and
-- before anything reads stays), so a crash never loses a pending rebuild. `mark` identifies
-- the batch that marked the person last: a rebuild clears the mark it read and only that one,
-- so an event that arrives during a rebuild leaves its person marked for the next.
CREATE TABLE stays_pending (
    person_id BIGINT PRIMARY KEY,
    mark      BIGINT NOT NULL
);

-- Flow statistics read the daily roll-up, never the events by date: the index on the events'
-- local date only slowed ingestion.
DROP INDEX border_events_date;
