-- "As of a recording time" maps the time to the last position recorded by then. recordedAt never runs
-- backwards along positions (it is taken under the append lock), so that position is the first entry of a
-- backward scan of (recorded_at, position) from the time: one index probe, where max(position) with a filter
-- on recorded_at walked the primary key back from the head, over every event recorded since.
CREATE INDEX IF NOT EXISTS events_recorded_at_position_idx ON ledger.events (recorded_at, position);
DROP INDEX IF EXISTS ledger.events_recorded_at_idx;
