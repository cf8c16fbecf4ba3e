using HealthCode.Storage.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Storage.Tests.Schema;

[Collection(ChdbCollection.Name)]
public sealed class SchemaInitializerTests(ChdbFixture fixture)
{
    [Fact]
    public async Task EnsureCreatedAsync_RunTwice_CreatesEveryTableOnce()
    {
        var settings = fixture.NewSettings("idempotent");
        await using var store = await fixture.NewStoreAsync("idempotent", settings);
        var schema = new SchemaInitializer(store, settings, NullLogger.Instance);

        await schema.EnsureCreatedAsync();
        await schema.EnsureCreatedAsync();

        var tables = await store.QueryTextAsync(
            "SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name",
            "TSV",
            new QueryParameters().Add("db", store.Database));
        var names = tables.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StorageTables.All.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task EnsureCreatedAsync_DefaultRetention_PutsTtlOnEventTime()
    {
        await using var store = await fixture.NewStoreAsync("ttl");

        var pings = await CreateStatementAsync(store, StorageTables.Pings);
        var locations = await CreateStatementAsync(store, StorageTables.CaseLocations);
        var subscribers = await CreateStatementAsync(store, StorageTables.Subscribers);

        Assert.Contains("TTL toDateTime(observed_at) + toIntervalDay(60)", pings, StringComparison.Ordinal);
        Assert.Contains("TTL toDateTime(to_at) + toIntervalDay(180)", locations, StringComparison.Ordinal);
        Assert.DoesNotContain("TTL", subscribers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_DecisionTables_KeepNewestDecisionForHalfAYear()
    {
        await using var store = await fixture.NewStoreAsync("decisions");

        var contacts = await CreateStatementAsync(store, StorageTables.Contacts);
        var changes = await CreateStatementAsync(store, StorageTables.CodeChanges);

        Assert.Contains("ReplacingMergeTree(decided_at)", contacts, StringComparison.Ordinal);
        Assert.Contains("PARTITION BY toYYYYMM(to_at)", contacts, StringComparison.Ordinal);
        Assert.Contains("TTL toDateTime(to_at) + toIntervalDay(180)", contacts, StringComparison.Ordinal);
        Assert.Contains("ReplacingMergeTree(decided_at)", changes, StringComparison.Ordinal);
        Assert.Contains("TTL toDateTime(changed_at) + toIntervalDay(180)", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_ConfiguredRetention_UsesConfiguredDays()
    {
        var settings = fixture.NewSettings("ttl_custom") with { Retention = new RetentionSettings { PingsDays = 7 } };
        await using var store = await fixture.NewStoreAsync("ttl_custom", settings);

        var pings = await CreateStatementAsync(store, StorageTables.Pings);
        var bySubscriber = await CreateStatementAsync(store, StorageTables.PingsBySubscriber);

        Assert.Contains("+ toIntervalDay(7)", pings, StringComparison.Ordinal);
        Assert.Contains("+ toIntervalDay(7)", bySubscriber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_Tables_AreReplacingMergeTreesSortedForLookups()
    {
        await using var store = await fixture.NewStoreAsync("keys");

        var rows = await store.QueryRowsAsync(
            "SELECT name, engine, sorting_key FROM system.tables WHERE database = {db:String}",
            new QueryParameters().Add("db", store.Database));
        var keys = rows.Map((r, i) => (Name: r.Get<string>(i, "name"), Engine: r.Get<string>(i, "engine"),
            Key: r.Get<string>(i, "sorting_key"))).ToDictionary(t => t.Name);

        var events = keys.Values.Where(t => t.Name is not (StorageTables.Contacts or StorageTables.CodeChanges));
        Assert.All(keys.Values, t => Assert.Equal("ReplacingMergeTree", t.Engine));
        Assert.All(events, t => Assert.EndsWith("record_id", t.Key, StringComparison.Ordinal));
        Assert.Equal("case_key, person_key, flag_id", keys[StorageTables.Contacts].Key);
        Assert.Equal("person_key, sequence", keys[StorageTables.CodeChanges].Key);
        Assert.StartsWith("cell, observed_at", keys[StorageTables.Pings].Key, StringComparison.Ordinal);
        Assert.StartsWith(
            "subscriber_key, observed_at", keys[StorageTables.PingsBySubscriber].Key, StringComparison.Ordinal);
        Assert.StartsWith("person_key", keys[StorageTables.SubscribersByPerson].Key, StringComparison.Ordinal);
        Assert.StartsWith("train, service_date", keys[StorageTables.RailTrips].Key, StringComparison.Ordinal);
        Assert.StartsWith("flight, service_date", keys[StorageTables.FlightTrips].Key, StringComparison.Ordinal);
    }

    private static Task<string> CreateStatementAsync(IAnalyticsStore store, string table) =>
        store.QueryScalarAsync<string>(
            "SELECT create_table_query FROM system.tables WHERE database = {db:String} AND name = {t:String}",
            new QueryParameters().Add("db", store.Database).Add("t", table));
}
