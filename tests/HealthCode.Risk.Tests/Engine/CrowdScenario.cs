using HealthCode.Contracts.Geo;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine;

/// <summary>A crowd around a few cases, with every kind of contact, for the order and partition tests.</summary>
internal static class CrowdScenario
{
    public static readonly string[] Persons = [.. Enumerable.Range(0, 12).Select(i => $"p{i:00}")];

    public static readonly string[] Cases = ["case-1", "case-2", "case-3"];

    /// <summary>
    /// Three cases (two with pings, one known only by case locations), twelve persons moving about a 3 by 3 block
    /// of cells around Hangzhou with stray pings that split stays, a SIM that changed owner, a person with two
    /// SIMs, a flight and a train with cases on board, and declarations; <paramref name="more"/> adds records of
    /// a test's own.
    /// </summary>
    public static IReadOnlyList<Action<IRecordSink>> Build(Action<EngineScenario>? more = null)
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

        more?.Invoke(scenario);
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
