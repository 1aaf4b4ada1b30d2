INSERT INTO projections.tally_contributions
    (incident_id, category, party_class, country, admin1, occurred_date, low, best, high, unquantified, valid_from, valid_to,
     contested, disputed, occurred_to)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::bigint[], $8::bigint[],
                     $9::bigint[], $10::integer[], $11::bigint[], $12::bigint[], $13::boolean[], $14::boolean[], $15::date[])
