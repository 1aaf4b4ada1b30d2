-- Cells made from each incident's contributions rather than read from projections.tally_cells, for tallies by
-- perpetrator (see tallies.sql, whose {{cells}} this fills): the cells keep no perpetrator. Each incident gives the
-- rows of its own cells, as TallyCells makes them: one a party class and one for all classes ('*', where the incident
-- counts once), in its month cell when its dates lie within one month, and in its interval cell ('d'; 'x' when they
-- cross a month's end). The contribution and the listing version are those alive at position $8 (now when null);
-- $13 holds the perpetrators asked for (every perpetrator when null). x_* leave out the rows resting on claims.
WITH c AS (
    SELECT t.country, coalesce(t.admin1, '') AS admin1, t.occurred_date, t.occurred_to, t.category, t.party_class,
           coalesce(v.perpetrator, '') AS perpetrator, t.incident_id,
           t.low, t.best, t.high, t.unquantified, t.contested, t.disputed
    FROM projections.tally_contributions t
    JOIN projections.incident_versions v ON v.incident_id = t.incident_id
     AND v.valid_from <= coalesce($8::bigint, 9223372036854775807)
     AND (v.valid_to IS NULL OR v.valid_to > coalesce($8::bigint, 9223372036854775807))
    WHERE t.valid_from <= coalesce($8::bigint, 9223372036854775807)
      AND (t.valid_to IS NULL OR t.valid_to > coalesce($8::bigint, 9223372036854775807))
      AND ($13::text[] IS NULL OR v.perpetrator = ANY($13::text[]))
), r AS (
    SELECT country, admin1, occurred_date, occurred_to, category, party_class, perpetrator,
           1::bigint AS incidents, (low IS NOT NULL)::int::bigint AS quantified,
           coalesce(low, 0) AS low, coalesce(best, 0) AS best, coalesce(high, 0) AS high, unquantified::bigint AS unquantified,
           contested::int::bigint AS contested, disputed::int::bigint AS disputed,
           (NOT contested)::int::bigint AS x_incidents, (NOT contested AND low IS NOT NULL)::int::bigint AS x_quantified,
           CASE WHEN contested THEN 0 ELSE coalesce(low, 0) END AS x_low,
           CASE WHEN contested THEN 0 ELSE coalesce(best, 0) END AS x_best,
           CASE WHEN contested THEN 0 ELSE coalesce(high, 0) END AS x_high,
           CASE WHEN contested THEN 0 ELSE unquantified END::bigint AS x_unquantified,
           (NOT contested AND disputed)::int::bigint AS x_disputed
    FROM c
    UNION ALL
    SELECT country, admin1, occurred_date, occurred_to, category, '*', perpetrator,
           1, bool_or(low IS NOT NULL)::int, sum(coalesce(low, 0)), sum(coalesce(best, 0)), sum(coalesce(high, 0)), sum(unquantified),
           bool_or(contested)::int, bool_or(disputed)::int,
           bool_or(NOT contested)::int, coalesce(bool_or(low IS NOT NULL) FILTER (WHERE NOT contested), false)::int,
           coalesce(sum(low) FILTER (WHERE NOT contested), 0), coalesce(sum(best) FILTER (WHERE NOT contested), 0),
           coalesce(sum(high) FILTER (WHERE NOT contested), 0), coalesce(sum(unquantified) FILTER (WHERE NOT contested), 0),
           coalesce(bool_or(disputed) FILTER (WHERE NOT contested), false)::int
    FROM c
    GROUP BY incident_id, country, admin1, occurred_date, occurred_to, category, perpetrator
)
SELECT r.country, r.admin1, s.span, s.period, s.period_end, r.category, r.party_class, r.perpetrator,
       r.incidents, r.quantified, r.low, r.best, r.high, r.unquantified, r.contested, r.disputed,
       r.x_incidents, r.x_quantified, r.x_low, r.x_best, r.x_high, r.x_unquantified, r.x_disputed
FROM r
CROSS JOIN LATERAL (
    SELECT 'm'::char(1) AS span, date_trunc('month', r.occurred_date)::date AS period,
           (date_trunc('month', r.occurred_date) + interval '1 month' - interval '1 day')::date AS period_end
    WHERE date_trunc('month', r.occurred_date) = date_trunc('month', r.occurred_to)
    UNION ALL
    SELECT CASE WHEN date_trunc('month', r.occurred_date) = date_trunc('month', r.occurred_to) THEN 'd' ELSE 'x' END::char(1),
           r.occurred_date, r.occurred_to
) AS s
