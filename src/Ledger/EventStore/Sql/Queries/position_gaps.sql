-- Runs of positions that no event holds, from position 1 up to the newest event.
SELECT prev + 1, seq_id - 1
FROM (SELECT seq_id, lag(seq_id, 1, 0::bigint) OVER (ORDER BY seq_id) AS prev FROM ledger.mt_events) s
WHERE seq_id > prev + 1
ORDER BY seq_id
