INSERT INTO projections.incident_history
    (position, incident_id, version, type, recorded_at, recorded_by, figure_id, dispute_id,
     value_before, value_after, status_before, status_after, reason)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
                     $9::jsonb[], $10::jsonb[], $11::text[], $12::text[], $13::text[])
