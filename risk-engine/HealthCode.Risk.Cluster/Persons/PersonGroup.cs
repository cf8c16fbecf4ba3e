using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Codes;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// The event-sourced entity of a group of persons (those whose key hashes to it): keeps each person's flags, case
/// reports and declarations, evaluates their codes on the engine clock after every update, journals the facts and
/// every colour change, and has each colour change published on <c>code-changes</c>.
/// </summary>
/// <remarks>
/// <para>
/// Persons live in groups, not one entity each, because a new case changes thousands of codes at once: started and
/// recovered one by one, each person cost the journal's round trips (about 1.5 ms on two cores, whether or not it
/// had anything journaled), which bound a case's latency to seconds. A group journals one event per update for all
/// the persons the update touched, and stays in memory.
/// </para>
/// <para>
/// An update is acknowledged only when its facts are journaled and the changes it made are on the topic, so a
/// detector that commits Kafka offsets after the acks never commits past a change that could be lost.
/// </para>
/// <para>
/// Retention: with <see cref="PersonSettings.Retention"/> set, a green person whose every fact is older than it
/// loses them all (flags, reports, declarations); only the last change's colour and sequence stay, so the next
/// change counts on. The events and snapshots that held the facts are deleted once the next snapshot is saved.
/// </para>
/// <para>
/// A change is journaled before it is published (an outbox): recovery republishes every change not yet confirmed,
/// so a crash between the two loses nothing. A crash after the topic's acknowledgement and before the journaled
/// confirmation publishes that change twice; consumers keep one per (person key, sequence). Confirmations go with
/// the group's next event, or alone after <see cref="PersonSettings.DeliveriesJournaledWithin"/>: journaled at
/// once, they were an event per group and case beside its update, half of the journal's writes while a case's
/// later groups waited for theirs (risk-e2e).
/// </para>
/// </remarks>
public sealed class PersonGroup : ReceivePersistentActor, IWithTimers
{
    private const string TimerKey = "quarantine";
    private const string RetentionTimerKey = "retention";
    private const string DeliveriesTimerKey = "deliveries";

    private readonly string _groupId;
    private readonly int _group;
    private readonly PersonSettings _settings;
    private readonly CodeEvaluator _evaluator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, PersonEntry> _persons = new(StringComparer.Ordinal);

    // When each person's code is next due to change on a moving clock, earliest first (keys compared ordinally:
    // the default tuple comparer would compare them by culture).
    private readonly SortedSet<(long DueMs, string PersonKey)> _due = new(Comparer<(long DueMs, string PersonKey)>
        .Create((a, b) => a.DueMs != b.DueMs
            ? a.DueMs.CompareTo(b.DueMs)
            : string.CompareOrdinal(a.PersonKey, b.PersonKey)));
    private readonly Dictionary<string, long> _dueOf = new(StringComparer.Ordinal);

    // Code changes published and not yet delivered, one round per journaled update.
    private readonly List<Round> _rounds = [];

    // Deliveries not yet journaled: they go with the next event (GroupChanged), or alone after a while.
    private readonly List<PublishedUpTo> _deliveries = [];

    /// <summary>Creates the entity of the group with entity id <paramref name="groupId"/>.</summary>
    public PersonGroup(string groupId, PersonSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentNullException.ThrowIfNull(settings);
        _groupId = groupId;
        _group = int.Parse(groupId, NumberStyles.None, CultureInfo.InvariantCulture);
        _settings = settings;
        _evaluator = new CodeEvaluator(settings.Rules);

        Recovering();
        Active();

        if (settings.IdleAfter is { } idle)
        {
            Context.SetReceiveTimeout(idle);
        }
    }

    /// <inheritdoc/>
    public override string PersistenceId => PersistenceIdOf(_groupId);

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The message a shard stops its groups with when it hands them off or the node leaves: a group journals its
    /// deliveries first, so that a graceful stop republishes nothing.
    /// </summary>
    public static object HandOffStop => StopEntity.Instance;

