-- Each stream's head and its last hash, read after lock_streams.sql locked them for this transaction.
SELECT s.id::text, s.version, decode(e.headers ->> 'hash', 'hex')
FROM ledger.mt_streams s
JOIN ledger.mt_events e ON e.stream_id = s.id AND e.version = s.version
WHERE s.id = ANY(@streams)
