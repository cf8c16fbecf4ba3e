using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine.Partitions;

/// <summary>
/// One partition of the detection engine: a whole engine over its home people's records and every case's
/// (<see cref="EngineRouter"/>), answering only for its home people.
/// </summary>
/// <remarks>Not thread-safe, like the engine inside it: one caller feeds it, step by step.</remarks>
public sealed class EnginePartition
{
    private readonly DetectionEngine _engine;

    /// <summary>Creates partition <paramref name="index"/> of <paramref name="count"/>.</summary>
    public EnginePartition(RuleSettings settings, int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);

        Index = index;
        Count = count;

        // The router applies the horizon, before any copy is made. Only home people's contacts count here: the
        // others are counted by their own partitions.
        _engine = new DetectionEngine(settings, counted: count == 1 ? null : IsHome);
    }

    /// <summary>This partition's number.</summary>
    public int Index { get; }

    /// <summary>How many partitions there are.</summary>
    public int Count { get; }

    /// <summary>
    /// The pings this partition answers for: those of its home people's SIMs and of the SIMs waiting here for an
    /// owner, not the copies of other homes' cases.
    /// </summary>
    public long PingCount => Count == 1
        ? _engine.PingCount
        : _engine.CountPings((sim, owner) => PartitionMap.Of(owner ?? sim, Count) == Index);

    /// <summary>
    /// Adds the work's records, then hands back the records it asks for and forgets the SIMs it names.
    /// </summary>
    public PartitionRecords Apply(PartitionWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Import(work.Records);
        return HandOver(work.ExportSims, work.ExportTravellers, work.ForgetSims);
    }

    /// <summary>
    /// The registrations and pings of <paramref name="sims"/> and the trips of <paramref name="travellers"/>, for
    /// the partitions taking them over; then forgets <paramref name="forget"/>.
    /// </summary>
    public PartitionRecords HandOver(
        IEnumerable<string> sims, IEnumerable<string> travellers, IEnumerable<string> forget)
    {
        ArgumentNullException.ThrowIfNull(forget);
        var exported = _engine.Export(sims, travellers);
        foreach (var sim in forget)
        {
            _engine.Forget(sim);
        }

        return exported;
    }

    /// <summary>Adds the records another partition handed over.</summary>
    public void Import(PartitionRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        records.AddTo(_engine);
    }

    /// <summary>The engine's step, for this partition's home people only, ordered by person key.</summary>
    public IReadOnlyList<PersonUpdate> Step() => [.. _engine.Step().Where(u => IsHome(u.PersonKey))];

    /// <summary>Whether this partition answers for <paramref name="personKey"/>.</summary>
    public bool IsHome(string personKey) => PartitionMap.Of(personKey, Count) == Index;

    /// <summary>A home person's current flags in canonical order; empty when none.</summary>
    public IReadOnlyList<ContactFlag> FlagsOf(string personKey) => _engine.FlagsOf(personKey);

    /// <summary>Distinct (person, case) contacts per rule, over the home people's current flags.</summary>
    public IReadOnlyList<ContactCount> CountContacts() => _engine.CountContacts();

    /// <summary>Every distinct (rule, person, case) of the home people's current flags.</summary>
    public IReadOnlyList<(Rule Rule, string PersonKey, string CaseKey)> ContactPairs() =>
        [.. _engine.ContactPairs().Where(p => IsHome(p.PersonKey))];
}
