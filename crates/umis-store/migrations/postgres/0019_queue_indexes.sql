-- The work queue's indexes carry the columns its views filter on after the leading ones, so a
-- view is read in queue order and counted from the index alone, without a visit to each case
-- row: an officer's own cases ("mine", and the home page's figures of the officer's cases)
-- within the officer's office, and a state within one type (e.g. proposals of temporary
-- residence). A national officer's "mine" uses the same index.
DROP INDEX applications_assigned;
CREATE INDEX applications_assigned ON applications(assigned_to, is_open, queue_due, application_id, office_code);
DROP INDEX applications_queue_state;
CREATE INDEX applications_queue_state ON applications(office_code, is_open, state, queue_due, application_id, app_type);
