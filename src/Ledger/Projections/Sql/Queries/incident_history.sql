SELECT position, incident_id, version, type, recorded_at, recorded_by, figure_id, dispute_id,
       value_before, value_after, status_before, status_after, reason, data
FROM projections.incident_history
WHERE incident_id = $1
ORDER BY version
