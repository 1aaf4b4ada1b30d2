-- The ids of the incidents whose id starts with @prefix (an import format's own: ucdp-ged-, acled-), from the
-- streams table's primary key; the ones a later file of that format may drop.
SELECT substr(id, length('incident-') + 1)
FROM ledger.mt_streams
WHERE id LIKE 'incident-' || @prefix || '%'
