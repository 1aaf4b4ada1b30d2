-- Each stream's head and its last hash, locked in id order (two overlapping batches never deadlock on them).
SELECT s.id::text, s.version, decode(e.headers ->> 'hash', 'hex')
FROM ledger.mt_streams s
JOIN ledger.mt_events e ON e.stream_id = s.id AND e.version = s.version
WHERE s.id = ANY($1)
ORDER BY s.id
FOR UPDATE OF s
