SELECT request_hash, status, body, location, etag, position FROM ledger.idempotency
WHERE key_name = @key_name AND idempotency_key = @idempotency_key
