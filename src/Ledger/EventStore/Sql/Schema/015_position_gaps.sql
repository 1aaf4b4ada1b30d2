-- Positions the store itself leaves unused, recorded when it leaves them, so that verify can tell them from a
-- deleted event: the positions of a batch's refused appends (a stale version, a repeated command), recorded in
-- the batch's own commit, and those of a write that failed and rolled back, recorded by the writer afterwards
-- when it still can (a writer killed mid-transaction leaves an unrecorded gap: verify names it, and a signed
-- checkpoint taken before it tells a deletion from that). Rows are never changed, like events.
CREATE TABLE IF NOT EXISTS ledger.position_gaps (
    first_position bigint PRIMARY KEY CHECK (first_position > 0),
    last_position  bigint NOT NULL CHECK (last_position >= first_position),
    reason         text NOT NULL CHECK (reason IN ('refused', 'rolled-back')),
    recorded_at    timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE TRIGGER position_gaps_immutable
    BEFORE UPDATE OR DELETE ON ledger.position_gaps
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();

CREATE OR REPLACE TRIGGER position_gaps_no_truncate
    BEFORE TRUNCATE ON ledger.position_gaps
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
