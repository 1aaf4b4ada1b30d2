SELECT state, version, last_position, reported_at, updated_at FROM projections.incidents WHERE incident_id = $1
