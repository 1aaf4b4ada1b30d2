-- Claims a key before its command runs (status 0 = in progress). A claim left by a process that died
-- is taken over after 30 seconds. Returns a row only to the request that now owns the key.
INSERT INTO ledger.idempotency (key_name, idempotency_key, request_hash, status) VALUES (@key_name, @idempotency_key, @request_hash, 0)
ON CONFLICT (key_name, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash, created_at = now()
    WHERE ledger.idempotency.status = 0 AND ledger.idempotency.created_at < now() - interval '30 seconds'
RETURNING 1
