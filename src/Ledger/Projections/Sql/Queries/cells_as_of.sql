-- Every cell's version alive at position $8 (see tallies.sql): for each cell the filter selects (tally_cell_keys),
-- its last version that began at or before $8, with one descent of tally_cells_cell_from_idx. A cell's versions
-- follow one another without a gap, so that version is the one alive at $8 (no test of valid_to: with one, the
-- planner expected to scan many versions per cell). A cell that began after $8 has none and drops out. A cell
-- that empties keeps a version of zeros, so a cell never reads an older number than the one it held at $8.
SELECT k.country, k.admin1, k.span, k.period, k.period_end, k.category, k.party_class, v.*
FROM projections.tally_cell_keys k
CROSS JOIN LATERAL (
    SELECT incidents, quantified, low, best, high, unquantified, contested, disputed,
           x_incidents, x_quantified, x_low, x_best, x_high, x_unquantified, x_disputed
    FROM projections.tally_cells v
    WHERE v.cell = k.cell AND v.valid_from <= $8::bigint
    ORDER BY v.valid_from DESC
    LIMIT 1
) AS v
