using System.Runtime.InteropServices;
using HealthCode.Contracts.Geo;
using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;

namespace HealthCode.Risk.Engine;

/// <summary>
/// The contact detector: keeps the feeds' history in compact indexes and, after each step, hands back the
/// complete flag set of every person whose flags changed, with the case reports and declarations that arrived.
/// </summary>
/// <remarks>
/// <para>
/// Records may arrive in any order and more than once. Each one marks what it can change: a case whose reports,
/// locations or trips changed, or whose own ping lies near one of its exposure windows; a person (towards every
/// case) whose new ping changed stays that meet a case presence in cell and time, whose SIM changed owner, or whose
/// trip shares a service with a case. <see cref="Step"/> first recomputes the marked cases' presences; a presence
/// that appeared or went away marks, towards that case only, every person with a ping near it, and a change of a
/// case's windows or trips marks its fellow passengers. Then each marked person's flags towards the marked cases
/// are recomputed in full from the indexes. A person's flags are therefore always a function of the records seen
/// so far, never of their order, and a flag that a late ping no longer supports is withdrawn.
/// </para>
/// <para>
/// Not thread-safe: one caller feeds it, step by step. With a horizon, records timestamped after it are ignored
/// (a replay "at now"); a ping's time is its observation, a registration's its registration, a report's its
/// report, a trip's its departure, a case location's its start and a declaration's its declaration.
/// </para>
/// </remarks>
public sealed class DetectionEngine : IContactEngine
{
    /// <summary>Marked people from which a step computes their flags in parallel.</summary>
    private const int ParallelFrom = 256;

    /// <summary>Changed case presences in a step from which their searches run on all cores.</summary>
    private const int ParallelSearchFrom = 16;

    private readonly RuleSettings _settings;
    private readonly Grid _grid;
    private readonly long _gapMs;
    private readonly long _minOverlapMs;
    private readonly long? _horizonMs;
    private readonly CompanionRule _companion;
    private readonly FlightRule _flightRule;
    private readonly RailRule _railRule;
    private readonly CaseLocationCoverage _coverage;

    private readonly Dictionary<string, SubscriberTrack> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SubscriberTrack>> _tracksByPerson = new(StringComparer.Ordinal);
    private readonly Dictionary<CellDay, List<SubscriberTrack>> _cellDays = [];

    // Numbers the candidate searches (MarkCandidates), so that each looks at a SIM once.
    private long _searches;
    private readonly Dictionary<string, List<CaseReport>> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CaseExposure>> _exposures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _travelSignatures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _caseKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CaseLocation>> _locations = new(StringComparer.Ordinal);
    private readonly TravelIndex<FlightTrip> _flights = new(t => t.PersonKey, t => $"{t.Flight}/{t.ServiceDate}");
    private readonly TravelIndex<RailTrip> _rail = new(t => t.PersonKey, t => $"{t.Train}/{t.ServiceDate}");
    private readonly HashSet<string> _seenRecords = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<CasePresence>> _casePresences = new(StringComparer.Ordinal);
    private readonly Dictionary<CellKey, List<CasePresence>> _casesByCell = [];
    // A person's flags by case: a case's change replaces its own list and leaves the others untouched.
    private readonly Dictionary<string, SortedDictionary<string, IReadOnlyList<ContactFlag>>> _flags =
        new(StringComparer.Ordinal);

    // How many current flags stand behind each contact, and the contacts per rule of the persons counted: kept as
    // the flags change, because counting them over every flag after each step grew with every case reported.
    private readonly Dictionary<(Rule Rule, string PersonKey, string CaseKey), int> _contactFlags = [];
    private readonly Dictionary<Rule, int> _contactsPerRule = [];
    private readonly Func<string, bool>? _counted;

    private readonly HashSet<string> _dirtyCases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyPersons = new(StringComparer.Ordinal);

    // Persons whose flags may have changed only towards some cases: a case's change cannot touch the others.
    private readonly Dictionary<string, CaseSet> _dirtyPairs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CaseReport>> _arrivedReports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Declaration>> _arrivedDeclarations = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates an engine for <paramref name="settings"/>; with a horizon, records after it are ignored. With
    /// <paramref name="counted"/>, <see cref="CountContacts"/> counts only the contacts of the persons it accepts.
    /// </summary>
    public DetectionEngine(RuleSettings settings, DateTimeOffset? horizon = null, Func<string, bool>? counted = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _counted = counted;
        _grid = new Grid(settings.CellMetres);
        _gapMs = (long)settings.StayGap.TotalMilliseconds;
        _minOverlapMs = (long)settings.CompanionMinOverlap.TotalMilliseconds;
        _horizonMs = horizon?.ToUnixTimeMilliseconds();
        _companion = new CompanionRule(settings);
        _flightRule = new FlightRule(settings);
        _railRule = new RailRule(settings);
        _coverage = new CaseLocationCoverage(settings);
    }

    /// <summary>Records that arrived after the horizon and were ignored.</summary>
    public long BeyondHorizon { get; private set; }

    /// <summary>Pings kept, over all SIMs.</summary>
    public long PingCount { get; private set; }

    /// <summary>The rule set the engine applies.</summary>
    public RuleSettings Settings => _settings;

