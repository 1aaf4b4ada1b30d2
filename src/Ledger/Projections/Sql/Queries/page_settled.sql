-- Whether nothing can appear at or below @last any more: no transaction still open that holds the lock every writer
-- of the ledger takes when it is given positions (allocate_positions: ROW EXCLUSIVE on mt_events, kept to its commit)
-- and is older than the transaction that wrote the event at @last. Read from pg_locks, which every role sees whole;
-- a projection's own transaction, which writes no event, never holds a page back. Only this database's locks count:
-- databases made from one template share their tables' oids.
SELECT NOT EXISTS (
    SELECT 1
    FROM pg_locks r
    JOIN pg_locks x ON x.pid = r.pid AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock' AND x.granted
    WHERE r.locktype = 'relation' AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND r.relation = 'ledger.mt_events'::regclass AND r.mode = 'RowExclusiveLock' AND r.granted
      AND r.pid <> pg_backend_pid()
      AND age(x.transactionid) > (SELECT age(e.xmin) FROM ledger.mt_events e WHERE e.seq_id = @last)
)
