-- The border crossing points an office answers for: its officers see the alerts raised at them
-- (entries of banned persons). An office that lists none answers for the crossing point that
-- has its own code.
CREATE TABLE office_crossing_points (
    office_code TEXT NOT NULL REFERENCES offices(code),
    bcp         TEXT NOT NULL,
    PRIMARY KEY (office_code, bcp)
);
CREATE INDEX office_crossing_points_bcp ON office_crossing_points(bcp);