    /// <summary>Adds a ping; false when it was a repeat or lies beyond the horizon.</summary>
    public bool AddPing(string subscriberKey, UInt128 recordId, long observedAtMs, double lat, double lon) =>
        AddPing(subscriberKey, recordId, observedAtMs, _grid.CellOf(lat, lon));

    /// <summary>Adds a ping already placed in its cell; false when a repeat or beyond the horizon.</summary>
    public bool AddPing(string subscriberKey, UInt128 recordId, long observedAtMs, CellKey cell)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriberKey);
        if (Beyond(observedAtMs))
        {
            return false;
        }

        var track = Track(subscriberKey);
        if (!track.Insert(new TrackPing(observedAtMs, cell, recordId), out var previous, out var next))
        {
            return false;
        }

        PingCount++;
        IndexCellDay(track, new CellDay(cell, CellDay.DayOf(observedAtMs)));

        if (track.PersonKey is not { } person)
        {
            return true;
        }

        // A case's own ping changes its presences only near one of its exposure windows.
        if (_caseKeys.Contains(person) && NearExposure(person, observedAtMs))
        {
            _dirtyCases.Add(person);
        }

        // A ping can only change the stays in its own cell and its neighbours' cells, and a person matters to a
        // case only where and when the case was, so most pings end at these lookups.
        var caseCells = _casesByCell.ContainsKey(cell) || _casesByCell.ContainsKey(previous)
            || _casesByCell.ContainsKey(next);
        var otherSims = _tracksByPerson.TryGetValue(person, out var tracks) && tracks.Count > 1;

        if (otherSims
                ? caseCells || TouchesCaseCellOnOtherSims(tracks!, track, observedAtMs)
                : caseCells && ChangedStaysMeetACase(track, observedAtMs))
        {
            _dirtyPersons.Add(person);
        }

        return true;
    }

    private int RunStart(IReadOnlyList<TrackPing> pings, int index)
    {
        while (index > 0
               && StayRuns.Continues(pings[index - 1].Cell, pings[index - 1].AtMs, pings[index].Cell,
                   pings[index].AtMs, _gapMs))
        {
            index--;
        }

        return index;
    }

    private int RunEnd(IReadOnlyList<TrackPing> pings, int index)
    {
        while (index + 1 < pings.Count
               && StayRuns.Continues(pings[index].Cell, pings[index].AtMs, pings[index + 1].Cell,
                   pings[index + 1].AtMs, _gapMs))
        {
            index++;
        }

        return index;
    }

    /// <summary>Whether an instant lies within a stay gap of one of the case's exposure windows.</summary>
    private bool NearExposure(string caseKey, long atMs)
    {
        foreach (var exposure in ExposuresOf(caseKey))
        {
            if (exposure.Window.Start.ToUnixTimeMilliseconds() - _gapMs <= atMs
                && atMs <= exposure.Window.End.ToUnixTimeMilliseconds() + _gapMs)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the stays a new ping can have changed (the runs around it, before and after the insertion) meet a
    /// case presence in their cell and time: only then can the person's flags differ.
    /// </summary>
    private bool ChangedStaysMeetACase(SubscriberTrack track, long atMs)
    {
        var pings = track.Pings;

        // Pings at one instant sort by record id, so the new ping can lie anywhere among the pings at its instant:
        // [first, last] holds them all.
        var first = track.IndexOf(atMs);
        var last = track.IndexOf(atMs + 1) - 1;

        // The runs on either side of the new ping may have been one run before it split them; walking outwards
        // from its neighbours covers the runs before and after the insertion alike.
        var lowest = RunStart(pings, Math.Max(0, first - 1));
        var highest = RunEnd(pings, Math.Min(pings.Count - 1, last + 1));
        var from = pings[lowest].AtMs;
        var to = pings[highest].AtMs;

        for (var i = lowest; i <= highest; i++)
        {
            if (_casesByCell.TryGetValue(pings[i].Cell, out var entries)
                && entries.Exists(e => e.StartMs <= to && e.EndMs >= from))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Stays are a person's, across all their SIMs, so a ping on one SIM can split a stay made of another SIM's
    /// pings: checks the pings of the person's other SIMs on either side of the new one.
    /// </summary>
    private bool TouchesCaseCellOnOtherSims(List<SubscriberTrack> tracks, SubscriberTrack track, long atMs)
    {
        foreach (var other in tracks)
        {
            if (other != track && other.NeighbourCells(atMs).Any(_casesByCell.ContainsKey))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a SIM registration; false when it was a repeat or lies beyond the horizon.</summary>
    public bool Add(SubscriberRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Beyond(registration.RegisteredAt) || !_seenRecords.Add(registration.RecordId))
        {
            return false;
        }

        var track = Track(registration.SubscriberKey);
        var previous = track.PersonKey;
        if (!track.Register(registration))
        {
            return true;
        }

        if (previous is not null)
        {
            _tracksByPerson[previous].Remove(track);
            Touch(previous);
        }

        ListOf(_tracksByPerson, registration.PersonKey).Add(track);
        Touch(registration.PersonKey);
        return true;
    }

    /// <summary>Adds a case report; false when it was a repeat or lies beyond the horizon.</summary>
    public bool Add(CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Beyond(report.ReportedAt) || !_seenRecords.Add(report.RecordId))
        {
            return false;
        }

        ListOf(_reports, report.PersonKey).Add(report);
        _exposures.Remove(report.PersonKey);
        ListOf(_arrivedReports, report.PersonKey).Add(report);
        if (report.IsCase)
        {
            _caseKeys.Add(report.PersonKey);
        }

        _dirtyCases.Add(report.PersonKey);
        return true;
    }

    /// <summary>Adds a case location; false when it was a repeat or lies beyond the horizon.</summary>
    public bool Add(CaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (Beyond(location.From) || !_seenRecords.Add(location.RecordId))
        {
            return false;
        }

        ListOf(_locations, location.CaseKey).Add(location);
        _dirtyCases.Add(location.CaseKey);
        return true;
    }

    /// <summary>Adds a flight manifest record; false when it was a repeat or lies beyond the horizon.</summary>
    public bool Add(FlightTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        if (Beyond(trip.DepartsAt) || !_seenRecords.Add(trip.RecordId))
        {
            return false;
        }

        AddTrip(_flights, trip, trip.PersonKey);
        return true;
    }

    /// <summary>Adds a rail manifest record; false when it was a repeat or lies beyond the horizon.</summary>
    public bool Add(RailTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        if (Beyond(trip.DepartsAt) || !_seenRecords.Add(trip.RecordId))
        {
            return false;
        }

        AddTrip(_rail, trip, trip.PersonKey);
        return true;
    }

    /// <summary>Adds a health declaration; false when it was a repeat or lies beyond the horizon.</summary>
    public bool Add(Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (Beyond(declaration.DeclaredAt) || !_seenRecords.Add(declaration.RecordId))
        {
            return false;
        }

        ListOf(_arrivedDeclarations, declaration.PersonKey).Add(declaration);
        return true;
    }

    /// <summary>
    /// Recomputes what the records added since the last step changed and returns one update per person affected,
    /// ordered by person key.
    /// </summary>
    public IReadOnlyList<PersonUpdate> Step()
    {
        foreach (var caseKey in _dirtyCases.Order(StringComparer.Ordinal).ToList())
        {
            RecomputeCase(caseKey);
        }

        _dirtyCases.Clear();

        var changedFlags = new Dictionary<string, IReadOnlyList<ContactFlag>>(StringComparer.Ordinal);
        var withdrawn = new Dictionary<string, IReadOnlyList<ContactFlag>>(StringComparer.Ordinal);
        var raised = new Dictionary<string, IReadOnlyList<ContactFlag>>(StringComparer.Ordinal);
        var dirty = _dirtyPersons.Select(p => (Person: p, Cases: (CaseSet?)null))
            .Concat(_dirtyPairs
                .Where(p => !_dirtyPersons.Contains(p.Key))
                .Select(p => (p.Key, (CaseSet?)p.Value)))
            .ToList();
        var computed = ComputeFlags(dirty);
        for (var i = 0; i < dirty.Count; i++)
        {
            var (person, cases) = dirty[i];
            if (Recompute(person, cases, computed[i]) is { } change)
            {
                changedFlags[person] = change.Flags;
                withdrawn[person] = change.Withdrawn;
                raised[person] = change.Raised;
            }
        }

        _dirtyPersons.Clear();
        _dirtyPairs.Clear();

        var persons = changedFlags.Keys
            .Concat(_arrivedReports.Keys)
            .Concat(_arrivedDeclarations.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var updates = persons
            .Select(p => new PersonUpdate(
                p,
                changedFlags.GetValueOrDefault(p),
                _arrivedReports.GetValueOrDefault(p) ?? [],
                _arrivedDeclarations.GetValueOrDefault(p) ?? [],
                withdrawn.GetValueOrDefault(p) ?? [],
                raised.GetValueOrDefault(p) ?? []))
            .ToList();

        _arrivedReports.Clear();
        _arrivedDeclarations.Clear();
        return updates;
    }

    /// <summary>
    /// The current flags of a person in canonical order (by case key, then by evidence); empty when none.
    /// </summary>
    public IReadOnlyList<ContactFlag> FlagsOf(string personKey) =>
        _flags.TryGetValue(personKey, out var byCase) ? [.. byCase.Values.SelectMany(flags => flags)] : [];

    /// <summary>
    /// Distinct (person, case) contacts per rule, over every current flag of the persons counted (all by default).
    /// </summary>
    public IReadOnlyList<ContactCount> CountContacts() =>
    [
        .. _contactsPerRule
            .Where(c => c.Value > 0)
            .OrderBy(c => c.Key)
            .Select(c => new ContactCount(c.Key, c.Value)),
    ];

    /// <summary>Every distinct (rule, person, case) of the current flags, ordered by rule, person and case.</summary>
    public IReadOnlyList<(Rule Rule, string PersonKey, string CaseKey)> ContactPairs() =>
    [
        .. _contactFlags.Keys
            .OrderBy(p => p.Rule)
            .ThenBy(p => p.PersonKey, StringComparer.Ordinal)
            .ThenBy(p => p.CaseKey, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Everything the engine holds of some SIMs (their registrations and pings) and of some persons' trips, as
    /// records another engine can add: how a partition hands a SIM or a case to the others.
    /// </summary>
    public PartitionRecords Export(IEnumerable<string> subscriberKeys, IEnumerable<string> travellers)
    {
        ArgumentNullException.ThrowIfNull(subscriberKeys);
        ArgumentNullException.ThrowIfNull(travellers);
        var records = new PartitionRecords();

        foreach (var key in subscriberKeys.Distinct(StringComparer.Ordinal))
        {
            if (!_tracks.TryGetValue(key, out var track))
            {
                continue;
            }

            records.Registrations.AddRange(track.Registrations);
            foreach (var ping in track.Pings)
            {
                records.Pings.Add(new RoutedPing(key, ping.RecordId, ping.AtMs, ping.Cell.Packed));
            }
        }

        foreach (var person in travellers.Distinct(StringComparer.Ordinal))
        {
            records.Flights.AddRange(_flights.TripsOf(person));
            records.Rails.AddRange(_rail.TripsOf(person));
        }

        return records;
    }

    /// <summary>
    /// Drops a SIM with its pings and registrations, as if they had never arrived: a partition forgets a SIM once
    /// another holds it, and must accept its registrations again should it come back.
    /// </summary>
    public void Forget(string subscriberKey)
    {
        if (!_tracks.Remove(subscriberKey, out var track))
        {
            return;
        }

        if (track.PersonKey is { } person)
        {
            _tracksByPerson[person].Remove(track);
            Touch(person);
        }

        foreach (var bucket in track.Pings.Select(p => new CellDay(p.Cell, CellDay.DayOf(p.AtMs))).Distinct())
        {
            if (_cellDays.TryGetValue(bucket, out var tracks))
            {
                tracks.RemoveAll(t => t == track);
            }
        }

        foreach (var registration in track.Registrations)
        {
            _seenRecords.Remove(registration.RecordId);
        }

        PingCount -= track.Pings.Count;
    }

    /// <summary>The pings of the SIMs that <paramref name="include"/> accepts, given the SIM and its owner.</summary>
    public long CountPings(Func<string, string?, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        return _tracks.Values.Where(t => include(t.SubscriberKey, t.PersonKey)).Sum(t => (long)t.Pings.Count);
    }

    private bool Beyond(DateTimeOffset instant) => Beyond(instant.ToUnixTimeMilliseconds());

    private bool Beyond(long atMs)
    {
        if (_horizonMs is { } horizon && atMs > horizon)
        {
            BeyondHorizon++;
            return true;
        }

        return false;
    }

    private SubscriberTrack Track(string subscriberKey)
    {
        if (!_tracks.TryGetValue(subscriberKey, out var track))
        {
            track = new SubscriberTrack(subscriberKey);
            _tracks.Add(subscriberKey, track);
        }

        return track;
    }

    private void IndexCellDay(SubscriberTrack track, CellDay bucket)
    {
        // A SIM's pings mostly come in time order and stay in a cell for a while, so one entry per run is enough;
        // a repeat after a detour only costs a duplicate candidate.
        if (track.LastIndexed == bucket)
        {
            return;
        }

        track.LastIndexed = bucket;
        ListOf(_cellDays, bucket).Add(track);
    }

    private void AddTrip<T>(TravelIndex<T> index, T trip, string personKey)
        where T : class
    {
        index.Add(trip);

        if (_caseKeys.Contains(personKey))
        {
            _dirtyCases.Add(personKey);
        }

        if (index.OnServiceOf(trip).Any(t => _caseKeys.Contains(index.PersonOf(t))))
        {
            _dirtyPersons.Add(personKey);
        }
    }

    /// <summary>Marks a person whose SIMs changed: as a possible contact, and as a case if they are one.</summary>
    private void Touch(string personKey)
    {
        _dirtyPersons.Add(personKey);
        if (_caseKeys.Contains(personKey))
        {
            _dirtyCases.Add(personKey);
        }
    }

    private IReadOnlyList<CaseExposure> ExposuresOf(string caseKey)
    {
        if (_exposures.TryGetValue(caseKey, out var cached))
        {
            return cached;
        }

        IReadOnlyList<CaseExposure> exposures = _reports.TryGetValue(caseKey, out var reports)
            ? reports
                .Where(r => r.IsCase)
                .OrderBy(r => r.RecordId, StringComparer.Ordinal)
                .Select(r => CaseExposure.Of(r, _settings)!)
                .ToList()
            : [];
        _exposures[caseKey] = exposures;
        return exposures;
    }

    /// <summary>
    /// Rebuilds one case's presences in the cell index and marks everyone a presence that appeared or went away
    /// may concern; when its windows or trips changed, also every fellow passenger.
    /// </summary>
    private void RecomputeCase(string caseKey)
    {
        var old = _casePresences.GetValueOrDefault(caseKey) ?? [];
        var exposures = ExposuresOf(caseKey);
        var entries = new List<CasePresence>();

        if (exposures.Count > 0)
        {
            var presences = PresencesOf(caseKey);
            foreach (var exposure in exposures)
            {
                foreach (var presence in presences)
                {
                    if (exposure.Clip(presence) is { } clipped)
                    {
                        entries.Add(new CasePresence(exposure, clipped));
                    }
                }
            }
        }

        var kept = new HashSet<CasePresence>(entries);
        var changed = new List<CasePresence>();
        foreach (var entry in old.Where(e => !kept.Remove(e)))
        {
            var inCell = _casesByCell[entry.Presence.Cell];
            inCell.Remove(entry);
            if (inCell.Count == 0)
            {
                _casesByCell.Remove(entry.Presence.Cell);
            }

            changed.Add(entry);
        }

        // What is left in the set was not there before.
        foreach (var entry in entries.Where(kept.Contains))
        {
            ListOf(_casesByCell, entry.Presence.Cell).Add(entry);
            changed.Add(entry);
        }

        MarkCandidates(changed);

        _casePresences[caseKey] = entries;
        MarkFellowPassengers(caseKey, exposures);
    }

    /// <summary>Marks everyone on the case's services when its exposure windows or its trips changed.</summary>
    private void MarkFellowPassengers(string caseKey, IReadOnlyList<CaseExposure> exposures)
    {
        var flights = _flights.TripsOf(caseKey);
        var rail = _rail.TripsOf(caseKey);
        var signature = $"{string.Join(',', exposures.Select(e => e.Report.RecordId))}|{flights.Count}|{rail.Count}";
        if (_travelSignatures.GetValueOrDefault(caseKey) == signature)
        {
            return;
        }

        _travelSignatures[caseKey] = signature;
        foreach (var trip in flights)
        {
            MarkPairs(_flights.OnServiceOf(trip).Select(_flights.PersonOf), caseKey);
        }

        foreach (var trip in rail)
        {
            MarkPairs(_rail.OnServiceOf(trip).Select(_rail.PersonOf), caseKey);
        }
    }

    private void MarkPairs(IEnumerable<string> persons, string caseKey)
    {
        foreach (var person in persons)
        {
            MarkPair(person, caseKey);
        }
    }

    private void MarkPair(string person, string caseKey)
    {
        if (_dirtyPersons.Contains(person))
        {
            return;
        }

        if (_dirtyPairs.TryGetValue(person, out var cases))
        {
            cases.Add(caseKey);
        }
        else
        {
            _dirtyPairs.Add(person, new CaseSet(caseKey));
        }
    }

    /// <summary>The case's stays (from every SIM registered to it) and its case-location cells.</summary>
    private List<Presence> PresencesOf(string caseKey)
    {
        var presences = new List<Presence>();

        var pings = PingsOf(caseKey);
        foreach (var (first, last) in StayRuns.Split(pings.Count, i => pings[i].AtMs, i => pings[i].Cell, _gapMs))
        {
            presences.Add(StayOf(caseKey, pings, first, last));
        }

        foreach (var location in _locations.GetValueOrDefault(caseKey) ?? [])
        {
            presences.AddRange(_coverage.Cover(location));
        }

        return presences;
    }

    /// <summary>
    /// Marks, towards each entry's case, every person with a ping in the entry's cell on a day that a stay
    /// overlapping it must touch: a stay that overlaps [from, to] has a ping inside it or, its pings being at most
    /// the stay gap apart, in the gap before it.
    /// </summary>
    /// <remarks>
    /// Only reads the indexes, so a new case's presences (a few hundred over two weeks) are searched on all cores,
    /// and the persons found are marked afterwards in the presences' order: the same marks, in the same order, as
    /// one search after another. It was a third of a new case's step on one thread (a profile of risk-e2e).
    /// </remarks>
    private void MarkCandidates(List<CasePresence> entries)
    {
        var found = new List<string>[entries.Count];
        var firstSearch = _searches + 1;
        _searches += entries.Count;
        if (entries.Count < ParallelSearchFrom)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                found[i] = CandidatesOf(entries[i], firstSearch + i);
            }
        }
        else
        {
            Parallel.For(0, entries.Count, i => found[i] = CandidatesOf(entries[i], firstSearch + i));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var person in found[i])
            {
                MarkPair(person, entries[i].CaseKey);
            }
        }
    }

    /// <summary>The persons other than the case with a ping in the entry's cell and span, in index order.</summary>
    private List<string> CandidatesOf(CasePresence entry, long search)
    {
        var found = new List<string>();
        var firstDay = CellDay.DayOf(entry.StartMs - _gapMs);
        var lastDay = CellDay.DayOf(entry.EndMs);

        // A SIM that keeps crossing a cell's edge is in its cell-day list once per run of pings, and the answer is
        // the same each time: at 100,000 people × 14 days the lists held at least 75 million entries (a gcdump),
        // many times the SIMs' distinct cell-days, and the search was the largest part of a new case's step. Each
        // search has its own number; searches running side by side may overwrite each other's, which costs only
        // a repeated look at a track, since marking a person twice changes nothing.
        for (var day = firstDay; day <= lastDay; day++)
        {
            if (!_cellDays.TryGetValue(new CellDay(entry.Presence.Cell, day), out var tracks))
            {
                continue;
            }

            foreach (var track in tracks)
            {
                if (track.SearchedIn == search)
                {
                    continue;
                }

                track.SearchedIn = search;
                if (track.PersonKey is { } person && person != entry.CaseKey
                    && track.HasPingIn(entry.Presence.Cell, entry.StartMs - _gapMs, entry.EndMs))
                {
                    found.Add(person);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The flags each marked person has now towards its marked cases (all cases when null), in the order given.
    /// </summary>
    /// <remarks>
    /// Only reads the indexes, so a large step spreads it over the cores: a new case with two weeks of history
    /// marks thousands of people at once, and this is most of what that step costs. The results are applied in
    /// order afterwards, so they never depend on how the work was split.
    /// </remarks>
    private List<ContactFlag>[] ComputeFlags(List<(string Person, CaseSet? Cases)> dirty)
    {
        var computed = new List<ContactFlag>[dirty.Count];
        var caseCells = CellsOfCases(dirty.Where(d => d.Cases is not null).SelectMany(d => d.Cases!));
        if (dirty.Count < ParallelFrom)
        {
            for (var i = 0; i < dirty.Count; i++)
            {
                computed[i] = ComputeFlags(dirty[i].Person, dirty[i].Cases, caseCells);
            }

            return computed;
        }

        // ExposuresOf fills a cache on first use; filled here, the parallel readers below never write it.
        foreach (var caseKey in _caseKeys)
        {
            ExposuresOf(caseKey);
        }

        Parallel.For(0, dirty.Count,
            i => computed[i] = ComputeFlags(dirty[i].Person, dirty[i].Cases, caseCells));
        return computed;
    }

    /// <summary>Each of <paramref name="caseKeys"/>'s presences by cell, for the persons marked towards it.</summary>
    /// <remarks>
    /// A cell of the shared index holds every case's presences there: a person marked towards one new case went
    /// through all of them for each of their stays, which made a step slower with every case reported before.
    /// </remarks>
    private Dictionary<string, Dictionary<CellKey, List<CasePresence>>> CellsOfCases(IEnumerable<string> caseKeys)
    {
        var cells = new Dictionary<string, Dictionary<CellKey, List<CasePresence>>>(StringComparer.Ordinal);
        foreach (var caseKey in caseKeys)
        {
            if (cells.ContainsKey(caseKey))
            {
                continue;
            }

            var byCell = new Dictionary<CellKey, List<CasePresence>>();
            foreach (var entry in _casePresences.GetValueOrDefault(caseKey) ?? [])
            {
                ListOf(byCell, entry.Presence.Cell).Add(entry);
            }

            cells[caseKey] = byCell;
        }

        return cells;
    }

    private List<ContactFlag> ComputeFlags(string personKey, CaseSet? cases,
        Dictionary<string, Dictionary<CellKey, List<CasePresence>>> caseCells)
    {
        var computed = new List<ContactFlag>();
        AddCompanionFlags(personKey, cases, caseCells, computed);
        AddTravelFlags(personKey, cases, _flights, (e, c, p) => _flightRule.Evaluate(e, c, p), computed);
        AddTravelFlags(personKey, cases, _rail, (e, c, p) => _railRule.Evaluate(e, c, p), computed);
        return computed;
    }

    /// <summary>
    /// Replaces a person's flags towards <paramref name="cases"/> (all cases when null) with
    /// <paramref name="computed"/> and keeps those towards the others; the new set when it differs from the last
    /// one, else null.
    /// </summary>
    /// <remarks>
    /// This runs for every marked person, some 20,000 a case, so it works on the computed list in place: sorted by
    /// case and then canonically, each case's run is that case's new set, and the old and new sets are compared in
    /// one walk through both. Grouping, a dictionary and two set differences per person were among the largest
    /// makers of objects in a case (risk-e2e allocation samples), and every object is more work for the GC.
    /// </remarks>
    private FlagChange? Recompute(string personKey, CaseSet? cases, List<ContactFlag> computed)
    {
        computed.Sort(CompareByCase);
        _flags.TryGetValue(personKey, out var byCase);
        var change = new ChangeBuilder();

        for (var start = 0; start < computed.Count;)
        {
            var caseKey = computed[start].Evidence.CaseKey!;
            var end = start + 1;
            while (end < computed.Count && computed[end].Evidence.CaseKey == caseKey)
            {
                end++;
            }

            if (cases is null || cases.Contains(caseKey))
            {
                byCase = Replace(personKey, byCase, caseKey, DistinctRun(computed, start, end), ref change);
            }

            start = end;
        }

        // A case in scope that no computed flag points to loses every flag the person had towards it.
        if (byCase is not null)
        {
            List<string>? emptied = null;
            foreach (var caseKey in cases ?? (IEnumerable<string>)byCase.Keys)
            {
                if (byCase.ContainsKey(caseKey) && !HasCase(computed, caseKey))
                {
                    (emptied ??= []).Add(caseKey);
                }
            }

            foreach (var caseKey in emptied ?? [])
            {
                byCase = Replace(personKey, byCase, caseKey, [], ref change);
            }
        }

        if (!change.Changed)
        {
            return null;
        }

        if (byCase!.Count == 0)
        {
            _flags.Remove(personKey);
        }

        return new FlagChange(FlagsOf(personKey), change.Withdrawn ?? [], change.Raised ?? []);
    }

    /// <summary>Sets the person's flags towards one case to <paramref name="after"/>, noting what changed.</summary>
    private SortedDictionary<string, IReadOnlyList<ContactFlag>>? Replace(string personKey,
        SortedDictionary<string, IReadOnlyList<ContactFlag>>? byCase, string caseKey, ContactFlag[] after,
        ref ChangeBuilder change)
    {
        var before = byCase?.GetValueOrDefault(caseKey) ?? [];
        if (before.SequenceEqual(after))
        {
            return byCase;
        }

        change.Changed = true;
        CountFlags(before, -1);
        CountFlags(after, +1);
        AddDifferences(before, after, change.Withdrawn ??= [], change.Raised ??= []);
        byCase ??= NewCaseFlags(personKey);
        if (after.Length == 0)
        {
            byCase.Remove(caseKey);
        }
        else
        {
            byCase[caseKey] = after;
        }

        return byCase;
    }

    /// <summary>
    /// Adds the flags only <paramref name="before"/> holds to <paramref name="withdrawn"/> and those only
    /// <paramref name="after"/> holds to <paramref name="raised"/>, each in its list's order.
    /// </summary>
    private static void AddDifferences(IReadOnlyList<ContactFlag> before, IReadOnlyList<ContactFlag> after,
        List<ContactFlag> withdrawn, List<ContactFlag> raised)
    {
        var (withdrawnBefore, raisedBefore) = (withdrawn.Count, raised.Count);
        var (i, j) = (0, 0);

        // Both are canonical, sorted by the total order over evidence, so one walk pairs the flags they share.
        while (i < before.Count && j < after.Count)
        {
            var order = CompareFlags(before[i], after[j]);
            if (order == 0 && !before[i].Equals(after[j]))
            {
                // Two different flags with the same evidence: the walk cannot pair them, so compare as sets.
                withdrawn.RemoveRange(withdrawnBefore, withdrawn.Count - withdrawnBefore);
                raised.RemoveRange(raisedBefore, raised.Count - raisedBefore);
                withdrawn.AddRange(before.Except(after));
                raised.AddRange(after.Except(before));
                return;
            }

            if (order < 0)
            {
                withdrawn.Add(before[i++]);
            }
            else if (order > 0)
            {
                raised.Add(after[j++]);
            }
            else
            {
                (i, j) = (i + 1, j + 1);
            }
        }

        for (; i < before.Count; i++)
        {
            withdrawn.Add(before[i]);
        }

        for (; j < after.Count; j++)
        {
            raised.Add(after[j]);
        }
    }

    /// <summary>The flags of <paramref name="sorted"/>[start, end) without repeats, in their order.</summary>
    private static ContactFlag[] DistinctRun(List<ContactFlag> sorted, int start, int end)
    {
        // Equal flags have equal evidence, so a flag's repeats sit in its block of flags that compare as equal.
        var run = new ContactFlag[end - start];
        var kept = 0;
        for (var i = start; i < end; i++)
        {
            if (!IsRepeat(sorted, start, i))
            {
                run[kept++] = sorted[i];
            }
        }

        // Repeats are rare, so the array is cut down only when there were some.
        if (kept < run.Length)
        {
            Array.Resize(ref run, kept);
        }

        return run;
    }

    private static bool IsRepeat(List<ContactFlag> sorted, int start, int index)
    {
        for (var j = index - 1; j >= start && CompareFlags(sorted[j], sorted[index]) == 0; j--)
        {
            if (sorted[j].Equals(sorted[index]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="sorted"/>, ordered by case key, holds a flag towards the case.</summary>
    private static bool HasCase(List<ContactFlag> sorted, string caseKey)
    {
        var (low, high) = (0, sorted.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(sorted[middle].Evidence.CaseKey, caseKey);
            if (order == 0)
            {
                return true;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return false;
    }

    private static int CompareByCase(ContactFlag a, ContactFlag b)
    {
        var byCase = string.CompareOrdinal(a.Evidence.CaseKey, b.Evidence.CaseKey);
        return byCase != 0 ? byCase : CompareFlags(a, b);
    }

    /// <summary>What one recompute changed, its lists made only when something did.</summary>
    private struct ChangeBuilder
    {
        public bool Changed;
        public List<ContactFlag>? Withdrawn;
        public List<ContactFlag>? Raised;
    }

    /// <summary>Adds <paramref name="sign"/> for each of <paramref name="flags"/> to its contact's count.</summary>
    private void CountFlags(IReadOnlyList<ContactFlag> flags, int sign)
    {
        foreach (var flag in flags)
        {
            var pair = (flag.Evidence.Rule, flag.PersonKey, flag.Evidence.CaseKey!);
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_contactFlags, pair, out _);
            var was = count;
            count += sign;

            if (count == 0)
            {
                _contactFlags.Remove(pair);
            }

            // A contact counts while at least one flag stands behind it.
            if ((was == 0) != (count == 0) && (_counted is null || _counted(flag.PersonKey)))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_contactsPerRule, pair.Rule, out _) += count == 0 ? -1 : 1;
            }
        }
    }

    private SortedDictionary<string, IReadOnlyList<ContactFlag>> NewCaseFlags(string personKey)
    {
        var byCase = new SortedDictionary<string, IReadOnlyList<ContactFlag>>(StringComparer.Ordinal);
        _flags[personKey] = byCase;
        return byCase;
    }

    private static int CompareFlags(ContactFlag a, ContactFlag b) => Evidence.Compare(a.Evidence, b.Evidence);

    private void AddCompanionFlags(string personKey, CaseSet? cases,
        Dictionary<string, Dictionary<CellKey, List<CasePresence>>> caseCells, List<ContactFlag> flags)
    {
        var pings = PingsOf(personKey);

        // The stay rule inlined (StayRuns.Continues): this loop runs over every ping of every person a case may
        // concern, and an iterator with two delegates per ping was most of its cost.
        var first = 0;
        for (var next = 1; next <= pings.Count; next++)
        {
            if (next < pings.Count && StayRuns.Continues(
                    pings[next - 1].Cell, pings[next - 1].AtMs, pings[next].Cell, pings[next].AtMs, _gapMs))
            {
                continue;
            }

            var last = next - 1;
            var start = first;
            first = next;
            AddStayFlags(personKey, cases, caseCells, pings, start, last, flags);
        }
    }

    /// <summary>
    /// The flags of one stay, pings [first, last], against the presences in its cell of the cases given (of every
    /// case when null).
    /// </summary>
    private void AddStayFlags(string personKey, CaseSet? cases,
        Dictionary<string, Dictionary<CellKey, List<CasePresence>>> caseCells, IReadOnlyList<TrackPing> pings,
        int first, int last, List<ContactFlag> flags)
    {
        var cell = pings[first].Cell;
        Presence? stay = null;
        if (cases is null)
        {
            if (_casesByCell.TryGetValue(cell, out var all))
            {
                AddStayFlags(personKey, all, pings, first, last, ref stay, flags);
            }

            return;
        }

        foreach (var caseKey in cases)
        {
            if (caseCells[caseKey].TryGetValue(cell, out var entries))
            {
                AddStayFlags(personKey, entries, pings, first, last, ref stay, flags);
            }
        }
    }

    private void AddStayFlags(string personKey, List<CasePresence> entries, IReadOnlyList<TrackPing> pings,
        int first, int last, ref Presence? stay, List<ContactFlag> flags)
    {
        foreach (var entry in entries)
        {
            // Cheap arithmetic first: building the stay with its record ids is only worth it for a match.
            var shared = Math.Min(entry.EndMs, pings[last].AtMs) - Math.Max(entry.StartMs, pings[first].AtMs);
            if (shared < _minOverlapMs || entry.CaseKey == personKey)
            {
                continue;
            }

            stay ??= StayOf(personKey, pings, first, last);
            if (_companion.EvaluatePair(entry.Exposure, entry.Presence, entry.Place, stay) is { } flag)
            {
                flags.Add(flag);
            }
        }
    }

    /// <summary>A person's pings over all their SIMs in time order: the sequence the stay rule runs over.</summary>
    private IReadOnlyList<TrackPing> PingsOf(string personKey)
    {
        var tracks = _tracksByPerson.GetValueOrDefault(personKey);
        if (tracks is null || tracks.Count == 0)
        {
            return [];
        }

        if (tracks.Count == 1)
        {
            return tracks[0].Pings;
        }

        // Two SIMs can carry the same record only if ingest saw the same line twice; the ids keep such a ping once.
        var merged = tracks.SelectMany(t => t.Pings).DistinctBy(p => p.RecordId).ToList();
        merged.Sort(TrackPing.Compare);
        return merged;
    }

    private void AddTravelFlags<T>(string personKey, CaseSet? cases, TravelIndex<T> index,
        Func<CaseExposure, T, T, ContactFlag?> evaluate, List<ContactFlag> flags)
        where T : class
    {
        foreach (var trip in index.TripsOf(personKey))
        {
            foreach (var caseTrip in index.OnServiceOf(trip))
            {
                var caseKey = index.PersonOf(caseTrip);
                var outside = cases is not null && !cases.Contains(caseKey);
                if (caseKey == personKey || !_caseKeys.Contains(caseKey) || outside)
                {
                    continue;
                }

                foreach (var exposure in ExposuresOf(caseKey))
                {
                    if (evaluate(exposure, caseTrip, trip) is { } flag)
                    {
                        flags.Add(flag);
                    }
                }
            }
        }
    }

    private static Presence StayOf(string personKey, IReadOnlyList<TrackPing> pings, int first, int last)
    {
        // The ids stay values (PackedRecordIds): as hex strings every ping of every stay a case touched was a new
        // object the flags kept alive. They are cut from blocks the GC does not copy (RecordIdBlocks).
        var numbers = RecordIdBlocks.Take(last - first + 1);
        for (var i = first; i <= last; i++)
        {
            numbers[i - first] = pings[i].RecordId;
        }

        numbers.AsSpan().Sort();
        var span = new Interval(
            DateTimeOffset.FromUnixTimeMilliseconds(pings[first].AtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(pings[last].AtMs));
        return new Presence(personKey, pings[first].Cell, span, RecordIdSet.Adopt(numbers));
    }

    private static List<TValue> ListOf<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        return list;
    }
}
