INSERT INTO projections.tally_cells
    (country, admin1, span, period, period_end, category, party_class,
     incidents, quantified, low, best, high, unquantified, contested, disputed,
     x_incidents, x_quantified, x_low, x_best, x_high, x_unquantified, x_disputed, valid_from, valid_to)
SELECT * FROM unnest($1::text[], $2::text[], $3::char(1)[], $4::date[], $5::date[], $6::text[], $7::text[],
                     $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $15::bigint[],
                     $16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[], $20::bigint[], $21::bigint[], $22::bigint[],
                     $23::bigint[], $24::bigint[])
