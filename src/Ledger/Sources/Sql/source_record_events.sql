-- The incident events a source's record is folded from, up to a position, in log order.
SELECT substr(stream_id, 10), type, data, version, position, recorded_at, recorded_by
FROM ledger.events
WHERE starts_with(stream_id, 'incident-') AND type = ANY(@types) AND position <= @position
ORDER BY position
