-- Named releases (docs/CONTRACT.md §2): a name bound to a position of the log, for citing. A release never
-- changes: a name is taken once, and the database refuses to update or delete a release.
CREATE TABLE IF NOT EXISTS ledger.releases (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,127}$'),
    position    bigint NOT NULL CHECK (position >= 0),
    recorded_at timestamptz,
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    -- The signed checkpoint at the position, when the node holds a checkpoint key.
    checkpoint  jsonb
);

CREATE OR REPLACE TRIGGER releases_immutable
    BEFORE UPDATE OR DELETE ON ledger.releases
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();

CREATE OR REPLACE TRIGGER releases_no_truncate
    BEFORE TRUNCATE ON ledger.releases
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
