-- Every cell's version alive at position $8 (see tallies.sql), from the current versions (a cell that ever held
-- something keeps one, of zeros once it empties). A current version that began at or before $8 is the one alive
-- then, read as it is. A cell that moved after $8 finds its last version that began at or before $8 with one
-- descent of tally_cells_cell_from_idx; a cell's versions follow one another without a gap, so that is the one
-- alive at $8 (no test of valid_to: with one, the planner expected to scan many versions per cell and chose
-- badly). A cell that began after $8 has none. Two branches, so that the tally's filters reach both current reads.
SELECT country, admin1, span, period, period_end, category, party_class,
       incidents, quantified, low, best, high, unquantified, contested, disputed,
       x_incidents, x_quantified, x_low, x_best, x_high, x_unquantified, x_disputed
FROM projections.tally_cells
WHERE valid_to IS NULL AND valid_from <= $8::bigint
UNION ALL
SELECT k.country, k.admin1, k.span, k.period, k.period_end, k.category, k.party_class, v.*
FROM projections.tally_cells k
CROSS JOIN LATERAL (
    SELECT incidents, quantified, low, best, high, unquantified, contested, disputed,
           x_incidents, x_quantified, x_low, x_best, x_high, x_unquantified, x_disputed
    FROM projections.tally_cells v
    WHERE v.cell = k.cell AND v.valid_from <= $8::bigint
    ORDER BY v.valid_from DESC
    LIMIT 1
) AS v
WHERE k.valid_to IS NULL AND k.valid_from > $8::bigint
