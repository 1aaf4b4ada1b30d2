-- An incident's current rows end at the position of the event that changed them.
UPDATE projections.tally_contributions c
SET valid_to = u.position
FROM unnest($1::text[], $2::bigint[]) AS u(incident_id, position)
WHERE c.incident_id = u.incident_id AND c.valid_to IS NULL
