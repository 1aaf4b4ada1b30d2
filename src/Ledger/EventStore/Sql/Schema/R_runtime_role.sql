-- Least privilege (docs/CONTRACT.md §4): the ledger can run as a role that reads and appends events but can
-- neither change nor delete them, nor disable their triggers (only an owner can), nor set
-- session_replication_role (only a superuser can). The owner role migrates the schema and then grants this
-- role what it needs, at every start, so that tables added by later migrations are covered too.
CREATE OR REPLACE FUNCTION ledger.grant_runtime(runtime text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA ledger, projections TO %I', runtime);
    -- Marten's event tables: events are appended and read; a stream's row moves its version forward.
    EXECUTE format('GRANT SELECT, INSERT ON ledger.mt_events TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON ledger.mt_streams TO %I', runtime);
    EXECUTE format('GRANT SELECT ON ledger.events TO %I', runtime);
    -- Marten's async daemon keeps its own bookkeeping beside the events: each shard's progress and the high-water
    -- mark, projection floors, the gaps it skipped, events it could not apply. All of it is derived, like the read
    -- models; the events and streams themselves stay append-only (granted above).
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = 'ledger' AND tablename LIKE 'mt\_%' AND tablename NOT IN ('mt_events', 'mt_streams') LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ledger.%I TO %I', t, runtime);
    END LOOP;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ledger.idempotency TO %I', runtime);
    -- Releases are named and read, never changed (013_releases.sql).
    EXECUTE format('GRANT SELECT, INSERT ON ledger.releases TO %I', runtime);
    -- So are the checkpoints signed on a schedule (018_checkpoints.sql).
    EXECUTE format('GRANT SELECT, INSERT ON ledger.checkpoints TO %I', runtime);
    -- Positions the store left unused are recorded, never changed (015_position_gaps.sql).
    EXECUTE format('GRANT SELECT, INSERT ON ledger.position_gaps TO %I', runtime);
    EXECUTE format('GRANT SELECT ON ledger.schema_migrations TO %I', runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ledger TO %I', runtime);
    -- Positions come from allocate_positions only (R_event_store.sql): the runtime role may read the sequence, as
    -- Marten's daemon does to find the high-water mark, but not take or set a value of it (a nextval of its own
    -- would leave a gap the feed's ordering rule cannot account for).
    EXECUTE format('REVOKE USAGE, UPDATE ON ledger.mt_events_sequence FROM %I', runtime);
    -- Read models are derived and rebuilt from the log: the runtime role may rewrite them.
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA projections TO %I', runtime);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA projections TO %I', runtime);
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'orleans') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA orleans TO %I', runtime);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA orleans TO %I', runtime);
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA orleans TO %I', runtime);
    END IF;
END
$$;
