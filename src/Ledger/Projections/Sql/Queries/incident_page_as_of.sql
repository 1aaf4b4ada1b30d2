-- A page of the list as of position $19 (incident_list.sql on the listings alive then, in the CTE), each incident with
-- its current row where that row already is its state at $19: its stream has nothing after $19, and the incidents
-- projection has passed $19 (so nothing of its up to $19 is still to be projected). Most incidents of a past page
-- have had nothing since; IncidentQueries folds only the others from their streams. One statement, so that the page
-- and those rows cost one round trip; materialized, so that the page is planned as the list alone is. (The placeholder is not named in these comments: it is replaced wherever it
-- stands.)
WITH page AS MATERIALIZED ({{list}})
SELECT i.state, i.version, i.last_position, i.reported_at, i.updated_at, page.incident_id, page.occurred_date
FROM page
LEFT JOIN projections.incidents i
       ON i.incident_id = page.incident_id AND i.last_position <= $19
      AND (SELECT max(last_seq_id) FROM ledger.mt_event_progression WHERE name LIKE 'incidents:%') >= $19
ORDER BY page.occurred_date DESC, page.incident_id DESC
