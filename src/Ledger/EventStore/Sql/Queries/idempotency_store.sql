UPDATE ledger.idempotency SET status = @status, body = @body, location = @location, etag = @etag, position = @position
WHERE key_name = @key_name AND idempotency_key = @idempotency_key
