-- How many positions of (@floor, @last] hold an event: fewer than @last - @floor means a hole in the page's range.
SELECT count(*) FROM ledger.mt_events WHERE seq_id > @floor AND seq_id <= @last
