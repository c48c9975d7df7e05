-- Statistics: a daily roll-up of border events by day, direction, crossing point, nationality
-- and travel mode. Every ingested batch adds the events it really inserted to it in the batch's
-- own transaction, so flow statistics over tens of millions of events read the roll-up (a few
-- hundred thousand rows a year) and never the events. An unknown nationality is 'XXX'.
CREATE TABLE stats_border_daily (
    local_date  TEXT NOT NULL,
    direction   TEXT NOT NULL,
    bcp         TEXT NOT NULL,
    nationality TEXT NOT NULL,
    travel_mode TEXT NOT NULL,
    events      BIGINT NOT NULL,
    PRIMARY KEY (local_date, direction, bcp, nationality, travel_mode)
);

INSERT INTO stats_border_daily (local_date, direction, bcp, nationality, travel_mode, events)
SELECT local_date, direction, bcp, COALESCE(nationality, 'XXX'), travel_mode, COUNT(*)
FROM border_events
GROUP BY local_date, direction, bcp, COALESCE(nationality, 'XXX'), travel_mode;

-- Period statistics on applications and permits read by date.
CREATE INDEX applications_filed_on ON applications(filed_on);
CREATE INDEX applications_decided_on ON applications(decided_on);
CREATE INDEX permits_valid_from ON permits(valid_from);
-- The stock of foreigners present today, read from the index alone.
CREATE INDEX stays_open ON stays(nationality, entry_date, lawful_until, permitted_days, person_id)
    WHERE ends_on IS NULL;
CREATE INDEX inspection_findings_found_on ON inspection_findings(found_on);
