using HealthCode.Risk.Inputs;
using HealthCode.Risk.Stays;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Stays;

public sealed class StayBuilderTests
{
    private readonly StayBuilder _builder = new(Settings);

    [Fact]
    public void Build_GapOf30Minutes_JoinsOneStay()
    {
        var stays = _builder.Build(PersonKey, [Ping("p1", 0), Ping("p2", 30), Ping("p3", 60)]);

        var stay = Assert.Single(stays);
        Assert.Equal(new Interval(Minute(0), Minute(60)), stay.Span);
        Assert.Equal(["p1", "p2", "p3"], stay.RecordIds);
    }

    [Fact]
    public void Build_GapOf31Minutes_StartsNewStay()
    {
        var stays = _builder.Build(PersonKey, [Ping("p1", 0), Ping("p2", 31)]);

        Assert.Equal(2, stays.Count);
        Assert.Equal(new Interval(Minute(0), Minute(0)), stays[0].Span);
        Assert.Equal(new Interval(Minute(31), Minute(31)), stays[1].Span);
    }

    [Fact]
    public void Build_PingInAnotherCell_StartsNewStay()
    {
        var stays = _builder.Build(PersonKey, [Ping("p1", 0), Ping("p2", 5, OtherLat), Ping("p3", 10)]);

        Assert.Equal(3, stays.Count);
        Assert.NotEqual(stays[0].Cell, stays[1].Cell);
        Assert.Equal(stays[0].Cell, stays[2].Cell);
    }

    [Fact]
    public void Build_ShuffledAndRepeatedPings_GiveSameStays()
    {
        Ping[] pings = [Ping("p1", 0), Ping("p2", 20), Ping("p3", 45), Ping("p4", 50, OtherLat), Ping("p5", 120)];
        var expected = _builder.Build(PersonKey, pings);

        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = pings.Concat(pings.Take(2)).OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, _builder.Build(PersonKey, shuffled));
        }
    }

    private static Ping Ping(string id, double minute, double lat = Lat) => new(id, Minute(minute), lat, Lon);
}
