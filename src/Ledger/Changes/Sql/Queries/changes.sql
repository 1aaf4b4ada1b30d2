-- Every incident event recorded after $1 up to $2 (at most $3 of them), with the figure it touched before and
-- after, from the incidents projection's history.
SELECT h.position, h.incident_id, h.version, h.type, h.recorded_at, h.recorded_by, h.figure_id, h.dispute_id,
       h.value_before, h.value_after, h.status_before, h.status_after, h.reason
FROM projections.incident_history h
WHERE h.position > $1 AND h.position <= $2
ORDER BY h.position
LIMIT $3
