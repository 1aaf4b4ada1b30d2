-- Every cell's version alive at position $8 (see tallies.sql): the cells come from their current versions (a cell
-- that ever held something keeps one, of zeros once it empties). A current version that began at or before $8 is
-- the one alive then, read as it is; only a cell that moved after $8 finds its last version that began at or
-- before $8, with one descent of tally_cells_cell_from_idx (the descent's one-time filter skips it for the others,
-- so a point near the head costs little more than the present). A cell's versions follow one another without a
-- gap, so that version is the one alive at $8 (no test of valid_to: with one, the planner expected to scan many
-- versions per cell). A cell that began after $8 has none.
SELECT k.country, k.admin1, k.span, k.period, k.period_end, k.category, k.party_class, v.*
FROM projections.tally_cells k
CROSS JOIN LATERAL (
    SELECT k.incidents, k.quantified, k.low, k.best, k.high, k.unquantified, k.contested, k.disputed,
           k.x_incidents, k.x_quantified, k.x_low, k.x_best, k.x_high, k.x_unquantified, k.x_disputed
    WHERE k.valid_from <= $8::bigint
    UNION ALL
    (SELECT incidents, quantified, low, best, high, unquantified, contested, disputed,
            x_incidents, x_quantified, x_low, x_best, x_high, x_unquantified, x_disputed
     FROM projections.tally_cells v
     WHERE k.valid_from > $8::bigint AND v.cell = k.cell AND v.valid_from <= $8::bigint
     ORDER BY v.valid_from DESC
     LIMIT 1)
) AS v
WHERE k.valid_to IS NULL
