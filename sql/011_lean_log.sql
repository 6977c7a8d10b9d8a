-- A lean append: every event pays for the log's primary key and one GIN index, instead of the six
-- indexes every event paid for before (each b-tree about 2 us per event on the 2-core test VM, the search
-- GIN 2.4 us, the lot about 12 us, and the COPY 30-36 us under load once they outgrew PostgreSQL's
-- buffers). The three partial indexes on status and environment stay: they hold only the events that
-- carry those fields (deployments and the like), so the rest pay nothing for them, and they answer the
-- filters on them in order, which the GIN cannot.
--
-- What each read of the log uses now:
--   the feed, statistics, the router: a tenant's events after a sequence        primary key
--   audit log, no filter, newest first; a time range                             primary key (below)
--   audit log filters and q=: the newest 5,000 events of the range by primary key first (a filter that
--       matches often is answered there), then status / environment alone by their partial indexes
--       (sql/008), anything else by activity_queue_terms a week at a time (PostgresAuditLog)
--   a user's events as actor or item owner (dashboards catching up, erasure)    the same, two ways
--   analytics over a tenant's events                                             primary key prefix
--
-- Why one GIN: a GIN index keeps each term once with the list of rows that have it, and gathers new
-- rows in a pending list that is merged in bulk, so it costs about 0.2 us a term; the terms of an
-- event (its type, actor, owner, item, status, environment, and the words of the search text) cost
-- about 4 us per event in all, 2 of them computing the search words. Its weakness, rows in no order,
-- is what the newest-first scan before it covers.

DROP INDEX activity_queue_by_actor, activity_queue_by_owner, activity_queue_by_type, activity_queue_by_item,
    activity_queue_by_received, activity_queue_search;

-- The terms an event is found by: each filterable field as a letter, a space and its value ('t vote',
-- 'a user-1', 'o owner', 'i item-7', 's failed', 'e production'), and the lexemes of its search text
-- (activity_search_text, sql/006) as they are. A lexeme holds no space, so the two kinds never meet.
-- The index and the queries must use this same expression (PostgresAuditLog, PostgresActivityQueue).
CREATE FUNCTION activity_index_terms(p_type text, p_actor text, p_owner text, p_item text, p_status text,
                                     p_environment text, p_details text, p_payload jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_remove(ARRAY['t ' || p_type, 'a ' || p_actor, 'o ' || p_owner, 'i ' || p_item, 's ' || p_status, 'e ' || p_environment], NULL)
        || tsvector_to_array(activity_search_text(p_type, p_details, p_payload))
$$;

-- A 64 MB pending list (4 MB by default): the merge into the index runs less often and does more each
-- time (4.0 us an event here against 6.7). Every silo merges it every couple of seconds (LogIndexMerger),
-- so an append seldom fills it and has to merge it itself; queries read the list as they read the index.
CREATE INDEX activity_queue_terms ON activity_queue
    USING gin (activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload))
    WITH (gin_pending_list_limit = 65536);

-- The expiry week of each partition of the log (activity_queue_eYYYYMMDD, sql/008): the weeks the two
-- functions below walk, one partition's terms index at a time.
CREATE FUNCTION activity_log_weeks() RETURNS SETOF date LANGUAGE sql STABLE AS $$
    SELECT to_date(substr(c.relname, 17), 'YYYYMMDD') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'activity_queue'::regclass
$$;

-- The newest events of a tenant below p_below (and at or above p_from) that have every term of p_terms:
-- the terms index of one expiry week at a time, newest week first, until p_limit are found. A week at a
-- time bounds what a term that is neither common nor rare costs (the index gives rows in no order, so
-- every match of a week is fetched and sorted); a filter that matches often is answered before this, by
-- a scan of the newest events (PostgresAuditLog). Each week's statement is ordered by an expression no
-- index gives, so its plan is the terms index, never that week's primary key walked back.
CREATE FUNCTION activity_find_newest(p_tenant text, p_terms text[], p_below bigint, p_from bigint, p_limit integer)
RETURNS SETOF activity_queue
-- Each week's plan is the terms index: not a scan of the week that computes every event's terms (what a
-- generic plan picks for two terms together, at a second or more a week), not the primary key walked
-- in order or read for a range of sequences (the bounds are written `seq + 0` so no index takes them),
-- and no parallel workers, which cost more to start than these lookups take.
LANGUAGE plpgsql STABLE SET max_parallel_workers_per_gather = 0 SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    week  date;
    found integer := 0;
    n     integer;
