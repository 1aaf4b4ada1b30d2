-- Newest first by date, then id; the cursor is the last (date, id) of the previous page.
SELECT state, version, last_position, reported_at, updated_at, occurred_date, incident_id
FROM projections.incidents
WHERE ($1::text IS NULL OR country = $1)
  AND ($2::text[] IS NULL OR admin1 = ANY($2))
  AND ($3::date IS NULL OR occurred_date >= $3)
  AND ($4::date IS NULL OR occurred_date <= $4)
  AND ($5::boolean IS NULL OR disputed = $5)
  AND ($6::text IS NULL OR type = $6)
  AND ($7::date IS NULL OR (occurred_date, incident_id) < ($7, $8))
  AND ($9 OR NOT retracted)
ORDER BY occurred_date DESC, incident_id DESC
LIMIT $10
