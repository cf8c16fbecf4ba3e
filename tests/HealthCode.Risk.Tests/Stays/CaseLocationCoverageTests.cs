using HealthCode.Contracts.Geo;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Stays;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Stays;

public sealed class CaseLocationCoverageTests
{
    [Fact]
    public void Cover_CircleOverCellCorners_CoversEveryTouchedCellOverItsSpan()
    {
        var location = new CaseLocation("l1", CaseKey, Lat, Lon, 1_000, Minute(0), Minute(90), "market");

        var presences = new CaseLocationCoverage(Settings).Cover(location);

        var expected = new Grid(Settings.CellMetres).CellsTouchedByCircle(Lat, Lon, 1_000);
        Assert.Equal(expected, presences.Select(p => p.Cell));
        Assert.True(presences.Count > 4);
        Assert.All(presences, p => Assert.Equal(new Interval(Minute(0), Minute(90)), p.Span));
        Assert.All(presences, p => Assert.Equal(["l1"], p.RecordIds));
    }
}
