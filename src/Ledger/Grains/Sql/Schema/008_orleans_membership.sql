-- Orleans cluster membership on the ledger's PostgreSQL (Ledger:Cluster=postgres), for the ADO.NET clustering
-- provider. The provider reads its statements from orleansquery by key and binds @DeploymentId (the cluster id),
-- @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime,
-- @SuspectTimes (updates only) and @Version (the membership table's version). Reads return one row per silo, or one row with
-- null silo columns for a cluster without silos, and always the table's version. Writes answer one number,
-- > 0 when they took effect; those that change membership bump the version only if it is still the one the
-- silo read, so that two silos never both act on the same view. The provider connects with the schema
-- "orleans" first on its search path, which is how it finds these unqualified names.
CREATE SCHEMA IF NOT EXISTS orleans;

CREATE TABLE orleans.membership_version (
    deployment_id text PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

CREATE TABLE orleans.membership (
    deployment_id text NOT NULL REFERENCES orleans.membership_version (deployment_id),
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer,
    suspect_times text,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

CREATE TABLE orleans.orleansquery (
    querykey text PRIMARY KEY,
    querytext text NOT NULL
);

INSERT INTO orleans.orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1)
    SELECT count(*)::int FROM created
$q$),
('InsertMembershipKey', $q$
    WITH bumped AS (
        UPDATE membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING deployment_id),
    inserted AS (
        INSERT INTO membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                suspect_times, start_time, i_am_alive_time)
        SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
               NULL, @StartTime, @IAmAliveTime
        FROM bumped
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*)::int FROM inserted
$q$),
('UpdateMembershipKey', $q$
    WITH bumped AS (
        UPDATE membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING deployment_id),
    updated AS (
        UPDATE membership m SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        FROM bumped
        WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING 1)
    SELECT count(*)::int FROM updated
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE membership SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('MembershipReadRowKey', $q$
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM membership_version v
    LEFT JOIN membership m ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM membership_version v
    LEFT JOIN membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM membership WHERE deployment_id = @DeploymentId;
    DELETE FROM membership_version WHERE deployment_id = @DeploymentId;
$q$),
('CleanupDefunctSiloEntriesKey', $q$
    -- 3 is Active in Orleans' SiloStatus: only entries of silos that stopped or died long ago go.
    DELETE FROM membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$);
