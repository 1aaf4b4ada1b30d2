SELECT source_id, name, kind, url, rank, effective_rank, registered_at FROM projections.sources ORDER BY source_id
