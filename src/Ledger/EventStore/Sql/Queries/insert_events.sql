INSERT INTO ledger.mt_events
    (seq_id, id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id, headers, mt_dotnet_type, tenant_id, is_archived)
SELECT $1 + e.ord - 1, e.event_id, e.stream_id, e.version, e.type, e.data, $2, e.recorded_by, e.correlation_id, e.causation_id, e.headers,
       e.dotnet_type, '*DEFAULT*', false
FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[])
     WITH ORDINALITY AS e(event_id, stream_id, version, type, data, recorded_by, correlation_id, causation_id, headers, dotnet_type, ord)
