using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Activity.Abstractions.Ingest;
using Activity.Domain.Milestones;
using Microsoft.Extensions.Logging;

namespace Activity.Grains.Dashboard;

/// <summary>
/// Milestones, each emitted exactly once per crossing. The same history gives the same milestones with
/// the same keys, so a milestone found again (another activation reads the same events) is the same
/// milestone. One found is saved as pending before its event is emitted, through the normal durable
/// path, with an idempotency key made from its key; it stays pending until its event comes back
/// through the log. An activation emits what is still pending after it has read the log: an event that
/// made it in was read and cleared it, and one emitted but not yet committed when a silo died is
/// acknowledged again with its first id by its idempotency key.
/// </summary>
internal sealed partial class DashboardGrain
{
    // Milestones this activation emitted whose events it has not seen come back yet.
    private HashSet<string>? _emitted;

    private async Task EmitMilestonesAsync()
    {
        if (_milestones is not { Pending.Count: > 0 })
        {
            return;
        }

        var due = _milestones.Pending.Where(m => _emitted?.Contains(m.Key) != true).ToList();
        if (due.Count == 0)
        {
            return;
        }

        // Saved first: if this silo dies after the emit, the next activation knows the milestone was
        // found even when its state is older than the events that crossed it.
        if (!await _follower.SaveNowAsync())
        {
            return;
        }

        try
        {
            await ingestor.EmitAsync(_tenantId, [.. due.Select(Draft)]);
            (_emitted ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(due.Select(m => m.Key));
            foreach (var milestone in due)
            {
                LogMilestone(logger, milestone.Type, _dashboard.UserId, _tenantId, milestone.Key);
            }
        }
        catch (Exception exception)
        {
            // Still pending: the next delivery or activation emits it again, under the same key.
            LogMilestoneFailed(logger, exception, _dashboard.UserId, _tenantId);
        }
    }

    private EventInput Draft(Milestone milestone)
    {
        var payload = new Dictionary<string, object>(milestone.Fields) { [Milestone.KeyField] = milestone.Key };
        return new EventInput(milestone.Type, _dashboard.UserId, null, null, milestone.OccurredAt, JsonSerializer.SerializeToElement(payload), IdempotencyKey(milestone));
    }

    // At most 128 characters whatever the user id's length; the same for the same user and milestone.
    private string IdempotencyKey(Milestone milestone) =>
        "milestone:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_dashboard.UserId}\n{milestone.Key}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Type} of user {UserId} in tenant {TenantId} emitted ({Key})")]
    private static partial void LogMilestone(ILogger logger, string type, string userId, string tenantId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emitting milestones of user {UserId} in tenant {TenantId} failed; they stay pending and are emitted again")]
    private static partial void LogMilestoneFailed(ILogger logger, Exception exception, string userId, string tenantId);
}
