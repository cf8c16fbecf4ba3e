using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Rules;

public sealed class RailRuleTests
{
    private readonly RailRule _rule = new(Settings);

    [Fact]
    public void Evaluate_SameCarriageOverlapping_FlagsRedUntil14DaysAfterLaterArrival()
    {
        var caseTrip = Trip(CaseKey, 5, 0, 4, "t1");
        var personTrip = Trip(PersonKey, 5, 2, 6, "t2");

        var flag = _rule.Evaluate(Exposure(Day(10)), caseTrip, personTrip);

        Assert.NotNull(flag);
        Assert.Equal(CodeColour.Red, flag.Colour);
        Assert.Equal(Rule.RailCloseContact, flag.Evidence.Rule);
        Assert.Equal(Hour(6).AddDays(14), flag.QuarantineEnds);
        Assert.Equal(new Interval(Hour(2), Hour(4)), flag.Evidence.Span);
        Assert.Equal("train G101 2026-11-03 carriage 5", flag.Evidence.Place);
    }

    [Fact]
    public void Evaluate_AnotherCarriage_FlagsFellowTravellerYellowFor7Days()
    {
        var flag = _rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 5, 0, 4, "t1"), Trip(PersonKey, 6, 0, 4, "t2"));

        Assert.NotNull(flag);
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Rule.FellowTraveller, flag.Evidence.Rule);
        Assert.Equal(Hour(4).AddDays(7), flag.QuarantineEnds);
    }

    [Fact]
    public void Evaluate_SameCarriageJourneysOnlyTouching_FlagsFellowTraveller()
    {
        var flag = _rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 5, 0, 2, "t1"), Trip(PersonKey, 5, 2, 4, "t2"));

        Assert.NotNull(flag);
        Assert.Equal(Rule.FellowTraveller, flag.Evidence.Rule);
    }

    [Fact]
    public void Evaluate_AnotherTrain_FlagsNothing()
    {
        var other = Trip(PersonKey, 5, 0, 4, "t2") with { Train = "G103" };

        Assert.Null(_rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 5, 0, 4, "t1"), other));
    }

    [Fact]
    public void Evaluate_DifferentServiceDate_FlagsNothing()
    {
        var other = Trip(PersonKey, 5, 0, 4, "t2") with { ServiceDate = "2026-11-04" };

        Assert.Null(_rule.Evaluate(Exposure(Day(10)), Trip(CaseKey, 5, 0, 4, "t1"), other));
    }

    [Fact]
    public void Evaluate_CaseBoardedAfterReport_FlagsNothing()
    {
        Assert.Null(_rule.Evaluate(Exposure(Day(1)), Trip(CaseKey, 5, 0, 4, "t1"), Trip(PersonKey, 5, 0, 4, "t2")));
    }

    private static DateTimeOffset Hour(double hours) => Day(2).AddHours(hours);

    private static RailTrip Trip(string key, int carriage, double from, double to, string id) =>
        new(id, key, "G101", "2026-11-03", carriage, Hour(from), Hour(to));
}
