-- Tally rows count the incidents whose numbers rest on claims alone (contested) and those with an open
-- dispute (CONTRACT §1), so each contribution carries its reconciled row's flags. Existing rows lack them:
-- the incident read models are emptied and their checkpoint dropped, so the runner rebuilds them from the log.
ALTER TABLE projections.tally_contributions ADD COLUMN IF NOT EXISTS contested boolean NOT NULL DEFAULT false;
ALTER TABLE projections.tally_contributions ADD COLUMN IF NOT EXISTS disputed boolean NOT NULL DEFAULT false;
TRUNCATE projections.incidents, projections.incident_history, projections.tally_contributions;
DELETE FROM projections.checkpoints WHERE name = 'incidents';

-- Incident lists filter by perpetrator, source, party class, category, contested and text, as analysts expect:
-- columns kept beside the folded state, so that a filter is a column test, not a parse of every state.
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS perpetrator text;
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS sources text[] NOT NULL DEFAULT '{}';
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS party_classes text[] NOT NULL DEFAULT '{}';
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS categories text[] NOT NULL DEFAULT '{}';
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS contested boolean NOT NULL DEFAULT false;
ALTER TABLE projections.incidents ADD COLUMN IF NOT EXISTS search text NOT NULL DEFAULT '';
