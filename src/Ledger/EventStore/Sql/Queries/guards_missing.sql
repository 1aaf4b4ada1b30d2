-- The guards R_event_store.sql defines that do not stand (missing, or a trigger disabled): start-up refuses to run a
-- ledger without every one of them.
WITH triggers(relation, name) AS (VALUES
        ('ledger.mt_events', 'events_immutable'), ('ledger.mt_events', 'events_no_truncate'), ('ledger.mt_events', 'events_allocated'),
        ('ledger.mt_streams', 'streams_forward_only'), ('ledger.mt_streams', 'streams_no_truncate')),
     functions(name) AS (VALUES ('allocate_positions'), ('allocation_signature'), ('lock_streams'), ('refuse_event_change'), ('refuse_stream_rewind'), ('refuse_unallocated_events'))
SELECT 'trigger ' || t.name || ' on ' || t.relation FROM triggers t
WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = t.relation::regclass AND g.tgname = t.name AND g.tgenabled <> 'D')
UNION ALL
SELECT 'function ledger.' || f.name FROM functions f
WHERE NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'ledger' AND p.proname = f.name)
UNION ALL
SELECT 'index ledger.mt_events_timestamp_seq_idx' WHERE to_regclass('ledger.mt_events_timestamp_seq_idx') IS NULL
UNION ALL
SELECT 'view ledger.events' WHERE to_regclass('ledger.events') IS NULL
UNION ALL
SELECT 'table ledger.allocation_key' WHERE NOT EXISTS (SELECT 1 FROM ledger.allocation_key)
