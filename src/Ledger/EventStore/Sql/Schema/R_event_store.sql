-- What the ledger adds to Marten's event tables (docs/CONTRACT.md §1), defined again at every start: a schema change
-- of Marten's that rebuilds mt_events (archived-stream partitioning, for one) drops triggers, views and indexes, and
-- this script puts them back. Start-up then checks that each stands (guards_missing.sql). Every statement is
-- idempotent, and what takes a lock on Marten's tables (a trigger, an index, the view) runs only when its guard is
-- missing or disabled: a node starting beside busy ones must not queue their appends behind its DDL.

-- A trigger of the ledger's on a table, created when missing and enabled when an owner disabled it.
CREATE OR REPLACE FUNCTION ledger.ensure_trigger(relation regclass, name text, definition text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE state "char";
BEGIN
    SELECT tgenabled INTO state FROM pg_trigger WHERE tgrelid = relation AND tgname = name;
    IF state IS NULL THEN
        EXECUTE definition;
    ELSIF state = 'D' THEN
        EXECUTE format('ALTER TABLE %s ENABLE TRIGGER %I', relation, name);
    END IF;
END;
$$;
REVOKE EXECUTE ON FUNCTION ledger.ensure_trigger(regclass, text, text) FROM PUBLIC;

-- Events are never updated or deleted: the database itself refuses it, whoever asks (Marten's archiving,
-- tombstones and stream deletion included; the ledger does not use them). refuse_event_change is in 001.
SELECT ledger.ensure_trigger('ledger.mt_events', 'events_immutable', $$
    CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON ledger.mt_events
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change()$$);

SELECT ledger.ensure_trigger('ledger.mt_events', 'events_no_truncate', $$
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ledger.mt_events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change()$$);

-- A stream's row moves forward only: its version grows with each append, and it is never archived,
-- renamed or deleted (a delete would cascade to its events).
CREATE OR REPLACE FUNCTION ledger.refuse_stream_rewind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.version >= OLD.version
       AND NEW.is_archived IS NOT DISTINCT FROM OLD.is_archived AND NEW.tenant_id IS NOT DISTINCT FROM OLD.tenant_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger streams only move forward: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

SELECT ledger.ensure_trigger('ledger.mt_streams', 'streams_forward_only', $$
    CREATE TRIGGER streams_forward_only BEFORE UPDATE OR DELETE ON ledger.mt_streams
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_stream_rewind()$$);

SELECT ledger.ensure_trigger('ledger.mt_streams', 'streams_no_truncate', $$
    CREATE TRIGGER streams_no_truncate BEFORE TRUNCATE ON ledger.mt_streams
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change()$$);

-- "As of a recording time" maps the time to the last position recorded by then: timestamps are taken when
-- positions are allocated, under one lock, so they never run backwards along positions; one index probe.
DO $$ BEGIN
    IF to_regclass('ledger.mt_events_timestamp_seq_idx') IS NULL THEN
        CREATE INDEX mt_events_timestamp_seq_idx ON ledger.mt_events (timestamp, seq_id);
    END IF;
END $$;

-- A key only the owner reads: allocate_positions signs what it gave a transaction with it, and the insert guard
-- below checks the signature, so the runtime role cannot make up an allocation of its own. (An earlier version kept
-- allocations in a table: writing and pruning it under the allocation lock cut allocations per second fivefold.)
DROP TABLE IF EXISTS ledger.position_allocations;
CREATE TABLE IF NOT EXISTS ledger.allocation_key (key bytea NOT NULL);
INSERT INTO ledger.allocation_key (key)
SELECT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
WHERE NOT EXISTS (SELECT 1 FROM ledger.allocation_key);
REVOKE ALL ON ledger.allocation_key FROM PUBLIC;

-- The signature of "transaction x was given positions first..last".
CREATE OR REPLACE FUNCTION ledger.allocation_signature(xid xid8, first_position bigint, last_position bigint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT encode(sha256(k.key || convert_to(format('%s:%s:%s', xid, first_position, last_position), 'UTF8')), 'hex')
    FROM ledger.allocation_key k
$$;
REVOKE EXECUTE ON FUNCTION ledger.allocation_signature(xid8, bigint, bigint) FROM PUBLIC;

-- Positions are allocated under a short session lock that also assigns the transaction its id, so that among
-- the ledger's writers a lower transaction id always holds lower positions. The feed relies on it
-- (settled_tail.sql): a gap below a committed event can only be filled by a transaction older than that
-- event's, still open. The lock is released before the function returns, not at commit: batches overlap.
-- An append decides first (under its streams' locks, lock_streams) and allocates only for what it accepted, so a
-- refused append leaves no position unused. SECURITY DEFINER: the runtime role takes positions only through here;
-- it has no USAGE on the sequence (R_runtime_role.sql). What it gave is signed into a transaction-local setting,
-- which the insert guard checks.
CREATE OR REPLACE FUNCTION ledger.allocate_positions(n integer, OUT first_position bigint, OUT recorded_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE xid xid8;
BEGIN
    -- The lock an INSERT would take anyway, taken now: Marten's daemon reads pg_locks on mt_events as evidence that
    -- a transaction may still fill a hole, and a role that cannot see other sessions in pg_stat_activity has
    -- nothing else to go on (DaemonLateCommitTests).
    LOCK TABLE ledger.mt_events IN ROW EXCLUSIVE MODE;
    PERFORM pg_advisory_lock(5495873993171927043); -- "LEDGER" + 3
    BEGIN
        xid := pg_current_xact_id();
        first_position := nextval('ledger.mt_events_sequence');
        -- n positions in two calls: under this lock no ledger writer takes one in between.
        IF n > 1 THEN
            PERFORM setval('ledger.mt_events_sequence', first_position + n - 1);
        END IF;
        recorded_at := clock_timestamp();
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        PERFORM pg_advisory_unlock(5495873993171927043);
        RAISE;
    END;
    PERFORM pg_advisory_unlock(5495873993171927043);
    PERFORM set_config('ledger.allocation', format('%s:%s:%s:%s', xid, first_position, first_position + n - 1,
        ledger.allocation_signature(xid, first_position, first_position + n - 1)), true);
END;
$$;

-- An event row takes only a position its own transaction was given by allocate_positions: neither nextval (the
-- runtime role has no USAGE on the sequence) nor a position made up in an INSERT can put an event where a reader
-- of the feed or Marten's daemon has already passed. One check per statement (COPY included), over its new rows.
CREATE OR REPLACE FUNCTION ledger.refuse_unallocated_events() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE given text[] := string_to_array(coalesce(current_setting('ledger.allocation', true), ''), ':');
        lowest bigint; highest bigint;
BEGIN
    SELECT min(seq_id), max(seq_id) INTO lowest, highest FROM added;
    IF coalesce(array_length(given, 1), 0) <> 4 OR given[1]::xid8 <> pg_current_xact_id()
       OR given[4] <> ledger.allocation_signature(given[1]::xid8, given[2]::bigint, given[3]::bigint)
       OR lowest < given[2]::bigint OR highest > given[3]::bigint THEN
        RAISE EXCEPTION 'an event takes its position from ledger.allocate_positions in its own transaction: % refused on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$;

SELECT ledger.ensure_trigger('ledger.mt_events', 'events_allocated', $$
    CREATE TRIGGER events_allocated AFTER INSERT ON ledger.mt_events REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_unallocated_events()$$);

-- The streams of one append transaction, locked for it in one order (two overlapping batches never deadlock),
-- before their heads are read: the append decides on heads no other ledger writer can move until it commits.
-- Advisory locks give the transaction no id, so allocate_positions still gives it its id.
CREATE OR REPLACE FUNCTION ledger.lock_streams(streams text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE k integer;
BEGIN
    FOR k IN SELECT DISTINCT hashtext(s) FROM unnest(streams) AS s ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(1279608904, k); -- "LEDH": a key space of its own
    END LOOP;
END;
$$;

-- Marten's columns in the ledger's words. The hash is the event's link in its stream's SHA-256 chain and the
-- command id the command that decided it, both kept in Marten's headers. (A change of its definition goes in a
-- numbered script: replacing a view every start would wait on, and then hold up, every reader of it.)
DO $$ BEGIN
    IF to_regclass('ledger.events') IS NULL THEN
        CREATE VIEW ledger.events AS
        SELECT e.seq_id AS position, e.id AS event_id, e.stream_id::text AS stream_id, e.version, e.type::text AS type,
               e.data, e.timestamp AS recorded_at, e.user_name::text AS recorded_by, e.correlation_id::text AS correlation_id,
               e.causation_id::text AS causation_id, decode(e.headers ->> 'hash', 'hex') AS hash
        FROM ledger.mt_events e;
    END IF;
END $$;
