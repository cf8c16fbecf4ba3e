using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Rules;

public sealed class CompanionRuleTests
{
    private static readonly DateTimeOffset ReportedAt = Day(10);

    private readonly CompanionRule _rule = new(Settings);

    [Fact]
    public void Evaluate_TenMinuteOverlap_FlagsYellowUntilSevenDaysAfterOverlap()
    {
        var caseStay = Stay(CaseKey, Day(5), Day(5).AddMinutes(60), "cs");
        var personStay = Stay(PersonKey, Day(5).AddMinutes(50), Day(5).AddMinutes(120), "ps");

        var flag = Assert.Single(_rule.Evaluate(Exposure(ReportedAt), [caseStay], [personStay]));

        Assert.Equal(PersonKey, flag.PersonKey);
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Day(5).AddMinutes(60).AddDays(7), flag.QuarantineEnds);
        Assert.Equal(ReportedAt, flag.RaisedAt);
        Assert.Equal(Rule.Companion, flag.Evidence.Rule);
        Assert.Equal(CaseKey, flag.Evidence.CaseKey);
        Assert.Equal($"cell {caseStay.Cell}", flag.Evidence.Place);
        Assert.Equal(new Interval(Day(5).AddMinutes(50), Day(5).AddMinutes(60)), flag.Evidence.Span);
        Assert.Equal(Settings.Version, flag.Evidence.RuleSetVersion);
        Assert.Contains("r1", flag.Evidence.RecordIds);
        Assert.Contains("cs-0", flag.Evidence.RecordIds);
        Assert.Contains("ps-0", flag.Evidence.RecordIds);
    }

    [Fact]
    public void Evaluate_NineMinuteOverlap_FlagsNothing()
    {
        var caseStay = Stay(CaseKey, Day(5), Day(5).AddMinutes(60), "cs");
        var personStay = Stay(PersonKey, Day(5).AddMinutes(51), Day(5).AddMinutes(120), "ps");

        Assert.Empty(_rule.Evaluate(Exposure(ReportedAt), [caseStay], [personStay]));
    }

    [Fact]
    public void Evaluate_OverlapJustBeforeWindow_FlagsNothing()
    {
        var windowStart = ReportedAt - Settings.ExposureWindow;
        var caseStay = Stay(CaseKey, windowStart.AddMinutes(-60), windowStart.AddMinutes(-1), "cs");
        var personStay = Stay(PersonKey, windowStart.AddMinutes(-60), windowStart.AddMinutes(-1), "ps");

        Assert.Empty(_rule.Evaluate(Exposure(ReportedAt), [caseStay], [personStay]));
    }

    [Fact]
    public void Evaluate_CaseStayStraddlingWindowStart_CountsOnlyThePartInside()
    {
        var windowStart = ReportedAt - Settings.ExposureWindow;
        var caseStay = Stay(CaseKey, windowStart.AddMinutes(-60), windowStart.AddMinutes(9), "cs");
        var personStay = Stay(PersonKey, windowStart.AddMinutes(-60), windowStart.AddMinutes(9), "ps");
        var longerCase = Stay(CaseKey, windowStart.AddMinutes(-60), windowStart.AddMinutes(10), "cl");
        var longerPerson = Stay(PersonKey, windowStart.AddMinutes(-60), windowStart.AddMinutes(10), "pl");

        Assert.Empty(_rule.Evaluate(Exposure(ReportedAt), [caseStay], [personStay]));

        var flag = Assert.Single(_rule.Evaluate(Exposure(ReportedAt), [longerCase], [longerPerson]));
        Assert.Equal(new Interval(windowStart, windowStart.AddMinutes(10)), flag.Evidence.Span);
    }

    [Fact]
    public void Evaluate_StayInCaseLocationCell_FlagsYellow()
    {
        var location = new CaseLocation("l1", CaseKey, Lat, Lon, 300, Day(6), Day(6).AddHours(2), "market");
        var cells = new CaseLocationCoverage(Settings).Cover(location);
        var personStay = Stay(PersonKey, Day(6).AddHours(1), Day(6).AddHours(3), "ps");

        var flag = Assert.Single(_rule.Evaluate(Exposure(ReportedAt), cells, [personStay]));

        Assert.Equal(Day(6).AddHours(2).AddDays(7), flag.QuarantineEnds);
        Assert.Contains("l1", flag.Evidence.RecordIds);
    }

    [Fact]
    public void Evaluate_StayInAnotherCell_FlagsNothing()
    {
        var caseStay = Stay(CaseKey, Day(5), Day(5).AddMinutes(60), "cs");
        var personStay = Stay(PersonKey, Day(5), Day(5).AddMinutes(60), "ps", OtherLat);

        Assert.Empty(_rule.Evaluate(Exposure(ReportedAt), [caseStay], [personStay]));
    }

    [Fact]
    public void Evaluate_PersonIsTheCase_FlagsNothing()
    {
        var caseStay = Stay(CaseKey, Day(5), Day(5).AddMinutes(60), "cs");

        Assert.Empty(_rule.Evaluate(Exposure(ReportedAt), [caseStay], [caseStay]));
    }
}
