SELECT name, position, recorded_at, note, created_at, created_by, checkpoint::text FROM ledger.releases ORDER BY position, created_at
