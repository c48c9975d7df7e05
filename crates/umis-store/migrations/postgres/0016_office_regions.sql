-- The regions an office answers for. Its officers (without national scope) see the overstays
-- and overdue registrations of persons whose latest registration at a place of stay during
-- their stay names one of these regions (compared without regard to case); persons with no
-- registration during their stay belong to the office of the crossing point where they
-- entered (see office_crossing_points).
CREATE TABLE office_regions (
    office_code TEXT NOT NULL REFERENCES offices(code),
    region      TEXT NOT NULL,
    PRIMARY KEY (office_code, region)
);

-- The crossing point of a stay's entry, kept with the stay by ingestion; stays stored before
-- take it from the first entry event of their entry day (the person's own or of a record
-- merged into them).
ALTER TABLE stays ADD COLUMN entry_bcp TEXT;
UPDATE stays SET entry_bcp = (
    SELECT e.bcp FROM border_events e
    WHERE (e.person_id = stays.person_id
           OR e.person_id IN (SELECT p.person_id FROM persons p
                              WHERE p.merged_into = stays.person_id))
      AND e.direction = 'entry' AND e.local_date = stays.entry_date
    ORDER BY e.occurred_at LIMIT 1
) WHERE entry_date IS NOT NULL;
