using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Geo;
using HealthCode.Risk;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;
using HealthCode.Storage.Research;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging.Abstractions;
using RiskCaseLocation = HealthCode.Risk.Inputs.CaseLocation;
using RiskCaseReport = HealthCode.Risk.Inputs.CaseReport;
using RiskCaseStatus = HealthCode.Risk.Inputs.CaseStatus;
using RiskPing = HealthCode.Risk.Inputs.Ping;

namespace HealthCode.Storage.Tests.Research;

[Collection(ChdbCollection.Name)]
public sealed class CompanionQueryTests(ChdbFixture fixture)
{
    private const long Minute = 60_000;

    // Case stays sit around T0, two days ago; the report a day later keeps them well inside the 14-day window.
    private static readonly long T0 = TestEvents.BaseMs;
    private static readonly long ReportedAt = T0 + 24 * 60 * Minute;
    private static readonly long WindowStart = ReportedAt - 14 * 24 * 60 * Minute;

    private static readonly Grid Grid = new();
    private static readonly (double Lat, double Lon) Here = (30.2741, 120.1551);
    private static readonly (double Lat, double Lon) Elsewhere = (30.3500, 120.2500);

    [Fact]
    public async Task FindAsync_TenMinutesOverlap_FindsContact()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, T0, T0 + 60 * Minute);
        scenario.Stay("friend", Here, T0 + 50 * Minute, T0 + 90 * Minute);
        scenario.Report("case", ReportedAt);

        var contacts = await RunAsync("ten", scenario);

        var contact = Assert.Single(contacts);
        Assert.Equal(CompanionScenario.PersonKey("friend"), contact.PersonKey);
        Assert.Equal(CompanionScenario.PersonKey("case"), contact.CaseKey);
        Assert.Equal(Grid.CellOf(Here.Lat, Here.Lon).Packed, contact.Cell);
        Assert.Equal(At(T0 + 50 * Minute), contact.OverlapStart);
        Assert.Equal(At(T0 + 60 * Minute), contact.OverlapEnd);
    }

    [Fact]
    public async Task FindAsync_NineMinutesOverlap_FindsNone()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, T0, T0 + 60 * Minute);
        scenario.Stay("friend", Here, T0 + 51 * Minute, T0 + 90 * Minute);
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("nine", scenario));
    }

    [Fact]
    public async Task FindAsync_GapOf31Minutes_SplitsStay()
    {
        // Joined, the case's pings would span [T0, T0 + 91 min] and overlap the friend by 41 minutes; split at the
        // 31-minute gap, each half overlaps the friend by only 5.
        var scenario = new CompanionScenario();
        scenario.Pings("case", Here, T0, T0 + 30 * Minute, T0 + 61 * Minute, T0 + 91 * Minute);
        scenario.Pings("friend", Here, T0 + 25 * Minute, T0 + 45 * Minute, T0 + 66 * Minute);
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("split", scenario));
    }

    [Fact]
    public async Task FindAsync_GapOf30Minutes_JoinsStay()
    {
        var scenario = new CompanionScenario();
        scenario.Pings("case", Here, T0, T0 + 30 * Minute, T0 + 60 * Minute);
        scenario.Pings("friend", Here, T0 + 25 * Minute, T0 + 40 * Minute);
        scenario.Report("case", ReportedAt);

        var contact = Assert.Single(await RunAsync("join", scenario));
        Assert.Equal(At(T0 + 25 * Minute), contact.OverlapStart);
        Assert.Equal(At(T0 + 40 * Minute), contact.OverlapEnd);
    }

    [Fact]
    public async Task FindAsync_StayJustOutsideWindow_FindsNone()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, WindowStart - 60 * Minute, WindowStart - 1);
        scenario.Stay("friend", Here, WindowStart - 60 * Minute, WindowStart + 30 * Minute);
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("outside", scenario));
    }

    [Fact]
    public async Task FindAsync_StayAcrossWindowStart_CountsOnlyTheClippedPart()
    {
        // The raw stays share 25 minutes, but only the 5 inside the window count.
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, WindowStart - 20 * Minute, WindowStart + 5 * Minute);
        scenario.Stay("friend", Here, WindowStart - 20 * Minute, WindowStart + 30 * Minute);
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("clipped", scenario));
    }

    [Fact]
    public async Task FindAsync_OtherCell_FindsNone()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, T0, T0 + 60 * Minute);
        scenario.Stay("friend", Elsewhere, T0, T0 + 60 * Minute);
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("cell", scenario));
    }

    [Fact]
    public async Task FindAsync_CaseAlone_IsNotItsOwnContact()
    {
        // Two SIMs of the case in one cell: the case's own stays must never flag the case.
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, T0, T0 + 60 * Minute);
        scenario.Stay("case", Here, T0 + 5 * Minute, T0 + 55 * Minute, sim: "second");
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("self", scenario));
    }

    [Fact]
    public async Task FindAsync_UnknownSubscriber_FindsNone()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, T0, T0 + 60 * Minute);
        scenario.Stay("stranger", Here, T0, T0 + 60 * Minute, registered: false);
        scenario.Report("case", ReportedAt);

        Assert.Empty(await RunAsync("unknown", scenario));
    }

    [Fact]
    public async Task FindAsync_ClearedReport_FindsNone()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("case", Here, T0, T0 + 60 * Minute);
        scenario.Stay("friend", Here, T0, T0 + 60 * Minute);
        scenario.Report("case", ReportedAt, CaseStatus.Cleared);

        Assert.Empty(await RunAsync("cleared", scenario));
    }

    [Fact]
    public async Task FindAsync_CaseKeyGiven_FindsOnlyThatCase()
    {
        var scenario = new CompanionScenario();
        scenario.Stay("first", Here, T0, T0 + 60 * Minute);
        scenario.Stay("second", Elsewhere, T0, T0 + 60 * Minute);
        scenario.Stay("friend", Here, T0, T0 + 60 * Minute);
        scenario.Stay("other", Elsewhere, T0, T0 + 60 * Minute);
        scenario.Report("first", ReportedAt);
        scenario.Report("second", ReportedAt);

        var all = await RunAsync("onecase", scenario);
        var one = await RunAsync(
            "onecase2", scenario, new CompanionQueryOptions { CaseKey = CompanionScenario.PersonKey("second") });

        Assert.Equal(2, all.Count);
        var contact = Assert.Single(one);
        Assert.Equal(CompanionScenario.PersonKey("other"), contact.PersonKey);
    }

    [Fact]
    public async Task FindAsync_StayInCellTouchedByCaseLocation_FindsContact()
    {
        // A neighbour cell that the circle reaches but whose centre lies outside it, and a cell well beyond it.
        var centreCell = Grid.CellOf(Here.Lat, Here.Lon);
        var touched = Grid.CellsTouchedByCircle(Here.Lat, Here.Lon, 500).First(c => c != centreCell);
        var beyond = new CellKey(centreCell.Row + 5, centreCell.Col);
        var scenario = new CompanionScenario();
        scenario.Location("case", Here, 500, T0, T0 + 60 * Minute);
        scenario.Stay("near", CentreOf(touched), T0 + 30 * Minute, T0 + 90 * Minute);
        scenario.Stay("far", CentreOf(beyond), T0, T0 + 60 * Minute);
        scenario.Report("case", ReportedAt);

        var contact = Assert.Single(await RunAsync("location", scenario));

        Assert.Equal(CompanionScenario.PersonKey("near"), contact.PersonKey);
        Assert.Equal(touched.Packed, contact.Cell);
        Assert.Equal(At(T0 + 30 * Minute), contact.OverlapStart);
        Assert.Equal(At(T0 + 60 * Minute), contact.OverlapEnd);
    }

    [Theory]
    [InlineData(-33.8688, 151.2093)]
    [InlineData(40.7128, -74.0060)]
    [InlineData(-22.9068, -43.1729)]
    public async Task FindAsync_CaseLocationWithNegativeRowOrColumn_PacksCellsAsGrid(double lat, double lon)
    {
        // Negative rows and columns exercise the sign handling of floor, range and the (row << 32) | col packing.
        var centreCell = Grid.CellOf(lat, lon);
        var touched = Grid.CellsTouchedByCircle(lat, lon, 900).Where(c => c != centreCell).ToList();
        Assert.NotEmpty(touched);
        var scenario = new CompanionScenario();
        scenario.Location("case", (lat, lon), 900, T0, T0 + 60 * Minute);

        foreach (var (cell, i) in touched.Select((c, i) => (c, i)))
        {
            scenario.Stay("near" + i, CentreOf(cell), T0, T0 + 60 * Minute);
        }

        scenario.Report("case", ReportedAt);

        var contacts = await RunAsync("signs", scenario);

        Assert.Equal(touched.Select(c => c.Packed).Order(), contacts.Select(c => c.Cell).Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task FindAsync_RandomScenario_MatchesRiskEngine(int seed)
    {
        // A short window clips the case stays at both ends, so the clipping is compared too.
        var settings = RuleSettings.Default with { ExposureWindow = TimeSpan.FromHours(3) };
        var scenario = RandomScenario(new Random(seed));

        var actual = await RunAsync(
            "random" + seed,
            scenario,
            new CompanionQueryOptions
            {
                StayGap = settings.StayGap,
                ExposureWindow = settings.ExposureWindow,
                MinOverlap = settings.CompanionMinOverlap,
            });

        var expected = RiskContacts(scenario, settings);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ordered(actual.Select(c => (
            c.PersonKey, c.CaseKey, $"cell {CellKey.FromPacked(c.Cell)}", c.OverlapStart, c.OverlapEnd))));
    }

    private static CompanionScenario RandomScenario(Random random)
    {
        (double, double)[] places = [Here, Elsewhere, (30.2800, 120.1600)];
        var scenario = new CompanionScenario();

        for (var person = 0; person < 12; person++)
        {
            // Millisecond jitter keeps ping times distinct, so no tie order is left to chance.
            var at = T0 - 6 * 60 * Minute + random.Next(0, 60) * Minute + random.Next(0, 1000);
            var place = places[random.Next(places.Length)];
            var times = new List<long>();

            for (var ping = 0; ping < 40; ping++)
            {
                if (random.Next(4) == 0)
                {
                    scenario.Pings("p" + person, place, [.. times]);
                    times.Clear();
                    place = places[random.Next(places.Length)];
                }

                times.Add(at);
                at += random.Next(1, 40) * Minute + random.Next(0, 1000);
            }

            scenario.Pings("p" + person, place, [.. times]);
        }

        for (var i = 0; i < 3; i++)
        {
            var (lat, lon) = places[random.Next(places.Length)];
            var from = T0 - random.Next(0, 300) * Minute;
            scenario.Location(
                "p" + random.Next(2),
                (lat + random.NextDouble() * 0.01, lon + random.NextDouble() * 0.01),
                random.Next(50, 1500),
                from,
                from + random.Next(5, 120) * Minute);
        }

        scenario.Report("p0", T0);
        scenario.Report("p1", T0 + 2 * 60 * Minute, CaseStatus.Suspected);
        scenario.Stay("nobody", Here, T0 - 6 * 60 * Minute, T0 + 6 * 60 * Minute, registered: false);
        return scenario;
    }

    private static List<(string, string, string, DateTimeOffset, DateTimeOffset)> RiskContacts(
        CompanionScenario scenario, RuleSettings settings)
    {
        var builder = new StayBuilder(settings);
        var coverage = new CaseLocationCoverage(settings);
        var stays = scenario.PersonPings
            .Where(p => p.PersonKey is not null)
            .GroupBy(p => p.PersonKey!, StringComparer.Ordinal)
            .SelectMany(g => builder.Build(g.Key, g.Select(p => new RiskPing(
                Convert.ToHexStringLower(p.Ping.RecordId.ToByteArray()),
                At(p.Ping.ObservedAtMs),
                p.Ping.Lat,
                p.Ping.Lon))))
            .ToList();
        var rule = new CompanionRule(settings);
        var contacts = new List<(string, string, string, DateTimeOffset, DateTimeOffset)>();

        foreach (var report in scenario.Reports)
        {
            var exposure = CaseExposure.Of(
                new RiskCaseReport(
                    Convert.ToHexStringLower(report.RecordId.ToByteArray()),
                    report.PersonKey,
                    report.Status == CaseStatus.Confirmed ? RiskCaseStatus.Confirmed : RiskCaseStatus.Suspected,
                    At(report.ReportedAtMs)),
                settings)!;
            var locations = scenario.Locations
                .Where(l => l.CasePersonKey == exposure.CaseKey)
                .SelectMany(l => coverage.Cover(new RiskCaseLocation(
                    Convert.ToHexStringLower(l.RecordId.ToByteArray()),
                    l.CasePersonKey,
                    l.Lat,
                    l.Lon,
                    l.RadiusM,
                    At(l.FromMs),
                    At(l.ToMs))));
            var casePresences = stays.Where(s => s.PersonKey == exposure.CaseKey).Concat(locations);
            var flags = rule.Evaluate(exposure, casePresences, stays);

            contacts.AddRange(flags.Select(f => (
                f.PersonKey, exposure.CaseKey, f.Evidence.Place, f.Evidence.Span.Start, f.Evidence.Span.End)));
        }

        // The query returns distinct rows; the rule returns one flag per pair of presences.
        return Ordered(contacts.Distinct());
    }

    // One order for both sides, so the comparison is of sets whatever order either side produced.
    private static List<(string, string, string, DateTimeOffset, DateTimeOffset)> Ordered(
        IEnumerable<(string, string, string, DateTimeOffset, DateTimeOffset)> contacts) => contacts
        .OrderBy(c => c.Item1, StringComparer.Ordinal)
        .ThenBy(c => c.Item2, StringComparer.Ordinal)
        .ThenBy(c => c.Item3, StringComparer.Ordinal)
        .ThenBy(c => c.Item4)
        .ThenBy(c => c.Item5)
        .ToList();

    private async Task<IReadOnlyList<CompanionContact>> RunAsync(
        string purpose, CompanionScenario scenario, CompanionQueryOptions? options = null)
    {
        var settings = fixture.NewSettings("companion_" + purpose) with { FlushInterval = TimeSpan.FromHours(1) };
        await using var store = await fixture.NewStoreAsync(purpose, settings);

        await using (var writer = new EventWriter(store, settings, NullLogger.Instance))
        {
            await scenario.WriteAsync(writer);
        }

        return await new CompanionQuery(store).FindAsync(options ?? new CompanionQueryOptions());
    }

    private static (double Lat, double Lon) CentreOf(CellKey cell) =>
        ((cell.Row + 0.5) * Grid.RowDegrees, (cell.Col + 0.5) * Grid.ColumnDegrees(cell.Row));

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
