using HealthCode.Contracts.Geo;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

/// <summary>
/// A SIM can report several pings at the same instant (two cells' records in one second). A late ping at such an
/// instant must still mark its person when it extends a stay that meets a case.
/// </summary>
public sealed class DetectionEngineSameInstantTests
{
    /// <summary>The cell west of <see cref="EngineScenario.CellX"/>: at one instant its pings sort first.</summary>
    private static readonly CellKey West = new(CellX.Row, CellX.Col - 1);

    [Fact]
    public void Step_LatePingSharingItsInstantWithTwoEarlierPings_FlagsTheCompanionLikeAFullRun()
    {
        var scenario = new EngineScenario();
        scenario.Register("case-sim", "case-1");
        scenario.Report("case-1", Day(5));
        scenario.Stay("case-sim", CellX, At(2, 10), At(2, 11));
        scenario.Register("p-sim", "p");

        // Two pings of p at 10:00 in the cell to the west, then a stay in the case's cell of only 7 minutes.
        scenario.Ping("p-sim", West, At(2, 10));
        scenario.Ping("p-sim", West, At(2, 10));
        scenario.Ping("p-sim", CellX, At(2, 10, 5));
        scenario.Ping("p-sim", CellX, At(2, 10, 12));

        // The late one: also at 10:00, in the case's cell (a greater cell than the west one, so it sorts after the
        // other two), making the stay 12 minutes.
        scenario.Ping("p-sim", CellX, At(2, 10));
        var records = scenario.Records;

        var (expected, _) = scenario.Run();
        Assert.Contains(expected.FlagsOf("p"),
            f => f.Evidence.Rule == Rule.Companion && f.Evidence.CaseKey == "case-1");

        var engine = AllButTheLast(records);
        Assert.Empty(engine.FlagsOf("p"));

        records[^1](engine);
        engine.Step();

        Assert.Equal(expected.FlagsOf("p"), engine.FlagsOf("p"));
    }

    [Fact]
    public void Step_LatePingOnOneSimSplittingAStayAtAnInstantOfTwoPingsOnTheOther_WithdrawsLikeAFullRun()
    {
        var scenario = new EngineScenario();
        scenario.Register("case-sim", "case-1");
        scenario.Report("case-1", Day(5));
        scenario.Stay("case-sim", CellX, At(2, 10), At(2, 11));
        scenario.Register("p-sim-1", "p");
        scenario.Register("p-sim-2", "p");

        // p's second SIM: in the cell to the west at 09:55 and 10:00, and also in the case's cell at 10:00, 10:05
        // and 10:12 (at 10:00 the west cell sorts first): a 12-minute stay with the case. Its first SIM: one ping
        // far away at 09:00.
        var far = new CellKey(CellX.Row + 5, CellX.Col + 5);
        scenario.Ping("p-sim-1", far, At(2, 9));
        scenario.Ping("p-sim-2", West, At(2, 9, 55));
        scenario.Ping("p-sim-2", West, At(2, 10));
        scenario.Ping("p-sim-2", CellX, At(2, 10));
        scenario.Ping("p-sim-2", CellX, At(2, 10, 5));
        scenario.Ping("p-sim-2", CellX, At(2, 10, 12));

        // The late one, on the first SIM at 10:00 far away: its cell sorts after both 10:00 pings of the second SIM,
        // so it splits the stay, which keeps only 7 minutes with the case.
        scenario.Ping("p-sim-1", far, At(2, 10));
        var records = scenario.Records;

        var (expected, _) = scenario.Run();
        Assert.Empty(expected.FlagsOf("p"));

        var engine = AllButTheLast(records);
        Assert.Contains(engine.FlagsOf("p"), f => f.Evidence.Rule == Rule.Companion);

        records[^1](engine);
        engine.Step();

        Assert.Equal(expected.FlagsOf("p"), engine.FlagsOf("p"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_PingsAtOneInstantInTwoCells_OrderByCellWhateverTheirRecordIds(bool caseCellIdFirst)
    {
        // Record ids hash the pseudonymised subscriber key, so with another pepper the two 10:00 pings swap their id
        // order; building them in the other order does the same here (ids are handed out in build order).
        var scenario = new EngineScenario();
        scenario.Register("case-sim", "case-1");
        scenario.Report("case-1", Day(5));
        scenario.Stay("case-sim", CellX, At(2, 10), At(2, 11));
        scenario.Register("p-sim", "p");
        scenario.Ping("p-sim", West, At(2, 9, 50));
        if (caseCellIdFirst)
        {
            scenario.Ping("p-sim", CellX, At(2, 10));
            scenario.Ping("p-sim", West, At(2, 10));
        }
        else
        {
            scenario.Ping("p-sim", West, At(2, 10));
            scenario.Ping("p-sim", CellX, At(2, 10));
        }

        scenario.Ping("p-sim", CellX, At(2, 10, 5));
        scenario.Ping("p-sim", CellX, At(2, 10, 12));

        var (engine, _) = scenario.Run();

        // West sorts before the case's cell at 10:00, so the stay in the case's cell runs 10:00-10:12 either way.
        var flag = Assert.Single(engine.FlagsOf("p"));
        Assert.Equal(new Interval(At(2, 10), At(2, 10, 12)), flag.Evidence.Span);
    }

    /// <summary>An engine given every record but the last, and stepped.</summary>
    private static DetectionEngine AllButTheLast(IReadOnlyList<Action<IRecordSink>> records)
    {
        var engine = new DetectionEngine(Settings);
        foreach (var record in records.Take(records.Count - 1))
        {
            record(engine);
        }

        engine.Step();
        return engine;
    }
}