BEGIN
    FOR week IN SELECT w FROM activity_log_weeks() w ORDER BY 1 DESC LOOP
        RETURN QUERY SELECT * FROM activity_queue q
            WHERE q.tenant_id = p_tenant AND q.expires_on >= week AND q.expires_on < week + 7
              AND q.seq + 0 < p_below AND q.seq + 0 >= p_from
              AND activity_index_terms(q.type, q.actor_id, q.item_owner_id, q.item_id, q.status, q.environment, q.details, q.payload) @> p_terms
            ORDER BY q.seq + 0 DESC LIMIT p_limit - found;
        GET DIAGNOSTICS n = ROW_COUNT;
        found := found + n;
        EXIT WHEN found >= p_limit;
    END LOOP;
END $$;

-- A user's oldest events above p_after, as actor or item owner, by the terms index a week at a time,
-- oldest week first, until p_limit are found (dashboards catching up from far behind, erasure).
CREATE FUNCTION activity_find_user(p_tenant text, p_user text, p_after bigint, p_limit integer)
RETURNS SETOF activity_queue
LANGUAGE plpgsql STABLE SET max_parallel_workers_per_gather = 0 SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    week  date;
    found integer := 0;
    n     integer;
BEGIN
    FOR week IN SELECT w FROM activity_log_weeks() w ORDER BY 1 LOOP
        RETURN QUERY SELECT * FROM activity_queue q
            WHERE q.tenant_id = p_tenant AND q.expires_on >= week AND q.expires_on < week + 7 AND q.seq + 0 > p_after
              AND activity_index_terms(q.type, q.actor_id, q.item_owner_id, q.item_id, q.status, q.environment, q.details, q.payload) && ARRAY['a ' || p_user, 'o ' || p_user]
              AND (q.actor_id = p_user OR q.item_owner_id = p_user)
            ORDER BY q.seq + 0 LIMIT p_limit - found;
        GET DIAGNOSTICS n = ROW_COUNT;
        found := found + n;
        EXIT WHEN found >= p_limit;
    END LOOP;
END $$;

-- The first sequence of the tenant's log received at or after p_at (one past the last when none is):
-- a search over the primary key, since receive times grow with sequences (up to the few milliseconds
-- two silos' appends may interleave). Every other probe guesses where p_at falls from the receive times
-- at the ends of the range left (events come at a fairly even rate), the others halve it, so a search
-- takes a few probes and never more than twice a binary search's. Each probe reads the primary key of
-- every partition. This replaces an index on received_at that every append paid for. Callers: audit log
-- time ranges, the retention job's re-stamp.
CREATE FUNCTION activity_seq_at(p_tenant text, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    lo     bigint;
    hi     bigint;
    lo_at  timestamptz;
    hi_at  timestamptz;
    mid    bigint;
    best   bigint;
    s      bigint;
    r      timestamptz;
    probes integer := 0;
BEGIN
    SELECT seq, received_at INTO lo, lo_at FROM activity_queue WHERE tenant_id = p_tenant ORDER BY seq LIMIT 1;
    SELECT seq + 1, received_at INTO hi, hi_at FROM activity_queue WHERE tenant_id = p_tenant ORDER BY seq DESC LIMIT 1;
    IF lo IS NULL THEN
        RETURN coalesce((SELECT last + 1 FROM tenant_sequences WHERE tenant_id = p_tenant), 1);
    ELSIF lo_at >= p_at THEN
        RETURN lo;
    ELSIF hi_at < p_at THEN
        RETURN hi;
    END IF;
    -- From here: lo_at < p_at <= hi_at, and the answer is in (lo, hi - 1].
    best := hi - 1;
    lo := lo + 1;
    WHILE lo < hi LOOP
        IF probes % 2 = 0 AND hi_at > lo_at THEN
            mid := lo + ((hi - 1 - lo) * (extract(epoch FROM p_at - lo_at) / extract(epoch FROM hi_at - lo_at)))::bigint;
            mid := greatest(lo, least(hi - 1, mid));
        ELSE
            mid := lo + (hi - lo) / 2;
        END IF;
        probes := probes + 1;
        SELECT seq, received_at INTO s, r FROM activity_queue
        WHERE tenant_id = p_tenant AND seq >= mid AND seq < hi ORDER BY seq LIMIT 1;
        IF s IS NULL THEN
            hi := mid;
        ELSIF r >= p_at THEN
            best := s;
            hi := mid;
            hi_at := r;
        ELSE
            lo := s + 1;
            lo_at := r;
        END IF;
    END LOOP;
    RETURN best;
END $$;
