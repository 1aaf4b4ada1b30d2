-- Changed after $18, as of $19: the incident's stream ($20 is the incident stream prefix) has an event in ($18, $19].
EXISTS (SELECT 1 FROM ledger.events e WHERE e.stream_id = $20::text || incident_id AND e.position > $18 AND e.position <= $19)
