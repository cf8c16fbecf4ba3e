using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Engine;

/// <summary>
/// Where the feeds' records go: one detection engine, or the router in front of an engine's partitions.
/// </summary>
public interface IRecordSink
{
    /// <summary>Adds a ping; false when the sink ignored it (a repeat, or beyond its horizon).</summary>
    bool AddPing(string subscriberKey, UInt128 recordId, long observedAtMs, double lat, double lon);

    /// <summary>Adds a SIM registration; false when the sink ignored it.</summary>
    bool Add(SubscriberRegistration registration);

    /// <summary>Adds a case report; false when the sink ignored it.</summary>
    bool Add(CaseReport report);

    /// <summary>Adds a case location; false when the sink ignored it.</summary>
    bool Add(CaseLocation location);

    /// <summary>Adds a flight manifest record; false when the sink ignored it.</summary>
    bool Add(FlightTrip trip);

    /// <summary>Adds a rail manifest record; false when the sink ignored it.</summary>
    bool Add(RailTrip trip);

    /// <summary>Adds a health declaration; false when the sink ignored it.</summary>
    bool Add(Declaration declaration);
}
