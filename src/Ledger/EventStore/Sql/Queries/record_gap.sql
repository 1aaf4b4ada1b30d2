-- Positions an append transaction was given and left unused (see 015_position_gaps.sql).
INSERT INTO ledger.position_gaps (first_position, last_position, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
