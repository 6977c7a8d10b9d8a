using Activity.Runtime.Reminders;
using Activity.Runtime.State;
using Activity.Testing.Contracts;

namespace Activity.Runtime.Tests;

public sealed class MemoryGrainStorageTests : GrainStorageContract
{
    protected override IGrainStorage Storage { get; } = new MemoryGrainStorage();
}

public sealed class MemoryReminderTableTests : ReminderTableContract
{
    protected override IReminderTable Table { get; } = new MemoryReminderTable();
}
