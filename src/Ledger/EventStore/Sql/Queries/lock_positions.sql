-- Serialises position allocation until this transaction ends; see 001_event_store.sql.
SELECT pg_advisory_xact_lock($1)
