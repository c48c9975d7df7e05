-- Statistics read from indexes alone (no table lookups) at national scale.
-- Stays that have ended: the stock and the overstays of a past day read those that ended after
-- it with the days and the nationality they need. Replaces the index on `ends_on` alone (the
-- overstay report reads this one in the same order).
DROP INDEX stays_ends_on;
CREATE INDEX stays_ended ON stays(ends_on, entry_date, lawful_until, nationality, person_id)
    WHERE ends_on IS NOT NULL;
-- Valid permits on a day, per kind and holder.
CREATE INDEX permits_valid_on ON permits(status, valid_from, valid_to, kind, person_id);
-- Applications received and decided in a period, and the backlog, per type.
DROP INDEX applications_filed_on;
CREATE INDEX applications_filed_on ON applications(filed_on, app_type);
DROP INDEX applications_decided_on;
CREATE INDEX applications_decided_on
    ON applications(decided_on, app_type, outcome, deadline, registered_on);
CREATE INDEX applications_backlog ON applications(is_open, app_type, deadline);
