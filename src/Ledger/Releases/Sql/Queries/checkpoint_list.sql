SELECT checkpoint::text FROM ledger.checkpoints ORDER BY position DESC LIMIT @limit
