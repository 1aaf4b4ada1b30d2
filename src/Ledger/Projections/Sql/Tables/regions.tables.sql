-- The region projection's tables (RegionProjection): defined regions with their folded state, and every change of
-- every regional figure with its value before and after.
CREATE SCHEMA IF NOT EXISTS projections;

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
