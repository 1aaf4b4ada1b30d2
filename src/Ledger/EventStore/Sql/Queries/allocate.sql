-- The first statement of every append transaction: positions and the recording time, see allocate_positions.
SELECT first_position, recorded_at FROM ledger.allocate_positions($1)
