-- Alerts per office: an expulsion order belongs to the office of the officer who recorded it
-- (NULL: ordered through the API or by the system, seen nationally).
ALTER TABLE expulsion_orders ADD COLUMN office_code TEXT;
