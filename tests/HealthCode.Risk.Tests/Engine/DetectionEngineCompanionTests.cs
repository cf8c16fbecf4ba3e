using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

public sealed class DetectionEngineCompanionTests
{
    private const string CaseKey = "case-a";
    private const string CaseSim = "sim-a";
    private const string PersonB = "person-b";
    private const string SimB = "sim-b";

    private static readonly DateTimeOffset ReportedAt = Day(10);
    private static readonly DateTimeOffset WindowStart = ReportedAt - Settings.ExposureWindow;

    [Fact]
    public void Step_TwentyMinuteOverlapWithCaseStay_FlagsCompanionYellowSevenDaysAfterOverlap()
    {
        var scenario = new EngineScenario();
        var report = scenario.Report(CaseKey, ReportedAt);
        scenario.Register(CaseSim, CaseKey);
        scenario.Register(SimB, PersonB);
        var casePings = scenario.Stay(CaseSim, CellX, At(5, 10), At(5, 11));
        var personPings = scenario.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));

        var (engine, updates) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonB));
        Assert.Equal(PersonB, flag.PersonKey);
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Rule.Companion, flag.Evidence.Rule);
        Assert.Equal(CaseKey, flag.Evidence.CaseKey);
        Assert.Equal($"cell {CellX}", flag.Evidence.Place);
        Assert.Equal(new Interval(At(5, 10, 40), At(5, 11)), flag.Evidence.Span);
        Assert.Equal(At(5, 11).AddDays(7), flag.QuarantineEnds);
        Assert.Equal(ReportedAt, flag.RaisedAt);
        Assert.Equal(Settings.Version, flag.Evidence.RuleSetVersion);

        var expectedIds = casePings.Concat(personPings).Select(Hex).Append(report.RecordId)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedIds, flag.Evidence.RecordIds);

        var update = Assert.Single(updates, u => u.PersonKey == PersonB);
        Assert.Equal([flag], update.Flags);
        Assert.Empty(engine.FlagsOf(CaseKey));
    }

    [Fact]
    public void Step_PingEvidence_Is32DigitLowercaseHex()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        scenario.Register(CaseSim, CaseKey);
        scenario.Register(SimB, PersonB);
        var casePings = scenario.Stay(CaseSim, CellX, At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));

        var (engine, _) = scenario.Run();

        var ids = Assert.Single(engine.FlagsOf(PersonB)).Evidence.RecordIds;
        var pingIds = ids.Where(id => !id.StartsWith("report-", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Count - 1, pingIds.Count);
        Assert.All(pingIds, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(new UInt128(0xfeedc0de00000000UL, 0xabcdef0000000000UL), casePings[0]);
        Assert.Contains("feedc0de00000000abcdef0000000000", pingIds);
        Assert.Equal(casePings[0], RecordKeys.FromHex(pingIds.Order(StringComparer.Ordinal).First()));
    }

    [Fact]
    public void Step_NineMinuteOverlap_FlagsNothing()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 51), At(5, 11, 51));

        var (engine, updates) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonB));
        Assert.DoesNotContain(updates, u => u.PersonKey == PersonB);
    }

    [Fact]
    public void Step_ExactlyTenMinuteOverlap_FlagsCompanion()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 50), At(5, 11, 50));

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonB));
        Assert.Equal(new Interval(At(5, 10, 50), At(5, 11)), flag.Evidence.Span);
    }

    [Fact]
    public void Step_StaysEndingJustBeforeExposureWindow_FlagNothing()
    {
        var scenario = CaseWithStay(WindowStart.AddMinutes(-61), WindowStart.AddMinutes(-1));
        scenario.Stay(SimB, CellX, WindowStart.AddMinutes(-61), WindowStart.AddMinutes(-1));

        var (engine, _) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_StaysStartingJustInsideExposureWindow_FlagCompanion()
    {
        var scenario = CaseWithStay(WindowStart.AddMinutes(1), WindowStart.AddMinutes(61));
        scenario.Stay(SimB, CellX, WindowStart.AddMinutes(1), WindowStart.AddMinutes(61));

        var (engine, _) = scenario.Run();

        Assert.Single(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_StaysAfterTheReport_FlagNothing()
    {
        var scenario = CaseWithStay(ReportedAt.AddMinutes(1), ReportedAt.AddMinutes(61));
        scenario.Stay(SimB, CellX, ReportedAt.AddMinutes(1), ReportedAt.AddMinutes(61));

        var (engine, _) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_OverlappingStayInNeighbouringCell_FlagsNothing()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, Neighbour, At(5, 10), At(5, 11));

        var (engine, _) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_StayInsideCaseLocation_FlagsCompanionWithoutCasePings()
    {
        var scenario = new EngineScenario();
        var report = scenario.Report(CaseKey, ReportedAt);
        var location = scenario.Location("loc-1", CaseKey, CellX, At(6, 12), At(6, 14));
        scenario.Register(SimB, PersonB);
        var personPings = scenario.Stay(SimB, CellX, At(6, 13), At(6, 15));

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonB));
        Assert.Equal(CodeColour.Yellow, flag.Colour);
        Assert.Equal(Rule.Companion, flag.Evidence.Rule);
        Assert.Equal(new Interval(At(6, 13), At(6, 14)), flag.Evidence.Span);
        Assert.Equal(At(6, 14).AddDays(7), flag.QuarantineEnds);
        var expectedIds = personPings.Select(Hex).Append(report.RecordId).Append(location.RecordId)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedIds, flag.Evidence.RecordIds);
    }

    [Fact]
    public void Step_CaseReportArrivesAfterPings_FlagsOnTheStepAfterTheReport()
    {
        var history = new EngineScenario();
        history.Register(CaseSim, CaseKey);
        history.Register(SimB, PersonB);
        history.Stay(CaseSim, CellX, At(5, 10), At(5, 11));
        history.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var late = new EngineScenario();
        late.Report(CaseKey, ReportedAt);
        var engine = new DetectionEngine(Settings);

        history.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.DoesNotContain(before, u => u.PersonKey == PersonB);
        var update = Assert.Single(after, u => u.PersonKey == PersonB);
        Assert.NotNull(update.Flags);
        Assert.Equal(Rule.Companion, Assert.Single(update.Flags).Evidence.Rule);
        Assert.Single(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_PingsArriveAfterCaseIsKnown_FlagsOnArrival()
    {
        var known = CaseWithStay(At(5, 10), At(5, 11));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var engine = new DetectionEngine(Settings);

        known.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.DoesNotContain(before, u => u.PersonKey == PersonB);
        var update = Assert.Single(after, u => u.PersonKey == PersonB);
        Assert.Single(update.Flags!);
        Assert.Single(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_RegistrationArrivesAfterPings_FlagsOnceRegistered()
    {
        var history = new EngineScenario();
        history.Report(CaseKey, ReportedAt);
        history.Register(CaseSim, CaseKey);
        history.Stay(CaseSim, CellX, At(5, 10), At(5, 11));
        history.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Register(SimB, PersonB);
        var engine = new DetectionEngine(Settings);

        history.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.DoesNotContain(before, u => u.PersonKey == PersonB);
        Assert.Single(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Single(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_CaseRegistrationArrivesLast_FlagsOnceCaseSimIsKnown()
    {
        var history = new EngineScenario();
        history.Report(CaseKey, ReportedAt);
        history.Register(SimB, PersonB);
        history.Stay(CaseSim, CellX, At(5, 10), At(5, 11));
        history.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Register(CaseSim, CaseKey);
        var engine = new DetectionEngine(Settings);

        history.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.DoesNotContain(before, u => u.PersonKey == PersonB);
        Assert.Single(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
    }

    [Fact]
    public void Step_LatePingInOtherCellSplitsStayBelowMinimumOverlap_WithdrawsFlag()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 45), At(5, 11, 40));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Ping(SimB, Neighbour, At(5, 10, 52.5));
        var engine = new DetectionEngine(Settings);

        scenario.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.Single(Assert.Single(before, u => u.PersonKey == PersonB).Flags!);
        var update = Assert.Single(after, u => u.PersonKey == PersonB);
        Assert.NotNull(update.Flags);
        Assert.Empty(update.Flags);
        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_PingOnSecondSimInOtherCell_SplitsTheStayOfTheFirstAndWithdrawsFlag()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 45), At(5, 11, 40));
        var secondSim = new EngineScenario(pingIdBase: 0x2000);
        secondSim.Register("sim-b2", PersonB);
        secondSim.Ping("sim-b2", Neighbour, At(5, 10, 52.5));
        var engine = new DetectionEngine(Settings);

        scenario.FeedTo(engine);
        var before = engine.Step();
        secondSim.FeedTo(engine);
        var after = engine.Step();

        // A stay is the person's, over all their SIMs: the phone in the next cell ends the stay in X.
        Assert.Single(Assert.Single(before, u => u.PersonKey == PersonB).Flags!);
        Assert.Empty(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_TwoSimsOfOnePersonInterleavedInOneCell_FormOneStay()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Register("sim-b2", PersonB);
        scenario.Stay(SimB, CellX, At(5, 10, 30), At(5, 10, 36), everyMinutes: 6);
        scenario.Stay("sim-b2", CellX, At(5, 10, 39), At(5, 10, 45), everyMinutes: 6);

        var (engine, _) = scenario.Run();

        var flag = Assert.Single(engine.FlagsOf(PersonB));
        Assert.Equal(new Interval(At(5, 10, 30), At(5, 10, 45)), flag.Evidence.Span);
    }

    [Fact]
    public void Step_LatePingJoiningTwoShortStays_RaisesFlag()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Ping(SimB, CellX, At(5, 10, 20));
        scenario.Ping(SimB, CellX, At(5, 10, 55));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Ping(SimB, CellX, At(5, 10, 40));
        var engine = new DetectionEngine(Settings);

        scenario.FeedTo(engine);
        var before = engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.DoesNotContain(before, u => u.PersonKey == PersonB);
        var flag = Assert.Single(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Equal(new Interval(At(5, 10, 20), At(5, 10, 55)), flag.Evidence.Span);
    }

    [Fact]
    public void Step_LateCasePingSplitsCaseStay_WithdrawsFlag()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 45), At(5, 11, 40));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Ping(CaseSim, Neighbour, At(5, 10, 52.5));
        var engine = new DetectionEngine(Settings);

        scenario.FeedTo(engine);
        engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.Empty(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_SimReRegisteredToAnotherPerson_MovesFlag()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Register(SimB, "person-c", Day(-1));
        var engine = new DetectionEngine(Settings);

        scenario.FeedTo(engine);
        engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.Empty(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Single(Assert.Single(after, u => u.PersonKey == "person-c").Flags!);
        Assert.Empty(engine.FlagsOf(PersonB));
    }

    [Fact]
    public void Step_CaseSimReRegisteredToNonCase_WithdrawsFlag()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Register(CaseSim, "person-z", Day(-1));
        var engine = new DetectionEngine(Settings);

        scenario.FeedTo(engine);
        engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        Assert.Empty(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Empty(engine.FlagsOf("person-z"));
    }

    [Fact]
    public void Step_OnlyClearedReport_FlagsNothing()
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt, CaseStatus.Cleared);
        scenario.Register(CaseSim, CaseKey);
        scenario.Register(SimB, PersonB);
        scenario.Stay(CaseSim, CellX, At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10), At(5, 11));

        var (engine, updates) = scenario.Run();

        Assert.Empty(engine.FlagsOf(PersonB));
        Assert.Equal([CaseKey], updates.Select(u => u.PersonKey));
    }

    [Fact]
    public void Step_StayAcrossMidnightWithNoPingInsideLateCaseLocation_FlagsCompanion()
    {
        var history = new EngineScenario();
        history.Register(SimB, PersonB);
        history.Ping(SimB, CellX, At(4, 23, 50));
        history.Ping(SimB, CellX, At(5, 0, 15));
        var late = new EngineScenario(pingIdBase: 0x1000);
        late.Report(CaseKey, ReportedAt);
        late.Location("loc-midnight", CaseKey, CellX, At(5, 0), At(5, 0, 12));
        var engine = new DetectionEngine(Settings);

        history.FeedTo(engine);
        engine.Step();
        late.FeedTo(engine);
        var after = engine.Step();

        var flag = Assert.Single(Assert.Single(after, u => u.PersonKey == PersonB).Flags!);
        Assert.Equal(new Interval(At(5, 0), At(5, 0, 12)), flag.Evidence.Span);
    }

    [Fact]
    public void Step_SecondCaseInTheSameCellReportedLater_FlagsBothAsAnEngineFedAtOnce()
    {
        var first = CaseWithStay(At(5, 10), At(5, 11));
        first.Stay(SimB, CellX, At(5, 10, 30), At(5, 12));
        var second = new EngineScenario(pingIdBase: 0x5550000000000000UL);
        second.Register("sim-c", "case-c");
        second.Stay("sim-c", CellX, At(5, 11, 30), At(5, 12, 30));
        second.Stay("sim-c", Neighbour, At(5, 9), At(5, 10, 30));
        second.Report("case-c", ReportedAt.AddHours(2));
        var engine = new DetectionEngine(Settings);
        var atOnce = new DetectionEngine(Settings);

        first.FeedTo(engine);
        engine.Step();
        second.FeedTo(engine);
        var update = Assert.Single(engine.Step(), u => u.PersonKey == PersonB);
        first.FeedTo(atOnce);
        second.FeedTo(atOnce);
        atOnce.Step();

        Assert.Equal([CaseKey, "case-c"], update.Flags!.Select(f => f.Evidence.CaseKey));
        Assert.Equal(atOnce.FlagsOf(PersonB), engine.FlagsOf(PersonB));
        Assert.Equal("case-c", Assert.Single(update.Raised).Evidence.CaseKey);
    }

    [Fact]
    public void CountContacts_TwoStaysWithOneCase_CountsOnePair()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(CaseSim, CellX, At(6, 10), At(6, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 30), At(5, 11, 30));
        scenario.Stay(SimB, CellX, At(6, 10, 30), At(6, 11, 30));

        var (engine, _) = scenario.Run();

        Assert.Equal(2, engine.FlagsOf(PersonB).Count);
        Assert.Equal([new ContactCount(Rule.Companion, 1)], engine.CountContacts());
    }

    [Fact]
    public void CountContacts_SimPassesToAnotherPerson_CountsTheNewOwnerOnly()
    {
        var scenario = CaseWithStay(At(5, 10), At(5, 11));
        scenario.Stay(SimB, CellX, At(5, 10, 40), At(5, 11, 40));
        var (engine, _) = scenario.Run();
        Assert.Equal([(Rule.Companion, PersonB, CaseKey)], engine.ContactPairs());

        // A registration found later: the SIM was person C's from day 1, before the stay.
        var late = new EngineScenario();
        late.Register(SimB, "person-c", Day(1));
        late.FeedTo(engine);
        engine.Step();

        Assert.Empty(engine.FlagsOf(PersonB));
        Assert.Equal([(Rule.Companion, "person-c", CaseKey)], engine.ContactPairs());
        Assert.Equal([new ContactCount(Rule.Companion, 1)], engine.CountContacts());
    }

    /// <summary>A confirmed case with one stay in <see cref="EngineScenario.CellX"/>, and person B's SIM.</summary>
    private static EngineScenario CaseWithStay(DateTimeOffset from, DateTimeOffset to)
    {
        var scenario = new EngineScenario();
        scenario.Report(CaseKey, ReportedAt);
        scenario.Register(CaseSim, CaseKey);
        scenario.Register(SimB, PersonB);
        scenario.Stay(CaseSim, CellX, from, to);
        return scenario;
    }
}
