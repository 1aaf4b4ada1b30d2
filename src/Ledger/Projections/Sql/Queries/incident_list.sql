-- Newest first by date, then id; the cursor is the last (date, id) of the previous page. Dates are intervals
-- [occurred_date, occurred_to]: by default an incident is listed when its whole interval lies in [from, to], as
-- tallies count it; with $17 (dates=overlapping) when any day of it does. The rows are the current incidents, or
-- the versions of their listings alive at position $19 (incident_rows_as_of.sql, the page read by
-- incident_page_as_of.sql); IncidentQueries fills the
-- columns, the rows and what "changed after $18" means for each.
SELECT {{columns}}
FROM {{rows}}
WHERE ($1::text IS NULL OR country = $1)
  AND ($2::text[] IS NULL OR coalesce(admin1, '') = ANY($2))
  AND ($3::date IS NULL OR (CASE WHEN $17 THEN occurred_to >= $3 ELSE occurred_date >= $3 END))
  AND ($4::date IS NULL OR (CASE WHEN $17 THEN occurred_date <= $4 ELSE occurred_to <= $4 END))
  -- Implied by the line above (an interval begins before it ends), and the bound the newest-first scan of the date
  -- index starts from: without it a range in the past walked every newer incident first (2 s at 1M events).
  AND ($4::date IS NULL OR occurred_date <= $4)
  AND ($5::boolean IS NULL OR disputed = $5)
  AND ($6::text IS NULL OR type = $6)
  AND ($7::date IS NULL OR (occurred_date, incident_id) < ($7, $8))
  AND ($9 OR $18::bigint IS NOT NULL OR NOT retracted)
  AND ($18::bigint IS NULL OR {{changed_after}})
  AND ($11::text[] IS NULL OR perpetrator = ANY($11))
  AND ($12::text IS NULL OR $12 = ANY(sources))
  AND ($13::text IS NULL OR $13 = ANY(party_classes))
  AND ($14::text IS NULL OR $14 = ANY(categories))
  AND ($15::boolean IS NULL OR contested = $15)
  AND ($16::text IS NULL OR strpos(search, $16) > 0)
ORDER BY occurred_date DESC, incident_id DESC
LIMIT $10
