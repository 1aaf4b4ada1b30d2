SELECT event_id, stream_id, version, type, data, position, recorded_at
FROM ledger.events
WHERE event_id = ANY($1)
