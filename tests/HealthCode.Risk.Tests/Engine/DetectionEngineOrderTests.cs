using HealthCode.Contracts.Geo;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

public sealed class DetectionEngineOrderTests
{
    private static readonly string[] Persons = [.. Enumerable.Range(0, 12).Select(i => $"p{i:00}")];

    private static readonly string[] Cases = ["case-1", "case-2", "case-3"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Fact]
    public void Step_CrowdScenarioInBuildOrder_FlagsEveryKindOfContact()
    {
        var engine = RunInOrder(BuildCrowd());

        var flags = Persons.Concat(Cases).SelectMany(engine.FlagsOf).ToList();

        Assert.True(Persons.Count(p => engine.FlagsOf(p).Count > 0) >= 6, "too few persons flagged");
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
        var records = BuildCrowd();
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

        foreach (var person in Persons.Concat(Cases).Append("sim-less"))
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

    private static DetectionEngine RunInOrder(IReadOnlyList<Action<DetectionEngine>> records)
    {
        var engine = new DetectionEngine(Settings);
        foreach (var record in records)
        {
            record(engine);
        }

        engine.Step();
        return engine;
    }

    private static Action<DetectionEngine>[] WithDuplicates(
        IReadOnlyList<Action<DetectionEngine>> records, Random random)
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

    /// <summary>
    /// Three cases (two with pings, one known only by case locations), twelve persons moving about a 3 by 3 block
    /// of cells around Hangzhou with stray pings that split stays, a SIM that changed owner, a person with two
    /// SIMs, a flight and a train with cases on board, and declarations.
    /// </summary>
    private static IReadOnlyList<Action<DetectionEngine>> BuildCrowd()
    {
        var random = new Random(20261101);
        var scenario = new EngineScenario();

        scenario.Report("case-1", Day(5));
        scenario.Report("case-1", Day(8), CaseStatus.Cleared);
        scenario.Report("case-2", Day(4), CaseStatus.Suspected);
        scenario.Report("case-3", Day(6));
        scenario.Register("sim-case-1", "case-1");
        scenario.Register("sim-case-2", "case-2");
        scenario.Location("loc-1", "case-3", Block(random), At(1, 9), At(1, 12));
        scenario.Location("loc-2", "case-3", Block(random), At(2, 13), At(2, 15));
        scenario.Location("loc-3", "case-1", Block(random), At(0, 10), At(0, 11));

        foreach (var person in Persons)
        {
            scenario.Register($"sim-{person}", person);
        }

        scenario.Register("sim-p03b", "p03");
        scenario.Register("sim-shared", "p05", Day(-30));
        scenario.Register("sim-shared", "p06", Day(-10));

        var sims = Persons.Select(p => $"sim-{p}")
            .Concat(["sim-case-1", "sim-case-2", "sim-p03b", "sim-shared", "sim-unregistered"]);
        foreach (var sim in sims)
        {
            Wander(scenario, sim, random);
        }

        scenario.Flight("f-case-1", "case-1", 20, departsDay: 2);
        scenario.Flight("f-p00", "p00", 18, departsDay: 2);
        scenario.Flight("f-p01", "p01", 25, departsDay: 2);
        scenario.Flight("f-p02", "p02", 20, departsDay: 3.5);
        scenario.Rail("r-case-2", "case-2", 3, departsDay: 2);
        scenario.Rail("r-p04", "p04", 3, departsDay: 2.05);
        scenario.Rail("r-p07", "p07", 4, departsDay: 2);
        scenario.Rail("r-p08", "p08", 3, train: "G9999", departsDay: 2);
        scenario.Declare("d-p09", "p09", Day(3), 37.8);
        scenario.Declare("d-p10", "p10", Day(3));

        return scenario.Records;
    }

    /// <summary>Six visits to cells of the block on days 0 to 3, plus three stray pings anywhere near.</summary>
    private static void Wander(EngineScenario scenario, string sim, Random random)
    {
        for (var visit = 0; visit < 6; visit++)
        {
            var from = At(random.Next(0, 4), 8, 5 * random.Next(0, 72));
            var to = from.AddMinutes(random.Next(10, 91));
            scenario.Stay(sim, Block(random), from, to, random.Next(3, 13));
        }

        for (var stray = 0; stray < 3; stray++)
        {
            var cell = new CellKey(CellX.Row + random.Next(-2, 3), CellX.Col + random.Next(-2, 3));
            scenario.Ping(sim, cell, At(random.Next(0, 4), 8, random.Next(0, 360)));
        }
    }

    private static CellKey Block(Random random) =>
        new(CellX.Row + random.Next(-1, 2), CellX.Col + random.Next(-1, 2));
}
