COPY ledger.mt_events
    (seq_id, id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id, headers, mt_dotnet_type, tenant_id, is_archived)
FROM STDIN (FORMAT BINARY)
