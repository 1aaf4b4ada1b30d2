-- incident_count.sql as the incidents stood at position $5: the versions of their listings that held then.
SELECT count(*) FILTER (WHERE occurred_date >= $3 AND occurred_to <= $4),
       count(*) FILTER (WHERE NOT (occurred_date >= $3 AND occurred_to <= $4))
FROM projections.incident_versions
WHERE valid_from <= $5 AND (valid_to IS NULL OR valid_to > $5)
  AND NOT retracted
  AND ($1::text IS NULL OR country = $1)
  AND ($2::text[] IS NULL OR coalesce(admin1, '') = ANY($2))
  AND occurred_date <= $4 AND occurred_to >= $3
