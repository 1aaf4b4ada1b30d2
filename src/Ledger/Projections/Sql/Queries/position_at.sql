-- The last position recorded at or before a time (0 before the first event), by the recording-time index (001, 016).
SELECT coalesce((SELECT position FROM ledger.events WHERE recorded_at <= $1 ORDER BY recorded_at DESC, position DESC LIMIT 1), 0)
