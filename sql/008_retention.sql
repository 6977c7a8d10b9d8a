-- Retention: each tenant keeps its raw events for `retention_days`; the event log is partitioned by
-- the day each event expires, so the retention job drops whole partitions instead of deleting rows.

-- `retention_stamped` is the retention the tenant's rows carry in `expires_on`; when an admin changes
-- `retention_days`, the retention job re-stamps the tenant's rows once (RetentionSql.RestampSql) and
-- then sets it. `retention_changed_at` (the silo's clock) lets appends still carrying the old value settle first.
ALTER TABLE tenants
    ADD COLUMN retention_days       integer NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 1 AND 3650),
    ADD COLUMN retention_stamped    integer NOT NULL DEFAULT 90,
    ADD COLUMN retention_changed_at timestamptz;

-- The day from which an event may be removed, in one place: appends by INSERT, the re-stamp and this
-- migration use it; appends by COPY compute the same in PostgresActivityQueue.ExpiresOn.
CREATE FUNCTION activity_expires_on(p_received timestamptz, p_days integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (p_received AT TIME ZONE 'UTC')::date + p_days
$$;

ALTER TABLE activity_queue RENAME TO activity_queue_before_008;
ALTER TABLE activity_queue_before_008 RENAME CONSTRAINT activity_queue_pkey TO activity_queue_before_008_pkey;
DROP INDEX activity_queue_by_actor, activity_queue_by_owner, activity_queue_by_type, activity_queue_by_item,
    activity_queue_by_status, activity_queue_by_environment, activity_queue_by_environment_status,
    activity_queue_by_received, activity_queue_search;

-- One partition per week (Monday to Sunday) of expiry. The primary key must hold the partition key;
-- (tenant_id, seq) stays unique because tenant_sequences hands each sequence out once.
CREATE TABLE activity_queue (
    tenant_id       text        NOT NULL,
    seq             bigint      NOT NULL,
    id              uuid        NOT NULL,
    type            text        NOT NULL,
    actor_id        text        NOT NULL,
    item_id         text,
    item_owner_id   text,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    payload         jsonb,
    idempotency_key text,
    status          text,
    environment     text,
    request_id      text,
    ip_address      inet,
    details         text,
    expires_on      date        NOT NULL,
    PRIMARY KEY (tenant_id, seq, expires_on)
) PARTITION BY RANGE (expires_on);

-- Creates the partition of the expiry week starting on p_week (a Monday) unless it exists. Created on
-- its own and then attached: ATTACH takes a lock that lets appends and reads go on, where CREATE TABLE
-- ... PARTITION OF would block them. An advisory lock makes silos creating the same week take turns.
-- Callers: appends that found no partition for a row, the retention job (the coming weeks), this migration.
CREATE FUNCTION activity_queue_partition(p_week date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    partition text := 'activity_queue_e' || to_char(p_week, 'YYYYMMDD');
BEGIN
    IF extract(isodow FROM p_week) <> 1 THEN
        RAISE EXCEPTION 'an expiry week starts on a Monday, not on %', p_week;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('activity_queue partitions'));
    IF to_regclass(partition) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE activity_queue INCLUDING DEFAULTS, CHECK (expires_on >= %L AND expires_on < %L))',
                   partition, p_week, p_week + 7);
    EXECUTE format('ALTER TABLE activity_queue ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   partition, p_week, p_week + 7);
END $$;

SELECT activity_queue_partition(week) FROM (
    SELECT DISTINCT date_trunc('week', activity_expires_on(q.received_at, coalesce(t.retention_days, 90)))::date AS week
    FROM activity_queue_before_008 q LEFT JOIN tenants t ON t.id = q.tenant_id
) weeks;

INSERT INTO activity_queue (tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload,
                            idempotency_key, status, environment, request_id, ip_address, details, expires_on)
SELECT q.tenant_id, q.seq, q.id, q.type, q.actor_id, q.item_id, q.item_owner_id, q.occurred_at, q.received_at, q.payload,
       q.idempotency_key, q.status, q.environment, q.request_id, q.ip_address, q.details,
       activity_expires_on(q.received_at, coalesce(t.retention_days, 90))
FROM activity_queue_before_008 q LEFT JOIN tenants t ON t.id = q.tenant_id;

DROP TABLE activity_queue_before_008;

-- The indexes of 005 and 006, now on every partition; what each serves is written there. A query by
-- (tenant, sequence) reads each partition's index and merges them in order: the partitions are weeks
-- of expiry, about 14 with the default retention.
CREATE INDEX activity_queue_by_actor ON activity_queue (tenant_id, actor_id, seq);
CREATE INDEX activity_queue_by_owner ON activity_queue (tenant_id, item_owner_id, seq) WHERE item_owner_id IS NOT NULL;
CREATE INDEX activity_queue_by_type ON activity_queue (tenant_id, type, seq);
CREATE INDEX activity_queue_by_item ON activity_queue (tenant_id, item_id, seq) WHERE item_id IS NOT NULL;
CREATE INDEX activity_queue_by_status ON activity_queue (tenant_id, status, seq) WHERE status IS NOT NULL;
CREATE INDEX activity_queue_by_environment ON activity_queue (tenant_id, environment, seq) WHERE environment IS NOT NULL;
CREATE INDEX activity_queue_by_environment_status ON activity_queue (tenant_id, environment, status, seq) WHERE environment IS NOT NULL AND status IS NOT NULL;
-- Also the retention job's re-stamp after a shortened retention deletes a tenant's rows received before a cut.
CREATE INDEX activity_queue_by_received ON activity_queue (tenant_id, received_at, seq);
CREATE INDEX activity_queue_search ON activity_queue USING gin (activity_search_text(type, details, payload)) WITH (gin_pending_list_limit = 16384);
