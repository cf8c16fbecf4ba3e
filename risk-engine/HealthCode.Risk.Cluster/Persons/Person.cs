using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Codes;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// The event-sourced entity of one person: keeps its flags, case reports and declarations, evaluates its code on
/// the engine clock after every update, journals the facts and every colour change, and has each colour change
/// published on <c>code-changes</c>.
/// </summary>
/// <remarks>
/// <para>
/// An update is acknowledged only when its facts are journaled and the change it made (if any) is on the topic,
/// so a detector that commits Kafka offsets after the acks never commits past a change that could be lost.
/// </para>
/// <para>
/// A change is journaled before it is published (an outbox): recovery republishes every change not yet confirmed,
/// so a crash between the two loses nothing. A crash after the topic's acknowledgement and before the journaled
/// confirmation publishes that change twice; consumers keep one per (person key, sequence).
/// </para>
/// </remarks>
public sealed class Person : ReceivePersistentActor, IWithTimers
{
    private const string TimerKey = "quarantine";

    private readonly string _personKey;
    private readonly PersonSettings _settings;
    private readonly CodeEvaluator _evaluator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _reportIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declarationIds = new(StringComparer.Ordinal);
    private readonly List<(long Sequence, IActorRef ReplyTo)> _awaitingDelivery = [];

    private PersonState _state = PersonState.Empty;

