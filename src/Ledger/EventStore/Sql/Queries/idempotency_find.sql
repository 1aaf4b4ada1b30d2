SELECT request_hash, status, body, location, etag, position FROM ledger.idempotency WHERE key_name = $1 AND idempotency_key = $2
