using System.Text.Json;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests.Epidemic;

[Collection(SimulationCollection.Name)]
public sealed class InfectionTruthTests
{
    private readonly SimulationFixture _fixture;

    public InfectionTruthTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Infections_BySomeone_HappenWhereBothAreTogether()
    {
        var transmitted = _fixture.Infections
            .Where(i => i.GetProperty("source_id_number").ValueKind != JsonValueKind.Null)
            .ToList();

        Assert.NotEmpty(transmitted);
        Assert.All(transmitted, infection =>
        {
            var at = Time(infection, "infected_at");
            var place = infection.GetProperty("place").GetProperty("id").GetInt32();
            var target = _fixture.Paths[infection.GetProperty("id_number").GetString()!].At(at);
            var source = _fixture.Paths[infection.GetProperty("source_id_number").GetString()!].At(at);

            Assert.Equal(place, target?.PlaceId);
            Assert.Equal(place, source?.PlaceId);
            Assert.InRange(at, Time(infection, "exposure_from"), Time(infection, "exposure_to"));
        });
    }

    [Fact]
    public void Infections_BySomeone_SourceInfectiousAndInfectedEarlier()
    {
        var byId = _fixture.Infections.ToDictionary(i => i.GetProperty("id_number").GetString()!);

        Assert.All(byId.Values.Where(i => i.GetProperty("source_id_number").ValueKind == JsonValueKind.String), i =>
        {
            var source = byId[i.GetProperty("source_id_number").GetString()!];
            var at = Time(i, "infected_at");

            Assert.True(Time(source, "infected_at") < at);
            Assert.InRange(at, Time(source, "infectious_from"), Time(source, "infectious_to"));
        });
    }

    [Fact]
    public void Infections_Seeds_AreTheInitialInfections()
    {
        var seeds = _fixture.Infections.Count(i => i.GetProperty("source_id_number").ValueKind == JsonValueKind.Null);

        Assert.Equal(SimulationFixture.Settings.InitialInfections, seeds);
    }

    [Fact]
    public void Cases_Reports_FollowInfectionAndOnset()
    {
        var infections = _fixture.Infections.ToDictionary(i => i.GetProperty("id_number").GetString()!);
        var cases = _fixture.Valid(FeedNames.Cases);

        Assert.Contains(cases, c => c.GetProperty("status").GetString() == "confirmed");
        Assert.All(cases.Where(c => c.GetProperty("status").GetString() == "confirmed"), c =>
        {
            Assert.True(infections.TryGetValue(c.GetProperty("id_number").GetString()!, out var infection),
                "a confirmed case was never infected");
            Assert.True(Time(c, "reported_at") > Time(infection, "infected_at"));
            Assert.True(Time(c, "reported_at") > Time(infection, "onset_at"));
        });
    }

    [Fact]
    public void Cases_SuspectedNeverInfected_AreClearedLater()
    {
        var infected = _fixture.Infections.Select(i => i.GetProperty("id_number").GetString()).ToHashSet();
        var cases = _fixture.Valid(FeedNames.Cases);
        var falseAlarms = cases.Where(c => !infected.Contains(c.GetProperty("id_number").GetString())).ToList();

        Assert.All(falseAlarms.Where(c => c.GetProperty("status").GetString() == "suspected"), c =>
        {
            var id = c.GetProperty("id_number").GetString();
            var later = cases.Where(o => o.GetProperty("id_number").GetString() == id
                && Time(o, "reported_at") > Time(c, "reported_at")).Select(o => o.GetProperty("status").GetString());
            Assert.DoesNotContain("confirmed", later);
        });
    }

    [Fact]
    public void CaseLocations_EachOne_CoversATrueStayWithinItsRadius()
    {
        var locations = _fixture.Valid(FeedNames.CaseLocations);

        Assert.NotEmpty(locations);
        Assert.All(locations, location =>
        {
            var path = _fixture.Paths[location.GetProperty("id_number").GetString()!];
            var (from, to) = (Time(location, "from"), Time(location, "to"));
            var (lat, lon) = (location.GetProperty("lat").GetDouble(), location.GetProperty("lon").GetDouble());
            var radius = location.GetProperty("radius_m").GetDouble();

            Assert.InRange(radius, 50, 300);
            Assert.Contains(path.Segments, s => s.Kind == "stay" && s.Start < to && s.End > from
                && Feeds.PingFeedTests.Haversine(lat, lon, s.FromLat, s.FromLon) <= radius);
        });
    }

    [Fact]
    public void Declarations_Authors_AreCasesOrTrueContactsUnderObservation()
    {
        var observedFrom = _fixture.Contacts
            .Select(c => (Id: c.GetProperty("id_number").GetString()!, From: Time(c, "case_reported_at")))
            .Concat(_fixture.Contacts.Select(c =>
                (Id: c.GetProperty("case_id_number").GetString()!, From: Time(c, "case_reported_at"))))
            .ToLookup(o => o.Id, o => o.From);
        var declarations = _fixture.Valid(FeedNames.Declarations);

        Assert.NotEmpty(declarations);
        Assert.All(declarations, d =>
        {
            var at = Time(d, "declared_at");
            Assert.Contains(observedFrom[d.GetProperty("id_number").GetString()!],
                from => at >= from && at < from + 14 * 86_400);
        });
    }

    [Fact]
    public void Declarations_Abnormal_FarMoreLikelyFromTheInfected()
    {
        var infected = _fixture.Infections.Select(i => i.GetProperty("id_number").GetString()).ToHashSet();
        var declarations = _fixture.Valid(FeedNames.Declarations)
            .Select(d => (Infected: infected.Contains(d.GetProperty("id_number").GetString()),
                Abnormal: d.GetProperty("temperature_c").GetDouble() >= 37.3
                    || d.GetProperty("symptoms").GetArrayLength() > 0))
            .ToList();
        var ill = declarations.Where(d => d.Infected).ToList();
        var healthy = declarations.Where(d => !d.Infected).ToList();

        Assert.NotEmpty(ill);
        Assert.True(healthy.Count(d => d.Abnormal) < healthy.Count * 0.05, "healthy people mostly declare normal");
        Assert.True(ill.Count(d => d.Abnormal) / (double)ill.Count
            > 3 * healthy.Count(d => d.Abnormal) / (double)Math.Max(1, healthy.Count));
    }

    private static long Time(JsonElement record, string name) =>
        Iso.Parse(record.GetProperty(name).GetString()!).ToUnixTimeSeconds();
}
