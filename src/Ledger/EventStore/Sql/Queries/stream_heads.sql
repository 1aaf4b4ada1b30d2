SELECT id::text, version FROM ledger.mt_streams
