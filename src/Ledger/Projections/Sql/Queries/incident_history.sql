SELECT h.position, h.incident_id, h.version, h.type, h.recorded_at, h.recorded_by, h.figure_id, h.dispute_id,
       h.value_before, h.value_after, h.status_before, h.status_after, h.reason, e.data
FROM projections.incident_history h
JOIN ledger.events e ON e.position = h.position
WHERE h.incident_id = $1
ORDER BY h.version
