-- The node holding a lock of the daemon's election, when that node has gone silent: every one of its daemon
-- connections (they share its application name) has been idle or stuck longer than @stale_ms, its heartbeat
-- among them. A live projecting node runs its heartbeat every second; a paused one (SIGSTOP, a hung VM) runs
-- nothing, while the kernel still answers TCP keepalives for it. The lock connection sits in a long sleep, so it is
-- left out of the measure.
WITH holder AS (
    SELECT a.pid, a.application_name
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND ((l.classid::bigint << 32) | l.objid::bigint) = ANY(@lock_ids)
      AND a.application_name <> '' AND a.application_name <> @own_name
    LIMIT 1
)
SELECT h.application_name
FROM holder h
WHERE NOT EXISTS (
    SELECT 1 FROM pg_stat_activity a
    WHERE a.application_name = h.application_name AND a.pid <> h.pid
      AND greatest(a.state_change, a.query_start) > clock_timestamp() - make_interval(secs => @stale_ms / 1000.0))
