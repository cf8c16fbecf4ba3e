using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine;

/// <summary>
/// A whole contact detector in one process, stepped by one caller: a single <see cref="DetectionEngine"/> or the
/// router with its partitions (<see cref="Partitions.PartitionedEngine"/>), which answer alike.
/// </summary>
public interface IContactEngine : IRecordSink
{
    /// <summary>Records that arrived after the horizon and were ignored.</summary>
    long BeyondHorizon { get; }

    /// <summary>Distinct pings held, each counted once.</summary>
    long PingCount { get; }

    /// <summary>Recomputes what the records added since the last step changed; one update per person, by key.</summary>
    IReadOnlyList<PersonUpdate> Step();

    /// <summary>A person's current flags in canonical order; empty when none.</summary>
    IReadOnlyList<ContactFlag> FlagsOf(string personKey);

    /// <summary>Distinct (person, case) contacts per rule, over every current flag.</summary>
    IReadOnlyList<ContactCount> CountContacts();

    /// <summary>Every distinct (rule, person, case) of the current flags.</summary>
    IReadOnlyList<(Rule Rule, string PersonKey, string CaseKey)> ContactPairs();
}
