using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Rules;

public sealed class FlightRuleTests
{
    private static readonly DateTimeOffset Departs = Day(3);
    private static readonly DateTimeOffset Arrives = Day(3).AddHours(3);

    private readonly FlightRule _rule = new(Settings);

    [Fact]
    public void Evaluate_ThreeRowsAway_FlagsRedUntil14DaysAfterArrival()
    {
        var flag = _rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 20, "f1"), Trip(PersonKey, 23, "f2"));

        Assert.NotNull(flag);
        Assert.Equal(CodeColour.Red, flag.Colour);
        Assert.Equal(Rule.FlightCloseContact, flag.Evidence.Rule);
        Assert.Equal(Arrives.AddDays(14), flag.QuarantineEnds);
        Assert.Equal("flight CA1501 2026-11-04", flag.Evidence.Place);
        Assert.Equal(new Interval(Departs, Arrives), flag.Evidence.Span);
        Assert.Equal(["f1", "f2", "r1"], flag.Evidence.RecordIds);
    }

    [Fact]
    public void Evaluate_FourRowsAway_FlagsFellowTravellerYellowFor7Days()
    {
        var flag = _rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 20, "f1"), Trip(PersonKey, 16, "f2"));

        Assert.NotNull(flag);
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Rule.FellowTraveller, flag.Evidence.Rule);
        Assert.Equal(Arrives.AddDays(7), flag.QuarantineEnds);
    }

    [Fact]
    public void Evaluate_ConfiguredRowDistance_IsUsed()
    {
        var ecdc = new FlightRule(Settings with { Version = "ecdc-rows", FlightRowDistance = 2 });

        var flag = ecdc.Evaluate(Exposure(Day(10)), Trip(CaseKey, 20, "f1"), Trip(PersonKey, 23, "f2"));

        Assert.NotNull(flag);
        Assert.Equal(Rule.FellowTraveller, flag.Evidence.Rule);
        Assert.Equal("ecdc-rows", flag.Evidence.RuleSetVersion);
    }

    [Fact]
    public void Evaluate_DifferentServiceDate_FlagsNothing()
    {
        var other = Trip(PersonKey, 20, "f2") with { ServiceDate = "2026-11-05" };

        Assert.Null(_rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 20, "f1"), other));
    }

    [Fact]
    public void Evaluate_DifferentFlight_FlagsNothing()
    {
        var other = Trip(PersonKey, 20, "f2") with { Flight = "CA1502" };

        Assert.Null(_rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 20, "f1"), other));
    }

    [Fact]
    public void Evaluate_CaseDepartedBeforeWindow_FlagsNothing()
    {
        var reportedAt = Departs + Settings.ExposureWindow + TimeSpan.FromMinutes(1);

        Assert.Null(_rule.Evaluate(Exposure(reportedAt), Trip(CaseKey, 20, "f1"), Trip(PersonKey, 21, "f2")));
    }

    [Fact]
    public void Evaluate_PersonIsTheCase_FlagsNothing()
    {
        Assert.Null(_rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 20, "f1"), Trip(CaseKey, 20, "f1")));
    }

    private static FlightTrip Trip(string key, int row, string id) =>
        new(id, key, "CA1501", "2026-11-04", row, Departs, Arrives);
}
