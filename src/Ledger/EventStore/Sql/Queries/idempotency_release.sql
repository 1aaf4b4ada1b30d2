-- A command that failed (5xx) leaves no answer to replay: free the key for a retry.
DELETE FROM ledger.idempotency WHERE key_name = $1 AND idempotency_key = $2 AND status = 0
