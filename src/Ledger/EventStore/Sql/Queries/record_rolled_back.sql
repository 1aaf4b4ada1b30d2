-- The positions of a write that rolled back (see 015_position_gaps.sql); none when its events hold them after all
-- (a commit whose answer was lost).
INSERT INTO ledger.position_gaps (first_position, last_position, reason)
SELECT $1, $2, 'rolled-back' WHERE NOT EXISTS (SELECT 1 FROM ledger.mt_events WHERE seq_id BETWEEN $1 AND $2)
ON CONFLICT DO NOTHING
