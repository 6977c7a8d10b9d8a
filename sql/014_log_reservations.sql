-- Two writers of one tenant's log no longer queue behind each other. Before, an append bumped the
-- tenant's row of tenant_sequences and held its lock until it committed, COPY and all: the two silos of
-- the load script, taking one tenant's single emits, spent 25-46% of their busy backends' samples waiting
-- on it (Lock:transactionid; 2-4% after), and the per-day counts' rows were locked the same way.
--
-- Now an append reserves its sequences in a short transaction of its own (the row is locked for
-- microseconds), which also records the reservation as a row of log_reservations, and then writes its
-- events in a second transaction that first deletes ("releases") that row; the statements are in
-- PostgresActivityQueue.Reservations. Appends of one tenant may so commit out of sequence order for a
-- moment, and a reservation may never commit (its silo died); readers therefore stop at the tenant's
-- high-water mark (activity_log_high_water): the last sequence below the oldest reservation still open.
-- Below it every sequence is final: its event is in the log, or it never will be (given up, erased,
-- expired), which readers already treat alike. Marten's async daemon has the same mark; unlike its
-- timeout guess, a reservation here is given up only by deleting its row, which its writer's release
-- must then fail to do, so a slow writer rolls back instead of being skipped.

-- Reservations not yet committed or given up: one row per append and tenant.
-- Queries: a tenant's oldest (primary key); the writer's release and a give-up (primary key).
CREATE TABLE log_reservations (
    tenant_id   text        NOT NULL,
    first_seq   bigint      NOT NULL,
    reserved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, first_seq)
);

-- The tenant's high-water mark: the last sequence below its oldest open reservation (its last sequence
-- when none is open). A reservation open for longer than p_stale (its silo died between reserving and
-- releasing; a live writer takes a round trip) is given up first. One its writer has released is locked
-- by that writer until it commits, and is skipped, not waited for: the mark stays below it meanwhile, and
-- a reader never blocks on a writer. The mark is read in one statement, so the sequence row and the
-- reservations are seen as of one moment (a reservation commits with the bump that made it). Used by
-- every reader that must not pass a gap that may still fill: projections catching up, wake-ups, the
-- analytics catch-up, drains and erasure.
CREATE FUNCTION activity_log_high_water(p_tenant text, p_stale interval DEFAULT '5 seconds') RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM log_reservations WHERE (tenant_id, first_seq) IN (
        SELECT tenant_id, first_seq FROM log_reservations
        WHERE tenant_id = p_tenant AND reserved_at < clock_timestamp() - p_stale
        FOR UPDATE SKIP LOCKED);
    RETURN least(coalesce((SELECT last FROM tenant_sequences WHERE tenant_id = p_tenant), 0),
                 (SELECT min(first_seq) - 1 FROM log_reservations WHERE tenant_id = p_tenant));
END $$;

-- Every tenant's high-water mark (tenants with no event are absent), for the sweep that wakes
-- projections left behind.
CREATE FUNCTION activity_log_high_waters(p_stale interval DEFAULT '5 seconds') RETURNS TABLE (tenant_id text, mark bigint)
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM log_reservations d WHERE (d.tenant_id, d.first_seq) IN (
        SELECT l.tenant_id, l.first_seq FROM log_reservations l WHERE l.reserved_at < clock_timestamp() - p_stale FOR UPDATE SKIP LOCKED);
    RETURN QUERY
    SELECT s.tenant_id, least(s.last, r.first_seq - 1)
    FROM tenant_sequences s LEFT JOIN (SELECT l.tenant_id, min(l.first_seq) AS first_seq FROM log_reservations l GROUP BY 1) r ON r.tenant_id = s.tenant_id;
END $$;

-- The per-day counts get a shard: each backend adds to its own row (activity_count_shard), so two
-- appends of one tenant, day and type do not queue on one row either. Readers add the shards up; an
-- erasure subtracts in its own shard, so one shard's row may go below zero while their sum does not.
ALTER TABLE activity_daily_counts ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE activity_daily_counts DROP CONSTRAINT activity_daily_counts_pkey;
ALTER TABLE activity_daily_counts ADD PRIMARY KEY (tenant_id, day, type, shard);

CREATE FUNCTION activity_count_shard() RETURNS smallint LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (pg_backend_pid() % 8)::smallint
$$;

-- The analytics catch-up reads up to the high-water mark, not past a reservation still open.
CREATE OR REPLACE FUNCTION analytics_catch_up(p_tenant text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    done bigint;
    last bigint;
BEGIN
    SELECT applied INTO done FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = p_tenant FOR UPDATE;
    last := activity_log_high_water(p_tenant);
    IF last > coalesce(done, 0) THEN
        BEGIN
            PERFORM analytics_apply(p_tenant, coalesce(done, 0), last);
        EXCEPTION WHEN SQLSTATE 'AC001' THEN
            NULL; -- a first apply that another writer made at the same moment
        END;
    END IF;
END $$;

-- Waits until every append of the tenant that reserved sequences before the call has committed or been
-- given up (at most p_stale and a little more), and returns the high-water mark: a drain applies
-- everything acknowledged before it, including what another silo acknowledged above an append that was
-- still committing. Each look is a statement of its own, so it sees what committed meanwhile.
CREATE FUNCTION activity_log_settle(p_tenant text, p_stale interval DEFAULT '5 seconds') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    target   bigint := coalesce((SELECT last FROM tenant_sequences WHERE tenant_id = p_tenant), 0);
    deadline timestamptz := clock_timestamp() + p_stale + interval '1 second';
    mark     bigint;
BEGIN
    LOOP
        mark := activity_log_high_water(p_tenant, p_stale);
        EXIT WHEN mark >= target OR clock_timestamp() > deadline;
        PERFORM pg_sleep(0.005);
    END LOOP;
    RETURN mark;
END $$;
