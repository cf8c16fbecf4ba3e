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
}
