-- Marten's daemon records each shard's last committed position ("incidents:All"); its own high-water row is not a projection.
SELECT name, last_seq_id FROM ledger.mt_event_progression WHERE name <> 'HighWaterMark'
