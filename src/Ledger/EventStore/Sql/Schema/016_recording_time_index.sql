-- The recording-time index of 001 again: until Marten was told to leave it alone, its schema update dropped it at
-- every start after the first, and reads as of a time scanned every event. Nothing to do where it still stands.
CREATE INDEX IF NOT EXISTS mt_events_timestamp_seq_idx ON ledger.mt_events (timestamp, seq_id);
