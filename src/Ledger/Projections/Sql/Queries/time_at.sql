-- When the event at or before a position was recorded (no row before the first event).
SELECT recorded_at FROM ledger.events WHERE position <= $1 ORDER BY position DESC LIMIT 1
