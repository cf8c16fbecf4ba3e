using System.Text.Json;

namespace HealthCode.Simulator.Tests.Support;

/// <summary>
/// Runs one small simulation for all tests of the collection and loads what it wrote: every feed's lines,
/// the malformed line numbers, the true paths and the truth files.
/// </summary>
public sealed class SimulationFixture : IAsyncLifetime
{
    public static SimulationSettings Settings { get; } = new()
    {
        People = 1_000,
        Days = 4,
        Seed = 20_261_102,
        MalformedPerFeed = 12,
        InitialInfections = 12,
        TravelShare = 0.5,
        TransmissionScale = 2,
        WriteTrajectories = true,
    };

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("healthcode-sim-").FullName;

    public SimulationReport Report { get; private set; } = null!;

    internal Dictionary<string, string[]> Lines { get; } = [];

    internal Dictionary<string, HashSet<long>> Malformed { get; } = [];

    internal Dictionary<string, TruePath> Paths { get; } = [];

    internal List<JsonElement> Infections { get; private set; } = [];

    internal List<JsonElement> Contacts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Report = await CitySimulator.RunAsync(Settings, Directory);

        foreach (var feed in FeedNames.All)
        {
            Lines[feed] = await File.ReadAllLinesAsync(System.IO.Path.Combine(Directory, FeedNames.FileName(feed)));
            Malformed[feed] = [];
        }

        foreach (var record in ReadJsonLines("truth/malformed.jsonl"))
        {
            Malformed[record.GetProperty("feed").GetString()!].Add(record.GetProperty("line").GetInt64());
        }

        foreach (var group in ReadJsonLines("truth/trajectories.jsonl")
                     .GroupBy(r => r.GetProperty("id_number").GetString()!))
        {
            Paths[group.Key] = new TruePath(group.Select(TruthSegment.Parse).ToList());
        }

        Infections = ReadJsonLines("truth/infections.jsonl");
        Contacts = ReadJsonLines("truth/contacts.jsonl");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The valid records of a JSON feed (malformed lines skipped), parsed.</summary>
    internal List<JsonElement> Valid(string feed) =>
        Lines[feed].Select((line, i) => (line, number: i + 1L))
            .Where(l => !Malformed[feed].Contains(l.number))
            .Select(l => JsonDocument.Parse(l.line).RootElement.Clone())
            .ToList();

    /// <summary>The valid ping lines split into fields, header and malformed lines skipped.</summary>
    internal IEnumerable<string[]> ValidPings() =>
        Lines[FeedNames.Pings].Select((line, i) => (line, number: i + 1L))
            .Where(l => l.number > 1 && !Malformed[FeedNames.Pings].Contains(l.number))
            .Select(l => l.line.Split(','));

    internal List<JsonElement> ReadJsonLines(string relativePath) =>
        File.ReadLines(System.IO.Path.Combine(Directory, relativePath))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
}
