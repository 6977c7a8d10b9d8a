using Activity.Postgres.Reminders;
using Activity.Postgres.State;
using Activity.Runtime.Reminders;
using Activity.Runtime.State;
using Activity.Testing.Contracts;

namespace Activity.Postgres.Tests;

public sealed class PostgresGrainStorageTests(MigratedDatabase database) : GrainStorageContract, IClassFixture<MigratedDatabase>
{
    protected override IGrainStorage Storage { get; } = new PostgresGrainStorage(database.DataSource);
}

public sealed class PostgresReminderTableTests(MigratedDatabase database) : ReminderTableContract, IClassFixture<MigratedDatabase>
{
    protected override IReminderTable Table { get; } = new PostgresReminderTable(database.DataSource);
}
