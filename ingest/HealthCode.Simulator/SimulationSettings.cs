namespace HealthCode.Simulator;

/// <summary>
/// What to simulate. Immutable; <see cref="Validate"/> (called by <see cref="CitySimulator"/> before anything is
/// written) rejects values that would make a meaningless or unmanageable run.
/// </summary>
public sealed class SimulationSettings
{
    /// <summary>Largest population accepted; memory grows by about 4 KB a person.</summary>
    public const int MaxPeople = 2_000_000;

    /// <summary>Longest run accepted, in days.</summary>
    public const int MaxDays = 60;

    /// <summary>Residents of the city (the <c>--people</c> option). Default 10,000.</summary>
    public int People { get; init; } = 10_000;

    /// <summary>Simulated days from <see cref="StartDate"/> (the <c>--days</c> option). Default 7.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Seed of every random draw (the <c>--seed</c> option); equal seeds give identical files.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Local date of the first simulated day; the run starts at its midnight. Default 2026-11-02.</summary>
    public DateOnly StartDate { get; init; } = new(2026, 11, 2);

    /// <summary>The city to populate. Default <see cref="CityProfile.Hangzhou"/>.</summary>
    public CityProfile City { get; init; } = CityProfile.Hangzhou;

    /// <summary>Malformed lines mixed into each feed at seeded positions (the <c>--malformed</c> option).</summary>
    public int MalformedPerFeed { get; init; }

    /// <summary>People infected before the start; null means one per thousand residents, at least three.</summary>
    public int? InitialInfections { get; init; }

    /// <summary>Share of residents who make a trip out of the city in a week. Default 0.04.</summary>
    public double TravelShare { get; init; } = 0.04;

    /// <summary>Mean minutes between a SIM's periodic pings (exponential gaps). Default 40.</summary>
    public double PingIntervalMinutes { get; init; } = 40;

    /// <summary>Multiplies every transmission rate; 0 disables spread beyond the initial infections.</summary>
    public double TransmissionScale { get; init; } = 1.0;

    /// <summary>Also write every true trajectory segment to <c>truth/trajectories.jsonl</c> (large).</summary>
    public bool WriteTrajectories { get; init; }

    /// <summary>Threads to generate with; 0 means one per processor. Output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The number of initial infections after applying the default (never more than People).</summary>
    public int ResolvedInitialInfections => InitialInfections ?? Math.Min(People, Math.Max(3, People / 1_000));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range and its bounds.</summary>
    public void Validate()
    {
        Require(People is >= 1 and <= MaxPeople, nameof(People), $"from 1 to {MaxPeople}", People);
        Require(Days is >= 1 and <= MaxDays, nameof(Days), $"from 1 to {MaxDays}", Days);
        Require(StartDate.Year is >= 2000 and <= 2100, nameof(StartDate), "in the years 2000 to 2100", StartDate);
        Require(MalformedPerFeed is >= 0 and <= 1_000_000, nameof(MalformedPerFeed), "from 0 to 1,000,000",
            MalformedPerFeed);
        Require(InitialInfections is null || (InitialInfections >= 0 && InitialInfections <= People),
            nameof(InitialInfections),
            "from 0 to People", InitialInfections);
        Require(TravelShare is >= 0 and <= 0.5, nameof(TravelShare), "from 0 to 0.5", TravelShare);
        Require(PingIntervalMinutes is >= 5 and <= 240, nameof(PingIntervalMinutes), "from 5 to 240",
            PingIntervalMinutes);
        Require(TransmissionScale is >= 0 and <= 100, nameof(TransmissionScale), "from 0 to 100",
            TransmissionScale);
        Require(MaxDegreeOfParallelism is >= 0 and <= 1024, nameof(MaxDegreeOfParallelism), "from 0 to 1024",
            MaxDegreeOfParallelism);

        if (City is null)
        {
            throw new ArgumentException("SimulationSettings.City must be set, e.g. CityProfile.Hangzhou.");
        }
    }

    private static void Require(bool condition, string name, string range, object? value)
    {
        if (!condition)
        {
            throw new ArgumentException($"SimulationSettings.{name} must be {range}; it was {value ?? "null"}.",
                name);
        }
    }
}
