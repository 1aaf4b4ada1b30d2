-- Sources, party classes and categories arrive space-separated (slugs hold no spaces): unnest cannot take
-- arrays of arrays.
INSERT INTO projections.incidents
    (incident_id, version, last_position, title, country, admin1, occurred_date, type, retracted, disputed, reported_at, updated_at, state,
     perpetrator, sources, party_classes, categories, contested, search, occurred_to)
SELECT id, version, last_position, title, country, admin1, occurred_date, type, retracted, disputed, reported_at, updated_at, state,
       perpetrator, string_to_array(sources, ' '), string_to_array(party_classes, ' '), string_to_array(categories, ' '), contested, search, occurred_to
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[],
            $9::boolean[], $10::boolean[], $11::timestamptz[], $12::timestamptz[], $13::text[],
            $14::text[], $15::text[], $16::text[], $17::text[], $18::boolean[], $19::text[], $20::date[])
     AS u(id, version, last_position, title, country, admin1, occurred_date, type, retracted, disputed, reported_at, updated_at, state,
          perpetrator, sources, party_classes, categories, contested, search, occurred_to)
ON CONFLICT (incident_id) DO UPDATE SET
    version = excluded.version, last_position = excluded.last_position, title = excluded.title,
    country = excluded.country, admin1 = excluded.admin1, occurred_date = excluded.occurred_date, type = excluded.type,
    retracted = excluded.retracted, disputed = excluded.disputed, updated_at = excluded.updated_at, state = excluded.state,
    perpetrator = excluded.perpetrator, sources = excluded.sources, party_classes = excluded.party_classes,
    categories = excluded.categories, contested = excluded.contested, search = excluded.search,
    occurred_to = excluded.occurred_to
