-- The rows of incident_list.sql as they stood at position $19: the versions of the incidents' listings alive then.
(SELECT * FROM projections.incident_versions WHERE valid_from <= $19 AND (valid_to IS NULL OR valid_to > $19)) AS listed
