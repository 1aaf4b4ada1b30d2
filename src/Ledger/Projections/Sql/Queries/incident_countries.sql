-- The countries incidents are placed in, one each: a skip scan down incidents_place_date_idx, a step per country
-- rather than a row per incident.
WITH RECURSIVE c AS (
    (SELECT country FROM projections.incidents ORDER BY country LIMIT 1)
    UNION ALL
    SELECT (SELECT i.country FROM projections.incidents i WHERE i.country > c.country ORDER BY i.country LIMIT 1)
    FROM c WHERE c.country IS NOT NULL
)
SELECT country FROM c WHERE country IS NOT NULL
