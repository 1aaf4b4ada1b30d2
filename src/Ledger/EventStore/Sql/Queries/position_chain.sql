-- Every event up to a position, in position order, with its link in its stream's chain and its recording time.
SELECT seq_id, decode(headers ->> 'hash', 'hex'), timestamp
FROM ledger.mt_events
WHERE seq_id <= $1
ORDER BY seq_id
