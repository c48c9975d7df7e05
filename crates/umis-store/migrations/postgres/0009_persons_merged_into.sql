-- Indexes for migration control. Records merged into a person are looked up by the survivor when that person's border events
-- and stays are rebuilt (a merged record's events count as the survivor's).
CREATE INDEX persons_merged_into ON persons(merged_into) WHERE merged_into IS NOT NULL;

-- The overstay report for a past date looks up the stays that ended after it.
CREATE INDEX stays_ends_on ON stays(ends_on) WHERE ends_on IS NOT NULL;
-- The overstay report reads the stays still open in person order.
CREATE INDEX stays_open_person ON stays(person_id) WHERE ends_on IS NULL;
