-- Read models. They are derived from ledger.events and can be rebuilt from zero at any time;
-- each projection writes its rows and its checkpoint in one transaction.
CREATE SCHEMA IF NOT EXISTS projections;

CREATE TABLE IF NOT EXISTS projections.checkpoints (
    name       text PRIMARY KEY,
    position   bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The current incident: columns to filter on, and the folded state for everything else.
CREATE TABLE IF NOT EXISTS projections.incidents (
    incident_id   text PRIMARY KEY,
    version       bigint NOT NULL,
    last_position bigint NOT NULL,
    title         text NOT NULL,
    country       text NOT NULL,
    admin1        text NOT NULL,
    occurred_date date NOT NULL,
    type          text NOT NULL,
    retracted     boolean NOT NULL,
    disputed      boolean NOT NULL,
    reported_at   timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    -- The folded state as JSON text: read whole by the ledger, never queried inside, so not parsed to jsonb.
    state         text NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_place_date_idx ON projections.incidents (country, admin1, occurred_date);
CREATE INDEX IF NOT EXISTS incidents_date_id_idx ON projections.incidents (occurred_date DESC, incident_id DESC);

-- Every event of every incident, with a figure's value and status before and after; the event's own
-- data stays in ledger.events (joined by position) rather than being copied here.
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

-- Each incident's contribution to each tally row, with the positions [valid_from, valid_to) during
-- which it held: the tally as of position P is one aggregate over the rows alive at P.
CREATE TABLE IF NOT EXISTS projections.tally_contributions (
    incident_id   text NOT NULL,
    category      text NOT NULL,
    party_class   text NOT NULL,
    country       text NOT NULL,
    admin1        text NOT NULL,
    occurred_date date NOT NULL,
    low           bigint,
    best          bigint,
    high          bigint,
    unquantified  integer NOT NULL,
    valid_from    bigint NOT NULL,
    valid_to      bigint,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX IF NOT EXISTS tally_current_idx ON projections.tally_contributions (admin1, occurred_date) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS tally_current_incident_idx ON projections.tally_contributions (incident_id) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS tally_from_idx ON projections.tally_contributions (valid_from);

CREATE TABLE IF NOT EXISTS projections.regions (
    region_id     text PRIMARY KEY,
    name          text NOT NULL,
    country       text NOT NULL,
    level         text NOT NULL,
    parent_id     text,
    aliases       text[] NOT NULL,
    members       text[] NOT NULL,
    version       bigint NOT NULL,
    state         text NOT NULL
);

CREATE TABLE IF NOT EXISTS projections.regional_figure_history (
    position     bigint PRIMARY KEY,
    region_id    text NOT NULL,
    figure_id    text NOT NULL,
    version      bigint NOT NULL,
    type         text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    recorded_by  text NOT NULL,
    value_before jsonb,
    value_after  jsonb,
    reason       text
);
CREATE INDEX IF NOT EXISTS regional_figure_history_idx ON projections.regional_figure_history (region_id, figure_id, version);

CREATE TABLE IF NOT EXISTS projections.sources (
    source_id     text PRIMARY KEY,
    name          text NOT NULL,
    kind          text NOT NULL,
    url           text,
    rank          integer,
    effective_rank integer NOT NULL,
    registered_at timestamptz NOT NULL
);
