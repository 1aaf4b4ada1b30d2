-- The region events a source's regional record is folded from, up to a position, in log order.
SELECT substr(stream_id, 8), type, data
FROM ledger.events
WHERE starts_with(stream_id, 'region-') AND type = ANY(@types) AND position <= @position
ORDER BY position
