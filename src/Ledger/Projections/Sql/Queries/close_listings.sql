-- An incident's current listing ends at the position of the event that changed it.
UPDATE projections.incident_versions v
SET valid_to = u.position
FROM unnest($1::text[], $2::bigint[]) AS u(incident_id, position)
WHERE v.incident_id = u.incident_id AND v.valid_to IS NULL
