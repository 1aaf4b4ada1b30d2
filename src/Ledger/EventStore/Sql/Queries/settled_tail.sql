-- The newest events and, for each, whether every transaction still open (on this database) is younger than
-- the one that wrote it: "settled". A gap in positions below a settled event can never be filled
-- (allocate_positions gives lower positions to older transactions); a gap below an unsettled one may still
-- be. EventFeed walks these rows. xids are compared by age(), which handles their wraparound.
WITH open_xids AS (
    SELECT (x::text::bigint % 4294967296)::text AS xid
    FROM pg_snapshot_xip(pg_current_snapshot()) AS x
),
oldest_open AS (
    SELECT max(age(o.xid::xid)) AS age
    FROM open_xids o
    WHERE o.xid <> ALL (string_to_array(coalesce(current_setting('ledger.foreign_xids', true), ''), ','))
)
SELECT e.seq_id, o.age IS NULL OR age(e.xmin) > o.age
FROM ledger.mt_events e, oldest_open o
ORDER BY e.seq_id DESC
LIMIT $1