    /// <summary>The journal id of the group <paramref name="groupId"/>.</summary>
    public static string PersistenceIdOf(string groupId) => "persons-" + groupId;

    /// <summary>The props of the entity of the group <paramref name="groupId"/>.</summary>
    public static Props Props(string groupId, PersonSettings settings) =>
        Akka.Actor.Props.Create(() => new PersonGroup(groupId, settings));

    private void Recovering()
    {
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is GroupSnapshot snapshot)
            {
                _persons.Clear();
                foreach (var person in snapshot.Persons)
                {
                    _persons[person.PersonKey] = new PersonEntry(person.State);
                }
            }
        });
        Recover<GroupChanged>(changed =>
        {
            Apply(changed.Published);
            foreach (var change in changed.Changes)
            {
                EntryOf(change.PersonKey).Apply(change.Changed);
            }
        });
        Recover<GroupPublished>(Apply);
        Recover<GroupForgot>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            // Changes journaled before a crash but never confirmed go out again; the topic's key deduplicates.
            var unpublished = _persons
                .SelectMany(p => p.Value.State.Unpublished.Select(c => (p.Key, Change: c)))
                .ToList();
            Publish(unpublished, ActorRefs.Nobody);

            var now = _settings.Clock.Now();
            foreach (var (key, person) in _persons)
            {
                SetDue(key, Evaluate(key, person.State, now), now);
            }

            ScheduleTimer();
            if (_settings.Retention is not null && !_settings.Clock.IsFixed)
            {
                Timers.StartPeriodicTimer(RetentionTimerKey, SweepRetention.Instance, _settings.RetentionSweepEvery);
            }
        });
    }

    private void Active()
    {
        Command<UpdatePersons>(OnUpdate);
        Command<ReevaluateDue>(_ => OnDue());
        Command<SweepRetention>(_ => OnSweep());
        Command<JournalDeliveries>(_ => OnJournalDeliveries());
        Command<CodeChangeDelivered>(OnDelivered);
        Command<GetCode>(ask =>
        {
            var state = StateOf(ask.PersonKey);
            Sender.Tell(new CodeAck(ask.PersonKey, Evaluate(ask.PersonKey, state, _settings.Clock.Now()),
                state.LastSequence));
        });
        Command<GetState>(ask => Sender.Tell(new StateAck(ask.PersonKey, StateOf(ask.PersonKey), LastSequenceNr)));
        Command<ReceiveTimeout>(_ => OnIdle());
        Command<StopEntity>(_ => OnStop());

        // Once a snapshot holds everything, the events before it and older snapshots go: forgotten facts must not
        // stay in the journal.
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning(
            failure.Cause, "Deleting journaled events of {0} up to {1} failed; they stay in the journal",
            PersistenceId, failure.ToSequenceNr));
        Command<SaveSnapshotFailure>(failure => _log.Warning(
            failure.Cause,
            "Snapshot of {0} at sequence {1} failed; recovery replays more events until the next one succeeds",
            PersistenceId,
            failure.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(
            failure.Cause, "Deleting old snapshots of {0} failed; they stay in the snapshot table", PersistenceId));
    }

    private void OnUpdate(UpdatePersons update)
    {
        var now = _settings.Clock.Now();
        var changes = new List<(PersonChange, CodeState)>();

        // Several updates of one person in a message count as one: the last flag set, all reports and declarations.
        foreach (var merged in update.Updates.GroupBy(u => u.PersonKey, StringComparer.Ordinal).Select(Merge))
        {
            var entry = _persons.GetValueOrDefault(merged.PersonKey) ?? new PersonEntry(PersonState.Empty);
            var (change, code) = Decide(merged.PersonKey, entry, entry.NewFacts(merged), now);
            if (change is not null)
            {
                changes.Add((change, code));
            }
        }

        Record(changes, now, Sender);
    }

    /// <summary>Re-evaluates the persons whose code was due to change by now.</summary>
    private void OnDue()
    {
        var now = _settings.Clock.Now();
        var nowMs = now.ToUnixTimeMilliseconds();
        var due = _due.TakeWhile(d => d.DueMs <= nowMs).Select(d => d.PersonKey).ToList();
        var changes = new List<(PersonChange, CodeState)>();

        foreach (var key in due)
        {
            var (change, code) = Decide(key, _persons[key], null, now);
            if (change is not null)
            {
                changes.Add((change, code));
            }
            else
            {
                SetDue(key, code, now);
            }
        }

        Record(changes, now, ActorRefs.Nobody);
    }

    /// <summary>
    /// The change <paramref name="facts"/> make to a person: the facts and, when the colour moves, a code change
    /// (one per colour change, as DESIGN has it: a later valid-until or new evidence under the same colour is
    /// journaled with the facts and answered by GetCode, but not published). Null when nothing changes; the code
    /// is the person's code with the facts, either way.
    /// </summary>
    private (PersonChange? Change, CodeState Code) Decide(string key, PersonEntry entry, PersonChanged? facts,
        DateTimeOffset now)
    {
        var next = facts is null ? entry.State : entry.State.With(facts);
        var code = Evaluate(key, next, now);
        var change = code.Colour == entry.Colour ? null : ChangeTo(entry.State, entry.Colour, code, now);

        if (facts is null && change is null)
        {
            return (null, code);
        }

        return (new PersonChange(key, (facts ?? new PersonChanged([], [], [], [], null)) with { Change = change }),
            code);
    }

    /// <summary>Journals the changes as one event, publishes its code changes, and answers when it is safe.</summary>
    private void Record(List<(PersonChange Change, CodeState Code)> changes, DateTimeOffset now, IActorRef replyTo)
    {
        if (changes.Count == 0)
        {
            Reply(replyTo, 0);
            ScheduleTimer();
            return;
        }

        var changed = new GroupChanged([.. changes.Select(c => c.Change)], TakeDeliveries());
        PersonSerializer.WriteAhead(changed);
        Persist(changed, _ =>
        {
            Apply(changed.Published);
            var published = new List<(string, CodeChanged)>();
            foreach (var (change, code) in changes)
            {
                EntryOf(change.PersonKey).Apply(change.Changed);
                // The code the decision made: the state now holds exactly the facts it was evaluated with.
                SetDue(change.PersonKey, code, now);

                if (change.Changed.Change is { } made)
                {
                    published.Add((change.PersonKey, made));
                }
            }

            Publish(published, replyTo);
            ScheduleTimer();
            SnapshotIfDue();
        });
    }

    /// <summary>Hands changes to the publisher as one round, answered when the last of them is delivered.</summary>
    private void Publish(List<(string PersonKey, CodeChanged Change)> changes, IActorRef replyTo)
    {
        if (changes.Count == 0)
        {
            Reply(replyTo, 0);
            return;
        }

        var round = new Round(replyTo, changes.Count);
        foreach (var (key, change) in changes)
        {
            round.Waiting[key] = Math.Max(round.Waiting.GetValueOrDefault(key), change.Sequence);
            _settings.Publisher.Tell(new PublishCodeChange(key, change));
        }

        _rounds.Add(round);
    }

    private void OnDelivered(CodeChangeDelivered delivered)
    {
        var confirmed = new List<PublishedUpTo>();

        foreach (var round in _rounds.ToList())
        {
            if (!round.Waiting.TryGetValue(delivered.PersonKey, out var sequence) || sequence > delivered.Sequence)
            {
                continue;
            }

            round.Waiting.Remove(delivered.PersonKey);
            round.Delivered.Add(new PublishedUpTo(delivered.PersonKey, delivered.Sequence));
            if (round.Waiting.Count > 0)
            {
                continue;
            }

            // The changes are on the topic, so the update they answer is safe to acknowledge now; the confirmation
            // only spares a republish at the next recovery (a repeat consumers drop by person and sequence), so it
            // need not hold up the engine's batch, nor have a journal write of its own.
            _rounds.Remove(round);
            Reply(round.ReplyTo, round.CodeChanges);
            confirmed.AddRange(round.Delivered);
        }

        if (confirmed.Count > 0)
        {
            _deliveries.AddRange(confirmed);
            if (!Timers.IsTimerActive(DeliveriesTimerKey))
            {
                Timers.StartSingleTimer(DeliveriesTimerKey, JournalDeliveries.Instance,
                    _settings.DeliveriesJournaledWithin);
            }
        }
    }

    private void OnStop()
    {
        if (!JournalDeliveriesThen(() => Context.Stop(Self)))
        {
            Context.Stop(Self);
        }
    }

    /// <summary>Journals the deliveries that no event took along in time.</summary>
    private void OnJournalDeliveries() => JournalDeliveriesThen(SnapshotIfDue);

    /// <summary>
    /// Journals the deliveries not yet journaled as an event of their own and runs <paramref name="then"/> once it is
    /// written; false (and nothing run) when there were none.
    /// </summary>
    private bool JournalDeliveriesThen(Action then)
    {
        if (TakeDeliveries() is not { } deliveries)
        {
            return false;
        }

        Persist(new GroupPublished(deliveries), e =>
        {
            Apply(e);
            then();
        });
        return true;
    }

    /// <summary>The deliveries not yet journaled, handed to the event that journals them; null when none.</summary>
    private PublishedUpTo[]? TakeDeliveries()
    {
        if (_deliveries.Count == 0)
        {
            return null;
        }

        PublishedUpTo[] deliveries = [.. _deliveries];
        _deliveries.Clear();
        Timers.Cancel(DeliveriesTimerKey);
        return deliveries;
    }

    /// <summary>
    /// Asks the shard to stop this group unless something is pending: a change not yet on the topic, or a change
    /// of colour a timer must make. The journal holds everything else, and the next message recovers it.
    /// </summary>
    private void OnIdle()
    {
        var changeDue = !_settings.Clock.IsFixed && _due.Count > 0;
        if (_rounds.Count > 0 || changeDue || _persons.Values.Any(p => p.State.Unpublished.Length > 0))
        {
            return;
        }

        Context.Parent.Tell(new Passivate(StopEntity.Instance));
    }

    /// <summary>
    /// Forgets the facts of every green person whose newest fact is older than the retention, and snapshots at once,
    /// so that they leave the journal too.
    /// </summary>
    private void OnSweep()
    {
        if (_settings.Retention is not { } retention)
        {
            return;
        }

        var cutoff = (_settings.Clock.Now() - retention).ToUnixTimeMilliseconds();
        var forgotten = _persons
            .Where(p => p.Value.Colour == CodeColour.Green
                && p.Value.State.Unpublished.Length == 0
                && !_dueOf.ContainsKey(p.Key)
                && p.Value.State.NewestFactMs is { } newest && newest < cutoff)
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (forgotten.Length == 0)
        {
            return;
        }

        Persist(new GroupForgot(forgotten), e =>
        {
            Apply(e);
            SaveSnapshot(Snapshot());
        });
    }

    private void Apply(GroupForgot forgot)
    {
        foreach (var key in forgot.PersonKeys)
        {
            EntryOf(key).Forget();
        }
    }

    private void Apply(GroupPublished published) => Apply(published.Persons);

    private void Apply(PublishedUpTo[]? deliveries)
    {
        foreach (var person in deliveries ?? [])
        {
            EntryOf(person.PersonKey).Published(person.UpToSequence);
        }
    }

    private PersonEntry EntryOf(string key)
    {
        if (!_persons.TryGetValue(key, out var entry))
        {
            entry = new PersonEntry(PersonState.Empty);
            _persons[key] = entry;
        }

        return entry;
    }

    private PersonState StateOf(string key) => _persons.GetValueOrDefault(key)?.State ?? PersonState.Empty;

    private static UpdatePerson Merge(IGrouping<string, UpdatePerson> updates) => updates.Skip(1).Any()
        ? new UpdatePerson(
            updates.Key,
            updates.LastOrDefault(u => u.Flags is not null)?.Flags,
            [.. updates.SelectMany(u => u.Reports)],
            [.. updates.SelectMany(u => u.Declarations)])
        : updates.First();

    private CodeChanged ChangeTo(PersonState state, CodeColour from, CodeState code, DateTimeOffset now) => new(
        state.LastSequence + 1,
        from,
        code.Colour,
        now.ToUnixTimeMilliseconds(),
        code.ValidUntil?.ToUnixTimeMilliseconds(),
        code.IsAwaitingDeclaration,
        [.. code.Evidence.Select(StoredEvidence.From)],
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private CodeState Evaluate(string key, PersonState state, DateTimeOffset now) => _evaluator.Evaluate(
        key,
        now,
        state.Flags.Select(f => f.ToFlag(key)),
        state.Reports.Select(r => r.ToReport(key)),
        state.Declarations.Select(d => d.ToDeclaration(key)));

    /// <summary>Notes when a person's code (its code now, not the last change) next ends, on a moving clock.</summary>
    /// <remarks>A later flag under the same colour may have moved the end without a change.</remarks>
    private void SetDue(string key, CodeState code, DateTimeOffset now)
    {
        if (_dueOf.Remove(key, out var previous))
        {
            _due.Remove((previous, key));
        }

        // A code evaluated now ends after now; the guard keeps a rule that said otherwise from spinning the timer.
        if (_settings.Clock.IsFixed || code.ValidUntil is not { } until || until <= now)
        {
            return;
        }

        var dueMs = until.ToUnixTimeMilliseconds();
        _dueOf[key] = dueMs;
        _due.Add((dueMs, key));
    }

    /// <summary>Wakes the group when the earliest of its codes ends.</summary>
    private void ScheduleTimer()
    {
        if (_due.Count == 0)
        {
            Timers.Cancel(TimerKey);
            return;
        }

        var wait = DateTimeOffset.FromUnixTimeMilliseconds(_due.Min.DueMs) - _settings.Clock.Now();
        Timers.StartSingleTimer(TimerKey, ReevaluateDue.Instance, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private void Reply(IActorRef replyTo, int codeChanges)
    {
        if (!replyTo.IsNobody())
        {
            replyTo.Tell(new UpdatePersonsAck(_group, codeChanges));
        }
    }

    private void SnapshotIfDue()
    {
        // Offset by the group's number: a new case gives every group an event, so at the same count all of them
        // would save a snapshot (each of all its persons) in the same case.
        if ((LastSequenceNr + _group) % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(Snapshot());
        }
    }

    private GroupSnapshot Snapshot() => new([
        .. _persons
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyedPersonState(p.Key, p.Value.State)),
    ]);

    /// <summary>The code changes of one journaled update on their way to the topic.</summary>
    private sealed class Round(IActorRef replyTo, int codeChanges)
    {
        public IActorRef ReplyTo { get; } = replyTo;

        public int CodeChanges { get; } = codeChanges;

        /// <summary>The sequence each person's delivery must reach.</summary>
        public Dictionary<string, long> Waiting { get; } = new(StringComparer.Ordinal);

        public List<PublishedUpTo> Delivered { get; } = [];
    }

    /// <summary>The quarantine timer: some person's code was due to change by now.</summary>
    private sealed class ReevaluateDue
    {
        public static readonly ReevaluateDue Instance = new();
    }

    /// <summary>The deliveries timer: no event took the group's deliveries along in time.</summary>
    private sealed class JournalDeliveries
    {
        public static readonly JournalDeliveries Instance = new();
    }

    /// <summary>The retention timer: look for persons to forget.</summary>
    private sealed class SweepRetention
    {
        public static readonly SweepRetention Instance = new();
    }

    /// <summary>What the shard sends back once it stops routing to a passivating entity.</summary>
    private sealed class StopEntity
    {
        public static readonly StopEntity Instance = new();
    }
}