    /// <summary>Creates the entity of the person <paramref name="personKey"/>.</summary>
    public Person(string personKey, PersonSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        ArgumentNullException.ThrowIfNull(settings);
        _personKey = personKey;
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
    public override string PersistenceId => PersistenceIdOf(_personKey);

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The journal id of the person <paramref name="personKey"/>.</summary>
    public static string PersistenceIdOf(string personKey) => "person-" + personKey;

    /// <summary>The props of the entity of the person <paramref name="personKey"/>.</summary>
    public static Props Props(string personKey, PersonSettings settings) =>
        Akka.Actor.Props.Create(() => new Person(personKey, settings));

    private void Recovering()
    {
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is PersonState state)
            {
                _state = state;
                RebuildLookups();
            }
        });
        Recover<PersonChanged>(changed =>
        {
            _state = _state.With(changed);
            RebuildLookups(changed);
        });
        Recover<CodeChangesPublished>(published => _state = _state.With(published));
        Recover<RecoveryCompleted>(_ =>
        {
            // Changes journaled before a crash but never confirmed go out again; the topic's key deduplicates.
            foreach (var change in _state.Unpublished)
            {
                _settings.Publisher.Tell(new PublishCodeChange(_personKey, change));
            }

            ScheduleReevaluation(Evaluate(_state));
        });
    }

    private void Active()
    {
        Command<UpdatePerson>(OnUpdate);
        Command<Reevaluate>(_ => Decide(null, ActorRefs.Nobody));
        Command<CodeChangeDelivered>(OnDelivered);
        Command<GetCode>(_ => Sender.Tell(new CodeAck(_personKey, Evaluate(_state), _state.LastSequence)));
        Command<GetState>(_ => Sender.Tell(new StateAck(_personKey, _state, LastSequenceNr)));
        Command<ReceiveTimeout>(_ => OnIdle());
        Command<StopEntity>(_ => Context.Stop(Self));

        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure => _log.Warning(
            failure.Cause,
            "Snapshot of {0} at sequence {1} failed; recovery replays more events until the next one succeeds",
            PersistenceId,
            failure.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(
            failure.Cause, "Deleting old snapshots of {0} failed; they stay in the snapshot table", PersistenceId));
    }

    private void OnUpdate(UpdatePerson update)
    {
        var held = _state.Flags.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
        var wanted = update.Flags?.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
        var added = update.Flags is null
            ? []
            : update.Flags.Where(f => !held.Contains(f.FlagId)).DistinctBy(f => f.FlagId).ToArray();
        var removed = wanted is null ? [] : held.Where(id => !wanted.Contains(id)).Order(StringComparer.Ordinal)
            .ToArray();
        var reports = update.Reports
            .Where(r => !_reportIds.Contains(r.RecordId))
            .DistinctBy(r => r.RecordId, StringComparer.Ordinal)
            .ToArray();
        var declarations = update.Declarations
            .Where(d => !_declarationIds.Contains(d.RecordId))
            .DistinctBy(d => d.RecordId, StringComparer.Ordinal)
            .ToArray();

        var facts = new PersonChanged(added, removed, reports, declarations, null);
        Decide(facts.HasFacts ? facts : null, Sender);
    }

    /// <summary>Journals new facts and the code change they make, then replies once it is safe to.</summary>
    private void Decide(PersonChanged? facts, IActorRef replyTo)
    {
        // One change per colour change, as DESIGN has it: a later valid-until or new evidence under the same
        // colour is journaled with the facts and answered by GetCode, but not published.
        var next = facts is null ? _state : _state.With(facts);
        var code = Evaluate(next);
        var change = code.Colour == CurrentColour ? null : ChangeTo(code);

        if (facts is null && change is null)
        {
            Reply(replyTo);
            ScheduleReevaluation(code);
            return;
        }

        var changed = (facts ?? new PersonChanged([], [], [], [], null)) with { Change = change };
        Persist(changed, e =>
        {
            _state = _state.With(e);
            RebuildLookups(e);

            if (e.Change is { } made)
            {
                _awaitingDelivery.Add((made.Sequence, replyTo));
                _settings.Publisher.Tell(new PublishCodeChange(_personKey, made));
            }
            else
            {
                Reply(replyTo);
            }

            // The journaled change adds nothing the evaluation reads, so the code stays the one just made.
            ScheduleReevaluation(code);
            SnapshotIfDue();
        });
    }

    /// <summary>
    /// Asks the shard to stop this entity unless something is pending: a change not yet on the topic, or a change
    /// of colour the timer must make. The journal holds everything else, and the next message recovers it.
    /// </summary>
    private void OnIdle()
    {
        var changeDue = !_settings.Clock.IsFixed && Evaluate(_state).ValidUntil is not null;
        if (_awaitingDelivery.Count > 0 || _state.Unpublished.Length > 0 || changeDue)
        {
            return;
        }

        Context.Parent.Tell(new Passivate(StopEntity.Instance));
    }

    private void OnDelivered(CodeChangeDelivered delivered)
    {
        if (!_state.Unpublished.Any(c => c.Sequence <= delivered.Sequence))
        {
            return;
        }

        // The change is on the topic, so the update it answers is safe to acknowledge now; the confirmation only
        // spares a republish at the next recovery (a repeat consumers drop by person and sequence), so it need not
        // hold up the engine's batch.
        foreach (var waiting in _awaitingDelivery.Where(w => w.Sequence <= delivered.Sequence).ToList())
        {
            Reply(waiting.ReplyTo);
            _awaitingDelivery.Remove(waiting);
        }

        Persist(new CodeChangesPublished(delivered.Sequence), e =>
        {
            _state = _state.With(e);
            SnapshotIfDue();
        });
    }

    private CodeColour CurrentColour => _state.LastChange?.NewColour ?? CodeColour.Green;

    private CodeChanged ChangeTo(CodeState code) => new(
        _state.LastSequence + 1,
        CurrentColour,
        code.Colour,
        _settings.Clock.Now().ToUnixTimeMilliseconds(),
        code.ValidUntil?.ToUnixTimeMilliseconds(),
        code.IsAwaitingDeclaration,
        [.. code.Evidence.Select(StoredEvidence.From)],
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private CodeState Evaluate(PersonState state) => _evaluator.Evaluate(
        _personKey,
        _settings.Clock.Now(),
        state.Flags.Select(f => f.ToFlag(_personKey)),
        state.Reports.Select(r => r.ToReport(_personKey)),
        state.Declarations.Select(d => d.ToDeclaration(_personKey)));

    /// <summary>On a moving clock, wakes the entity when <paramref name="code"/> (its code now) ends.</summary>
    /// <remarks>
    /// The code now, not the last change: a later flag under the same colour may have moved its end.
    /// </remarks>
    private void ScheduleReevaluation(CodeState code)
    {
        if (_settings.Clock.IsFixed || code.ValidUntil is not { } until)
        {
            Timers.Cancel(TimerKey);
            return;
        }

        var due = until - _settings.Clock.Now();
        Timers.StartSingleTimer(TimerKey, new Reevaluate(_personKey), due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }

    private void Reply(IActorRef replyTo)
    {
        if (!replyTo.IsNobody())
        {
            replyTo.Tell(new UpdatePersonAck(_personKey, _state.LastSequence));
        }
    }

    private void RebuildLookups()
    {
        _reportIds.Clear();
        _reportIds.UnionWith(_state.Reports.Select(r => r.RecordId));
        _declarationIds.Clear();
        _declarationIds.UnionWith(_state.Declarations.Select(d => d.RecordId));
    }

    private void RebuildLookups(PersonChanged changed)
    {
        _reportIds.UnionWith(changed.Reports.Select(r => r.RecordId));
        _declarationIds.UnionWith(changed.Declarations.Select(d => d.RecordId));
    }

    private void SnapshotIfDue()
    {
        if (LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_state);
        }
    }

    /// <summary>What the shard sends back once it stops routing to a passivating entity.</summary>
    private sealed class StopEntity
    {
        public static readonly StopEntity Instance = new();
    }
}
