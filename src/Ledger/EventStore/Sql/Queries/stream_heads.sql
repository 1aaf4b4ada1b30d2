SELECT stream_id, version, last_hash FROM ledger.streams
