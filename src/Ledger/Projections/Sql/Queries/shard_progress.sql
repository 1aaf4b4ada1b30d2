-- A projection's committed progress (its shards are "name:All"; a rebuild starts it again from nothing).
SELECT coalesce(max(last_seq_id), 0) FROM ledger.mt_event_progression WHERE name = @name OR name LIKE @name || ':%'
