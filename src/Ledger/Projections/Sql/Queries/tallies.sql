-- A tally is a sum of cells (projections.tally_cells). Dates are intervals: an incident counts where its whole
-- interval [period, period_end] lies inside the range [$3, $4], and is counted as straddling where it overlaps
-- the range without lying inside. Inside: the month cells of the whole months in the range ($9 <= period < $10),
-- the interval cells of the partial months at its edges, and the cells of incidents that cross a month's end.
-- Straddling: interval cells that begin in the month of a bound ($11, $12) and cross it, and month-crossing cells
-- that overlap the range. The keys and grouping are filled only from TallyQueries' fixed list of dimensions; the
-- classes test picks the cells of each party class, or the all-classes cells where each incident counts once; the
-- cells are the current version of each (cells_current.sql), or its version alive at position $8
-- (cells_as_of.sql). $7 (claims=exclude) reads the sums without claim-only rows. (No placeholder is named in
-- these comments: each is replaced wherever it stands.)
SELECT {{outer_keys}}
       CASE WHEN sum(q) > 0 THEN sum(low) END, CASE WHEN sum(q) > 0 THEN sum(best) END, CASE WHEN sum(q) > 0 THEN sum(high) END,
       coalesce(sum(n), 0)::bigint, coalesce(sum(u), 0)::bigint, coalesce(sum(c), 0)::bigint, coalesce(sum(d), 0)::bigint,
       coalesce(sum(s), 0)::bigint
FROM (
    SELECT {{keys}}
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_incidents ELSE incidents END AS n,
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_quantified ELSE quantified END AS q,
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_low ELSE low END AS low,
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_best ELSE best END AS best,
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_high ELSE high END AS high,
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_unquantified ELSE unquantified END AS u,
           CASE WHEN NOT inside OR $7 THEN 0 ELSE contested END AS c,
           CASE WHEN NOT inside THEN 0 WHEN $7 THEN x_disputed ELSE disputed END AS d,
           CASE WHEN inside THEN 0 WHEN $7 THEN x_incidents ELSE incidents END AS s
    FROM (
        SELECT cell.*, (period >= $3 AND period_end <= $4) AS inside
        FROM ({{cells}}) AS cell
        WHERE ((span = 'm' AND period >= $9 AND period < $10)
            OR (span = 'd' AND ((period >= $3 AND period < $9) OR (period >= $10 AND period <= $4)) AND period_end <= $4)
            OR (span = 'd' AND period >= $11 AND period < $3 AND period_end >= $3)
            OR (span = 'd' AND period >= $12 AND period <= $4 AND period_end > $4)
            OR (span = 'x' AND period <= $4 AND period_end >= $3))
          AND {{classes}}
          AND ($1::text IS NULL OR country = $1)
          AND ($2::text[] IS NULL OR admin1 = ANY($2))
          AND ($5::text IS NULL OR category = $5)
          AND ($6::text IS NULL OR party_class = $6)
          AND (CASE WHEN $7 THEN x_incidents ELSE incidents END) > 0
    ) AS chosen
) AS cells
{{group_by}}
