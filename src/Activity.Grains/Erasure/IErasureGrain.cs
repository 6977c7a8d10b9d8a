namespace Activity.Grains.Erasure;

/// <summary>
/// Erases people from one tenant (key: tenant id), one at a time. Every step is idempotent, so an
/// erasure cut short (a silo died) is finished by asking again.
/// </summary>
[Alias("activity.IErasureGrain")]
public interface IErasureGrain : IGrainWithStringKey
{
    /// <summary>Erases <paramref name="userId"/> from every place the tenant's data names them; says what went, per kind.</summary>
    [Alias("Erase")]
    Task<ErasureReport> EraseAsync(string userId);
}

/// <summary>What erasing a person removed.</summary>
/// <param name="UserId">The person.</param>
/// <param name="Through">The last log sequence the erasure covered: events they send after it are new.</param>
/// <param name="Removed">Per kind.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ErasureReport")]
public sealed record ErasureReport([property: Id(0)] string UserId, [property: Id(1)] long Through, [property: Id(2)] ErasedCounts Removed);

/// <summary>What erasing a person removed, per kind.</summary>
/// <param name="Events">Events they made, removed from the log (and so from the audit log).</param>
/// <param name="OwnerMentions">Events on their items that now name no owner.</param>
/// <param name="Tiles">Feed tiles that were theirs alone, removed (with the reactions and comments on them).</param>
/// <param name="TilesScrubbed">Feed tiles that named them among others, kept without them in samples and actor lists.</param>
/// <param name="Comments">Their comments.</param>
/// <param name="Reactions">Their reactions.</param>
/// <param name="ChangeLogEntries">Change-log (SSE replay) entries rewritten not to name them.</param>
/// <param name="Dashboards">Their own dashboard, emptied (1, or 0 with dashboards off).</param>
/// <param name="EngagementOnOthersItems">Votes and comments they gave others' items, taken back from those owners' dashboards.</param>
/// <param name="StatisticsSections">Statistics sections that forgot them.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ErasedCounts")]
public sealed record ErasedCounts(
    [property: Id(0)] long Events,
    [property: Id(1)] long OwnerMentions,
    [property: Id(2)] int Tiles,
    [property: Id(3)] int TilesScrubbed,
    [property: Id(4)] int Comments,
    [property: Id(5)] int Reactions,
    [property: Id(6)] int ChangeLogEntries,
    [property: Id(7)] int Dashboards,
    [property: Id(8)] int EngagementOnOthersItems,
    [property: Id(9)] int StatisticsSections);
