using System.Globalization;
using Activity.Domain.Time;
using Activity.Testing;
using Npgsql;

namespace Activity.Postgres.Tests;

/// <summary>Weeks are computed in Activity.Domain; SQL that groups by week must agree with it to the day.</summary>
public sealed class IsoWeekAgreementTests
{
    [Fact]
    public async Task Weeks_and_weekdays_agree_with_PostgreSQL_for_every_day_from_2019_to_2032()
    {
        const string sql = """
            SELECT d, to_char(d, 'IYYY-IW'), extract(isodow FROM d)::int
            FROM generate_series(timestamp '2019-01-01', timestamp '2032-12-31', interval '1 day') AS d
            """;
        await using var dataSource = NpgsqlDataSource.Create(PostgresDatabase.ServerConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var days = 0;
        while (await reader.ReadAsync())
        {
            var day = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc));
            foreach (var instant in new[] { day, day.AddDays(1).AddTicks(-1) })
            {
                Assert.True(reader.GetString(1) == IsoWeek.Of(instant).ToString(), $"{instant:O}: PostgreSQL {reader.GetString(1)}, Domain {IsoWeek.Of(instant)}");
                Assert.Equal(reader.GetInt32(2), Weekday.IsoDayOf(instant));
            }

            days++;
        }

        Assert.Equal(5114, days);
        Assert.Equal("2026-53", IsoWeek.Of(DateTimeOffset.Parse("2027-01-01T00:00:00Z", CultureInfo.InvariantCulture)).ToString());
    }
}
