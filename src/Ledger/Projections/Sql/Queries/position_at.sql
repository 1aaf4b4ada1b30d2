-- The last position recorded at or before a time: recorded_at never decreases as positions grow.
SELECT coalesce(max(position), 0) FROM ledger.events WHERE recorded_at <= $1
