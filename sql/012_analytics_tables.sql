-- Analytics as a projection of the log, kept in tables and computed by the database from each new range
-- of a tenant's log (AnalyticsTables): the analytics jobs read a few rows instead of scanning a tenant's
-- whole log (distinct actors per month over 24 months and the top items each cost about a second of
-- PostgreSQL per million events, every 10 and 15 minutes).

-- How far each database-side projection has applied each tenant's log (Marten keeps such a progress row
-- per projection). Written in the same transaction as the projection's tables and guarded by its
-- previous value, so two writers cannot apply one range twice.
-- Queries: one row by primary key.
CREATE TABLE projection_checkpoints (
    projection text   NOT NULL,
    tenant_id  text   NOT NULL,
    applied    bigint NOT NULL,
    PRIMARY KEY (projection, tenant_id)
);

-- Who was active in which month of occurrence, with the latest expiry week of their events there: the
-- row goes when that week's partition is dropped (every event of theirs in the month has gone by then),
-- so active users count what retention keeps, as a scan of the log did.
-- Queries: upsert per range by primary key; retention deletes a week's rows (a scan, weekly); erasure
-- deletes a person's rows (a scan of the tenant's rows).
CREATE TABLE analytics_actors (
    tenant_id    text NOT NULL,
    month        date NOT NULL,
    actor_id     text NOT NULL,
    expires_week date NOT NULL,
    PRIMARY KEY (tenant_id, month, actor_id)
);

-- Distinct actors per month, moved by the rows of analytics_actors that come and go.
-- Queries: a tenant's months in a range (primary key).
CREATE TABLE analytics_months (
    tenant_id    text   NOT NULL,
    month        date   NOT NULL,
    active_users bigint NOT NULL,
    PRIMARY KEY (tenant_id, month)
);

-- Engagement per item over what retention keeps: votes, comments (each net of their removals when
-- read) and views. Retention takes a dropped week's counts off before the week goes.
-- Queries: upsert per range by primary key; the top items by score (analytics_items_top).
CREATE TABLE analytics_items (
    tenant_id         text   NOT NULL,
    item_id           text   NOT NULL,
    votes             bigint NOT NULL,
    vote_removals     bigint NOT NULL,
    comments          bigint NOT NULL,
    comment_deletions bigint NOT NULL,
    views             bigint NOT NULL,
    score             bigint GENERATED ALWAYS AS (greatest(0, votes - vote_removals) + greatest(0, comments - comment_deletions)) STORED,
    PRIMARY KEY (tenant_id, item_id)
);
CREATE INDEX analytics_items_top ON analytics_items (tenant_id, score DESC, item_id COLLATE "C");

