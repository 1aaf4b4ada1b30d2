INSERT INTO projections.regional_figure_history
    (position, region_id, figure_id, version, type, recorded_at, recorded_by, value_before, value_after, reason)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $7::text[],
                     $8::jsonb[], $9::jsonb[], $10::text[])
