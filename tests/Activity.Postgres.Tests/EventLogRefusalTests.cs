using System.Text.Json;
using Activity.Grains.Ingest;
using Activity.Postgres.Ingest;

namespace Activity.Postgres.Tests;

public sealed class EventLogRefusalTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task Data_the_database_cannot_store_is_refused_as_such_and_nothing_is_stored(int copyFrom)
    {
        var queue = new PostgresEventLog(database.DataSource, copyFrom);
        var tenant = $"ten_refusal_{copyFrom}";
        var payload = JsonDocument.Parse("""{"text":"a\u0000b"}""").RootElement.Clone();
        NewEvent[] events =
        [
            new(tenant, Guid.CreateVersion7(), "vote", "u1", null, null, Nine, Nine, null, null),
            new(tenant, Guid.CreateVersion7(), "vote", "u2", null, null, Nine, Nine, payload, null),
        ];

        var error = await Assert.ThrowsAsync<EventsRejectedException>(() => queue.AppendAsync(events, TimeSpan.FromHours(24), default));

        Assert.StartsWith("PostgreSQL refused the events' data:", error.Message);
        Assert.Empty(await queue.ReadAsync(tenant, 0, 10, default));
    }
}
