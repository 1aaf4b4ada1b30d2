-- The keys of the cells a batch wrote for the first time (their versions are written just before), for as-of tallies
-- (cells_as_of.sql).
INSERT INTO projections.tally_cell_keys (cell, country, admin1, span, period, period_end, category, party_class)
SELECT c.cell, c.country, c.admin1, c.span, c.period, c.period_end, c.category, c.party_class
FROM unnest($1::text[], $2::text[], $3::char(1)[], $4::date[], $5::date[], $6::text[], $7::text[])
     AS k(country, admin1, span, period, period_end, category, party_class)
JOIN projections.tally_cells c
  ON c.span = k.span AND c.period = k.period AND c.period_end = k.period_end AND c.country = k.country AND c.admin1 = k.admin1
 AND c.category = k.category AND c.party_class = k.party_class AND c.valid_to IS NULL
