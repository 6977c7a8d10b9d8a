-- The live feed: tiles, their windows, reactions, comments and the change log. The feed grain of a
-- tenant is the only writer of that tenant's rows.

-- Per tenant: the last log sequence applied to tiles, and the last change-log sequence. Every feed
-- write moves them in its own transaction, guarded by their previous values.
CREATE TABLE feed_checkpoints (
    tenant_id   text   PRIMARY KEY,
    applied     bigint NOT NULL,
    last_change bigint NOT NULL
);

-- Tiles ("activity_events" in the product's words). A tile merged into a group stays as a pointer
-- (merged_into) so requests naming it reach the group.
-- Queries: by id (primary key); the feed page, newest first by position (activity_events_feed);
-- a window's tiles by type and start (activity_events_windows).
CREATE TABLE activity_events (
    tenant_id    text        NOT NULL,
    id           uuid        NOT NULL,
    position     bigint      NOT NULL,
    event_type   text        NOT NULL,
    display_name text        NOT NULL,
    description  text        NOT NULL,
    icon         text        NOT NULL,
    count        integer     NOT NULL,
    actor_ids    jsonb       NOT NULL,
    samples      jsonb       NOT NULL,
    payload      jsonb,
    window_start timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    hype         integer     NOT NULL DEFAULT 0,
    respect      integer     NOT NULL DEFAULT 0,
    tribute      integer     NOT NULL DEFAULT 0,
    merged_into  uuid,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX activity_events_feed ON activity_events (tenant_id, position DESC) WHERE merged_into IS NULL;
CREATE INDEX activity_events_windows ON activity_events (tenant_id, event_type, window_start) WHERE merged_into IS NULL;

-- The latest window of each event type: what an activation reloads to go on grouping.
-- Queries: a tenant's rows (primary key prefix).
CREATE TABLE feed_windows (
    tenant_id    text        NOT NULL,
    event_type   text        NOT NULL,
    window_start timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_type)
);

-- What SSE clients receive, numbered per tenant without gaps; kept for resume (24 hours by default).
-- `body` is json, not jsonb, so a replay sends exactly the text that went out live.
-- Queries: a tenant's entries after an id (primary key); retention deletes by age (feed_changes_created_at).
CREATE TABLE feed_changes (
    tenant_id  text        NOT NULL,
    seq        bigint      NOT NULL,
    kind       text        NOT NULL,
    tile_id    uuid,
    body       json        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX feed_changes_created_at ON feed_changes (created_at);

-- One row per (tile, user, reaction).
-- Queries: exists / move by tile (primary key prefix); a user's reactions in the last hour for the
-- rate limit (reactions_by_user).
CREATE TABLE reactions (
    tenant_id     text        NOT NULL,
    event_id      uuid        NOT NULL,
    user_id       text        NOT NULL,
    reaction_type text        NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id, user_id, reaction_type)
);
CREATE INDEX reactions_by_user ON reactions (tenant_id, user_id, created_at);

-- Queries: a tile's comments oldest first, and moving them to a group (comments_by_event).
CREATE TABLE comments (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    event_id   uuid        NOT NULL,
    user_id    text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX comments_by_event ON comments (tenant_id, event_id, created_at);

-- The guards of feed writes. Each write sends its statements as one batch, which PostgreSQL runs
-- as one implicit transaction; the guard comes first and raises AC001 when another writer moved the
-- tenant's feed on (a briefly duplicated activation), so nothing of the write stands.

-- A batch of events applied: the checkpoint moves from p_from to p_to and, when the batch wrote
-- change-log entries, the last change from p_previous to p_last.
CREATE FUNCTION feed_advance(p_tenant text, p_from bigint, p_to bigint, p_previous bigint, p_last bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed_checkpoints AS f (tenant_id, applied, last_change) VALUES (p_tenant, p_to, COALESCE(p_last, 0))
    ON CONFLICT (tenant_id) DO UPDATE SET applied = EXCLUDED.applied, last_change = COALESCE(p_last, f.last_change)
    WHERE f.applied = p_from AND (p_previous IS NULL OR f.last_change = p_previous);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the feed of tenant % moved on from checkpoint %', p_tenant, p_from USING ERRCODE = 'AC001';
    END IF;
END $$;

-- A reaction or comment: one more change-log entry.
CREATE FUNCTION feed_advance_change(p_tenant text, p_last bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed_checkpoints AS f (tenant_id, applied, last_change) VALUES (p_tenant, 0, p_last)
    ON CONFLICT (tenant_id) DO UPDATE SET last_change = EXCLUDED.last_change
    WHERE f.last_change = p_last - 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the feed of tenant % moved on from change %', p_tenant, p_last - 1 USING ERRCODE = 'AC001';
    END IF;
END $$;
