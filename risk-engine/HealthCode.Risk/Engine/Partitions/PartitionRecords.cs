using HealthCode.Contracts.Geo;
using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Engine.Partitions;

/// <summary>Feed records bound for one engine partition, or handed back by one.</summary>
public sealed class PartitionRecords
{
    /// <summary>Pings, placed in their cells.</summary>
    public List<RoutedPing> Pings { get; } = [];

    /// <summary>SIM registrations.</summary>
    public List<SubscriberRegistration> Registrations { get; } = [];

    /// <summary>Case reports.</summary>
    public List<CaseReport> Reports { get; } = [];

    /// <summary>Case locations.</summary>
    public List<CaseLocation> Locations { get; } = [];

    /// <summary>Flight manifest records.</summary>
    public List<FlightTrip> Flights { get; } = [];

    /// <summary>Rail manifest records.</summary>
    public List<RailTrip> Rails { get; } = [];

    /// <summary>Health declarations.</summary>
    public List<Declaration> Declarations { get; } = [];

    /// <summary>How many records there are, of every kind.</summary>
    public int Count => Pings.Count + Registrations.Count + Reports.Count + Locations.Count + Flights.Count
        + Rails.Count + Declarations.Count;

    /// <summary>Adds every record to <paramref name="engine"/>; the engine drops repeats itself.</summary>
    public void AddTo(DetectionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Registrations.ForEach(r => engine.Add(r));
        Reports.ForEach(r => engine.Add(r));
        Locations.ForEach(l => engine.Add(l));
        Flights.ForEach(t => engine.Add(t));
        Rails.ForEach(t => engine.Add(t));
        Declarations.ForEach(d => engine.Add(d));

        foreach (var ping in Pings)
        {
            engine.AddPing(ping.SubscriberKey, ping.RecordId, ping.AtMs, CellKey.FromPacked(ping.Cell));
        }
    }

    /// <summary>
    /// The records in parts of at most <paramref name="size"/> each: a step between nodes travels in messages of
    /// bounded size.
    /// </summary>
    public IReadOnlyList<PartitionRecords> Chunk(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (Count <= size)
        {
            return [this];
        }

        var parts = new List<PartitionRecords> { new() };
        Spill(Registrations, p => p.Registrations, parts, size);
        Spill(Reports, p => p.Reports, parts, size);
        Spill(Locations, p => p.Locations, parts, size);
        Spill(Flights, p => p.Flights, parts, size);
        Spill(Rails, p => p.Rails, parts, size);
        Spill(Declarations, p => p.Declarations, parts, size);
        Spill(Pings, p => p.Pings, parts, size);
        return parts;
    }

    private static void Spill<T>(List<T> source, Func<PartitionRecords, List<T>> target,
        List<PartitionRecords> parts, int size)
    {
        for (var taken = 0; taken < source.Count;)
        {
            if (parts[^1].Count >= size)
            {
                parts.Add(new PartitionRecords());
            }

            var count = Math.Min(size - parts[^1].Count, source.Count - taken);
            target(parts[^1]).AddRange(source.GetRange(taken, count));
            taken += count;
        }
    }
}
