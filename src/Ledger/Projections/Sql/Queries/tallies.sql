-- {{keys}} and {{group_by}} are filled only from TallyQueries' fixed list of dimensions; {{alive}} is
-- "valid_to IS NULL" for the current tally, or the rows alive at position $8 for an as-of tally.
-- Rows are first collapsed per incident (so incidents count with a hash aggregate, not a sort for
-- count(DISTINCT)), then per group. An incident is contested in a row when any of its numbers there rests
-- on claims alone; $7 (claims=exclude) leaves such contributions out.
SELECT {{outer_keys}}
       sum(low), sum(best), sum(high), count(*), coalesce(sum(unquantified), 0),
       count(*) FILTER (WHERE contested), count(*) FILTER (WHERE disputed)
FROM (
    SELECT {{keys}} incident_id, sum(low) AS low, sum(best) AS best, sum(high) AS high, sum(unquantified) AS unquantified,
           bool_or(contested) AS contested, bool_or(disputed) AS disputed
    FROM projections.tally_contributions
    WHERE {{alive}}
      AND ($1::text IS NULL OR country = $1)
      AND ($2::text[] IS NULL OR admin1 = ANY($2))
      AND ($3::date IS NULL OR occurred_date >= $3)
      AND ($4::date IS NULL OR occurred_date <= $4)
      AND ($5::text IS NULL OR category = $5)
      AND ($6::text IS NULL OR party_class = $6)
      AND NOT ($7::boolean AND contested)
    GROUP BY {{keys}} incident_id
) AS per_incident
{{group_by}}
