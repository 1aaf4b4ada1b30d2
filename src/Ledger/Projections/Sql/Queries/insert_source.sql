INSERT INTO projections.sources (source_id, name, kind, url, rank, effective_rank, registered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (source_id) DO NOTHING
