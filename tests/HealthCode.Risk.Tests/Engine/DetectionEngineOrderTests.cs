using HealthCode.Contracts.Geo;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

public sealed class DetectionEngineOrderTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Fact]
    public void Step_CrowdScenarioInBuildOrder_FlagsEveryKindOfContact()
    {
        var engine = RunInOrder(CrowdScenario.Build());

        var flags = CrowdScenario.Persons.Concat(CrowdScenario.Cases).SelectMany(engine.FlagsOf).ToList();

        Assert.True(CrowdScenario.Persons.Count(p => engine.FlagsOf(p).Count > 0) >= 6, "too few persons flagged");
        Assert.Contains(flags, f => f.Evidence.Rule == Rule.Companion);
        Assert.Contains(flags, f => f.Evidence.Rule == Rule.FlightCloseContact);
        Assert.Contains(flags, f => f.Evidence.Rule == Rule.RailCloseContact);
        Assert.Contains(flags, f => f.Evidence.Rule == Rule.FellowTraveller);
        Assert.Contains(flags, f => f.Evidence.RecordIds.Any(id => id.StartsWith("loc-", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Step_ShuffledWithDuplicatesAndRandomSteps_GivesTheFlagsOfTheOrderedRun(int seed)
    {
        var records = CrowdScenario.Build();
        var expected = RunInOrder(records);
        var random = new Random(seed);
        var shuffled = WithDuplicates(records, random);
        random.Shuffle(shuffled);
        var engine = new DetectionEngine(Settings);
        var applied = new Dictionary<string, IReadOnlyList<ContactFlag>>(StringComparer.Ordinal);

        foreach (var record in shuffled)
        {
            record(engine);
            if (random.NextDouble() < 0.03)
            {
                Apply(engine.Step(), applied);
            }
        }

        Apply(engine.Step(), applied);

        foreach (var person in CrowdScenario.Persons.Concat(CrowdScenario.Cases).Append("sim-less"))
        {
            var want = expected.FlagsOf(person);
            var got = engine.FlagsOf(person);
            Assert.True(want.SequenceEqual(got), $"seed {seed}: {person} has {Describe(got)}, not {Describe(want)}");

            var fromUpdates = applied.GetValueOrDefault(person) ?? [];
            Assert.True(fromUpdates.SequenceEqual(got), $"seed {seed}: updates for {person} disagree with FlagsOf");
        }
    }

    [Fact]
    public void Step_HundredsMarkedAtOnce_GivesTheFlagsOfStepsOfOne()
    {
        // 600 people near one case: a single step marks the 400 in its cell and computes their flags in parallel,
        // while a step after each person's records marks one at a time.
        var scenario = new EngineScenario();
        var crowd = Enumerable.Range(0, 600).Select(i => $"crowd{i:000}").ToList();
        var steps = new List<int>();
        scenario.Register("sim-case", "case-1");
        scenario.Stay("sim-case", CellX, At(3, 9), At(3, 12));
        scenario.Report("case-1", At(5, 0));
        foreach (var (person, i) in crowd.Select((p, i) => (p, i)))
        {
            scenario.Register($"sim-{person}", person);
            scenario.Stay($"sim-{person}", i % 3 == 0 ? Neighbour : CellX, At(3, 9).AddMinutes(i % 170),
                At(3, 9).AddMinutes(i % 170 + 5 + i % 20));
            steps.Add(scenario.Records.Count);
        }

        var atOnce = RunInOrder(scenario.Records);
        var oneByOne = new DetectionEngine(Settings);
        for (var r = 0; r < scenario.Records.Count; r++)
        {
            scenario.Records[r](oneByOne);
            if (steps.Contains(r + 1))
            {
                oneByOne.Step();
            }
        }

        Assert.InRange(crowd.Count(p => atOnce.FlagsOf(p).Count > 0), 150, 400);
        foreach (var person in crowd)
        {
            Assert.True(atOnce.FlagsOf(person).SequenceEqual(oneByOne.FlagsOf(person)), $"{person} differs");
        }
    }

    private static DetectionEngine RunInOrder(IReadOnlyList<Action<IRecordSink>> records)
    {
        var engine = new DetectionEngine(Settings);
        foreach (var record in records)
        {
            record(engine);
        }

        engine.Step();
        return engine;
    }

    private static Action<IRecordSink>[] WithDuplicates(
        IReadOnlyList<Action<IRecordSink>> records, Random random)
    {
        var all = records.ToList();
        all.AddRange(records.Where(_ => random.NextDouble() < 0.15));
        return [.. all];
    }

    private static void Apply(
        IReadOnlyList<PersonUpdate> updates, Dictionary<string, IReadOnlyList<ContactFlag>> applied)
    {
        foreach (var update in updates)
        {
            if (update.Flags is { } flags)
            {
                applied[update.PersonKey] = flags;
            }
        }
    }

    private static string Describe(IReadOnlyList<ContactFlag> flags) =>
        flags.Count == 0
            ? "no flags"
            : string.Join("; ", flags.Select(f => $"{f.Evidence.Rule} {f.Evidence.CaseKey} {f.Evidence.Span}"));
}
