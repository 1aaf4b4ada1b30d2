-- The incident projection's tables (IncidentProjection). Derived from the log and rebuilt from it at any time.
CREATE SCHEMA IF NOT EXISTS projections;

-- The current incident: columns to filter on, and the folded state (JSON text, read whole, never queried inside).
CREATE TABLE IF NOT EXISTS projections.incidents (
    incident_id   text PRIMARY KEY,
    version       bigint NOT NULL,
    last_position bigint NOT NULL,
    title         text NOT NULL,
    country       text NOT NULL,
    -- No governorate ("the eastern desert"): it counts in its country and in no governorate, never silently in one.
    admin1        text,
    -- Dates are intervals (docs/CONTRACT.md §1): the first and the last day it may have happened on.
    occurred_date date NOT NULL,
    occurred_to   date NOT NULL,
    type          text NOT NULL,
    retracted     boolean NOT NULL,
    disputed      boolean NOT NULL,
    reported_at   timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    state         text NOT NULL,
    -- Filters kept beside the state, so that a filter is a column test, not a parse of every state.
    perpetrator   text,
    sources       text[] NOT NULL DEFAULT '{}',
    party_classes text[] NOT NULL DEFAULT '{}',
    categories    text[] NOT NULL DEFAULT '{}',
    contested     boolean NOT NULL DEFAULT false,
    search        text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS incidents_place_date_idx ON projections.incidents (country, admin1, occurred_date);
CREATE INDEX IF NOT EXISTS incidents_date_id_idx ON projections.incidents (occurred_date DESC, incident_id DESC);
-- The list filters on coalesce(admin1, ''), of which PostgreSQL keeps no statistics unless asked: it then took any
-- governorate for 0.5% of the rows (1,433 of 286,757 for one that holds 43,000 at 1M events). On the listing versions
-- below, that guess made it read the whole table for a page of 50.
CREATE STATISTICS IF NOT EXISTS projections.incidents_admin1_stats ON (coalesce(admin1, '')) FROM projections.incidents;

-- Every event of every incident, with a figure's value and status before and after; the event's own data stays in
-- the log (joined by position) rather than being copied here.
CREATE TABLE IF NOT EXISTS projections.incident_history (
    position      bigint PRIMARY KEY,
    incident_id   text NOT NULL,
    version       bigint NOT NULL,
    type          text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    recorded_by   text NOT NULL,
    figure_id     text,
    dispute_id    text,
    value_before  jsonb,
    value_after   jsonb,
    status_before text,
    status_after  text,
    reason        text
);
CREATE INDEX IF NOT EXISTS incident_history_incident_idx ON projections.incident_history (incident_id, version);

-- Each incident's contribution to each tally row, with the positions [valid_from, valid_to) during which it held,
-- and its reconciled row's flags (resting on claims alone, under open dispute).
CREATE TABLE IF NOT EXISTS projections.tally_contributions (
    incident_id   text NOT NULL,
    category      text NOT NULL,
    party_class   text NOT NULL,
    country       text NOT NULL,
    admin1        text,
    occurred_date date NOT NULL,
    occurred_to   date NOT NULL,
    low           bigint,
    best          bigint,
    high          bigint,
    unquantified  integer NOT NULL,
    contested     boolean NOT NULL DEFAULT false,
    disputed      boolean NOT NULL DEFAULT false,
    valid_from    bigint NOT NULL,
    valid_to      bigint,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX IF NOT EXISTS tally_current_idx ON projections.tally_contributions (admin1, occurred_date) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS tally_current_incident_idx ON projections.tally_contributions (incident_id) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS tally_from_idx ON projections.tally_contributions (valid_from);
CREATE INDEX IF NOT EXISTS tally_date_idx ON projections.tally_contributions (occurred_date);

-- Pre-aggregated tally cells: per country, governorate ('' for none), month ('m'), day ('d') or interval ('x'),
-- category and party class ('*': all classes, each incident once). A tally sums the cells of its whole months and
-- the days at its edges, so its cost grows with the number of groups, not with the log. Each version of a cell
-- holds over [valid_from, valid_to); a cell that empties keeps a version of zeros, so that an as-of lookup
-- after it emptied finds zeros, not its last number. x_* leave out rows resting on claims.
CREATE TABLE IF NOT EXISTS projections.tally_cells (
    country        text NOT NULL,
    admin1         text NOT NULL,
    span           char(1) NOT NULL CHECK (span IN ('m', 'd', 'x')),
    period         date NOT NULL,
    period_end     date NOT NULL,
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
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS tally_cells_current_idx
    ON projections.tally_cells (span, period, period_end, country, admin1, category, party_class) WHERE valid_to IS NULL;
-- A cell's key in one number, for the as-of descent below. PostgreSQL 15 checks every entry of an index leaf page
-- on a descent, and the seven text and date columns of the key made each entry's check costly (a busy cell has
-- thousands of versions, so its leaf pages are full of it): two bigints are checked several times faster. Added in
-- place to a ledger projected before it (the table is rewritten once).
ALTER TABLE projections.tally_cells ADD COLUMN IF NOT EXISTS cell bigint NOT NULL GENERATED ALWAYS AS (
    hashtextextended(span::text || '|' || country || '|' || admin1 || '|' || category || '|' || party_class || '|'
                     || (period - date '2000-01-01')::text || '|' || (period_end - date '2000-01-01')::text, 0)) STORED;
-- A hash could give two keys one number. Every cell keeps a current version once written, so two such keys would
-- both be current here: the write fails loudly instead of an as-of tally mixing two cells.
CREATE UNIQUE INDEX IF NOT EXISTS tally_cells_current_cell_idx ON projections.tally_cells (cell) WHERE valid_to IS NULL;
-- As-of tallies descend this index once per cell the filter selects (tally_cell_keys): their cost follows the cells
-- asked for, not the log.
CREATE INDEX IF NOT EXISTS tally_cells_cell_from_idx ON projections.tally_cells (cell, valid_from);
DROP INDEX IF EXISTS projections.tally_cells_key_from_idx;

-- Every cell ever written, once (a cell keeps a version for good once written): what an as-of tally scans for the
-- cells its filter selects before descending to each one's version at the point. The current versions would serve,
-- but they lie one to a heap page among the older versions (at 1M events, the 1,700 cells of a wide tally sat in
-- 1,911 pages, half the as-of tally's time); these rows lie together and never change.
DO $$
BEGIN
    IF to_regclass('projections.tally_cell_keys') IS NULL THEN
        CREATE TABLE projections.tally_cell_keys (
            cell        bigint PRIMARY KEY,
            country     text NOT NULL,
            admin1      text NOT NULL,
            span        char(1) NOT NULL,
            period      date NOT NULL,
            period_end  date NOT NULL,
            category    text NOT NULL,
            party_class text NOT NULL
        );
        -- A ledger projected before this table: its cells are those with a current version.
        INSERT INTO projections.tally_cell_keys
        SELECT cell, country, admin1, span, period, period_end, category, party_class
        FROM projections.tally_cells WHERE valid_to IS NULL;
    END IF;
END $$;
CREATE UNIQUE INDEX IF NOT EXISTS tally_cell_keys_key_idx
    ON projections.tally_cell_keys (span, period, period_end, country, admin1, category, party_class);

-- Each version of an incident's listing (what the incident list filters and orders on), holding over the positions
-- [valid_from, valid_to): the list as of a past position reads the versions that held then. A version is added only
-- when a listed column changes, so the revisions of a number add none.
DO $$
BEGIN
    IF to_regclass('projections.incident_versions') IS NULL THEN
        CREATE TABLE projections.incident_versions (
            incident_id   text NOT NULL,
            country       text NOT NULL,
            admin1        text,
            occurred_date date NOT NULL,
            occurred_to   date NOT NULL,
            type          text NOT NULL,
            retracted     boolean NOT NULL,
            disputed      boolean NOT NULL,
            perpetrator   text,
            sources       text[] NOT NULL,
            party_classes text[] NOT NULL,
            categories    text[] NOT NULL,
            contested     boolean NOT NULL,
            search        text NOT NULL,
            valid_from    bigint NOT NULL,
            valid_to      bigint,
            CHECK (valid_to IS NULL OR valid_to > valid_from)
        );
        -- A ledger projected before listings had versions is projected again, so that every incident gets them
        -- (ProjectionSchema empties the tables of a projection that has rows but no progress).
        IF to_regclass('ledger.mt_event_progression') IS NOT NULL THEN
            EXECUTE 'DELETE FROM ledger.mt_event_progression WHERE name = ''incidents'' OR name LIKE ''incidents:%''';
        END IF;
    END IF;
END $$;
CREATE INDEX IF NOT EXISTS incident_versions_date_id_idx ON projections.incident_versions (occurred_date DESC, incident_id DESC, valid_from);
CREATE INDEX IF NOT EXISTS incident_versions_current_idx ON projections.incident_versions (incident_id) WHERE valid_to IS NULL;
-- The list as of an early point: few versions had begun by then, so reading those and sorting them beats walking the
-- date index past every version that began later (at 1M events a page as of position 300 walked 880,000 of them).
-- The planner picks between the two from how many versions began by the point.
CREATE INDEX IF NOT EXISTS incident_versions_from_idx ON projections.incident_versions (valid_from);
CREATE STATISTICS IF NOT EXISTS projections.incident_versions_admin1_stats ON (coalesce(admin1, '')) FROM projections.incident_versions;
