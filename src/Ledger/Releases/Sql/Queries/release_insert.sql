INSERT INTO ledger.releases (name, position, recorded_at, note, created_by, checkpoint)
VALUES ($1, $2, (SELECT timestamp FROM ledger.mt_events WHERE seq_id <= $2 ORDER BY seq_id DESC LIMIT 1), $3, $4, $5::jsonb)
ON CONFLICT (name) DO NOTHING
RETURNING name, position, recorded_at, note, created_at, created_by, checkpoint::text
