-- Orleans' ADO.NET providers on PostgreSQL: cluster membership, grain state and reminders.
--
-- The providers carry no SQL. At start each reads its statements from OrleansQuery by key, binds its
-- parameters by the names it uses (@DeploymentId, @Address, @GrainIdN0, ...) and reads result columns
-- by name, case-insensitively. The tables and statements below are this project's, written to that
-- contract; the keys, parameter names and result names are the providers'.

-- The home-made runtime of earlier versions kept grain state and reminders here; Orleans replaces it.
DROP TABLE grain_state;
DROP TABLE reminders;
DROP SEQUENCE reminder_versions;

-- Read whole at provider start (primary key).
CREATE TABLE OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);

---------------------------------------------------------------------------------------------------
-- Membership. One version row per cluster (Orleans calls the cluster id the deployment id): it is
-- the membership table's ETag. Every change of membership (a silo joining, being suspected, dying)
-- moves it by one, and only from the version the writer read; heartbeats do not touch it.
---------------------------------------------------------------------------------------------------

CREATE TABLE orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL,
    changed_at    timestamptz NOT NULL
);

-- One row per silo incarnation: address, port and generation (its start time) identify it.
-- Queries: a cluster's rows, one row, and the gateways by status (primary key prefix; clusters hold
-- a handful of rows).
CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo's row, if the table is still at p_version and the row is new; then moves the version.
-- The version row is locked first, so writers of one cluster take turns, and a writer that waited
-- finds the version moved on and answers false, having written nothing.
CREATE FUNCTION orleans_membership_insert(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM orleans_membership_version WHERE deployment_id = p_deployment AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, changed_at = now() WHERE deployment_id = p_deployment;
    RETURN true;
END $$;

-- Changes a silo's status and suspicions, if the table is still at p_version; then moves the version.
-- A heartbeat may have moved i_am_alive_time on since the writer read it: it never goes back.
CREATE FUNCTION orleans_membership_update(
    p_deployment text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM orleans_membership_version WHERE deployment_id = p_deployment AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = GREATEST(i_am_alive_time, p_i_am_alive_time)
    WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, changed_at = now() WHERE deployment_id = p_deployment;
    RETURN true;
END $$;

-- The version row comes first and the silo rows are joined to it, so a read always yields the
-- table's version, with or without silos.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id, version, changed_at) VALUES (@DeploymentId, 0, now())
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM created)'),

('InsertMembershipKey', '
    SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                     @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)'),

('UpdateMembershipKey', '
    SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation,
                                     @Status, @SuspectTimes, @IAmAliveTime, @Version)'),

('UpdateIAmAlivetimeKey', '
    UPDATE orleans_membership SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),

('MembershipReadAllKey', '
    SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId'),

('MembershipReadRowKey', '
    SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId'),

-- What a client connects to: the active silos that accept clients.
('GatewaysQueryKey', '
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'),

('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId'),

-- Dead silos (status 6) are forgotten once nothing about them is newer than the cut-off. The provider
-- decides which rows qualify and deletes each with the values it read, so a row that changed since
-- stays; the older statement, by cut-off alone, serves providers that do not know the newer one.
('CleanupDefunctSiloEntryKey', '
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = 6
      AND address = @Address AND port = @Port AND generation = @Generation
      AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
      AND suspect_times IS NOT DISTINCT FROM @SuspectTimes'),

('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = 6
      AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime AND suspect_times IS NULL');

---------------------------------------------------------------------------------------------------
-- Grain state. Orleans names a row by service, the state's name (which it passes as the grain type:
-- state names must therefore differ between grain classes that share keys) and the grain's key: two
-- bigints for Guid and integer keys, and a string for string keys and key extensions. Its hashes of
-- these are not needed here: the primary key is the index. `version` is the ETag; a clear keeps the
-- row (payload null, version moved on), so an old ETag never matches again.
---------------------------------------------------------------------------------------------------

-- Queries: read, write, clear and delete by the full primary key.
CREATE TABLE orleans_storage (
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    key_n0      bigint      NOT NULL,
    key_n1      bigint      NOT NULL,
    key_string  text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, state_name, key_n0, key_n1, key_string)
);

-- Writes answer with one row whose NewGrainStateVersion is null when the ETag did not match (a
-- stale activation), which the provider turns into InconsistentStateException. A null ETag means
-- "there is no row yet": it may only insert; a given ETag may only update that version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT payload AS PayloadBinary, version AS Version
    FROM orleans_storage
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_string = COALESCE(@GrainIdExtensionString, '''')'),

('WriteToStorageKey', '
    WITH inserted AS (
        INSERT INTO orleans_storage (service_id, state_name, key_n0, key_n1, key_string, version, payload, modified_at)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), 1, @PayloadBinary, now()
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    ),
    updated AS (
        UPDATE orleans_storage SET payload = @PayloadBinary, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId AND state_name = @GrainTypeString
          AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_string = COALESCE(@GrainIdExtensionString, '''')
          AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM updated)) AS NewGrainStateVersion'),

('ClearStorageKey', '
    WITH cleared AS (
        UPDATE orleans_storage SET payload = NULL, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId AND state_name = @GrainTypeString
          AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_string = COALESCE(@GrainIdExtensionString, '''')
          AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT (SELECT version FROM cleared) AS Version'),

-- For providers configured to delete state on clear (Activity keeps rows): the row goes, and the
-- answer is the version it had, or null when the ETag did not match.
('DeleteStorageKey', '
    WITH deleted AS (
        DELETE FROM orleans_storage
        WHERE service_id = @ServiceId AND state_name = @GrainTypeString
          AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1 AND key_string = COALESCE(@GrainIdExtensionString, '''')
          AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT (SELECT version FROM deleted) AS Version');

---------------------------------------------------------------------------------------------------
-- Reminders. Each silo serves the reminders whose grain hash falls in its range of the ring, so the
-- hash (the grain's uniform hash, as Orleans passes it: a signed int) is stored and indexed. Period
-- in milliseconds. Versions come from a sequence, so a reminder removed and registered again never
-- reuses an ETag that a stale handle might still hold.
---------------------------------------------------------------------------------------------------

CREATE SEQUENCE orleans_reminder_versions AS integer CYCLE;

-- Queries: one grain's reminders and one reminder (primary key prefix / full primary key); a silo's
-- range of hashes (orleans_reminders_by_hash).
CREATE TABLE orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', '
    INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, nextval(''orleans_reminder_versions''))
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET grain_hash = EXCLUDED.grain_hash, start_time = EXCLUDED.start_time, period = EXCLUDED.period, version = EXCLUDED.version
    RETURNING version AS Version'),

('ReadReminderRowsKey', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId'),

('ReadReminderRowKey', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName'),

-- A range that does not wrap around the ring (begin < end as signed numbers), and one that does.
('ReadRangeRows1Key', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash'),

('ReadRangeRows2Key', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)'),

('DeleteReminderRowKey', '
    WITH deleted AS (
        DELETE FROM orleans_reminders
        WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM deleted)'),

('DeleteReminderRowsKey', '
    DELETE FROM orleans_reminders WHERE service_id = @ServiceId');
