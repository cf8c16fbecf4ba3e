namespace HealthCode.Simulator;

/// <summary>What a simulation run produced, with the same counts as its <c>manifest.json</c>.</summary>
public sealed class SimulationReport
{
    /// <summary>The folder the feeds, manifest and truth files were written to.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Residents simulated.</summary>
    public required int People { get; init; }

    /// <summary>Days simulated.</summary>
    public required int Days { get; init; }

    /// <summary>The seed used.</summary>
    public required long Seed { get; init; }

    /// <summary>Registered SIMs (one line each in the subscriber feed).</summary>
    public required int SimCards { get; init; }

    /// <summary>People infected, including the initial infections.</summary>
    public required int Infections { get; init; }

    /// <summary>People reported as confirmed or suspected during the run.</summary>
    public required int Cases { get; init; }

    /// <summary>Ground-truth contact records (all rules) in <c>truth/contacts.jsonl</c>.</summary>
    public required long Contacts { get; init; }

    /// <summary>People who made a trip by train or plane.</summary>
    public required int Travellers { get; init; }

    /// <summary>Line counts per feed, in <see cref="FeedNames.All"/> order.</summary>
    public required IReadOnlyList<FeedSummary> Feeds { get; init; }

    /// <summary>Time the run took; the only value not in the manifest, which must be identical for a seed.</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>Valid lines over all feeds.</summary>
    public long ValidLines => Feeds.Sum(f => f.ValidLines);

    /// <summary>Malformed lines over all feeds.</summary>
    public long MalformedLines => Feeds.Sum(f => f.MalformedLines);

    /// <summary>Feed lines written per second of wall time.</summary>
    public double LinesPerSecond =>
        WallTime > TimeSpan.Zero ? (ValidLines + MalformedLines) / WallTime.TotalSeconds : 0;

    /// <summary>The summary of one feed.</summary>
    /// <exception cref="KeyNotFoundException">The name is not one of <see cref="FeedNames.All"/>.</exception>
    public FeedSummary Feed(string name) =>
        Feeds.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"No feed named '{name}'.");
}
