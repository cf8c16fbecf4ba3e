using HealthCode.Risk.Codes;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests;

public sealed class PipelineTests
{
    private readonly StayBuilder _stays = new(Settings);
    private readonly CompanionRule _companion = new(Settings);
    private readonly CodeEvaluator _codes = new(Settings);

    [Fact]
    public void Pipeline_LatePingInsideKnownExposure_FindsTheContact()
    {
        var reportedAt = Day(3);
        var caseStays = _stays.Build(CaseKey, [Ping("c1", Day(1)), Ping("c2", Day(1).AddMinutes(30))]);
        Ping[] onTime = [Ping("p1", Day(1).AddMinutes(21)), Ping("p2", Day(1).AddMinutes(40))];
        var late = Ping("p0", Day(1).AddMinutes(10));

        var before = _companion.Evaluate(Exposure(reportedAt), caseStays, _stays.Build(PersonKey, onTime));
        var after = _companion.Evaluate(Exposure(reportedAt), caseStays, _stays.Build(PersonKey, [.. onTime, late]));

        Assert.Empty(before);
        var flag = Assert.Single(after);
        var code = _codes.Evaluate(PersonKey, reportedAt, after, [], []);
        Assert.Equal(CodeColour.Yellow, code.Colour);
        Assert.Equal(Day(1).AddMinutes(30).AddDays(7), code.ValidUntil);
        Assert.Equal(flag.Evidence, Assert.Single(code.Evidence));
        Assert.Equal(["c1", "c2", "p0", "p1", "p2", "r1"], flag.Evidence.RecordIds);
    }

    private static Ping Ping(string id, DateTimeOffset at) => new(id, at, Lat, Lon);
}
