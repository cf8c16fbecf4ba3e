using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine.Partitions;

public sealed class EngineRouterTests
{
    [Fact]
    public void TakeSteps_SimChangesHolderTwice_SplitsTheStepBetweenTheMoves()
    {
        var router = new EngineRouter(Settings, 3);
        var (a, b) = TwoPersonsAwayFrom("sim-1", 3);
        router.AddPing("sim-1", 1, Day(1).ToUnixTimeMilliseconds(), HangzhouLat, HangzhouLon);
        router.Add(new SubscriberRegistration("reg-a", "sim-1", a, Day(0)));
        router.Add(new SubscriberRegistration("reg-b", "sim-1", b, Day(2)));

        var steps = router.TakeSteps();

        Assert.Equal(2, steps.Count);
        var park = PartitionMap.Of("sim-1", 3);
        Assert.Equal(["sim-1"], steps[0].Work[park].ExportSims);
        Assert.Equal(["sim-1"], steps[1].Work[PartitionMap.Of(a, 3)].ExportSims);
        Assert.Empty(router.TakeSteps());
    }

    [Fact]
    public void AddPing_SimOfACase_GoesToEveryPartition()
    {
        var router = new EngineRouter(Settings, 4);
        router.Add(new SubscriberRegistration("reg", "sim-case", "case-1", Day(0)));
        router.Add(new CaseReport("report", "case-1", CaseStatus.Confirmed, Day(3)));
        router.TakeSteps();

        router.AddPing("sim-case", 7, Day(1).ToUnixTimeMilliseconds(), HangzhouLat, HangzhouLon);
        var step = Assert.Single(router.TakeSteps());

        Assert.All(step.Work, w => Assert.Single(w.Records.Pings));
    }

    [Fact]
    public void Add_RecordAfterTheHorizon_IsCountedAndRoutedNowhere()
    {
        var router = new EngineRouter(Settings, 2, Day(2));

        Assert.False(router.Add(new CaseReport("late", "case-1", CaseStatus.Confirmed, Day(3))));

        Assert.Equal(1, router.BeyondHorizon);
        Assert.Empty(router.TakeSteps());
    }

    /// <summary>Two persons whose homes differ from each other and from where the SIM waits.</summary>
    private static (string A, string B) TwoPersonsAwayFrom(string sim, int partitions)
    {
        var park = PartitionMap.Of(sim, partitions);
        var others = Enumerable.Range(0, 200).Select(i => $"person{i}")
            .Where(p => PartitionMap.Of(p, partitions) != park).ToList();
        var a = others[0];
        return (a, others.First(p => PartitionMap.Of(p, partitions) != PartitionMap.Of(a, partitions)));
    }
}
