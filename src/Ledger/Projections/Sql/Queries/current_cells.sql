-- The current version of each cell a batch touches; cells not yet written are simply absent.
SELECT c.country, c.admin1, c.span, c.period, c.period_end, c.category, c.party_class,
       c.incidents, c.quantified, c.low, c.best, c.high, c.unquantified, c.contested, c.disputed,
       c.x_incidents, c.x_quantified, c.x_low, c.x_best, c.x_high, c.x_unquantified, c.x_disputed
FROM unnest($1::text[], $2::text[], $3::char(1)[], $4::date[], $5::date[], $6::text[], $7::text[])
     AS k(country, admin1, span, period, period_end, category, party_class)
JOIN projections.tally_cells c
  ON c.span = k.span AND c.period = k.period AND c.period_end = k.period_end AND c.country = k.country AND c.admin1 = k.admin1
 AND c.category = k.category AND c.party_class = k.party_class AND c.valid_to IS NULL
