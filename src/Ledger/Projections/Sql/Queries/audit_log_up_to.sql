-- Every incident's and source's events up to a position, each stream in version order: what the read-model audit
-- folds again to check what the read models serve.
SELECT position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash
FROM ledger.events
WHERE position <= @position AND (starts_with(stream_id, @incidents) OR starts_with(stream_id, @sources))
ORDER BY stream_id, version
