-- As-of tallies look up, for each cell the filter selects, its version alive at a position: one descent of this
-- index per cell, so their cost follows the number of cells asked for, not the number of versions in the log.
-- It replaces the GiST index on [valid_from, valid_to), which found every cell alive at the position (all
-- governorates, days and classes) before filtering, and was the costliest index to keep up on every write.
DROP INDEX IF EXISTS projections.tally_cells_alive_idx;
CREATE INDEX IF NOT EXISTS tally_cells_key_from_idx
    ON projections.tally_cells (span, country, admin1, category, party_class, period, valid_from);

-- A cell that empties now keeps a version of zeros, so that every cell that ever held something has a current
-- row to start the lookup from. Existing ledgers have gaps instead: rebuild the incident read models.
TRUNCATE projections.incidents, projections.incident_history, projections.tally_contributions, projections.tally_cells;
DELETE FROM projections.checkpoints WHERE name = 'incidents';
