namespace Activity.Postgres.Feed;

/// <summary>The SQL of <see cref="PostgresFeedStore"/>, with the index each statement relies on.</summary>
internal static class FeedSql
{
    // Every tile query names tiles "e".
    public const string TileColumns = "e.id, e.position, e.event_type, e.display_name, e.description, e.icon, e.count, e.actor_ids::text, e.samples::text, e.payload::text, e.window_start, e.created_at, e.updated_at, e.hype, e.respect, e.tribute";

    // Moves the checkpoint and last change sequence, but only from the values this writer started
    // from; raises AC001 otherwise (sql/003_feed.sql). Primary key.
    public const string AdvanceCheckpoint = "SELECT feed_advance(@tenant, @from, @to, @previous, @last)";

    public const string AdvanceLastChange = "SELECT feed_advance_change(@tenant, @last)";

    /// <summary>The SQLSTATE the guards raise.</summary>
    public const string MovedOn = "AC001";

    public const string InsertTiles = """
        INSERT INTO tiles (tenant_id, id, position, event_type, display_name, description, icon, count,
                                     actor_ids, samples, payload, window_start, created_at, updated_at, hype, respect, tribute)
        SELECT @tenant, t.id, t.position, t.event_type, t.display_name, t.description, t.icon, t.count,
               t.actor_ids, t.samples, NULLIF(t.payload, 'null'::jsonb), t.window_start, t.created_at, t.updated_at, t.hype, t.respect, t.tribute
        FROM jsonb_to_recordset(@tiles::jsonb) AS t(id uuid, position bigint, event_type text, display_name text, description text,
             icon text, count int, actor_ids jsonb, samples jsonb, payload jsonb, window_start timestamptz, created_at timestamptz,
             updated_at timestamptz, hype int, respect int, tribute int)
        """;

    // Primary key.
    public const string UpdateTiles = """
        UPDATE tiles e
        SET description = t.description, count = t.count, actor_ids = t.actor_ids, samples = t.samples,
            updated_at = t.updated_at, hype = t.hype, respect = t.respect, tribute = t.tribute
        FROM jsonb_to_recordset(@tiles::jsonb) AS t(id uuid, description text, count int, actor_ids jsonb, samples jsonb,
             updated_at timestamptz, hype int, respect int, tribute int)
        WHERE e.tenant_id = @tenant AND e.id = t.id
        """;

    public const string OpenWindows = """
        INSERT INTO feed_windows (tenant_id, event_type, window_start)
        SELECT @tenant, t.event_type, max(t.window_start)
        FROM jsonb_to_recordset(@tiles::jsonb) AS t(event_type text, window_start timestamptz)
        GROUP BY t.event_type
        ON CONFLICT (tenant_id, event_type) DO UPDATE SET window_start = GREATEST(feed_windows.window_start, EXCLUDED.window_start)
        """;

    // Primary key; reactions and comments move by tile (primary key prefix, comments_by_event).
    public const string MergeTiles = """
        UPDATE tiles e SET merged_into = m.target
        FROM jsonb_to_recordset(@merges::jsonb) AS m(tile_id uuid, target uuid)
        WHERE e.tenant_id = @tenant AND e.id = m.tile_id
        """;

    public const string MoveReactions = """
        WITH m AS (SELECT * FROM jsonb_to_recordset(@merges::jsonb) AS m(tile_id uuid, target uuid)),
        moved AS (
            DELETE FROM reactions r USING m WHERE r.tenant_id = @tenant AND r.event_id = m.tile_id
            RETURNING r.user_id, r.reaction_type, r.created_at, m.target
        )
        INSERT INTO reactions (tenant_id, event_id, user_id, reaction_type, created_at)
        SELECT @tenant, target, user_id, reaction_type, created_at FROM moved
        ON CONFLICT DO NOTHING
        """;

    public const string MoveComments = """
        UPDATE comments c SET event_id = m.target
        FROM jsonb_to_recordset(@merges::jsonb) AS m(tile_id uuid, target uuid)
        WHERE c.tenant_id = @tenant AND c.event_id = m.tile_id
        """;

    // Bodies travel as text so the change log keeps exactly what went out live.
    public const string InsertChanges = """
        INSERT INTO feed_changes (tenant_id, seq, kind, tile_id, body, created_at)
        SELECT @tenant, c.seq, c.kind, c.tile_id, c.body::json, c.created_at
        FROM unnest(@seqs::bigint[], @kinds::text[], @tiles::uuid[], @bodies::text[], @at::timestamptz[]) AS c(seq, kind, tile_id, body, created_at)
        """;

    public const string LoadCheckpoint = "SELECT applied, last_change FROM feed_checkpoints WHERE tenant_id = @tenant";

    // feed_windows primary key, then tiles_windows.
    public const string LoadOpenTiles = $"""
        SELECT {TileColumns} FROM tiles e
        JOIN feed_windows w ON w.tenant_id = e.tenant_id AND w.event_type = e.event_type AND w.window_start = e.window_start
        WHERE w.tenant_id = @tenant AND e.merged_into IS NULL
        """;

    public const string LoadOpenTileReactions = """
        SELECT r.event_id, r.user_id, r.reaction_type, r.created_at FROM reactions r
        JOIN tiles e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
        JOIN feed_windows w ON w.tenant_id = e.tenant_id AND w.event_type = e.event_type AND w.window_start = e.window_start
        WHERE w.tenant_id = @tenant AND e.merged_into IS NULL
        """;