-- Applies a tenant's log from p_from (exclusive) to p_to to the tables and moves the checkpoint, or raises
-- AC001 when the checkpoint is not at p_from (another writer got there first; nothing of this stands).
-- Reads the range by primary key. Types match ignoring case, as Engagement.KindOf does.
CREATE FUNCTION analytics_apply(p_tenant text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_from = 0 THEN
        INSERT INTO projection_checkpoints AS c (projection, tenant_id, applied) VALUES ('analytics', p_tenant, p_to)
        ON CONFLICT (projection, tenant_id) DO UPDATE SET applied = EXCLUDED.applied WHERE c.applied = 0;
    ELSE
        UPDATE projection_checkpoints SET applied = p_to WHERE projection = 'analytics' AND tenant_id = p_tenant AND applied = p_from;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the analytics of tenant % moved on from checkpoint %', p_tenant, p_from USING ERRCODE = 'AC001';
    END IF;

    WITH seen AS (
        SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month, actor_id, max(date_trunc('week', expires_on)::date) AS week
        FROM activity_queue WHERE tenant_id = p_tenant AND seq > p_from AND seq <= p_to
        GROUP BY 1, 2
    ),
    added AS (
        INSERT INTO analytics_actors AS a (tenant_id, month, actor_id, expires_week)
        SELECT p_tenant, month, actor_id, week FROM seen
        ON CONFLICT (tenant_id, month, actor_id) DO UPDATE SET expires_week = EXCLUDED.expires_week
            WHERE a.expires_week < EXCLUDED.expires_week
        RETURNING month, xmax = 0 AS inserted
    )
    INSERT INTO analytics_months AS m (tenant_id, month, active_users)
    SELECT p_tenant, month, count(*) FROM added WHERE inserted GROUP BY month
    ON CONFLICT (tenant_id, month) DO UPDATE SET active_users = m.active_users + EXCLUDED.active_users;

    INSERT INTO analytics_items AS i (tenant_id, item_id, votes, vote_removals, comments, comment_deletions, views)
    SELECT p_tenant, item_id,
           count(*) FILTER (WHERE lower(type) = 'vote'), count(*) FILTER (WHERE lower(type) = 'vote_removed'),
           count(*) FILTER (WHERE lower(type) = 'comment'), count(*) FILTER (WHERE lower(type) = 'comment_deleted'),
           count(*) FILTER (WHERE lower(type) = 'view')
    FROM activity_queue
    WHERE tenant_id = p_tenant AND seq > p_from AND seq <= p_to AND item_id IS NOT NULL
      AND lower(type) IN ('vote', 'vote_removed', 'comment', 'comment_deleted', 'view')
    GROUP BY item_id
    ON CONFLICT (tenant_id, item_id) DO UPDATE SET
        votes = i.votes + EXCLUDED.votes, vote_removals = i.vote_removals + EXCLUDED.vote_removals,
        comments = i.comments + EXCLUDED.comments, comment_deletions = i.comment_deletions + EXCLUDED.comment_deletions,
        views = i.views + EXCLUDED.views;
END $$;

-- Brings a tenant's analytics up to its log's last sequence, for a read that must see every event
-- committed before it (PostgresAnalyticsQueries). Waits for a writer that holds the checkpoint; one that
-- moved it meanwhile leaves nothing to do.
CREATE FUNCTION analytics_catch_up(p_tenant text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    done bigint;
    last bigint;
BEGIN
    SELECT applied INTO done FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = p_tenant FOR UPDATE;
    SELECT s.last INTO last FROM tenant_sequences s WHERE s.tenant_id = p_tenant;
    IF last > coalesce(done, 0) THEN
        BEGIN
            PERFORM analytics_apply(p_tenant, coalesce(done, 0), last);
        EXCEPTION WHEN SQLSTATE 'AC001' THEN
            NULL; -- a first apply that another writer made at the same moment
        END;
    END IF;
END $$;

-- Retention: takes an expiry week's events off the analytics before its table is dropped (in the same
-- transaction), as far as the projection had applied them: each item's counts, and the months of actors
-- whose latest event there was in this week. Holds every tenant's checkpoint meanwhile, so no apply
-- moves one while it reads. p_table is the detached partition of the week.
CREATE FUNCTION analytics_forget_week(p_table regclass, p_week date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM projection_checkpoints WHERE projection = 'analytics' FOR SHARE;
    EXECUTE format($sql$
        UPDATE analytics_items i SET votes = i.votes - d.votes, vote_removals = i.vote_removals - d.vote_removals,
               comments = i.comments - d.comments, comment_deletions = i.comment_deletions - d.comment_deletions, views = i.views - d.views
        FROM (
            SELECT p.tenant_id, p.item_id,
                   count(*) FILTER (WHERE lower(p.type) = 'vote') AS votes, count(*) FILTER (WHERE lower(p.type) = 'vote_removed') AS vote_removals,
                   count(*) FILTER (WHERE lower(p.type) = 'comment') AS comments, count(*) FILTER (WHERE lower(p.type) = 'comment_deleted') AS comment_deletions,
                   count(*) FILTER (WHERE lower(p.type) = 'view') AS views
            FROM %s p JOIN projection_checkpoints c ON c.projection = 'analytics' AND c.tenant_id = p.tenant_id
            WHERE p.seq <= c.applied AND p.item_id IS NOT NULL AND lower(p.type) IN ('vote', 'vote_removed', 'comment', 'comment_deleted', 'view')
            GROUP BY 1, 2
        ) d
        WHERE i.tenant_id = d.tenant_id AND i.item_id = d.item_id
        $sql$, p_table);
    WITH gone AS (
        DELETE FROM analytics_actors WHERE expires_week = p_week RETURNING tenant_id, month
    )
    UPDATE analytics_months m SET active_users = m.active_users - g.n
    FROM (SELECT tenant_id, month, count(*) AS n FROM gone GROUP BY 1, 2) g
    WHERE m.tenant_id = g.tenant_id AND m.month = g.month;
END $$;

-- Erasure: takes a person's events up to p_through off the analytics, before the log deletes them (in the
-- same transaction): their engagement off each item, and their months, which come back for events of
-- theirs the projection applied after p_through. Holds the tenant's checkpoint, so no apply runs meanwhile.
CREATE FUNCTION analytics_forget_actor(p_tenant text, p_user text, p_through bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    done bigint;
BEGIN
    SELECT applied INTO done FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = p_tenant FOR UPDATE;
    IF done IS NULL THEN
        RETURN;
    END IF;

    UPDATE analytics_items i SET votes = i.votes - d.votes, vote_removals = i.vote_removals - d.vote_removals,
           comments = i.comments - d.comments, comment_deletions = i.comment_deletions - d.comment_deletions, views = i.views - d.views
    FROM (
        SELECT item_id,
               count(*) FILTER (WHERE lower(type) = 'vote') AS votes, count(*) FILTER (WHERE lower(type) = 'vote_removed') AS vote_removals,
               count(*) FILTER (WHERE lower(type) = 'comment') AS comments, count(*) FILTER (WHERE lower(type) = 'comment_deleted') AS comment_deletions,
               count(*) FILTER (WHERE lower(type) = 'view') AS views
        FROM activity_queue
        WHERE tenant_id = p_tenant AND actor_id = p_user AND seq <= least(p_through, done)
          AND activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload) @> ARRAY['a ' || p_user]
          AND item_id IS NOT NULL AND lower(type) IN ('vote', 'vote_removed', 'comment', 'comment_deleted', 'view')
        GROUP BY item_id
    ) d
    WHERE i.tenant_id = p_tenant AND i.item_id = d.item_id;

    WITH gone AS (
        DELETE FROM analytics_actors WHERE tenant_id = p_tenant AND actor_id = p_user RETURNING month
    )
    UPDATE analytics_months m SET active_users = m.active_users - g.n
    FROM (SELECT month, count(*) AS n FROM gone GROUP BY month) g
    WHERE m.tenant_id = p_tenant AND m.month = g.month;

    WITH kept AS (
        SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month, max(date_trunc('week', expires_on)::date) AS week
        FROM activity_queue
        WHERE tenant_id = p_tenant AND actor_id = p_user AND seq > p_through AND seq <= done
          AND activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload) @> ARRAY['a ' || p_user]
        GROUP BY 1
    ),
    added AS (
        INSERT INTO analytics_actors (tenant_id, month, actor_id, expires_week)
        SELECT p_tenant, month, p_user, week FROM kept
        RETURNING month
    )
    INSERT INTO analytics_months AS m (tenant_id, month, active_users)
    SELECT p_tenant, month, count(*) FROM added GROUP BY month
    ON CONFLICT (tenant_id, month) DO UPDATE SET active_users = m.active_users + EXCLUDED.active_users;
END $$;

-- Retention changed a tenant's events (re-stamped into other weeks, and removed some): its analytics start
-- over, and the projection applies its log again from the start.
CREATE FUNCTION analytics_reset(p_tenant text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = p_tenant FOR UPDATE;
    DELETE FROM analytics_actors WHERE tenant_id = p_tenant;
    DELETE FROM analytics_months WHERE tenant_id = p_tenant;
    DELETE FROM analytics_items WHERE tenant_id = p_tenant;
    DELETE FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = p_tenant;
END $$;

-- A log that already holds events: every tenant's history applied now, in one pass, and each
-- checkpoint set to the tenant's last sequence as this transaction sees it (appends that commit later
-- have later sequences, and the projection applies them).
SELECT analytics_apply(tenant_id, 0, last) FROM tenant_sequences WHERE last > 0;
