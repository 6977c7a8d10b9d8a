using Activity.Grains.Ingest;

namespace Activity.Grains.Tests.Ingest;

public sealed class EventIdsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_id_is_a_version_7_uuid_carrying_its_receive_time()
    {
        var id = EventIds.New(Nine.AddMilliseconds(123));
        var bytes = id.ToByteArray(bigEndian: true);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, bytes[8] >> 6);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        Assert.Equal(Nine.AddMilliseconds(123).ToUnixTimeMilliseconds(), milliseconds);
    }

    [Fact]
    public void Ids_of_later_events_sort_after_earlier_ones()
    {
        var earlier = EventIds.New(Nine);
        var later = EventIds.New(Nine.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => EventIds.New(Nine)).ToHashSet();

        Assert.Equal(100_000, ids.Count);
    }
}
