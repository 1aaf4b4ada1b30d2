INSERT INTO ledger.streams (stream_id, version, last_hash, updated_at)
SELECT s.stream_id, s.version, s.last_hash, $4
FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS s(stream_id, version, last_hash)
ON CONFLICT (stream_id) DO UPDATE
    SET version = excluded.version, last_hash = excluded.last_hash, updated_at = excluded.updated_at
    WHERE ledger.streams.version < excluded.version
