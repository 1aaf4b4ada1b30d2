-- The event store is Marten's: ledger.mt_events, ledger.mt_streams and ledger.mt_events_sequence, created by
-- Marten just before these scripts run (MartenEvents.CreateSchemaAsync). What the ledger adds on top of them (its
-- triggers, position allocation, view and index) is in R_event_store.sql, which runs at every start: a schema
-- change of Marten's that rebuilds mt_events drops them, and a script run once would never bring them back.
-- Only the refusal function stays here, for the numbered scripts after this one (releases, gaps) that use it.

-- Events are never updated or deleted: the database itself refuses it, whoever asks (Marten's archiving,
-- tombstones and stream deletion included; the ledger does not use them).
CREATE OR REPLACE FUNCTION ledger.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger events are immutable: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a revision, dispute or retraction event instead.';
END;
$$;
