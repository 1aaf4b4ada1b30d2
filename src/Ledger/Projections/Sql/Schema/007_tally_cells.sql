-- Pre-aggregated tally cells: per country, governorate ('' for none), month ('m') and day ('d'), category and
-- party class ('*': all classes, each incident once). A tally sums the cells of its whole months and the days
-- at the edges of its date range, so its cost grows with the number of groups, not with the log. Each version
-- of a cell holds over the positions [valid_from, valid_to), written in the projection's transaction, so an
-- as-of tally is one indexed lookup of the versions alive at a position. x_* leave out rows resting on claims.
CREATE TABLE IF NOT EXISTS projections.tally_cells (
    country        text NOT NULL,
    admin1         text NOT NULL,
    span           char(1) NOT NULL,
    period         date NOT NULL,
    category       text NOT NULL,
    party_class    text NOT NULL,
    incidents      bigint NOT NULL,
    quantified     bigint NOT NULL,
    low            bigint NOT NULL,
    best           bigint NOT NULL,
    high           bigint NOT NULL,
    unquantified   bigint NOT NULL,
    contested      bigint NOT NULL,
    disputed       bigint NOT NULL,
    x_incidents    bigint NOT NULL,
    x_quantified   bigint NOT NULL,
    x_low          bigint NOT NULL,
    x_best         bigint NOT NULL,
    x_high         bigint NOT NULL,
    x_unquantified bigint NOT NULL,
    x_disputed     bigint NOT NULL,
    valid_from     bigint NOT NULL,
    valid_to       bigint,
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK (span IN ('m', 'd'))
);
CREATE UNIQUE INDEX IF NOT EXISTS tally_cells_current_idx
    ON projections.tally_cells (span, period, country, admin1, category, party_class) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS tally_cells_alive_idx ON projections.tally_cells USING gist (int8range(valid_from, valid_to));

-- Edge days of an as-of tally read contributions no more; history still does.
CREATE INDEX IF NOT EXISTS tally_date_idx ON projections.tally_contributions (occurred_date);

-- Existing ledgers have contributions but no cells: rebuild the incident read models from the log.
TRUNCATE projections.incidents, projections.incident_history, projections.tally_contributions;
DELETE FROM projections.checkpoints WHERE name = 'incidents';
