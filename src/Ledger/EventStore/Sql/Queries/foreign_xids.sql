-- Transactions of other databases on the same cluster can fill no gap here, yet they share its snapshots.
-- Listed before the snapshot is taken, so that an id missing from the list is one that started after
-- this statement: younger than every event already committed, it cannot hold the feed back wrongly.
SELECT set_config('ledger.foreign_xids', coalesce(string_agg(backend_xid::text, ','), ''), false)
FROM pg_stat_activity
WHERE backend_xid IS NOT NULL AND datname <> current_database()
