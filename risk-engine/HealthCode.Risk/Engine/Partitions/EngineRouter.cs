using HealthCode.Contracts.Geo;
using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Engine.Partitions;

/// <summary>
/// Splits the feeds over the partitions of the detection engine, so that the exposure index of a country is held
/// by many nodes and each recomputes only its own people's flags.
/// </summary>
/// <remarks>
/// <para>
/// A person's flags depend only on the person's own records (the pings of every SIM registered to them, their
/// trips) and on the records of cases (reports, locations, the pings of their SIMs, their trips): a contact is
/// always a person against a case, never against a third party. So each person has a home partition, by a hash
/// of their key, which gets all their records, and every partition gets every case's records. Each partition is
/// then a whole <see cref="DetectionEngine"/> that sees everything its own people's flags depend on, and gives
/// them exactly the flags a single engine would, in any order of arrival and any cut into steps.
/// </para>
/// <para>
/// Pings are keyed by SIM, and the owner of a SIM is known only from its registrations, which may come late or
/// change. A SIM without an owner waits in a partition by a hash of its own key; when its owner changes, the old
/// holder hands its registrations and pings to the new one (<see cref="RoutedStep"/>) and forgets it. When a
/// person becomes a case (their first report of any status), their home hands their SIMs and trips to every
/// other partition. Cases are few next to the people they meet, so that copy is small.
/// </para>
/// <para>
/// The router keeps, per SIM, the registration deciding its owner and the ids of the others, and the set of persons
/// with reports: far less than the pings, which only the partitions keep.
/// </para>
/// </remarks>
public sealed class EngineRouter : IRecordSink
{
    /// <summary>The holder meaning every partition: the SIMs of cases.</summary>
    internal const int Everywhere = -1;

    private readonly Grid _grid;
    private readonly long? _horizonMs;
    private readonly Dictionary<string, Owner> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _simsOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cases = new(StringComparer.Ordinal);
    private readonly List<RoutedStep> _sealed = [];
    private RoutedStep _current;

    /// <summary>A router over <paramref name="partitions"/>; with a horizon, later records are dropped.</summary>
    public EngineRouter(RuleSettings settings, int partitions, DateTimeOffset? horizon = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _grid = new Grid(settings.CellMetres);
        _horizonMs = horizon?.ToUnixTimeMilliseconds();
        Partitions = partitions;
        _current = new RoutedStep(partitions);
    }

    /// <summary>How many partitions the engine has.</summary>
    public int Partitions { get; }

    /// <summary>Records that arrived after the horizon and were ignored.</summary>
    public long BeyondHorizon { get; private set; }

    /// <summary>
    /// The steps routed since the last call, to run in order; the current step ends here. More than one when a
    /// SIM had to change holder twice: its second move needs the first one done.
    /// </summary>
    public IReadOnlyList<RoutedStep> TakeSteps()
    {
        Seal();
        var steps = _sealed.ToList();
        _sealed.Clear();
        return steps;
    }

