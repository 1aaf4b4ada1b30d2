-- Read-your-writes waits on this, not on polls: every move of a projection's progress in Marten's daemon table
-- is announced on ledger_progress at its commit, as "<shard>|<position>" (a deleted row, Marten's rebuild
-- teardown, announces 0). Updates that leave the position as it was (Marten's heartbeats) announce nothing.
CREATE OR REPLACE FUNCTION ledger.notify_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('ledger_progress', OLD.name || '|0');
        RETURN OLD;
    END IF;
    PERFORM pg_notify('ledger_progress', NEW.name || '|' || coalesce(NEW.last_seq_id, 0));
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER progress_notify AFTER INSERT OR DELETE ON ledger.mt_event_progression
    FOR EACH ROW EXECUTE FUNCTION ledger.notify_progress();
CREATE OR REPLACE TRIGGER progress_moved_notify AFTER UPDATE ON ledger.mt_event_progression
    FOR EACH ROW WHEN (OLD.last_seq_id IS DISTINCT FROM NEW.last_seq_id) EXECUTE FUNCTION ledger.notify_progress();
