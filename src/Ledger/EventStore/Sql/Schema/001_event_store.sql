-- The event store is Marten's: ledger.mt_events, ledger.mt_streams and ledger.mt_events_sequence, created by
-- Marten just before these scripts run (MartenEvents.CreateSchemaAsync). This script adds what the ledger
-- promises on top of them (docs/CONTRACT.md §1) and one view that names Marten's columns in the ledger's words.

-- Events are never updated or deleted: the database itself refuses it, whoever asks (Marten's archiving,
-- tombstones and stream deletion included; the ledger does not use them).
CREATE OR REPLACE FUNCTION ledger.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger events are immutable: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a revision, dispute or retraction event instead.';
END;
$$;

CREATE OR REPLACE TRIGGER events_immutable
    BEFORE UPDATE OR DELETE ON ledger.mt_events
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();

CREATE OR REPLACE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON ledger.mt_events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();

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

CREATE OR REPLACE TRIGGER streams_forward_only
    BEFORE UPDATE OR DELETE ON ledger.mt_streams
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_stream_rewind();

CREATE OR REPLACE TRIGGER streams_no_truncate
    BEFORE TRUNCATE ON ledger.mt_streams
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();

-- "As of a recording time" maps the time to the last position recorded by then: timestamps are taken when
-- positions are allocated, under one lock, so they never run backwards along positions; one index probe.
CREATE INDEX IF NOT EXISTS mt_events_timestamp_seq_idx ON ledger.mt_events (timestamp, seq_id);

-- Positions are allocated under a short session lock that also assigns the transaction its id, so that among
-- the ledger's writers a lower transaction id always holds lower positions. The feed relies on it
-- (settled_tail.sql): a gap below a committed event can only be filled by a transaction older than that
-- event's, still open. The lock is released before the function returns, not at commit: batches overlap.
-- SECURITY DEFINER: the runtime role takes positions only through here; it cannot set the sequence itself.
CREATE OR REPLACE FUNCTION ledger.allocate_positions(n integer, OUT first_position bigint, OUT recorded_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_lock(5495873993171927043); -- "LEDGER" + 3
    BEGIN
        PERFORM pg_current_xact_id();
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
END;
$$;

-- Marten's columns in the ledger's words. The hash is the event's link in its stream's SHA-256 chain and the
-- command id the command that decided it, both kept in Marten's headers.
CREATE OR REPLACE VIEW ledger.events AS
SELECT e.seq_id AS position, e.id AS event_id, e.stream_id::text AS stream_id, e.version, e.type::text AS type,
       e.data, e.timestamp AS recorded_at, e.user_name::text AS recorded_by, e.correlation_id::text AS correlation_id,
       e.causation_id::text AS causation_id, decode(e.headers ->> 'hash', 'hex') AS hash
FROM ledger.mt_events e;
