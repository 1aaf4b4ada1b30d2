-- Every actor stream's events up to a position, each stream in version order: what the registry is folded from.
SELECT position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash
FROM ledger.events
WHERE starts_with(stream_id, @prefix) AND position <= @position
ORDER BY stream_id, version
