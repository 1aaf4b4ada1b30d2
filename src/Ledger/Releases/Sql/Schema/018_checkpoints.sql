-- Signed checkpoints made on a schedule (Ledger:CheckpointInterval), beside the ones releases carry: what the log
-- held at a position, signed with a key kept outside the database. Like releases, they never change.
CREATE TABLE IF NOT EXISTS ledger.checkpoints (
    position   bigint PRIMARY KEY CHECK (position >= 0),
    signed_at  timestamptz NOT NULL,
    checkpoint jsonb NOT NULL
);

CREATE OR REPLACE TRIGGER checkpoints_immutable
    BEFORE UPDATE OR DELETE ON ledger.checkpoints
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();

CREATE OR REPLACE TRIGGER checkpoints_no_truncate
    BEFORE TRUNCATE ON ledger.checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
