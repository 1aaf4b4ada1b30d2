-- Each contribution adds its numbers at valid_from and takes them away at valid_to; the running sum
-- over positions is the tally after each change. Positions where nothing moved are left out.
WITH c AS (
    SELECT * FROM projections.tally_contributions
    WHERE ($1::text IS NULL OR country = $1)
      AND ($2::text[] IS NULL OR coalesce(admin1, '') = ANY($2))
      AND ($3::date IS NULL OR occurred_date >= $3)
      AND ($4::date IS NULL OR occurred_to <= $4)
      AND ($5::text IS NULL OR category = $5)
      AND ($6::text IS NULL OR party_class = $6)
      AND NOT ($7::boolean AND contested)
), deltas AS (
    SELECT valid_from AS position, coalesce(low, 0) AS low, coalesce(best, 0) AS best, coalesce(high, 0) AS high FROM c
    UNION ALL
    SELECT valid_to, -coalesce(low, 0), -coalesce(best, 0), -coalesce(high, 0) FROM c WHERE valid_to IS NOT NULL
), moves AS (
    SELECT position, sum(low) AS low, sum(best) AS best, sum(high) AS high
    FROM deltas GROUP BY position
    HAVING sum(low) <> 0 OR sum(best) <> 0 OR sum(high) <> 0
)
-- The running sums cover every move; only the page after $8 (at most $9 rows) is joined to its events and sent.
SELECT r.position, e.recorded_at, e.stream_id, e.version, e.type, e.event_id, r.low, r.best, r.high
FROM (
    SELECT position, sum(low) OVER w AS low, sum(best) OVER w AS best, sum(high) OVER w AS high
    FROM moves
    WINDOW w AS (ORDER BY position)
) r JOIN ledger.events e ON e.position = r.position
WHERE r.position > $8
ORDER BY r.position
LIMIT $9
