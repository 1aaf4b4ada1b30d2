-- The event store: one append-only table of events and one row per stream holding its head.
-- Every statement is idempotent; the migrator also records that this script ran.

CREATE TABLE IF NOT EXISTS ledger.streams (
    stream_id  text PRIMARY KEY,
    version    bigint NOT NULL CHECK (version > 0),
    last_hash  bytea NOT NULL CHECK (length(last_hash) = 32),
    updated_at timestamptz NOT NULL
);

-- position is assigned by the appender under a transaction-scoped advisory lock, as head + 1, 2, ...:
-- it is gapless, and a reader that sees position p also sees every committed position below p.
CREATE TABLE IF NOT EXISTS ledger.events (
    position       bigint PRIMARY KEY CHECK (position > 0),
    event_id       uuid NOT NULL,
    stream_id      text NOT NULL,
    version        bigint NOT NULL CHECK (version > 0),
    type           text NOT NULL,
    data           jsonb NOT NULL,
    recorded_at    timestamptz NOT NULL,
    recorded_by    text NOT NULL,
    correlation_id text,
    causation_id   text,
    hash           bytea NOT NULL CHECK (length(hash) = 32),
    CONSTRAINT events_event_id_key UNIQUE (event_id),
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
);

CREATE INDEX IF NOT EXISTS events_recorded_at_idx ON ledger.events (recorded_at);

-- Events are never updated or deleted: the database itself refuses it.
CREATE OR REPLACE FUNCTION ledger.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger events are immutable: % refused on ledger.events', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a revision, dispute or retraction event instead.';
END;
$$;

CREATE OR REPLACE TRIGGER events_immutable
    BEFORE UPDATE OR DELETE ON ledger.events
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();

CREATE OR REPLACE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON ledger.events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