    /// <inheritdoc/>
    public bool AddPing(string subscriberKey, UInt128 recordId, long observedAtMs, double lat, double lon)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriberKey);
        if (Beyond(observedAtMs))
        {
            return false;
        }

        var ping = new RoutedPing(subscriberKey, recordId, observedAtMs, _grid.CellOf(lat, lon).Packed);
        var holder = HolderOf(subscriberKey);
        if (holder != Everywhere)
        {
            _current.Work[holder].Records.Pings.Add(ping);
            return true;
        }

        foreach (var work in _current.Work)
        {
            work.Records.Pings.Add(ping);
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Add(SubscriberRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Beyond(registration.RegisteredAt.ToUnixTimeMilliseconds()))
        {
            return false;
        }

        var sim = registration.SubscriberKey;
        var before = HolderOf(sim);
        var known = _owners.GetValueOrDefault(sim);

        // A record id seen before is a repeat to the partitions, whatever it says, so it cannot decide here either.
        if (Partitions == 1 || (known is not null
                && (known.Saw(registration.RecordId)
                    || !SubscriberTrack.Supersedes(registration, known.Registration))))
        {
            known?.Also(registration.RecordId);
            Send(before, r => r.Registrations.Add(registration));
            return true;
        }

        var after = HolderFor(registration.PersonKey);
        if (before != after && _current.Moved(sim))
        {
            Seal();
        }

        // The old holder moves the SIM away from its previous owner, the new one learns whose it is.
        if (before == Everywhere || after == Everywhere)
        {
            Send(Everywhere, r => r.Registrations.Add(registration));
        }
        else
        {
            Send(before, r => r.Registrations.Add(registration));
            if (after != before)
            {
                Send(after, r => r.Registrations.Add(registration));
            }
        }

        if (known?.Registration.PersonKey is { } previous && previous != registration.PersonKey)
        {
            _simsOf[previous].Remove(sim);
        }

        if (known?.Registration.PersonKey != registration.PersonKey)
        {
            ListOf(_simsOf, registration.PersonKey).Add(sim);
        }

        var owner = new Owner(registration, PartitionMap.Of(registration.PersonKey, Partitions), known?.Others);
        if (known is not null)
        {
            owner.Also(known.Registration.RecordId);
        }

        _owners[sim] = owner;
        if (before != after)
        {
            _current.Move(sim, before, after);
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Add(CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Beyond(report.ReportedAt.ToUnixTimeMilliseconds()))
        {
            return false;
        }

        if (Partitions > 1 && !_cases.Contains(report.PersonKey))
        {
            BecomeCase(report.PersonKey);
        }

        Send(Everywhere, r => r.Reports.Add(report));
        return true;
    }

    /// <inheritdoc/>
    public bool Add(CaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (Beyond(location.From.ToUnixTimeMilliseconds()))
        {
            return false;
        }

        Send(Everywhere, r => r.Locations.Add(location));
        return true;
    }

    /// <inheritdoc/>
    public bool Add(FlightTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        if (Beyond(trip.DepartsAt.ToUnixTimeMilliseconds()))
        {
            return false;
        }

        Send(HolderFor(trip.PersonKey), r => r.Flights.Add(trip));
        return true;
    }

    /// <inheritdoc/>
    public bool Add(RailTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        if (Beyond(trip.DepartsAt.ToUnixTimeMilliseconds()))
        {
            return false;
        }

        Send(HolderFor(trip.PersonKey), r => r.Rails.Add(trip));
        return true;
    }

    /// <inheritdoc/>
    public bool Add(Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (Beyond(declaration.DeclaredAt.ToUnixTimeMilliseconds()))
        {
            return false;
        }

        Send(PartitionMap.Of(declaration.PersonKey, Partitions), r => r.Declarations.Add(declaration));
        return true;
    }

    /// <summary>Hands a new case's SIMs and trips from its home to every partition.</summary>
    private void BecomeCase(string personKey)
    {
        var sims = _simsOf.GetValueOrDefault(personKey) ?? [];
        if (sims.Exists(_current.Moved) || _current.HandsOutTrips(personKey))
        {
            Seal();
        }

        _cases.Add(personKey);
        var home = PartitionMap.Of(personKey, Partitions);
        foreach (var sim in sims)
        {
            _current.Move(sim, home, Everywhere);
        }

        _current.HandOutTrips(personKey, home);
    }

    /// <summary>The partition holding a SIM's pings, or <see cref="Everywhere"/>.</summary>
    private int HolderOf(string subscriberKey)
    {
        if (Partitions == 1)
        {
            return 0;
        }

        return _owners.TryGetValue(subscriberKey, out var owner)
            ? _cases.Contains(owner.Registration.PersonKey) ? Everywhere : owner.Home
            : PartitionMap.Of(subscriberKey, Partitions);
    }

    /// <summary>Where a person's records go: home, or everywhere for a case.</summary>
    private int HolderFor(string personKey) =>
        _cases.Contains(personKey) ? Everywhere : PartitionMap.Of(personKey, Partitions);

    private void Send(int holder, Action<PartitionRecords> add)
    {
        if (holder != Everywhere)
        {
            add(_current.Work[holder].Records);
            return;
        }

        foreach (var work in _current.Work)
        {
            add(work.Records);
        }
    }

    private void Seal()
    {
        if (!_current.IsEmpty)
        {
            _sealed.Add(_current);
            _current = new RoutedStep(Partitions);
        }
    }

    private bool Beyond(long atMs)
    {
        if (_horizonMs is { } horizon && atMs > horizon)
        {
            BeyondHorizon++;
            return true;
        }

        return false;
    }

    private static List<string> ListOf(Dictionary<string, List<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        return list;
    }

    /// <summary>
    /// The registration deciding a SIM's owner, the owner's home partition, and the ids of the SIM's other
    /// registrations (most SIMs have none, so no list).
    /// </summary>
    private sealed class Owner(SubscriberRegistration registration, int home, List<string>? others)
    {
        public SubscriberRegistration Registration { get; } = registration;

        public int Home { get; } = home;

        public List<string>? Others { get; private set; } = others;

        public bool Saw(string recordId) =>
            Registration.RecordId == recordId || (Others?.Contains(recordId) ?? false);

        public void Also(string recordId)
        {
            if (!Saw(recordId))
            {
                (Others ??= []).Add(recordId);
            }
        }
    }
}
