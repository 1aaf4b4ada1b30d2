-- Of the incidents $1, those whose current row already is their state at position $2: their stream has nothing after
-- $2, and the incidents projection has passed $2 (so nothing of theirs up to $2 is still to be projected). The list
-- as of $2 reads these as they are and folds only the others from their streams.
SELECT state, version, last_position, reported_at, updated_at, incident_id
FROM projections.incidents
WHERE incident_id = ANY($1) AND last_position <= $2
  AND (SELECT max(last_seq_id) FROM ledger.mt_event_progression WHERE name LIKE 'incidents:%') >= $2
