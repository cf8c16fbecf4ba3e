using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine.Partitions;

/// <summary>
/// The router and its partitions in one process, stepped one after another: what the cluster does across nodes,
/// without the messages. It answers as a single <see cref="DetectionEngine"/> would.
/// </summary>
public sealed class PartitionedEngine : IContactEngine
{
    private readonly EngineRouter _router;
    private readonly EnginePartition[] _partitions;

    /// <summary>An engine of <paramref name="partitions"/>; with a horizon, later records are dropped.</summary>
    public PartitionedEngine(RuleSettings settings, int partitions, DateTimeOffset? horizon = null)
    {
        _router = new EngineRouter(settings, partitions, horizon);
        _partitions = [.. Enumerable.Range(0, partitions).Select(k => new EnginePartition(settings, k, partitions))];
    }

    /// <summary>Records that arrived after the horizon and were ignored.</summary>
    public long BeyondHorizon => _router.BeyondHorizon;

    /// <summary>Distinct pings, over all partitions.</summary>
    public long PingCount => _partitions.Sum(p => p.PingCount);

    /// <inheritdoc/>
    public bool AddPing(string subscriberKey, UInt128 recordId, long observedAtMs, double lat, double lon) =>
        _router.AddPing(subscriberKey, recordId, observedAtMs, lat, lon);

    /// <inheritdoc/>
    public bool Add(SubscriberRegistration registration) => _router.Add(registration);

    /// <inheritdoc/>
    public bool Add(CaseReport report) => _router.Add(report);

    /// <inheritdoc/>
    public bool Add(CaseLocation location) => _router.Add(location);

    /// <inheritdoc/>
    public bool Add(FlightTrip trip) => _router.Add(trip);

    /// <inheritdoc/>
    public bool Add(RailTrip trip) => _router.Add(trip);

    /// <inheritdoc/>
    public bool Add(Declaration declaration) => _router.Add(declaration);

    /// <summary>Runs the routed steps on every partition and returns the updates, ordered by person key.</summary>
    public IReadOnlyList<PersonUpdate> Step()
    {
        foreach (var step in _router.TakeSteps())
        {
            var exported = _partitions.Select((p, k) => p.Apply(step.Work[k])).ToList();
            if (!step.HasExports)
            {
                continue;
            }

            var imports = step.Route(exported);
            for (var k = 0; k < _partitions.Length; k++)
            {
                _partitions[k].Import(imports[k]);
            }
        }

        return [.. _partitions.SelectMany(p => p.Step()).OrderBy(u => u.PersonKey, StringComparer.Ordinal)];
    }

    /// <summary>A person's current flags in canonical order; empty when none.</summary>
    public IReadOnlyList<ContactFlag> FlagsOf(string personKey) =>
        _partitions[PartitionMap.Of(personKey, _partitions.Length)].FlagsOf(personKey);

    /// <summary>Distinct (person, case) contacts per rule, over every current flag.</summary>
    public IReadOnlyList<ContactCount> CountContacts() =>
        ContactCount.Sum(_partitions.Select(p => p.CountContacts()));

    /// <summary>Every distinct (rule, person, case) of the current flags.</summary>
    public IReadOnlyList<(Rule Rule, string PersonKey, string CaseKey)> ContactPairs() =>
        [.. _partitions.SelectMany(p => p.ContactPairs())];
}
