using System.Data;
using System.Text.Json;
using Activity.Grains.Reports;
using Npgsql;
using NpgsqlTypes;

namespace Activity.Postgres.Reports;

/// <summary>Report runs and their files in <c>report_runs</c> (sql/010): the slot's row is its claim.</summary>
internal sealed class PostgresReportStore(NpgsqlDataSource dataSource) : IReportStore
{
    private const string Columns = "id, template_id, template_name, slot, trigger, status, started_at, finished_at, format, file_name, size, error, deliveries";

    // report_runs_slot: a slot's row exists once; a running row whose lease passed is taken over (same id).
    private const string ClaimSql = """
        INSERT INTO report_runs (id, tenant_id, template_id, template_name, slot, trigger, status, started_at, format, claim, lease_until)
        VALUES (@id, @tenant, @template, @name, @slot, @trigger, 'running', @started, @format, @claim, @lease)
        ON CONFLICT (tenant_id, template_id, slot) WHERE slot IS NOT NULL
        DO UPDATE SET claim = EXCLUDED.claim, lease_until = EXCLUDED.lease_until, started_at = EXCLUDED.started_at
        WHERE report_runs.status = 'running' AND report_runs.lease_until < EXCLUDED.started_at
        RETURNING id
        """;

    // report_runs_running (tenant_id, lease_until) WHERE status = 'running'.
    private const string AbandonedSql = $"""
        SELECT {Columns} FROM report_runs WHERE tenant_id = @tenant AND status = 'running' AND lease_until < @now
        """;

    private const string TakeOverSql = """
        UPDATE report_runs SET claim = @claim, lease_until = @lease, started_at = @now
        WHERE tenant_id = @tenant AND id = @id AND status = 'running' AND lease_until < @now
        RETURNING id
        """;

    private const string RenewSql = "UPDATE report_runs SET lease_until = @lease WHERE id = @id AND claim = @claim AND status = 'running'";

    private const string CompleteSql = """
        UPDATE report_runs SET status = 'completed', finished_at = @finished, file_name = @file, size = @size, content = @content, error = NULL
        WHERE id = @id AND claim = @claim AND status = 'running'
        """;

    private const string FailSql = """
        UPDATE report_runs SET status = 'failed', finished_at = @finished, error = @error
        WHERE id = @id AND claim = @claim AND status = 'running'
        """;

    private const string DeliveriesSql = "UPDATE report_runs SET deliveries = @deliveries WHERE id = @id AND claim = @claim";

    // report_runs_newest (tenant_id, started_at DESC).
    private const string ListSql = $"""
        SELECT {Columns} FROM report_runs WHERE tenant_id = @tenant AND (@template::text IS NULL OR template_id = @template)
        ORDER BY started_at DESC, id DESC LIMIT @limit
        """;

    private const string GetSql = $"SELECT {Columns} FROM report_runs WHERE tenant_id = @tenant AND id = @id";

    private const string ContentSql = "SELECT content FROM report_runs WHERE tenant_id = @tenant AND id = @id AND status = 'completed'";

    // report_runs_newest (tenant_id, started_at DESC): the tenant's oldest runs.
    private const string PruneSql = """
        DELETE FROM report_runs WHERE tenant_id = @tenant AND started_at < @before AND status <> 'running'
        """;

    // report_runs_newest prefix (tenant_id).
    private const string CountSql = """
        SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed') FROM report_runs WHERE tenant_id = @tenant
        """;

    public async Task<ReportClaim?> ClaimAsync(string tenantId, ReportRun run, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(ClaimSql);
        var p = command.Parameters;
        p.AddWithValue("id", run.Id);
        p.AddWithValue("tenant", tenantId);
        p.AddWithValue("template", run.TemplateId);
        p.AddWithValue("name", run.TemplateName);
        p.Add(new NpgsqlParameter("slot", NpgsqlDbType.TimestampTz) { Value = (object?)run.Slot ?? DBNull.Value });
        p.AddWithValue("trigger", run.Trigger);
        p.AddWithValue("started", run.StartedAt);
        p.AddWithValue("format", run.Format);
        p.AddWithValue("claim", token);
        p.AddWithValue("lease", leaseUntil);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is Guid id ? new ReportClaim(tenantId, id, token) : null;
    }

    public async Task<ReportClaim?> TakeOverAsync(string tenantId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(TakeOverSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("claim", token);
        command.Parameters.AddWithValue("lease", leaseUntil);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is Guid id ? new ReportClaim(tenantId, id, token) : null;
    }

    public async Task<IReadOnlyList<ReportRun>> AbandonedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AbandonedSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("now", now);
        return await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RenewAsync(ReportClaim claim, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        UpdateAsync(RenewSql, claim, cancellationToken, ("lease", leaseUntil));

    public async Task<bool> CompleteAsync(ReportClaim claim, ReportFile file, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        // The file streams into the parameter: a large report is not read into memory first.
        await using var content = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return await UpdateAsync(
            CompleteSql,
            claim,
            cancellationToken,
            ("finished", finishedAt),
            ("file", file.FileName),
            ("size", file.Size),
            ("content", new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content, Size = (int)Math.Min(file.Size, int.MaxValue) })).ConfigureAwait(false);
    }

    public Task<bool> FailAsync(ReportClaim claim, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        UpdateAsync(FailSql, claim, cancellationToken, ("finished", finishedAt), ("error", error));

    public Task RecordDeliveriesAsync(ReportClaim claim, IReadOnlyList<ReportDelivery> deliveries, CancellationToken cancellationToken) =>
        UpdateAsync(DeliveriesSql, claim, cancellationToken, ("deliveries", new NpgsqlParameter("deliveries", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(deliveries, JsonSerializerOptions.Web) }));

    public async Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, string? templateId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter("template", NpgsqlDbType.Text) { Value = (object?)templateId ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        return await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReportRun?> GetAsync(string tenantId, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", runId);
        return (await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<bool> CopyFileAsync(string tenantId, Guid runId, Stream target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ContentSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await using var content = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
        await content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<long> PruneAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PruneSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(long Completed, long Failed)> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CountSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<IReadOnlyList<ReportRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<ReportRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ReportRun(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                JsonSerializer.Deserialize<List<ReportDelivery>>(reader.GetString(12), JsonSerializerOptions.Web) ?? []));
        }

        return runs;
    }

    private async Task<bool> UpdateAsync(string sql, ReportClaim claim, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", claim.RunId);
        command.Parameters.AddWithValue("claim", claim.Token);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter(name, value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
