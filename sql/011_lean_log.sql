-- A lean append: the log keeps its primary key and one GIN index, instead of nine indexes that every
-- append paid for (each b-tree about 2 us per event on the 2-core test VM, the search GIN 2 us more,
-- the lot 13.5 us, and 30-36 us under load once the indexes outgrew PostgreSQL's buffers).
--
-- What each read of the log uses now:
--   the feed, statistics, the router: a tenant's events after a sequence        primary key
--   audit log, no filter, newest first; a time range                             primary key (below)
--   audit log filters (type, actorId, itemId, status, environment) and q=        activity_queue_terms,
--       after a scan of the newest few thousand events by primary key, which answers a filter that
--       matches often without the index (PostgresAuditLog)
--   a user's events as actor or item owner (dashboards catching up, erasure)    the same, two ways
--   analytics over a tenant's events                                             primary key prefix
--
-- Why one GIN: a GIN index keeps each term once with the list of rows that have it, and gathers new
-- rows in a pending list that is merged in bulk, so it costs about 0.2 us a term; the terms of an
-- event (its type, actor, owner, item, status, environment, and the words of the search text) cost
-- about 4 us per event in all, 2 of them computing the search words. Its weakness, rows in no order,
-- is what the newest-first scan before it covers.

DROP INDEX activity_queue_by_actor, activity_queue_by_owner, activity_queue_by_type, activity_queue_by_item,
    activity_queue_by_status, activity_queue_by_environment, activity_queue_by_environment_status,
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
-- time (4.0 us an event here against 6.7). The silo's log maintenance merges it every few seconds
-- (gin_clean_pending_list), so no append waits for a merge.
CREATE INDEX activity_queue_terms ON activity_queue
    USING gin (activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload))
    WITH (gin_pending_list_limit = 65536);

-- The first sequence of the tenant's log received at or after p_at (one past the last when none is):
-- a binary search over the primary key, since receive times grow with sequences (up to the few
-- milliseconds two silos' appends may interleave). About 25 probes of the primary key (each partition's)
-- replace an index on received_at that every append paid for. Callers: audit log time ranges, the
-- retention job's re-stamp.
CREATE FUNCTION activity_seq_at(p_tenant text, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    lo   bigint;
    hi   bigint;
    mid  bigint;
    best bigint;
    s    bigint;
    r    timestamptz;
BEGIN
    SELECT min(seq), max(seq) + 1 INTO lo, hi FROM activity_queue WHERE tenant_id = p_tenant;
    IF lo IS NULL THEN
        RETURN coalesce((SELECT last + 1 FROM tenant_sequences WHERE tenant_id = p_tenant), 1);
    END IF;
    best := hi;
    WHILE lo < hi LOOP
        mid := lo + (hi - lo) / 2;
        SELECT seq, received_at INTO s, r FROM activity_queue
        WHERE tenant_id = p_tenant AND seq >= mid AND seq < hi ORDER BY seq LIMIT 1;
        IF s IS NULL THEN
            hi := mid;
        ELSIF r >= p_at THEN
            best := s;
            hi := mid;
        ELSE
            lo := s + 1;
        END IF;
    END LOOP;
    RETURN best;
END $$;
