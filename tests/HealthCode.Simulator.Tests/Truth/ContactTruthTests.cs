using System.Text.Json;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests.Truth;

[Collection(SimulationCollection.Name)]
public sealed class ContactTruthTests
{
    private const long Day = 86_400;

    private readonly SimulationFixture _fixture;

    public ContactTruthTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Companions_EachOne_OverlapsTenMinutesInsideTheWindow()
    {
        var companions = Companions();

        Assert.NotEmpty(companions);
        Assert.All(companions, c =>
        {
            var (from, to) = (Time(c, "from"), Time(c, "to"));

            Assert.True(to - from >= 600, $"overlap of {to - from} s");
            Assert.InRange(from, Time(c, "window_from"), Time(c, "window_to"));
            Assert.InRange(to, Time(c, "window_from"), Time(c, "window_to"));
            Assert.Equal(Time(c, "case_reported_at") - 14 * Day, Time(c, "window_from"));
            Assert.NotEqual(c.GetProperty("case_id_number").GetString(), c.GetProperty("id_number").GetString());
        });
    }

    [Fact]
    public void Companions_Windows_EndAtPositiveReportsOfTheCase()
    {
        var positive = _fixture.Valid(FeedNames.Cases).Where(c => c.GetProperty("status").GetString() != "cleared")
            .Select(c => (c.GetProperty("id_number").GetString(), Time(c, "reported_at")))
            .ToHashSet();

        Assert.All(_fixture.Contacts, c =>
        {
            var id = c.GetProperty("case_id_number").GetString();
            Assert.Contains((id, Time(c, "window_to")), positive);
            Assert.Contains((id, Time(c, "case_reported_at")), positive);
        });
    }

    [Fact]
    public void Companions_BothPeople_TrulyInTheCellThroughoutTheOverlap()
    {
        Assert.All(Companions(), c =>
        {
            var cell = c.GetProperty("cell");
            var (row, col) = (cell.GetProperty("row").GetInt32(), cell.GetProperty("col").GetInt32());
            var (from, to) = (Time(c, "from"), Time(c, "to"));

            string[] people = [c.GetProperty("id_number").GetString()!, c.GetProperty("case_id_number").GetString()!];

            foreach (var id in people)
            {
                foreach (var at in new[] { from + 1, (from + to) / 2, to - 2 })
                {
                    var (lat, lon) = _fixture.Paths[id].At(at)!.PositionAt(at);
                    Assert.True(TestGrid.IsIn(lat, lon, row, col), $"{id} at {at} is not in cell {row}/{col}");
                }
            }
        });
    }

    [Fact]
    public void Companions_EveryLongSharedStay_IsInTheTruth()
    {
        var recorded = Companions().ToLookup(c => (c.GetProperty("id_number").GetString()!,
            c.GetProperty("case_id_number").GetString()!));
        var windows = _fixture.Contacts
            .Select(c => (Case: c.GetProperty("case_id_number").GetString()!, From: Time(c, "window_from"),
                To: Time(c, "window_to")))
            .Distinct()
            .ToList();
        var stays = _fixture.Paths
            .SelectMany(p => p.Value.Segments.Where(s => s.Kind == "stay").Select(s => (Person: p.Key, Stay: s)))
            .ToLookup(s => TestGrid.CellOf(s.Stay.FromLat, s.Stay.FromLon));
        var checkedPairs = 0;

        foreach (var window in windows)
        {
            var caseStays = _fixture.Paths[window.Case].Segments
                .Where(s => s.Kind == "stay" && s.End > window.From && s.Start < window.To);

            foreach (var caseStay in caseStays)
            {
                foreach (var (person, stay) in stays[TestGrid.CellOf(caseStay.FromLat, caseStay.FromLon)])
                {
                    var from = Math.Max(Math.Max(stay.Start, caseStay.Start), window.From);
                    var to = Math.Min(Math.Min(stay.End, caseStay.End), window.To);

                    if (person == window.Case || to - from < 600 || TestGrid.NearEdge(stay.FromLat, stay.FromLon)
                        || TestGrid.NearEdge(caseStay.FromLat, caseStay.FromLon))
                    {
                        continue;
                    }

                    checkedPairs++;
                    Assert.Contains(recorded[(person, window.Case)],
                        c => Time(c, "from") <= from && Time(c, "to") >= to);
                }
            }
        }

        Assert.True(checkedPairs > 100);
    }

    private List<JsonElement> Companions() =>
        _fixture.Contacts.Where(c => c.GetProperty("rule").GetString() == "companion").ToList();

    private static long Time(JsonElement record, string name) =>
        Iso.Parse(record.GetProperty(name).GetString()!).ToUnixTimeSeconds();
}
