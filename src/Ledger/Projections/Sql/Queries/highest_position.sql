-- The highest committed position (one step down the primary key): a position above it belongs to no write yet.
SELECT coalesce(max(seq_id), 0) FROM ledger.mt_events
