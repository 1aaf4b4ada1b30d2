INSERT INTO ledger.mt_streams (id, version, timestamp, created, tenant_id, is_archived)
SELECT s.id, s.version, $3, $3, '*DEFAULT*', false
FROM unnest($1::text[], $2::bigint[]) AS s(id, version)
ON CONFLICT (id) DO UPDATE
    SET version = excluded.version, timestamp = excluded.timestamp
    WHERE ledger.mt_streams.version < excluded.version
