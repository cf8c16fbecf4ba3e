using System.Globalization;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests.Feeds;

[Collection(SimulationCollection.Name)]
public sealed class PingFeedTests
{
    private readonly SimulationFixture _fixture;

    public PingFeedTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Pings_WholeFile_InObservationOrder()
    {
        var previous = DateTimeOffset.MinValue;

        foreach (var ping in _fixture.ValidPings())
        {
            var observed = Iso.Parse(ping[4]);
            Assert.True(observed >= previous, $"{ping[4]} after {previous:O}");
            previous = observed;
        }
    }

    [Fact]
    public void Pings_EveryOne_WithinAccuracyOfTruePosition()
    {
        var owners = Subscribers();
        var checkedPings = 0;

        foreach (var ping in _fixture.ValidPings())
        {
            var path = _fixture.Paths[owners[ping[0]].IdNumber];
            var at = Iso.Parse(ping[4]).ToUnixTimeSeconds();
            var segment = path.At(at);
            Assert.NotNull(segment);
            Assert.NotEqual("flight", segment.Kind);

            var (lat, lon) = segment.PositionAt(at);
            var error = Haversine(lat, lon, Number(ping[1]), Number(ping[2]));
            Assert.True(error <= Number(ping[3]) + 1, $"{string.Join(',', ping)} is {error:F0} m from the truth");
            checkedPings++;
        }

        Assert.True(checkedPings > 10_000);
    }

    [Fact]
    public void Pings_Positions_InCityExtentOrOnTravelRoutes()
    {
        var city = CityProfile.Hangzhou;
        var outside = _fixture.ValidPings().Where(p => !city.Contains(Number(p[1]), Number(p[2]))).ToList();
        var travelling = _fixture.Paths.Values.SelectMany(p => p.Segments)
            .Where(s => !city.Contains(s.FromLat, s.FromLon) || !city.Contains(s.ToLat, s.ToLon))
            .ToList();

        Assert.NotEmpty(travelling);
        Assert.All(outside.Where((_, i) => i % 7 == 0), p =>
        {
            var (lat, lon) = (Number(p[1]), Number(p[2]));
            var nearEdge = lat > city.MinLatitude - 0.02 && lat < city.MaxLatitude + 0.02
                && lon > city.MinLongitude - 0.02 && lon < city.MaxLongitude + 0.02;
            var nearRoute = travelling.Any(s =>
                DistanceToSegment(lat, lon, s.FromLat, s.FromLon, s.ToLat, s.ToLon) <= Number(p[3]) + 1);
            Assert.True(nearEdge || nearRoute, $"{string.Join(',', p)} is neither in the city nor on a route");
        });

        Assert.True(outside.Count < _fixture.Report.Feed(FeedNames.Pings).ValidLines / 5);
    }

    [Fact]
    public void Pings_Sims_RegisteredBeforeTheyPing()
    {
        var owners = Subscribers();

        Assert.All(_fixture.ValidPings(), p =>
        {
            Assert.True(owners.TryGetValue(p[0], out var owner), p[0] + " has no subscriber record");
            Assert.True(Iso.Parse(p[4]) >= owner.RegisteredAt, p[0] + " pinged before registration");
        });
    }

    [Fact]
    public void Pings_Accuracy_SpansTowerBasedRange()
    {
        var accuracies = _fixture.ValidPings().Select(p => Number(p[3])).ToList();

        Assert.Equal(50, accuracies.Min());
        Assert.InRange(accuracies.Max(), 1_000, 1_500);
        Assert.InRange(accuracies.Order().ElementAt(accuracies.Count / 2), 80, 300);
    }

    [Fact]
    public void Pings_PerSimAndDay_AboutEveryFortyMinutes()
    {
        var perSimDay = _fixture.ValidPings().GroupBy(p => (p[0], p[4][..10])).Select(g => g.Count()).ToList();

        Assert.InRange(perSimDay.Average(), 30, 55);
    }

    private Dictionary<string, (string IdNumber, DateTimeOffset RegisteredAt)> Subscribers() =>
        _fixture.Valid(FeedNames.Subscribers).ToDictionary(
            r => r.GetProperty("msisdn").GetString()!,
            r => (r.GetProperty("id_number").GetString()!, Iso.Parse(r.GetProperty("registered_at").GetString()!)));

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double DistanceToSegment(double lat, double lon, double lat1, double lon1, double lat2,
        double lon2)
    {
        var cos = Math.Cos(lat * Math.PI / 180);
        var (ax, ay) = ((lon1 - lon) * cos * 111_320, (lat1 - lat) * 111_320);
        var (bx, by) = ((lon2 - lon) * cos * 111_320, (lat2 - lat) * 111_320);
        var (dx, dy) = (bx - ax, by - ay);
        var length = dx * dx + dy * dy;
        var t = length == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / length, 0, 1);
        return Math.Sqrt(Math.Pow(ax + t * dx, 2) + Math.Pow(ay + t * dy, 2));
    }

    internal static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_008.8;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
