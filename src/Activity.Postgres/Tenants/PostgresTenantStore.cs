using System.Text.Json;
using Activity.Domain.Milestones;
using Activity.Grains.Tenants;
using Npgsql;
using NpgsqlTypes;

namespace Activity.Postgres.Tenants;

/// <summary>Tenants in the <c>tenants</c> table.</summary>
internal sealed class PostgresTenantStore(NpgsqlDataSource dataSource) : ITenantStore
{
    private const string Columns = "id, name, created_at, key_rotated_at, retention_days, allowed_origins, report_mail";

    // A taken name hits the unique index tenants_name; DO NOTHING turns that into "no row".
    private const string InsertSql = "INSERT INTO tenants (id, name, created_at, key_rotated_at, key_hash) VALUES (@id, @name, @created, @rotated, @hash) ON CONFLICT DO NOTHING";
    private const string ListSql = $"SELECT {Columns} FROM tenants ORDER BY created_at, id";
    private const string GetSql = $"SELECT {Columns} FROM tenants WHERE id = @id";
    private const string FindSql = $"SELECT {Columns} FROM tenants WHERE key_hash = @hash";
    // Primary key (id).
    private const string KeyHashSql = "SELECT key_hash FROM tenants WHERE id = @id";
    // Primary key (tenant_id).
    private const string GetMilestonesSql = "SELECT rules::text FROM tenant_milestones WHERE tenant_id = @id";
    private const string SetMilestonesSql = """
        INSERT INTO tenant_milestones (tenant_id, rules, updated_at) VALUES (@id, @rules, now())
        ON CONFLICT (tenant_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at
        """;

    // The retention job re-stamps the tenant's events once retention_changed_at is a minute old (sql/008).
    private const string SetRetentionSql = $"UPDATE tenants SET retention_days = @days, retention_changed_at = @at WHERE id = @id RETURNING {Columns}";
    private const string SetAccessSql = $"UPDATE tenants SET allowed_origins = @origins, report_mail = @mail WHERE id = @id RETURNING {Columns}";
    private const string ReplaceSql = $"UPDATE tenants SET key_hash = @hash, key_rotated_at = @rotated WHERE id = @id RETURNING {Columns}";

    public async Task<bool> CreateAsync(Tenant tenant, byte[] keyHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.AddWithValue("id", tenant.Id);
        command.Parameters.AddWithValue("name", tenant.Name);
        command.Parameters.AddWithValue("created", tenant.CreatedAt);
        command.Parameters.AddWithValue("rotated", tenant.KeyRotatedAt);
        command.Parameters.AddWithValue("hash", keyHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken) =>
        await QueryAsync(dataSource.CreateCommand(ListSql), cancellationToken).ConfigureAwait(false);

    public async Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand(GetSql);
        command.Parameters.AddWithValue("id", tenantId);
        return (await QueryAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Tenant?> FindByKeyHashAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand(FindSql);
        command.Parameters.AddWithValue("hash", keyHash);
        return (await QueryAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<byte[]?> GetKeyHashAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(KeyHashSql);
        command.Parameters.AddWithValue("id", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public async Task<Tenant?> ReplaceKeyAsync(string tenantId, byte[] keyHash, DateTimeOffset rotatedAt, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand(ReplaceSql);
        command.Parameters.AddWithValue("id", tenantId);
        command.Parameters.AddWithValue("hash", keyHash);
        command.Parameters.AddWithValue("rotated", rotatedAt);
        return (await QueryAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Tenant?> SetRetentionAsync(string tenantId, int retentionDays, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand(SetRetentionSql);
        command.Parameters.AddWithValue("id", tenantId);
        command.Parameters.AddWithValue("days", retentionDays);
        command.Parameters.AddWithValue("at", changedAt);
        return (await QueryAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Tenant?> SetAccessAsync(string tenantId, string allowedOrigins, bool reportMail, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand(SetAccessSql);
        command.Parameters.AddWithValue("id", tenantId);
        command.Parameters.AddWithValue("origins", allowedOrigins);
        command.Parameters.AddWithValue("mail", reportMail);
        return (await QueryAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<MilestoneRules> GetMilestonesAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetMilestonesSql);
        command.Parameters.AddWithValue("id", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<MilestoneRules>(json, JsonSerializerOptions.Web) ?? MilestoneRules.Off
            : MilestoneRules.Off;
    }

    public async Task SetMilestonesAsync(string tenantId, MilestoneRules rules, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SetMilestonesSql);
        command.Parameters.AddWithValue("id", tenantId);
        command.Parameters.AddWithValue("rules", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(rules, JsonSerializerOptions.Web));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Tenant>> QueryAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var tenants = new List<Tenant>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tenants.Add(new Tenant(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4), reader.GetString(5), reader.GetBoolean(6)));
            }

            return tenants;
        }
    }
}
