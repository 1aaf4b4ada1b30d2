SELECT stream_id, version, last_hash
FROM ledger.streams
WHERE stream_id = ANY($1)
FOR UPDATE