    // Primary key, twice: the named tile, or the group it was merged into.
    public const string FindTile = $"""
        SELECT {TileColumns} FROM tiles e
        WHERE e.tenant_id = @tenant AND e.merged_into IS NULL
          AND e.id = COALESCE((SELECT merged_into FROM tiles WHERE tenant_id = @tenant AND id = @id), @id)
        """;

    // tiles_feed.
    public const string ListTiles = $"SELECT {TileColumns} FROM tiles e WHERE e.tenant_id = @tenant AND e.merged_into IS NULL ORDER BY e.position DESC LIMIT @limit";

    public const string ListTilesBefore = $"SELECT {TileColumns} FROM tiles e WHERE e.tenant_id = @tenant AND e.merged_into IS NULL AND e.position < @before ORDER BY e.position DESC LIMIT @limit";

    // reactions primary key.
    public const string HasReaction = "SELECT EXISTS (SELECT 1 FROM reactions WHERE tenant_id = @tenant AND event_id = @tile AND user_id = @user AND reaction_type = @type)";

    // reactions_by_user.
    public const string CountReactions = "SELECT count(*), min(created_at) FROM reactions WHERE tenant_id = @tenant AND user_id = @user AND created_at > @since";

    public const string InsertReaction = "INSERT INTO reactions (tenant_id, event_id, user_id, reaction_type, created_at) VALUES (@tenant, @tile, @user, @type, @at)";

    // Primary key.
    public const string SetReactionCounts = "UPDATE tiles SET hype = @hype, respect = @respect, tribute = @tribute WHERE tenant_id = @tenant AND id = @tile";

    public const string InsertComment = "INSERT INTO comments (tenant_id, id, event_id, user_id, body, created_at) VALUES (@tenant, @id, @tile, @user, @body, @at)";

    // comments_by_event.
    public const string ListComments = "SELECT id, event_id, user_id, body, created_at FROM comments WHERE tenant_id = @tenant AND event_id = @tile ORDER BY created_at, id";

    // feed_changes primary key.
    public const string ReadChanges = "SELECT seq, kind, tile_id, body::text, created_at FROM feed_changes WHERE tenant_id = @tenant AND seq > @after ORDER BY seq LIMIT @max";

    public const string LastChange = "SELECT last_change FROM feed_checkpoints WHERE tenant_id = @tenant";

    public const string Checkpoints = "SELECT tenant_id, applied FROM feed_checkpoints WHERE applied > 0";

    // Erasure. Tiles: a scan of the tenant's tiles (primary key prefix), rare enough not to cost every
    // tile write a JSON index; the reactions subquery uses reactions_by_user.
    public const string TraceTiles = $"""
        SELECT {TileColumns}, e.merged_into IS NOT NULL FROM tiles e
        WHERE e.tenant_id = @tenant
          AND (e.actor_ids @> jsonb_build_array(@user::text)
               OR e.samples @> jsonb_build_array(jsonb_build_object('actorId', @user::text))
               OR e.samples @> jsonb_build_array(jsonb_build_object('itemOwnerId', @user::text))
               OR e.id IN (SELECT event_id FROM reactions WHERE tenant_id = @tenant AND user_id = @user))
        """;

    // reactions_by_user.
    public const string TraceReactions = "SELECT event_id, user_id, reaction_type, created_at FROM reactions WHERE tenant_id = @tenant AND user_id = @user";

    // comments_by_user (sql/009).
    public const string TraceComments = "SELECT id, event_id, user_id, body, created_at FROM comments WHERE tenant_id = @tenant AND user_id = @user";

    // feed_changes primary key prefix: the tenant's change log, which keeps a day by default. An entry
    // that names the person holds their id as a JSON string (@needle).
    public const string TraceChanges = """
        SELECT seq, kind, tile_id, body::text, created_at FROM feed_changes
        WHERE tenant_id = @tenant AND strpos(body::text, @needle) > 0
        ORDER BY seq
        """;

    // reactions primary key prefix and reactions_by_user; comments_by_event and comments_by_user; primary key.
    public const string EraseReactions = "DELETE FROM reactions WHERE tenant_id = @tenant AND (user_id = @user OR event_id = ANY(@removed))";

    public const string EraseComments = "DELETE FROM comments WHERE tenant_id = @tenant AND (user_id = @user OR event_id = ANY(@removed))";

    public const string EraseTiles = "DELETE FROM tiles WHERE tenant_id = @tenant AND (id = ANY(@removed) OR merged_into = ANY(@removed))";

    public const string ScrubTiles = """
        UPDATE tiles e
        SET description = t.description, actor_ids = t.actor_ids, samples = t.samples, payload = NULLIF(t.payload, 'null'::jsonb),
            hype = t.hype, respect = t.respect, tribute = t.tribute
        FROM jsonb_to_recordset(@tiles::jsonb) AS t(id uuid, description text, actor_ids jsonb, samples jsonb, payload jsonb,
             hype int, respect int, tribute int)
        WHERE e.tenant_id = @tenant AND e.id = t.id
        """;

    // feed_changes primary key.
    public const string RewriteChanges = """
        UPDATE feed_changes c SET kind = r.kind, body = r.body::json
        FROM unnest(@seqs::bigint[], @kinds::text[], @bodies::text[]) AS r(seq, kind, body)
        WHERE c.tenant_id = @tenant AND c.seq = r.seq
        """;

    // feed_changes_created_at.
    public const string ForgetChanges = "DELETE FROM feed_changes WHERE created_at < @before";
}
