-- The first statement of every append transaction: its streams, locked in one order (R_event_store.sql). It gives
-- the transaction no id: allocate.sql does, once the append has decided what it accepts.
SELECT ledger.lock_streams(@streams)
