-- Responses to POSTs that carried an Idempotency-Key, per API key, so a repeat gets the first answer
-- even after a restart. The request hash tells a repeat from a reuse of the key for another body.
CREATE TABLE IF NOT EXISTS ledger.idempotency (
    key_name        text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash    bytea NOT NULL,
    status          integer NOT NULL,
    body            text,
    location        text,
    etag            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key_name, idempotency_key)
);
