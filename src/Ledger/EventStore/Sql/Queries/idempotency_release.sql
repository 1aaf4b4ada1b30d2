-- A command that failed (5xx) leaves no answer to replay: free the key for a retry.
DELETE FROM ledger.idempotency WHERE key_name = @key_name AND idempotency_key = @idempotency_key AND status = 0
