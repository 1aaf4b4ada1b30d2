-- The events of some streams up to a position, each stream in version order: what as-of reads fold (a page of the
-- incident list, a region's figures) when they show a past point.
SELECT position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash
FROM ledger.events
WHERE stream_id = ANY($1) AND position <= $2
ORDER BY stream_id, version
