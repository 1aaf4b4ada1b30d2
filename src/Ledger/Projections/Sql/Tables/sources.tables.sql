-- The source projection's table (SourceProjection): registered sources, with the rank reconciliation uses.
CREATE SCHEMA IF NOT EXISTS projections;

CREATE TABLE IF NOT EXISTS projections.sources (
    source_id      text PRIMARY KEY,
    name           text NOT NULL,
    kind           text NOT NULL,
    url            text,
    rank           integer,
    effective_rank integer NOT NULL,
    registered_at  timestamptz NOT NULL
);
