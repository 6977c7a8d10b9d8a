using System.Net;
using System.Security.Cryptography;
using System.Text;
using Activity.Grains.Analytics;
using Activity.Grains.Ingest;
using Activity.Grains.Reports;
using Activity.Grains.Tests.Analytics;
using Activity.Memory.Log;
using Activity.Memory.Reports;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace Activity.Grains.Tests.Reports;

public sealed class ReportsGrainTests
{
    private const string Tenant = "ten_reports";

    // The clock starts Monday 2026-01-05 09:00 UTC.
    private static readonly DateTimeOffset Monday = ActivityCluster.NewClock().GetUtcNow();

    [Fact]
    public async Task A_tenant_starts_with_the_reference_templates_each_waiting_for_its_next_slot()
    {
        await using var reports = await ReportsCluster.StartAsync();
        var grain = reports.Grain(Tenant);

        await grain.EnsureScheduledAsync();

        var templates = await grain.GetTemplatesAsync();
        Assert.Equal(
            [("daily-activity-summary", "daily", "csv"), ("weekly-user-growth", "weekly", "csv"), ("monthly-comprehensive", "monthly", "json"), ("quarterly-performance", "quarterly", "csv")],
            templates.Select(t => (t.Template.Id, t.Template.Schedule, t.Template.Format)));
        Assert.Equal([Monday.AddDays(1), Monday.AddDays(7), new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero)], templates.Select(t => t.NextRun));
        var reminder = await reports.Cluster.Service<IReminderTable>().ReadRow(grain.GetGrainId(), "reports");
        Assert.NotNull(reminder);
        Assert.Equal(new ReportStatistics(4, 4, 0, 0), await grain.GetStatisticsAsync());
    }

    [Fact]
    public async Task A_due_slot_runs_once_however_often_the_schedule_ticks_and_runs_past_keeping_go()
    {
        await using var reports = await ReportsCluster.StartAsync();
        var grain = await reports.OnlyAsync(Tenant, Template("every-day", "daily"));
        await reports.EmitAsync(Tenant);
        var yearOld = new ReportRun(Guid.NewGuid(), "every-day", "every-day", null, "manual", "running", Monday.AddDays(-366), null, "csv", null, null, null, []);
        var claim = (await reports.Runs.Inner.ClaimAsync(Tenant, yearOld, Monday.AddDays(-366).AddMinutes(10), default))!;
        await reports.Runs.Inner.FailAsync(claim, "long ago", Monday.AddDays(-366), default);

        reports.Time.Advance(TimeSpan.FromDays(1));
        await grain.TickAsync();
        await grain.TickAsync();
        var run = await reports.Runs.NextAsync();
        await grain.TickAsync();

        Assert.Equal(("completed", "scheduled", (DateTimeOffset?)Monday.AddDays(1)), (run.Status, run.Trigger, run.Slot));
        Assert.Equal([run.Id], (await reports.Runs.ListAsync(Tenant, "every-day", 10, default)).Select(r => r.Id));
        Assert.Equal(Monday.AddDays(2), (await grain.GetTemplateAsync("every-day"))!.NextRun);
        Assert.Equal("every-day-2026-01-06.csv", run.FileName);
    }

    [Fact]
    public async Task After_downtime_only_the_latest_missed_slot_runs_recorded_as_a_catch_up()
    {
        await using var reports = await ReportsCluster.StartAsync();
        var grain = await reports.OnlyAsync(Tenant, Template("every-day", "daily"));

        reports.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(8));
        await grain.TickAsync();
        var run = await reports.Runs.NextAsync();
        await grain.TickAsync();

        Assert.Equal(("completed", "catch-up", (DateTimeOffset?)Monday.AddDays(3)), (run.Status, run.Trigger, run.Slot));
        Assert.Single(await reports.Runs.ListAsync(Tenant, null, 10, default));
        Assert.Equal(Monday.AddDays(4), (await grain.GetTemplateAsync("every-day"))!.NextRun);
    }

    [Fact]
    public async Task A_run_whose_silo_died_mid_run_is_taken_over_once_its_lease_passed_and_finishes_under_its_id()
    {
        await using var reports = await ReportsCluster.StartAsync();
        var grain = await reports.OnlyAsync(Tenant, Template("every-day", "daily"));
        reports.Time.Advance(TimeSpan.FromDays(1));

        // A silo claimed the slot and died: its run stays running until the lease (10 minutes) passes.
        var dead = new ReportRun(Guid.NewGuid(), "every-day", "every-day", Monday.AddDays(1), "scheduled", "running", reports.Time.GetUtcNow(), null, "csv", null, null, null, []);
        Assert.NotNull(await reports.Runs.ClaimAsync(Tenant, dead, reports.Time.GetUtcNow().AddMinutes(10), default));
        await grain.TickAsync();
        Assert.False(reports.Runs.AnyUnread);
        Assert.Equal("running", (await reports.Runs.GetAsync(Tenant, dead.Id, default))!.Status);

        reports.Time.Advance(TimeSpan.FromMinutes(11));
        await grain.TickAsync();
        var run = await reports.Runs.NextAsync();

        Assert.Equal((dead.Id, "completed"), (run.Id, run.Status));
        Assert.Single(await reports.Runs.ListAsync(Tenant, null, 10, default));
    }

    [Fact]
    public async Task Changing_a_schedule_reschedules_deactivating_unschedules_and_deleting_removes_it()
    {
        await using var reports = await ReportsCluster.StartAsync();
        var grain = await reports.OnlyAsync(Tenant, Template("every-day", "daily"));

        Assert.True(await grain.UpdateTemplateAsync(Template("every-day", "0 18 * * *", zone: "Europe/Berlin")));
        var evening = (await grain.GetTemplateAsync("every-day"))!.NextRun;
        Assert.True(await grain.UpdateTemplateAsync(Template("every-day", "0 18 * * *", zone: "Europe/Berlin", active: false)));
        var inactive = (await grain.GetTemplateAsync("every-day"))!.NextRun;
        var reminderWhileInactive = await reports.Cluster.Service<IReminderTable>().ReadRow(grain.GetGrainId(), "reports");
        Assert.True(await grain.DeleteTemplateAsync("every-day"));

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 17, 0, 0, TimeSpan.Zero), evening);
        Assert.Null(inactive);
        Assert.Null(reminderWhileInactive);
        Assert.Null(await grain.GetTemplateAsync("every-day"));
        Assert.False(await grain.DeleteTemplateAsync("every-day"));
        Assert.False(await grain.UpdateTemplateAsync(Template("every-day", "daily")));
        Assert.Equal(TemplateCreation.Created, await grain.CreateTemplateAsync(Template("every-day", "daily")));
        Assert.Equal(TemplateCreation.IdTaken, await grain.CreateTemplateAsync(Template("every-day", "daily")));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.CreateTemplateAsync(Template("bad", "every tuesday")));
    }

    [Fact]
    public async Task A_webhook_gets_the_file_signed_with_the_tenants_secret_after_a_failed_attempt()
    {
        await using var hook = new WebhookListener(HttpStatusCode.ServiceUnavailable);
        await using var reports = await ReportsCluster.StartAsync();
        var grain = await reports.OnlyAsync(Tenant, Template("to-hook", "daily", recipients: [hook.Url]));
        await reports.EmitAsync(Tenant);

        var started = await grain.GenerateAsync("to-hook");
        var refused = await hook.NextAsync();
        var taken = await hook.NextAsync();
        var run = await reports.Runs.NextAsync();

        // Verified as a Standard Webhooks receiver does: HMAC-SHA256 of "id.timestamp.body" under the secret's base64 after "whsec_".
        var secret = await grain.GetWebhookSecretAsync();
        var (id, timestamp) = (taken.Headers["webhook-id"]!, taken.Headers["webhook-timestamp"]!);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(taken.Body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), signed));
        Assert.Equal(expected, taken.Headers["webhook-signature"]);
        Assert.Equal(id, refused.Headers["webhook-id"]);
        Assert.Equal(reports.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.Equal(started!.Id.ToString(), taken.Headers["X-Activity-Report-Run"]);
        Assert.Equal(refused.Body, taken.Body);
        Assert.StartsWith("date,categories.", Encoding.UTF8.GetString(taken.Body), StringComparison.Ordinal);
        Assert.Equal(("completed", "manual"), (run.Status, run.Trigger));
        var delivery = run.Deliveries.Single();
        Assert.Equal(("webhook", "delivered"), (delivery.Kind, delivery.Status));
        Assert.Equal([("HTTP 503", false), ("delivered", true)], delivery.Attempts.Select(a => (a.Outcome, a.Succeeded)));
        using var file = new MemoryStream();
        Assert.True(await reports.Runs.CopyFileAsync(Tenant, run.Id, file, default));
        Assert.Equal(taken.Body, file.ToArray());
    }

    [Fact]
    public async Task A_delivery_that_never_gets_through_is_recorded_failed_without_failing_the_run()
    {
        await using var hook = new WebhookListener(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError);
        await using var reports = await ReportsCluster.StartAsync(new() { ["Activity:Reports:WebhookAttempts"] = "3" });
        var grain = await reports.OnlyAsync(Tenant, Template("to-hook", "daily", recipients: [hook.Url, "ops@example.com"]));

        await grain.GenerateAsync("to-hook");
        var run = await reports.Runs.NextAsync();

        Assert.Equal("completed", run.Status);
        Assert.Equal(("failed", 3), (run.Deliveries[0].Status, run.Deliveries[0].Attempts.Count));
        Assert.Equal(("email", "failed"), (run.Deliveries[1].Kind, run.Deliveries[1].Status));
        Assert.Equal("mail is off for this tenant", run.Deliveries[1].Attempts.Single().Outcome);
        Assert.Equal(new ReportStatistics(1, 1, 1, 0), await grain.GetStatisticsAsync());
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_an_internal_webhook_is_refused_when_saved()
    {
        await using var hook = new WebhookListener(HttpStatusCode.Found);
        await using var reports = await ReportsCluster.StartAsync(new() { ["Activity:Reports:WebhookAttempts"] = "1" });
        var grain = await reports.OnlyAsync(Tenant, Template("to-hook", "daily", recipients: [hook.Url]));

        await grain.GenerateAsync("to-hook");
        var run = await reports.Runs.NextAsync();

        Assert.Equal(("failed", "HTTP 302"), (run.Deliveries.Single().Status, run.Deliveries.Single().Attempts.Single().Outcome));
        await hook.NextAsync();
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => grain.CreateTemplateAsync(Template("internal", "daily", recipients: ["https://169.254.169.254/latest"])));
        Assert.Contains("internal address", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_has_at_most_the_configured_number_of_templates_and_schedules_no_closer_than_allowed()
    {
        await using var reports = await ReportsCluster.StartAsync(new() { ["Activity:Reports:MaxTemplatesPerTenant"] = "2" });
        var grain = await reports.OnlyAsync(Tenant, Template("first", "daily"));

        Assert.Equal(TemplateCreation.Created, await grain.CreateTemplateAsync(Template("second", "*/15 * * * *")));
        Assert.Equal(TemplateCreation.TooMany, await grain.CreateTemplateAsync(Template("third", "weekly")));
        var tooOften = await Assert.ThrowsAsync<ArgumentException>(() => grain.UpdateTemplateAsync(Template("second", "0,10 * * * *")));
        Assert.Contains("10 minutes apart", tooOften.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => grain.UpdateTemplateAsync(Template("second", "*/5 * 29 2 *")));
    }

    [Fact]
    public async Task Mail_goes_out_only_when_the_operator_turned_it_on_and_within_the_daily_quota()
    {
        using var smtp = SimpleSmtpServer.Start(FreePorts.Next());
        await using var reports = await ReportsCluster.StartAsync(new()
        {
            ["Activity:Reports:Smtp:Host"] = "127.0.0.1",
            ["Activity:Reports:Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Activity:Reports:Smtp:Security"] = "None",
            ["Activity:Reports:Smtp:From"] = "Activity <reports@activity.test>",
            ["Activity:Reports:MailPerTenantPerDay"] = "2",
        });
        var grain = await reports.OnlyAsync(Tenant, Template("to-mail", "daily", recipients: ["a@example.com", "b@example.com", "c@example.com"]));

        await grain.GenerateAsync("to-mail");
        var off = await reports.Runs.NextAsync();
        await reports.MailOnAsync(Tenant);
        await grain.GenerateAsync("to-mail");
        var on = await reports.Runs.NextAsync();
        reports.Time.Advance(TimeSpan.FromDays(1));
        await grain.GenerateAsync("to-mail");
        var nextDay = await reports.Runs.NextAsync();

        Assert.All(off.Deliveries, d => Assert.Equal("mail is off for this tenant", d.Attempts.Single().Outcome));
        Assert.Equal(["delivered", "delivered", "failed"], on.Deliveries.Select(d => d.Status));
        Assert.Equal("daily mail quota reached", on.Deliveries[2].Attempts.Single().Outcome);
        Assert.Equal(["delivered", "delivered", "failed"], nextDay.Deliveries.Select(d => d.Status));
        Assert.Equal(4, smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task A_mail_recipient_gets_the_report_attached_through_the_smtp_server()
    {
        using var smtp = SimpleSmtpServer.Start(FreePorts.Next());
        var mailed = new TaskCompletionSource<SmtpMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        smtp.MessageReceived += (_, e) => mailed.TrySetResult(e.Message);
        await using var reports = await ReportsCluster.StartAsync(new()
        {
            ["Activity:Reports:Smtp:Host"] = "127.0.0.1",
            ["Activity:Reports:Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Activity:Reports:Smtp:Security"] = "None",
            ["Activity:Reports:Smtp:From"] = "Activity <reports@activity.test>",
        });
        await reports.MailOnAsync(Tenant);
        var grain = await reports.OnlyAsync(Tenant, Template("to-mail", "weekly", recipients: ["ops@example.com"], format: "json", metrics: ["comprehensive"]));
        await reports.EmitAsync(Tenant);

        await grain.GenerateAsync("to-mail");
        var message = await mailed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var run = await reports.Runs.NextAsync();

        Assert.Equal("ops@example.com", message.ToAddresses.Single().Address);
        var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(message.Data)));
        var attachment = (MimePart)mime.Attachments.Single();
        Assert.Equal("to-mail-2026-01-05.json", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Contains("\"summary\":{", Encoding.UTF8.GetString(content.ToArray()), StringComparison.Ordinal);
        Assert.Equal(("email", "delivered"), (run.Deliveries.Single().Kind, run.Deliveries.Single().Status));
    }

    [Fact]
    public async Task A_generation_that_fails_records_a_failed_run_with_its_error()
    {
        await using var reports = await ReportsCluster.StartAsync();
        reports.Queries.Before = _ => throw new InvalidOperationException("the daily counts are unreachable");
        var grain = await reports.OnlyAsync(Tenant, Template("broken", "daily"));

        await grain.GenerateAsync("broken");
        var run = await reports.Runs.NextAsync();

        Assert.Equal(("failed", "the daily counts are unreachable"), (run.Status, run.Error));
        Assert.Null(await grain.GenerateAsync("no-such-template"));
        Assert.Equal(new ReportStatistics(1, 1, 0, 1), await grain.GetStatisticsAsync());
    }

    private static ReportTemplate Template(
        string id,
        string schedule,
        string zone = "UTC",
        bool active = true,
        IReadOnlyList<string>? recipients = null,
        string format = "csv",
        IReadOnlyList<string>? metrics = null) =>
        new(id, id, "", schedule, zone, format, metrics ?? ["activity-trends"], true, recipients ?? [], active);

    private sealed class ReportsCluster(ActivityCluster cluster, FinishedRuns runs, ObservedQueries queries, MemoryEventLog log) : IAsyncDisposable
    {
        public ActivityCluster Cluster => cluster;

        public FinishedRuns Runs => runs;

        public ObservedQueries Queries => queries;

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => cluster.Time;

        public static async Task<ReportsCluster> StartAsync(Dictionary<string, string?>? settings = null)
        {
            var log = new MemoryEventLog();
            var queries = new ObservedQueries(new MemoryAnalyticsQueries(log.Tables));
            var runs = new FinishedRuns(new MemoryReportStore());

            // No waiting between webhook attempts: the fake clock would have to be moved for each.
            settings ??= [];
            settings.TryAdd("Activity:Reports:WebhookFirstRetry", "00:00:00");

            // The test webhooks listen on http://127.0.0.1, which a silo refuses by default.
            settings.TryAdd("Activity:Reports:AllowHttpWebhooks", "true");
            settings.TryAdd("Activity:Reports:AllowedWebhookNetworks:0", "127.0.0.0/8");
            settings.TryAdd("Activity:Analytics:AutoStart", "false");
            settings.TryAdd("Activity:Dashboards:Enabled", "false");
            var cluster = await ActivityCluster.StartAsync(
                services => services.AddSingleton<IEventLog>(log).AddSingleton<Audit.IAuditLog>(new MemoryAuditLog(log.Tables)).AddSingleton<IAnalyticsQueries>(queries).AddSingleton<IReportStore>(runs),
                settings,
                silos: 1);
            return new ReportsCluster(cluster, runs, queries, log);
        }

        public IReportsGrain Grain(string tenant) => cluster.Grains.GetGrain<IReportsGrain>(tenant);

        // The tenant, with report mail turned on by the operator.
        public async Task MailOnAsync(string tenant)
        {
            var store = cluster.Service<Grains.Tenants.ITenantStore>();
            var now = cluster.Time.GetUtcNow();
            await store.CreateAsync(new Grains.Tenants.Tenant(tenant, tenant, now, now), Grains.Tenants.TenantKeys.Hash(Grains.Tenants.TenantKeys.NewKey()), default);
            await store.SetAccessAsync(tenant, "", reportMail: true, default);
        }

        // The tenant's grain with only this template (the defaults deleted).
        public async Task<IReportsGrain> OnlyAsync(string tenant, ReportTemplate template)
        {
            var grain = Grain(tenant);
            foreach (var existing in await grain.GetTemplatesAsync())
            {
                await grain.DeleteTemplateAsync(existing.Template.Id);
            }

            Assert.Equal(TemplateCreation.Created, await grain.CreateTemplateAsync(template));
            return grain;
        }

        public Task EmitAsync(string tenant)
        {
            var at = Time.GetUtcNow();
            return log.AppendAsync([new NewEvent(tenant, Guid.CreateVersion7(), "vote", "alice", "p1", "bob", at, at, null, null)], TimeSpan.FromDays(1), default);
        }

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
