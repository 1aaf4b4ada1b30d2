SELECT position, figure_id, version, type, recorded_at, recorded_by, value_before, value_after, reason
FROM projections.regional_figure_history
WHERE region_id = $1
ORDER BY version
