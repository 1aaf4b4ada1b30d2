-- The connection holding the daemon's lock, named as an operator would find it (application name, address).
SELECT concat_ws(' at ', nullif(a.application_name, ''), a.client_addr::text)
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND ((l.classid::bigint << 32) | l.objid::bigint) = ANY($1)
LIMIT 1
