SELECT position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash
FROM ledger.events
WHERE stream_id = ANY($1)
ORDER BY stream_id, version
