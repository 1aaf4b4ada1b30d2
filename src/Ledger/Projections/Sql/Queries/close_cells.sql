-- A cell's current version ends at the position of the first change in this batch.
UPDATE projections.tally_cells c
SET valid_to = k.position
FROM unnest($1::text[], $2::text[], $3::char(1)[], $4::date[], $5::date[], $6::text[], $7::text[], $8::bigint[])
     AS k(country, admin1, span, period, period_end, category, party_class, position)
WHERE c.span = k.span AND c.period = k.period AND c.period_end = k.period_end AND c.country = k.country AND c.admin1 = k.admin1
  AND c.category = k.category AND c.party_class = k.party_class AND c.valid_to IS NULL
