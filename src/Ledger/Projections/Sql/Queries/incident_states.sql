SELECT incident_id, state FROM projections.incidents WHERE incident_id = ANY($1)
