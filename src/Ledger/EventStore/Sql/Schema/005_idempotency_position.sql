-- A repeat answered from its Idempotency-Key carries the first answer's X-Ledger-Position too, so that a
-- client that retried can still read its own write with minPosition.
ALTER TABLE ledger.idempotency ADD COLUMN IF NOT EXISTS position bigint;
