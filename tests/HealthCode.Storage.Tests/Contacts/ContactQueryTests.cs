using HealthCode.Contracts.Events.V1;
using HealthCode.Storage.Contacts;
using HealthCode.Storage.Schema;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Storage.Tests.Contacts;

[Collection(ChdbCollection.Name)]
public sealed class ContactQueryTests(ChdbFixture fixture)
{
    private const long Minute = 60_000;
    private static readonly long T0 = TestEvents.BaseMs;
    private static readonly string Case = TestEvents.Key("case");

    [Fact]
    public async Task OfCaseAsync_ContactRedelivered_ReturnsItOnce()
    {
        var (store, writer) = await OpenAsync("redelivered");
        await using var storeScope = store;
        await using var writerScope = writer;
        var contact = Flag("friend", "companion");

        await writer.WriteAsync([contact]);
        await writer.FlushAsync();
        await writer.WriteAsync([contact.Clone()]);
        await writer.FlushAsync();

        Assert.Single(await ContactQuery.OfCaseAsync(store, Case));
        Assert.Equal(1, (await ContactQuery.CountByRuleAsync(store))["companion"]);
        Assert.Equal(1, await new TableCounter(store).CountRowsAsync(StorageTables.Contacts));
    }

    [Fact]
    public async Task OfCaseAsync_NewerVersionWithdrawn_HidesTheFlag()
    {
        var (store, writer) = await OpenAsync("withdrawn");
        await using var storeScope = store;
        await using var writerScope = writer;
        var kept = Flag("neighbour", "companion");
        var raised = Flag("friend", "companion");
        var withdrawn = raised.Clone();
        withdrawn.Withdrawn = true;
        withdrawn.DecidedAtMs = raised.DecidedAtMs + 1000;

        await writer.WriteAsync([raised, kept]);
        await writer.FlushAsync();
        await writer.WriteAsync([withdrawn]);
        await writer.FlushAsync();

        var contact = Assert.Single(await ContactQuery.OfCaseAsync(store, Case));
        Assert.Equal(kept.FlagId, contact.FlagId);
    }

    [Fact]
    public async Task OfCaseAsync_WithdrawalArrivesBeforeTheRaise_StaysHidden()
    {
        var (store, writer) = await OpenAsync("late_raise");
        await using var storeScope = store;
        await using var writerScope = writer;
        var raised = Flag("friend", "companion");
        var withdrawn = raised.Clone();
        withdrawn.Withdrawn = true;
        withdrawn.DecidedAtMs = raised.DecidedAtMs + 1000;

        await writer.WriteAsync([withdrawn]);
        await writer.FlushAsync();
        await writer.WriteAsync([raised]);
        await writer.FlushAsync();

        Assert.Empty(await ContactQuery.OfCaseAsync(store, Case));
        Assert.Empty(await ContactQuery.CountByRuleAsync(store));
    }

    [Fact]
    public async Task OfCaseAsync_SeveralFlags_ReturnsTheCasesFlagsSortedWithEveryField()
    {
        var (store, writer) = await OpenAsync("of_case");
        await using var storeScope = store;
        await using var writerScope = writer;
        var later = Flag("friend", "companion", fromMs: T0 + 30 * Minute);
        var earlier = Flag("friend", "companion", fromMs: T0);
        var flight = Flag("friend", "flight_close_contact");
        var otherCase = Flag("friend", "companion", caseKey: TestEvents.Key("other case"));

        await writer.WriteAsync([later, flight, otherCase, earlier]);
        await writer.FlushAsync();

        var contacts = await ContactQuery.OfCaseAsync(store, Case);
        Assert.Equal([earlier.FlagId, later.FlagId, flight.FlagId], contacts.Select(c => c.FlagId));
        var first = contacts[0];
        Assert.Equal(earlier.PersonKey, first.PersonKey);
        Assert.Equal(Case, first.CaseKey);
        Assert.Equal("companion", first.Rule);
        Assert.Equal(CodeColour.Yellow, first.Colour);
        Assert.Equal(earlier.Place, first.Place);
        Assert.Equal(earlier.FromMs, first.From.ToUnixTimeMilliseconds());
        Assert.Equal(earlier.ToMs, first.To.ToUnixTimeMilliseconds());
        Assert.Equal(earlier.RaisedAtMs, first.RaisedAt.ToUnixTimeMilliseconds());
        Assert.Equal(earlier.QuarantineEndsMs, first.QuarantineEnds.ToUnixTimeMilliseconds());
        Assert.Equal(earlier.RecordIds, first.RecordIds);
        Assert.Equal("rules-1", first.RuleSetVersion);
        Assert.Equal(earlier.DecidedAtMs, first.DecidedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task CountByRuleAsync_MixedFlags_CountsCurrentFlagsPerRule()
    {
        var (store, writer) = await OpenAsync("by_rule");
        await using var storeScope = store;
        await using var writerScope = writer;
        var withdrawnRail = Flag("rider", "rail_close_contact");
        withdrawnRail.Withdrawn = true;

        await writer.WriteAsync(
        [
            Flag("friend", "companion"),
            Flag("neighbour", "companion", caseKey: TestEvents.Key("other case")),
            Flag("passenger", "flight_close_contact"),
            withdrawnRail,
        ]);
        await writer.FlushAsync();

        var counts = await ContactQuery.CountByRuleAsync(store);
        Assert.Equal(2, counts.Count);
        Assert.Equal(2, counts["companion"]);
        Assert.Equal(1, counts["flight_close_contact"]);
    }

    private static Contact Flag(string person, string rule, long? fromMs = null, string? caseKey = null)
    {
        var from = fromMs ?? T0;
        var key = caseKey ?? Case;
        var contact = new Contact
        {
            FlagId = TestEvents.Key($"flag:{person}:{rule}:{from}:{key}"),
            PersonKey = TestEvents.Key(person),
            CaseKey = key,
            Rule = rule,
            Colour = CodeColour.Yellow,
            Place = "cell 3781:120155",
            FromMs = from,
            ToMs = from + 20 * Minute,
            RaisedAtMs = T0 + 24 * 60 * Minute,
            QuarantineEndsMs = from + 14 * 24 * 60 * Minute,
            RuleSetVersion = "rules-1",
            DecidedAtMs = T0 + 24 * 60 * Minute + 5,
        };
        contact.RecordIds.Add(TestEvents.Key($"record a:{person}"));
        contact.RecordIds.Add(TestEvents.Key($"record b:{person}"));
        return contact;
    }

    private async Task<(IAnalyticsStore Store, EventWriter Writer)> OpenAsync(string purpose)
    {
        var settings = fixture.NewSettings(purpose) with { FlushInterval = TimeSpan.FromHours(1) };
        var store = await fixture.NewStoreAsync(purpose, settings);
        return (store, new EventWriter(store, settings, NullLogger.Instance));
    }
}
