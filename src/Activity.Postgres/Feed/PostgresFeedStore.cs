using System.Text.Json;
using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Grains.Feed;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace Activity.Postgres.Feed;

/// <summary>The feed in PostgreSQL: tiles in <c>tiles</c>, plus windows, reactions, comments and the change log.</summary>
internal sealed class PostgresFeedStore(NpgsqlDataSource dataSource) : IFeedStore
{
    // Rows for jsonb_to_recordset: snake_case columns; samples and payloads are already JSON.
    private static readonly JsonSerializerOptions RowJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<FeedSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        Add(batch, FeedSql.LoadCheckpoint, tenantId);
        Add(batch, FeedSql.LoadOpenTiles, tenantId);
        Add(batch, FeedSql.LoadOpenTileReactions, tenantId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        long checkpoint = 0, lastChange = 0;
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            (checkpoint, lastChange) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var tiles = new List<Tile>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tiles.Add(ReadTile(reader));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var reactions = new List<Reaction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reactions.Add(new Reaction(reader.GetGuid(0), reader.GetString(1), Enum.Parse<ReactionType>(reader.GetString(2), ignoreCase: true), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return new FeedSnapshot(checkpoint, lastChange, tiles, reactions);
    }

    public async Task ApplyAsync(string tenantId, FeedBatch feedBatch, CancellationToken cancellationToken)
    {
        var changes = feedBatch.Changes;
        await WriteAsync(tenantId, cancellationToken, batch =>
        {
            Add(batch, FeedSql.AdvanceCheckpoint, tenantId,
                ("to", feedBatch.ToCheckpoint),
                ("from", feedBatch.FromCheckpoint),
                ("last", changes.Count > 0 ? changes[^1].Sequence : null),
                ("previous", changes.Count > 0 ? changes[0].Sequence - 1 : null));
            if (feedBatch.Created.Count > 0)
            {
                var created = TilesJson(feedBatch.Created);
                Add(batch, FeedSql.InsertTiles, tenantId, ("tiles", created));
                Add(batch, FeedSql.OpenWindows, tenantId, ("tiles", created));
            }

            if (feedBatch.Updated.Count > 0)
            {
                Add(batch, FeedSql.UpdateTiles, tenantId, ("tiles", TilesJson(feedBatch.Updated)));
            }

            if (feedBatch.Merged.Count > 0)
            {
                var merges = JsonSerializer.Serialize(feedBatch.Merged.Select(m => new { TileId = m.TileId, Target = m.Into }), RowJson);
                Add(batch, FeedSql.MergeTiles, tenantId, ("merges", merges));
                Add(batch, FeedSql.MoveReactions, tenantId, ("merges", merges));
                Add(batch, FeedSql.MoveComments, tenantId, ("merges", merges));
            }

            AddChanges(batch, tenantId, changes);
        }).ConfigureAwait(false);
    }

    public async Task RecordReactionAsync(string tenantId, Reaction reaction, ReactionCounts counts, FeedChangeRecord change, CancellationToken cancellationToken) =>
        await WriteAsync(tenantId, cancellationToken, batch =>
        {
            Add(batch, FeedSql.AdvanceLastChange, tenantId, ("last", change.Sequence));
            Add(batch, FeedSql.InsertReaction, tenantId, ("tile", reaction.TileId), ("user", reaction.UserId), ("type", Name(reaction.Type)), ("at", reaction.CreatedAt));
            Add(batch, FeedSql.SetReactionCounts, tenantId, ("tile", reaction.TileId), ("hype", counts.Hype), ("respect", counts.Respect), ("tribute", counts.Tribute));
            AddChanges(batch, tenantId, [change]);
        }).ConfigureAwait(false);

    public async Task RecordCommentAsync(string tenantId, Comment comment, FeedChangeRecord change, CancellationToken cancellationToken) =>
        await WriteAsync(tenantId, cancellationToken, batch =>
        {
            Add(batch, FeedSql.AdvanceLastChange, tenantId, ("last", change.Sequence));
            Add(batch, FeedSql.InsertComment, tenantId, ("id", comment.Id), ("tile", comment.EventId), ("user", comment.UserId), ("body", comment.Body), ("at", comment.CreatedAt));
            AddChanges(batch, tenantId, [change]);
        }).ConfigureAwait(false);

    public async Task<Tile?> FindTileAsync(string tenantId, Guid tileId, CancellationToken cancellationToken) =>
        (await QueryTilesAsync(FeedSql.FindTile, tenantId, cancellationToken, ("id", tileId)).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<Tile>> ListTilesAsync(string tenantId, long? before, int limit, CancellationToken cancellationToken) =>
        before is { } position
            ? QueryTilesAsync(FeedSql.ListTilesBefore, tenantId, cancellationToken, ("before", position), ("limit", limit))
            : QueryTilesAsync(FeedSql.ListTiles, tenantId, cancellationToken, ("limit", limit));

    public async Task<bool> HasReactionAsync(string tenantId, Guid tileId, string userId, ReactionType type, CancellationToken cancellationToken)
    {
        await using var command = Command(FeedSql.HasReaction, tenantId, ("tile", tileId), ("user", userId), ("type", Name(type)));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<(int Count, DateTimeOffset? Oldest)> CountReactionsSinceAsync(string tenantId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = Command(FeedSql.CountReactions, tenantId, ("user", userId), ("since", since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return ((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public async Task<IReadOnlyList<Comment>> ListCommentsAsync(string tenantId, Guid tileId, CancellationToken cancellationToken)
    {
        await using var command = Command(FeedSql.ListComments, tenantId, ("tile", tileId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var comments = new List<Comment>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            comments.Add(new Comment(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return comments;
    }

    public async Task<IReadOnlyList<FeedChangeRecord>> ReadChangesAsync(string tenantId, long after, int max, CancellationToken cancellationToken)
    {
        await using var command = Command(FeedSql.ReadChanges, tenantId, ("after", after), ("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<FeedChangeRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new FeedChangeRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return changes;
    }

    public async Task<long> LastChangeAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = Command(FeedSql.LastChange, tenantId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
    }

    public Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken cancellationToken) =>
        TenantNumbers.ReadAsync(dataSource, FeedSql.Checkpoints, cancellationToken);

    public async Task<int> ForgetChangesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FeedSql.ForgetChanges);
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeedTrace> TraceUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var tiles = new List<Tile>();
        var merged = new HashSet<Guid>();
        await using (var command = Command(FeedSql.TraceTiles, tenantId, ("user", userId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var tile = ReadTile(reader);
                tiles.Add(tile);
                if (reader.GetBoolean(16))
                {
                    merged.Add(tile.Id);
                }
            }
        }

        var reactions = new List<Reaction>();
        await using (var command = Command(FeedSql.TraceReactions, tenantId, ("user", userId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                reactions.Add(new Reaction(reader.GetGuid(0), reader.GetString(1), Enum.Parse<ReactionType>(reader.GetString(2), ignoreCase: true), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        var comments = new List<Comment>();
        await using (var command = Command(FeedSql.TraceComments, tenantId, ("user", userId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                comments.Add(new Comment(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        var changes = new List<FeedChangeRecord>();
        await using (var command = Command(FeedSql.TraceChanges, tenantId, ("needle", FeedJson.Serialize(userId))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes.Add(new FeedChangeRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        return new FeedTrace(tiles, merged, reactions, comments, changes);
    }

    public async Task EraseUserAsync(string tenantId, FeedErasure erasure, CancellationToken cancellationToken) =>
        await WriteAsync(tenantId, cancellationToken, batch =>
        {
            var added = erasure.Added;
            Add(batch, FeedSql.AdvanceCheckpoint, tenantId,
                ("from", erasure.Checkpoint),
                ("to", erasure.Checkpoint),
                ("previous", added.Count > 0 ? erasure.FromLastChange : null),
                ("last", added.Count > 0 ? erasure.FromLastChange + added.Count : null));
            var removed = erasure.RemovedTiles.ToArray();
            Add(batch, FeedSql.EraseReactions, tenantId, ("user", erasure.UserId), ("removed", removed));
            Add(batch, FeedSql.EraseComments, tenantId, ("user", erasure.UserId), ("removed", removed));
            Add(batch, FeedSql.EraseTiles, tenantId, ("removed", removed));
            if (erasure.ScrubbedTiles.Count > 0)
            {
                Add(batch, FeedSql.ScrubTiles, tenantId, ("tiles", TilesJson(erasure.ScrubbedTiles)));
            }

            if (erasure.Rewritten.Count > 0)
            {
                Add(batch, FeedSql.RewriteChanges, tenantId,
                    ("seqs", erasure.Rewritten.Select(c => c.Sequence).ToArray()),
                    ("kinds", erasure.Rewritten.Select(c => c.Kind).ToArray()),
                    ("bodies", erasure.Rewritten.Select(c => c.Body).ToArray()));
            }

            AddChanges(batch, tenantId, added);
        }).ConfigureAwait(false);

    // One round trip: the statements go as one batch, which PostgreSQL runs as one implicit transaction.
    // The guard comes first and raises when another writer moved the tenant's feed on; a unique key
    // clash means the same. Either way nothing of this write stands.
    private async Task WriteAsync(string tenantId, CancellationToken cancellationToken, Action<NpgsqlBatch> build)
    {
        await using var batch = dataSource.CreateBatch();
        build(batch);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState is FeedSql.MovedOn or PostgresErrorCodes.UniqueViolation)
        {
            throw new InconsistentStateException($"The feed of tenant {tenantId} moved on: another activation wrote it ({exception.MessageText}).", exception);
        }
    }

    private static void AddChanges(NpgsqlBatch batch, string tenantId, IReadOnlyList<FeedChangeRecord> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Add(batch, FeedSql.InsertChanges, tenantId,
            ("seqs", changes.Select(c => c.Sequence).ToArray()),
            ("kinds", changes.Select(c => c.Kind).ToArray()),
            ("tiles", changes.Select(c => c.TileId).ToArray()),
            ("bodies", changes.Select(c => c.Body).ToArray()),
            ("at", changes.Select(c => c.CreatedAt).ToArray()));
    }

    private async Task<IReadOnlyList<Tile>> QueryTilesAsync(string sql, string tenantId, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, tenantId, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tiles = new List<Tile>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tiles.Add(ReadTile(reader));
        }

        return tiles;
    }

    private static Tile ReadTile(NpgsqlDataReader reader) => new(
        Id: reader.GetGuid(0),
        EventType: reader.GetString(2),
        DisplayName: reader.GetString(3),
        Description: reader.GetString(4),
        Icon: reader.GetString(5),
        Count: reader.GetInt32(6),
        ActorIds: JsonSerializer.Deserialize<List<string>>(reader.GetString(7))!,
        Samples: JsonSerializer.Deserialize<List<TileSample>>(reader.GetString(8), FeedJson.Options)!,
        Payload: reader.IsDBNull(9) ? null : Json(reader.GetString(9)),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(11),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(12),
        Reactions: new ReactionCounts(reader.GetInt32(13), reader.GetInt32(14), reader.GetInt32(15)),
        WindowStart: reader.GetFieldValue<DateTimeOffset>(10),
        Position: reader.GetInt64(1));

    private static string TilesJson(IEnumerable<Tile> tiles) => JsonSerializer.Serialize(
        tiles.Select(t => new
        {
            t.Id,
            t.Position,
            t.EventType,
            t.DisplayName,
            t.Description,
            t.Icon,
            t.Count,
            t.ActorIds,
            Samples = JsonSerializer.SerializeToElement(t.Samples, FeedJson.Options),
            t.Payload,
            t.WindowStart,
            t.CreatedAt,
            t.UpdatedAt,
            t.Reactions.Hype,
            t.Reactions.Respect,
            t.Reactions.Tribute,
        }),
        RowJson);

    private NpgsqlCommand Command(string sql, string tenantId, params (string Name, object? Value)[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        return command;
    }

    private static void Add(NpgsqlBatch batch, string sql, string tenantId, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        batch.BatchCommands.Add(command);
    }

    // Nulls need a type; the only nullable parameters here are sequence numbers.
    private static NpgsqlParameter Parameter(string name, object? value) =>
        value is null ? new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = DBNull.Value } : new NpgsqlParameter(name, value);

    private static string Name(ReactionType type) => type.ToString().ToLowerInvariant();

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
