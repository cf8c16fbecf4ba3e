using HealthCode.Risk.Engine;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

public sealed class DetectionEngineTravelTests
{
    private const string CaseKey = "case-a";
    private const string PersonB = "person-b";
    private const string PersonC = "person-c";
    private const string PersonD = "person-d";

    private static readonly DateTimeOffset ReportedAt = Day(10);

    [Fact]
    public void Step_SameFlightWithinThreeRows_FlagsFlightCloseContactRed()
    {
        var scenario = new EngineScenario();
        var report = scenario.Report(CaseKey, ReportedAt);
        var caseTrip = scenario.Flight("f-case", CaseKey, 20);
        var personTrip = scenario.Flight("f-b", PersonB, 23);

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonB));
        Assert.Equal(CodeColour.Red, flag.Colour);
        Assert.Equal(Rule.FlightCloseContact, flag.Evidence.Rule);
        Assert.Equal(CaseKey, flag.Evidence.CaseKey);
        Assert.Equal($"flight CA1501 {caseTrip.ServiceDate}", flag.Evidence.Place);
        Assert.Equal(caseTrip.ArrivesAt + Settings.FlightCloseContactQuarantine, flag.QuarantineEnds);
        Assert.Equal(
            new[] { caseTrip.RecordId, personTrip.RecordId, report.RecordId }.Order(StringComparer.Ordinal),
            flag.Evidence.RecordIds);
    }

    [Fact]
    public void Step_SameFlightFourRowsAway_FlagsFellowTravellerYellow()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        var caseTrip = scenario.Flight("f-case", CaseKey, 20);
        scenario.Flight("f-c", PersonC, 24);

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonC));
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Rule.FellowTraveller, flag.Evidence.Rule);
        Assert.Equal(caseTrip.ArrivesAt + Settings.FellowTravellerQuarantine, flag.QuarantineEnds);
    }

    [Fact]
    public void Step_SameFlightOtherServiceDate_FlagsNothing()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        scenario.Flight("f-case", CaseKey, 20);
        scenario.Flight("f-d", PersonD, 20, departsDay: 4);

        var (engine, updates) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonD));
        Assert.DoesNotContain(updates, u => u.PersonKey == PersonD);
    }

    [Fact]
    public void Step_CaseFlewBeforeExposureWindow_FlagsNothing()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        scenario.Flight("f-case", CaseKey, 20, departsDay: -5);
        scenario.Flight("f-b", PersonB, 21, departsDay: -5);

        var (engine, _) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_PassengerManifestArrivesAfterCaseIsKnown_FlagsOnArrival()
    {
        var known = new EngineScenario();
        known.Report(CaseKey, ReportedAt);
        known.Flight("f-case", CaseKey, 20);
        var late = new EngineScenario();
        late.Flight("f-b", PersonB, 22);
        var engine = new DetectionEngine(Settings);

        known.FeedTo(engine);
        engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        var flag = Assert.Single(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Equal(Rule.FlightCloseContact, flag.Evidence.Rule);
    }

    [Fact]
    public void Step_CaseReportArrivesAfterManifests_FlagsPassengers()
    {
        var manifests = new EngineScenario();
        manifests.Flight("f-case", CaseKey, 20);
        manifests.Flight("f-b", PersonB, 22);
        manifests.Rail("r-case", CaseKey, 5);
        manifests.Rail("r-c", PersonC, 5);
        var late = new EngineScenario();
        late.Report(CaseKey, ReportedAt);
        var engine = new DetectionEngine(Settings);

        manifests.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.Empty(before);
        Assert.Equal([CaseKey, PersonB, PersonC], after.Select(u => u.PersonKey));
        Assert.Single(engine.FlagsOf(PersonB));
        Assert.Single(engine.FlagsOf(PersonC));
    }

    [Fact]
    public void Step_SameTrainDateAndCarriageOverlapping_FlagsRailCloseContactRed()
    {
        var scenario = new EngineScenario();
        var report = scenario.Report(CaseKey, ReportedAt);
        var caseTrip = scenario.Rail("r-case", CaseKey, 5);
        var personTrip = scenario.Rail("r-b", PersonB, 5, departsDay: 3.05, hours: 5);

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonB));
        Assert.Equal(CodeColour.Red, flag.Colour);
        Assert.Equal(Rule.RailCloseContact, flag.Evidence.Rule);
        Assert.Equal(new Interval(personTrip.DepartsAt, caseTrip.ArrivesAt), flag.Evidence.Span);
        Assert.Equal(personTrip.ArrivesAt + Settings.RailCloseContactQuarantine, flag.QuarantineEnds);
        Assert.Equal(
            new[] { caseTrip.RecordId, personTrip.RecordId, report.RecordId }.Order(StringComparer.Ordinal),
            flag.Evidence.RecordIds);
    }

    [Fact]
    public void Step_SameTrainOtherCarriage_FlagsFellowTravellerYellow()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        var caseTrip = scenario.Rail("r-case", CaseKey, 5);
        scenario.Rail("r-c", PersonC, 6);

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonC));
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Rule.FellowTraveller, flag.Evidence.Rule);
        Assert.Equal(caseTrip.ArrivesAt + Settings.FellowTravellerQuarantine, flag.QuarantineEnds);
    }

    [Fact]
    public void Step_OtherTrain_FlagsNothing()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        scenario.Rail("r-case", CaseKey, 5);
        scenario.Rail("r-d", PersonD, 5, train: "G9999");

        var (engine, updates) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonD));
        Assert.DoesNotContain(updates, u => u.PersonKey == PersonD);
    }
}
