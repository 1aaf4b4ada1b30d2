UPDATE ledger.idempotency SET status = $3, body = $4, location = $5, etag = $6, position = $7
WHERE key_name = $1 AND idempotency_key = $2
