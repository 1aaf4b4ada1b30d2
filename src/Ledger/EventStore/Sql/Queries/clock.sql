-- Taken after the lock, so recorded_at never goes backwards as positions go forwards.
SELECT clock_timestamp(), coalesce((SELECT max(position) FROM ledger.events), 0)
