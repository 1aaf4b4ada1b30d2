-- The current version of every cell (see tallies.sql).
SELECT * FROM projections.tally_cells WHERE valid_to IS NULL
