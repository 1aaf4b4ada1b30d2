-- Sources, party classes and categories arrive space-separated (slugs hold no spaces), as in upsert_incidents.sql.
INSERT INTO projections.incident_versions
    (incident_id, country, admin1, occurred_date, occurred_to, type, retracted, disputed, perpetrator,
     sources, party_classes, categories, contested, search, valid_from, valid_to)
SELECT id, country, admin1, occurred_date, occurred_to, type, retracted, disputed, perpetrator,
       string_to_array(sources, ' '), string_to_array(party_classes, ' '), string_to_array(categories, ' '), contested, search,
       valid_from, valid_to
FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[], $7::boolean[], $8::boolean[], $9::text[],
            $10::text[], $11::text[], $12::text[], $13::boolean[], $14::text[], $15::bigint[], $16::bigint[])
     AS u(id, country, admin1, occurred_date, occurred_to, type, retracted, disputed, perpetrator,
          sources, party_classes, categories, contested, search, valid_from, valid_to)
