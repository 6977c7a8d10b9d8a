using Activity.Grains.Reports;

namespace Activity.Testing.Contracts;

/// <summary>
/// What every <see cref="IReportStore"/> must do: a slot is claimed once, a claim whose lease passed while
/// its run was running can be taken over, and only the claim holding the run may finish it.
/// </summary>
public abstract class ReportStoreContract
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test.</summary>
    protected abstract IReportStore Store { get; }

    [Fact]
    public async Task A_slot_is_claimed_once_while_its_run_holds_it()
    {
        var tenant = NewTenant();
        var first = await Store.ClaimAsync(tenant, Run("daily", Nine), Nine.AddMinutes(10), default);
        var second = await Store.ClaimAsync(tenant, Run("daily", Nine), Nine.AddMinutes(10), default);
        var otherTemplate = await Store.ClaimAsync(tenant, Run("weekly", Nine), Nine.AddMinutes(10), default);
        var otherTenant = await Store.ClaimAsync(NewTenant(), Run("daily", Nine), Nine.AddMinutes(10), default);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(otherTemplate);
        Assert.NotNull(otherTenant);
        Assert.Single(await Store.ListAsync(tenant, "daily", 10, default));
    }

    [Fact]
    public async Task A_run_whose_lease_passed_is_taken_over_and_only_the_new_claim_finishes_it()
    {
        var tenant = NewTenant();
        var run = Run("daily", Nine);
        var dead = (await Store.ClaimAsync(tenant, run, Nine.AddMinutes(10), default))!;

        Assert.Empty(await Store.AbandonedAsync(tenant, Nine.AddMinutes(5), default));
        Assert.Null(await Store.TakeOverAsync(tenant, run.Id, Nine.AddMinutes(5), Nine.AddMinutes(15), default));
        Assert.Equal([run.Id], (await Store.AbandonedAsync(tenant, Nine.AddMinutes(11), default)).Select(r => r.Id));
        var alive = (await Store.TakeOverAsync(tenant, run.Id, Nine.AddMinutes(11), Nine.AddMinutes(21), default))!;
        var claimAgain = await Store.ClaimAsync(tenant, Run("daily", Nine) with { StartedAt = Nine.AddMinutes(12) }, Nine.AddMinutes(22), default);

        Assert.Equal(run.Id, alive.RunId);
        Assert.Null(claimAgain);
        Assert.False(await Store.FailAsync(dead, "the dead silo speaks", Nine.AddMinutes(12), default));
        Assert.True(await Store.RenewAsync(alive, Nine.AddMinutes(30), default));
        var file = await FileAsync("a,b\r\n1,2\r\n");
        Assert.True(await Store.CompleteAsync(alive, file, Nine.AddMinutes(13), default));
        var done = (await Store.GetAsync(tenant, run.Id, default))!;
        Assert.Equal(("completed", Nine.AddMinutes(11), (DateTimeOffset?)Nine.AddMinutes(13), (long?)10), (done.Status, done.StartedAt, done.FinishedAt, done.Size));
        Assert.Null(await Store.TakeOverAsync(tenant, run.Id, Nine.AddHours(1), Nine.AddHours(2), default));
    }

    [Fact]
    public async Task A_completed_run_keeps_its_file_and_deliveries_and_counts()
    {
        var tenant = NewTenant();
        var claim = (await Store.ClaimAsync(tenant, Run("daily", Nine), Nine.AddMinutes(10), default))!;
        var failing = (await Store.ClaimAsync(tenant, Run("weekly", Nine), Nine.AddMinutes(10), default))!;
        var manual = (await Store.ClaimAsync(tenant, Run("daily", null), Nine.AddMinutes(10), default))!;
        var delivery = new ReportDelivery("https://example.com/hook", "webhook", "failed", [new DeliveryAttempt(Nine, "503 Service Unavailable", false)]);

        await Store.RecordDeliveriesAsync(claim, [delivery], default);
        Assert.True(await Store.CompleteAsync(claim, await FileAsync("hello"), Nine.AddMinutes(1), default));
        Assert.True(await Store.FailAsync(failing, "the query broke", Nine.AddMinutes(1), default));

        using var copy = new MemoryStream();
        Assert.True(await Store.CopyFileAsync(tenant, claim.RunId, copy, default));
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(copy.ToArray()));
        Assert.False(await Store.CopyFileAsync(tenant, failing.RunId, new MemoryStream(), default));
        Assert.False(await Store.CopyFileAsync(NewTenant(), claim.RunId, new MemoryStream(), default));
        Assert.Null(await Store.GetAsync(NewTenant(), claim.RunId, default));
        var stored = (await Store.GetAsync(tenant, claim.RunId, default))!;
        Assert.Equal(delivery.Attempts, stored.Deliveries.Single().Attempts);
        Assert.Equal(("failed", "the query broke"), (await Store.GetAsync(tenant, failing.RunId, default)) is { } f ? (f.Status, f.Error) : default);
        Assert.Equal((1L, 1L), await Store.CountAsync(tenant, default));
        Assert.Equal(3, (await Store.ListAsync(tenant, null, 10, default)).Count);
        Assert.NotNull(manual);
    }

    [Fact]
    public async Task Pruning_removes_the_finished_runs_started_before_the_cut_and_keeps_the_rest()
    {
        var tenant = NewTenant();
        var old = (await Store.ClaimAsync(tenant, Run("daily", Nine.AddDays(-400)) with { StartedAt = Nine.AddDays(-400) }, Nine.AddDays(-400).AddMinutes(10), default))!;
        var stuck = (await Store.ClaimAsync(tenant, Run("daily", Nine.AddDays(-399)) with { StartedAt = Nine.AddDays(-399) }, Nine.AddDays(-399).AddMinutes(10), default))!;
        var recent = (await Store.ClaimAsync(tenant, Run("daily", Nine), Nine.AddMinutes(10), default))!;
        var othersOld = (await Store.ClaimAsync(NewTenant(), Run("daily", Nine.AddDays(-400)) with { StartedAt = Nine.AddDays(-400) }, Nine.AddDays(-400).AddMinutes(10), default))!;
        Assert.True(await Store.CompleteAsync(old, await FileAsync("old"), Nine.AddDays(-400), default));
        Assert.True(await Store.FailAsync(othersOld, "x", Nine.AddDays(-400), default));
        Assert.True(await Store.CompleteAsync(recent, await FileAsync("new"), Nine, default));

        Assert.Equal(1, await Store.PruneAsync(tenant, Nine.AddDays(-365), default));

        Assert.Equal([recent.RunId, stuck.RunId], (await Store.ListAsync(tenant, null, 10, default)).Select(r => r.Id));
        Assert.False(await Store.CopyFileAsync(tenant, old.RunId, new MemoryStream(), default));
        Assert.NotNull(await Store.GetAsync(othersOld.TenantId, othersOld.RunId, default));
    }

    private static string NewTenant() => $"ten_{Guid.NewGuid():N}"[..16];

    private static ReportRun Run(string template, DateTimeOffset? slot) =>
        new(Guid.NewGuid(), template, template, slot, slot is null ? "manual" : "scheduled", "running", Nine, null, "csv", null, null, null, []);

    private static async Task<ReportFile> FileAsync(string text)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, text);
        return new ReportFile(path, "report.csv", "text/csv", new FileInfo(path).Length);
    }
}
