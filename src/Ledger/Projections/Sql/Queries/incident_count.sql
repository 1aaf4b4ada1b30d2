-- Incidents (attacks) in an area and period, whatever their figures: what an attack count compares with. Those whose
-- dates lie wholly in the period, and those that overlap it without lying inside (straddling: not counted in).
SELECT count(*) FILTER (WHERE occurred_date >= $3 AND occurred_to <= $4),
       count(*) FILTER (WHERE NOT (occurred_date >= $3 AND occurred_to <= $4))
FROM projections.incidents
WHERE NOT retracted
  AND ($1::text IS NULL OR country = $1)
  AND ($2::text[] IS NULL OR coalesce(admin1, '') = ANY($2))
  AND occurred_date <= $4 AND occurred_to >= $3
