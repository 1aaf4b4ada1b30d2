-- The events of (@floor, @last] of the projection's types (all when @types is null) that its page did not hold:
-- committed at a position Marten's daemon had already passed.
SELECT position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash
FROM ledger.events
WHERE position > @floor AND position <= @last
  AND (@types::text[] IS NULL OR type = ANY(@types::text[]))
  AND position <> ALL(@known)
ORDER BY position
