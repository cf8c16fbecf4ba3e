using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine.Partitions;

public sealed class PartitionedEngineTests
{
    public static TheoryData<int, int> SeedsAndPartitions()
    {
        var data = new TheoryData<int, int>();
        foreach (var seed in Enumerable.Range(1, 12))
        {
            foreach (var partitions in new[] { 2, 3, 5 })
            {
                data.Add(seed, partitions);
            }
        }

        return data;
    }

    private static readonly IEnumerable<string> Everyone =
        CrowdScenario.Persons.Concat(CrowdScenario.Cases).Append("p-late");

    [Theory]
    [MemberData(nameof(SeedsAndPartitions))]
    public void Step_ShuffledCrowdInRandomSteps_GivesEveryStepOfOneEngine(int seed, int partitions)
    {
        var records = CrowdScenario.Build(MovingSims);
        var random = new Random(seed);
        var shuffled = records.Concat(records.Where(_ => random.NextDouble() < 0.15)).ToArray();
        random.Shuffle(shuffled);
        var single = new DetectionEngine(Settings);
        var split = new PartitionedEngine(Settings, partitions);

        foreach (var record in shuffled)
        {
            record(single);
            record(split);
            if (random.NextDouble() < 0.05)
            {
                AssertSameUpdates(single.Step(), split.Step(), $"seed {seed}, {partitions} partitions");
            }
        }

        AssertSameUpdates(single.Step(), split.Step(), $"seed {seed}, {partitions} partitions, last step");
        foreach (var person in Everyone)
        {
            Assert.Equal(single.FlagsOf(person), split.FlagsOf(person));
        }

        Assert.Equal(single.ContactPairs().Order(), split.ContactPairs().Order());
        Assert.Equal(single.CountContacts(), split.CountContacts());
        Assert.Equal(single.PingCount, split.PingCount);
    }

    [Fact]
    public void Step_CaseReportedAfterItsHistory_FlagsContactsInOtherPartitions()
    {
        var scenario = new EngineScenario();
        var crowd = Enumerable.Range(0, 40).Select(i => $"crowd{i:00}").ToList();
        scenario.Register("sim-case", "case-1");
        scenario.Stay("sim-case", CellX, At(3, 9), At(3, 12));
        foreach (var person in crowd)
        {
            scenario.Register($"sim-{person}", person);
            scenario.Stay($"sim-{person}", CellX, At(3, 9), At(3, 11));
        }

        var split = new PartitionedEngine(Settings, 4);
        foreach (var record in scenario.Records)
        {
            record(split);
        }

        Assert.Empty(split.Step());
        split.Add(new CaseReport("report-case-1", "case-1", CaseStatus.Confirmed, At(5, 0)));
        var updates = split.Step();

        Assert.Equal(crowd, updates.Where(u => u.Flags is { Count: > 0 }).Select(u => u.PersonKey));
        Assert.True(crowd.Select(p => PartitionMap.Of(p, 4)).Distinct().Count() > 1, "the crowd has one home");
        Assert.All(crowd, p => Assert.Equal(Rule.Companion, Assert.Single(split.FlagsOf(p)).Evidence.Rule));
    }

    [Fact]
    public void Step_SimLeavesACaseForAPersonOfAnotherHome_TakesItsPingsAlong()
    {
        var scenario = new EngineScenario();
        scenario.Register("sim-case", "case-1");
        scenario.Stay("sim-case", CellX, At(3, 9), At(3, 12));
        scenario.Report("case-1", At(5, 0));
        scenario.Register("sim-a", "case-1", Day(-20));
        scenario.Stay("sim-a", CellX, At(3, 9), At(3, 11));
        var split = new PartitionedEngine(Settings, 3);
        foreach (var record in scenario.Records)
        {
            record(split);
        }

        split.Step();
        var (person, _) = Enumerable.Range(0, 100).Select(i => ($"owner{i}", PartitionMap.Of($"owner{i}", 3)))
            .First(p => p.Item2 != PartitionMap.Of("case-1", 3));
        split.Add(new SubscriberRegistration("sub-sim-a-later", "sim-a", person, Day(-10)));
        var updates = split.Step();

        var flag = Assert.Single(split.FlagsOf(person));
        Assert.Equal("case-1", flag.Evidence.CaseKey);
        Assert.Contains(updates, u => u.PersonKey == person && u.Flags is { Count: 1 });
    }

    [Fact]
    public void PartitionMap_SameKey_SamePartitionOnEveryNode()
    {
        // Every node must place a person in the same partition, so the hash may not depend on the process.
        Assert.Equal(PartitionMap.Of("person-0001", 7), PartitionMap.Of(new string("person-0001".ToCharArray()), 7));
        Assert.Equal(1, PartitionMap.Of("person-0001", 7));
        Assert.Equal(0, PartitionMap.Of("anything", 1));
    }

    /// <summary>
    /// SIMs that change owner across homes and to and from a case, registered in any order against their pings.
    /// </summary>
    private static void MovingSims(EngineScenario scenario)
    {
        scenario.Register("sim-case-2", "p11", Day(3));
        scenario.Register("sim-case-2", "case-2", Day(3.5), "sub-sim-case-2-back");
        scenario.Register("sim-p07", "p-late", Day(1));
        scenario.Register("sim-p08", "case-3", Day(2));
        scenario.Stay("sim-roaming", CellX, At(2, 9), At(2, 11));
        scenario.Register("sim-roaming", "p01", Day(1));
        scenario.Register("sim-roaming", "p02", Day(2));
        scenario.Register("sim-roaming", "p03", Day(3));
    }

    private static void AssertSameUpdates(IReadOnlyList<PersonUpdate> want, IReadOnlyList<PersonUpdate> got,
        string context)
    {
        Assert.True(want.Select(u => u.PersonKey).SequenceEqual(got.Select(u => u.PersonKey)),
            $"{context}: updated {string.Join(',', got.Select(u => u.PersonKey))}, " +
            $"not {string.Join(',', want.Select(u => u.PersonKey))}; " + string.Join(" | ", got.Select(u =>
                $"{u.PersonKey} flags {u.Flags?.Count} reports {u.Reports.Count} decl {u.Declarations.Count} " +
                $"w {u.Withdrawn.Count} r {u.Raised.Count}")));

        foreach (var (a, b) in want.Zip(got))
        {
            Assert.True(a.Flags is null == b.Flags is null, $"{context}: {a.PersonKey} flags changed in one only");
            Assert.Equal(a.Flags ?? [], b.Flags ?? []);
            Assert.Equal(a.Reports, b.Reports);
            Assert.Equal(a.Declarations, b.Declarations);
            Assert.Equal(a.Withdrawn, b.Withdrawn);
            Assert.Equal(a.Raised, b.Raised);
        }
    }
}
