-- The incident list as it stood at position $19: the listing versions that held then, filtered and ordered as
-- incident_list.sql does. updatedAfter ($18) asks which incidents had an event in ($18, $19]; $20 is the incident
-- stream prefix.
SELECT incident_id, occurred_date
FROM projections.incident_versions
WHERE valid_from <= $19 AND (valid_to IS NULL OR valid_to > $19)
  AND ($1::text IS NULL OR country = $1)
  AND ($2::text[] IS NULL OR coalesce(admin1, '') = ANY($2))
  AND ($3::date IS NULL OR (CASE WHEN $17 THEN occurred_to >= $3 ELSE occurred_date >= $3 END))
  AND ($4::date IS NULL OR (CASE WHEN $17 THEN occurred_date <= $4 ELSE occurred_to <= $4 END))
  AND ($5::boolean IS NULL OR disputed = $5)
  AND ($6::text IS NULL OR type = $6)
  AND ($7::date IS NULL OR (occurred_date, incident_id) < ($7, $8))
  AND ($9 OR $18::bigint IS NOT NULL OR NOT retracted)
  AND ($18::bigint IS NULL OR EXISTS (SELECT 1 FROM ledger.events e
                                      WHERE e.stream_id = $20::text || incident_id AND e.position > $18 AND e.position <= $19))
  AND ($11::text IS NULL OR lower(perpetrator) = lower($11))
  AND ($12::text IS NULL OR $12 = ANY(sources))
  AND ($13::text IS NULL OR $13 = ANY(party_classes))
  AND ($14::text IS NULL OR $14 = ANY(categories))
  AND ($15::boolean IS NULL OR contested = $15)
  AND ($16::text IS NULL OR strpos(search, $16) > 0)
ORDER BY occurred_date DESC, incident_id DESC
LIMIT $10
