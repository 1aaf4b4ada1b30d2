INSERT INTO ledger.events
    (position, event_id, stream_id, version, type, data, recorded_at, recorded_by, correlation_id, causation_id, hash)
SELECT $1 + e.ord, e.event_id, e.stream_id, e.version, e.type, e.data, $2, e.recorded_by, e.correlation_id, e.causation_id, e.hash
FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::text[], $11::bytea[])
     WITH ORDINALITY AS e(event_id, stream_id, version, type, data, recorded_by, correlation_id, causation_id, hash, ord)
