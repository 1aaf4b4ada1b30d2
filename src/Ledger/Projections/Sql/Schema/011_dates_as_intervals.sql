-- Dates are intervals (docs/CONTRACT.md §1): an incident dated to a month is any day of it, so each incident
-- keeps the last day it may have happened on beside the first (occurred_date), and a tally counts it only where
-- its whole interval lies. Cells gain their last day: a month cell its month's, an interval cell its incidents'.
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS occurred_to date;
ALTER TABLE projections.tally_contributions ADD COLUMN IF NOT EXISTS occurred_to date;
ALTER TABLE projections.tally_cells ADD COLUMN IF NOT EXISTS period_end date;
ALTER TABLE projections.tally_cells DROP CONSTRAINT IF EXISTS tally_cells_span_check;
ALTER TABLE projections.tally_cells ADD CONSTRAINT tally_cells_span_check CHECK (span IN ('m', 'd', 'x'));
DROP INDEX IF EXISTS projections.tally_cells_current_idx;
DROP INDEX IF EXISTS projections.tally_cells_key_from_idx;
CREATE UNIQUE INDEX IF NOT EXISTS tally_cells_current_idx
    ON projections.tally_cells (span, period, period_end, country, admin1, category, party_class) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS tally_cells_key_from_idx
    ON projections.tally_cells (span, country, admin1, category, party_class, period, period_end, valid_from);

-- Existing rows have no last day: rebuild the incident read models from the log.
TRUNCATE projections.incidents, projections.incident_history, projections.tally_contributions, projections.tally_cells;
DELETE FROM projections.checkpoints WHERE name = 'incidents';
ALTER TABLE projections.incidents ALTER COLUMN occurred_to SET NOT NULL;
ALTER TABLE projections.tally_contributions ALTER COLUMN occurred_to SET NOT NULL;
ALTER TABLE projections.tally_cells ALTER COLUMN period_end SET NOT NULL;
