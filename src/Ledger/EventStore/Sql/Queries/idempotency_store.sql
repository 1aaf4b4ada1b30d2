INSERT INTO ledger.idempotency (key_name, idempotency_key, request_hash, status, body, location, etag)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (key_name, idempotency_key) DO NOTHING
