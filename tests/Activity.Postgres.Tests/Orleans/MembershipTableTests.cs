using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Activity.Postgres.Tests.Orleans;

/// <summary>Orleans' own ADO.NET membership provider against this project's schema (sql/004_orleans.sql).</summary>
public sealed class MembershipTableTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private readonly string _cluster = "cluster-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_new_table_has_version_zero_and_no_silos_however_many_silos_create_it()
    {
        var table = await TableAsync();
        await (await TableAsync()).InitializeMembershipTableAsync(true);

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task A_silo_joins_at_the_version_it_read_and_reads_back_as_written()
    {
        var table = await TableAsync();
        var entry = Entry(1, SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadAllAsync();
        var (read, etag) = Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal("1", etag);
        Assert.Equal(
            (entry.SiloAddress, entry.Status, entry.SiloName, entry.HostName, entry.ProxyPort, entry.StartTime, entry.IAmAliveTime),
            (read.SiloAddress, read.Status, read.SiloName, read.HostName, read.ProxyPort, read.StartTime, read.IAmAliveTime));
        Assert.Equal(entry.SiloAddress, Assert.Single((await table.ReadRowAsync(entry.SiloAddress)).Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task A_write_from_a_stale_version_changes_nothing()
    {
        var table = await TableAsync();
        var stale = (await table.ReadAllAsync()).Version.Next();
        Assert.True(await table.InsertRowAsync(Entry(1, SiloStatus.Joining), stale));

        Assert.False(await table.InsertRowAsync(Entry(2, SiloStatus.Joining), stale));
        Assert.False(await table.UpdateRowAsync(Entry(1, SiloStatus.Active), stale.VersionEtag, stale));

        var data = await table.ReadAllAsync();
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Members).Item1.Status);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Of_silos_joining_at_once_at_one_version_exactly_one_succeeds()
    {
        var table = await TableAsync();
        var version = (await table.ReadAllAsync()).Version.Next();

        var joined = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i => await (await TableAsync()).InsertRowAsync(Entry(i, SiloStatus.Joining), version)));

        Assert.Single(joined, j => j);
        Assert.Single((await table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task A_status_change_with_suspicions_moves_the_version_and_a_heartbeat_does_not()
    {
        var table = await TableAsync();
        var entry = Entry(1, SiloStatus.Joining);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var voter = SiloAddress.New(IPAddress.Loopback, 12000, 7);
        var data = await table.ReadAllAsync();

        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(voter, Start.AddMinutes(1))];
        Assert.True(await table.UpdateRowAsync(entry, data.Members[0].Item2, data.Version.Next()));
        entry.IAmAliveTime = Start.AddMinutes(5);
        await table.UpdateIAmAliveAsync(entry);
        entry.IAmAliveTime = Start.AddMinutes(2);
        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadAllAsync();
        var read = Assert.Single(after.Members).Item1;
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal((voter, Start.AddMinutes(1)), (read.SuspectTimes![0].Item1, read.SuspectTimes[0].Item2));
        Assert.Equal(Start.AddMinutes(5), read.IAmAliveTime);
    }

    [Fact]
    public async Task Clients_find_the_active_silos_that_take_clients()
    {
        var table = await TableAsync();
        var active = Entry(1, SiloStatus.Active);
        var dead = Entry(2, SiloStatus.Dead);
        var noGateway = Entry(3, SiloStatus.Active);
        noGateway.ProxyPort = 0;
        foreach (var entry in new[] { active, dead, noGateway })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = PostgresSiloBuilderExtensions.Invariant, ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = _cluster, ServiceId = "activity" }));
        await gateways.InitializeGatewayListProviderAsync();

        Assert.Equal([SiloAddress.New(IPAddress.Loopback, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri()], await gateways.GetGatewaysAsync());
    }

    [Fact]
    public async Task Silos_dead_for_long_are_forgotten_and_recent_or_living_ones_stay()
    {
        var table = await TableAsync();
        var longDead = Entry(1, SiloStatus.Dead);
        var recentlyDead = Entry(2, SiloStatus.Dead);
        recentlyDead.IAmAliveTime = Start.AddDays(2);
        var living = Entry(3, SiloStatus.Active);
        foreach (var entry in new[] { longDead, recentlyDead, living })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Start.AddDays(1)));

        Assert.Equal([2, 3], (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port - 11000).Order());
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_silos_and_version()
    {
        var table = await TableAsync();
        await table.InsertRowAsync(Entry(1, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next());

        await table.DeleteMembershipTableEntriesAsync(_cluster);

        Assert.Equal(0L, await database.Database.ScalarAsync("SELECT count(*) FROM orleans_membership_version WHERE deployment_id = @cluster", ("cluster", _cluster)));
        Assert.Equal(0L, await database.Database.ScalarAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster", ("cluster", _cluster)));
    }

    private async Task<AdoNetClusteringTable> TableAsync()
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = _cluster, ServiceId = "activity" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresSiloBuilderExtensions.Invariant, ConnectionString = database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true);
        return table;
    }

    private static MembershipEntry Entry(int silo, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, 11000 + silo, 155_000_000 + silo),
        Status = status,
        SiloName = $"silo{silo}",
        HostName = "test-host",
        ProxyPort = 30000 + silo,
        StartTime = Start,
        IAmAliveTime = Start.AddSeconds(silo),
    };
}
