-- The runs of positions the store recorded leaving unused, in order.
SELECT first_position, last_position FROM ledger.position_gaps ORDER BY first_position
