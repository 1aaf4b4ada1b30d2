COPY ledger.events
    (position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash)
FROM STDIN (FORMAT BINARY)
