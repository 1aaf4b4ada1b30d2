-- Incidents (attacks) in an area and period, whatever their figures: what an attack count compares with.
SELECT count(*) FROM projections.incidents
WHERE NOT retracted
  AND ($1::text IS NULL OR country = $1)
  AND ($2::text[] IS NULL OR admin1 = ANY($2))
  AND occurred_date BETWEEN $3 AND $4
