using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

public sealed class DetectionEngineTests
{
    private static readonly DateTimeOffset Horizon = At(5, 10, 45);

    private static readonly (double Lat, double Lon) InCellX = CentreOf(CellX);

    [Fact]
    public void AddPing_AfterHorizon_IsIgnoredAndCounted()
    {
        var engine = new DetectionEngine(Settings, Horizon);

        var added = engine.AddPing("sim-b", 1, Horizon.ToUnixTimeMilliseconds() + 1, InCellX.Lat, InCellX.Lon);

        Assert.False(added);
        Assert.Equal(1, engine.BeyondHorizon);
        Assert.Equal(0, engine.PingCount);
    }

    [Fact]
    public void AddPing_AtHorizon_IsKept()
    {
        var engine = new DetectionEngine(Settings, Horizon);

        var added = engine.AddPing("sim-b", 1, Horizon.ToUnixTimeMilliseconds(), InCellX.Lat, InCellX.Lon);

        Assert.True(added);
        Assert.Equal(0, engine.BeyondHorizon);
        Assert.Equal(1, engine.PingCount);
    }

    [Fact]
    public void Add_RecordsAfterHorizon_AreIgnoredAndCounted()
    {
        var engine = new DetectionEngine(Settings, Horizon);
        var later = Horizon.AddSeconds(1);

        Assert.False(engine.Add(new CaseReport("r1", "case-a", CaseStatus.Confirmed, later)));
        Assert.False(engine.Add(new SubscriberRegistration("s1", "sim-b", "person-b", later)));
        Assert.False(engine.Add(new Declaration("d1", "person-b", later, 36.6, [])));

        Assert.Equal(3, engine.BeyondHorizon);
        Assert.Empty(engine.Step());
    }

    [Fact]
    public void Step_CaseReportAfterHorizon_FlagsNothing()
    {
        var scenario = new EngineScenario();
        scenario.Report("case-a", Day(10));
        scenario.Register("sim-a", "case-a");
        scenario.Register("sim-b", "person-b");
        scenario.Stay("sim-a", CellX, At(5, 10), At(5, 11));
        scenario.Stay("sim-b", CellX, At(5, 10, 30), At(5, 11, 40));
        var replay = new DetectionEngine(Settings, Day(9));
        var (unbounded, _) = scenario.Run();

        scenario.FeedTo(replay);
        replay.Step();

        Assert.Single(unbounded.FlagsOf("person-b"));
        Assert.Equal(1, replay.BeyondHorizon);
        Assert.Empty(replay.FlagsOf("person-b"));
    }

    [Fact]
    public void Step_HorizonAfterTheOverlap_FlagsAsWithoutHorizon()
    {
        var scenario = new EngineScenario();
        scenario.Report("case-a", Day(10));
        scenario.Register("sim-a", "case-a");
        scenario.Register("sim-b", "person-b");
        scenario.Stay("sim-a", CellX, At(5, 10), At(5, 11));
        scenario.Stay("sim-b", CellX, At(5, 10, 30), At(5, 11, 40));
        var replay = new DetectionEngine(Settings, Day(10));
        var (unbounded, _) = scenario.Run();

        scenario.FeedTo(replay);
        replay.Step();

        Assert.Single(unbounded.FlagsOf("person-b"));
        Assert.Equal(unbounded.FlagsOf("person-b"), replay.FlagsOf("person-b"));
    }

    [Fact]
    public void AddPing_SameRecordTwice_KeepsItOnce()
    {
        var engine = new DetectionEngine(Settings);
        var at = At(5, 10).ToUnixTimeMilliseconds();

        Assert.True(engine.AddPing("sim-b", 7, at, InCellX.Lat, InCellX.Lon));
        Assert.False(engine.AddPing("sim-b", 7, at, InCellX.Lat, InCellX.Lon));

        Assert.Equal(1, engine.PingCount);
    }

    [Fact]
    public void Step_UpdatesOfSeveralPersons_AreOrderedByPersonKey()
    {
        var scenario = new EngineScenario();
        scenario.Declare("d-c", "p-c", Day(1));
        scenario.Report("p-b", Day(1), CaseStatus.Cleared);
        scenario.Declare("d-a", "p-a", Day(1));
        scenario.Report("case-z", Day(10));
        scenario.Flight("f-z", "case-z", 20);
        scenario.Flight("f-0", "p-0", 21);
        scenario.Declare("d-q", "Q-upper", Day(1));

        var (_, updates) = scenario.Run();

        Assert.Equal(["Q-upper", "case-z", "p-0", "p-a", "p-b", "p-c"], updates.Select(u => u.PersonKey));
        Assert.Null(updates.Single(u => u.PersonKey == "p-a").Flags);
        Assert.Single(updates.Single(u => u.PersonKey == "p-0").Flags!);
        Assert.Single(updates.Single(u => u.PersonKey == "case-z").Reports);
    }

    [Fact]
    public void Step_DuplicatedDeclarationAndReport_ArePassedThroughOnce()
    {
        var engine = new DetectionEngine(Settings);
        var declaration = new Declaration("d1", "p-a", Day(1), 38.2, ["cough"]);
        var report = new CaseReport("r1", "p-a", CaseStatus.Suspected, Day(2));

        Assert.True(engine.Add(declaration));
        Assert.False(engine.Add(declaration));
        Assert.True(engine.Add(report));
        Assert.False(engine.Add(report with { }));
        var first = engine.Step();
        Assert.False(engine.Add(declaration));
        var second = engine.Step();

        var update = Assert.Single(first);
        Assert.Equal("p-a", update.PersonKey);
        Assert.Equal([declaration], update.Declarations);
        Assert.Equal([report], update.Reports);
        Assert.Null(update.Flags);
        Assert.Empty(second);
    }

    [Fact]
    public void Step_NothingNew_ReturnsNoUpdates()
    {
        var scenario = new EngineScenario();
        scenario.Report("case-a", Day(10));
        scenario.Flight("f-a", "case-a", 20);
        scenario.Flight("f-b", "person-b", 21);
        var (engine, first) = scenario.Run();

        scenario.FeedTo(engine);
        var second = engine.Step();

        Assert.Equal(["case-a", "person-b"], first.Select(u => u.PersonKey));
        Assert.Empty(second);
        Assert.Single(engine.FlagsOf("person-b"));
    }
}
