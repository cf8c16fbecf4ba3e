using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// The event-sourced entity of one person: journals the exposures and declarations it is told about,
/// once each, and rebuilds them on recovery from the newest snapshot plus the events after it.
/// </summary>
public sealed class Person : ReceivePersistentActor
{
    private readonly string _personKey;
    private readonly PersonSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Kafka delivers at least once, so the ids already applied decide whether a command is a redelivery.
    private readonly HashSet<string> _flagIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declarationIds = new(StringComparer.Ordinal);

    private PersonState _state = PersonState.Empty;
    private long _snapshotSequenceNr;
    private int _replayedEvents;

    /// <summary>Creates the entity of the person <paramref name="personKey"/>.</summary>
    public Person(string personKey, PersonSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        ArgumentNullException.ThrowIfNull(settings);
        _personKey = personKey;
        _settings = settings;

        Recovering();
        Active();
    }

    /// <inheritdoc/>
    public override string PersistenceId => PersistenceIdOf(_personKey);

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
                _snapshotSequenceNr = offer.Metadata.SequenceNr;
                Restore(state);
            }
        });
        Recover<ExposureRecorded>(recorded =>
        {
            _replayedEvents++;
            Apply(recorded);
        });
        Recover<DeclarationRecorded>(recorded =>
        {
            _replayedEvents++;
            Apply(recorded);
        });
    }

    private void Active()
    {
        Command<RecordExposure>(OnRecordExposure);
        Command<RecordDeclaration>(OnRecordDeclaration);
        Command<GetState>(_ => Sender.Tell(
            new StateAck(_personKey, _state, LastSequenceNr, _snapshotSequenceNr, _replayedEvents)));

        Command<SaveSnapshotSuccess>(success =>
        {
            // The newest snapshot is all recovery reads, so older ones only take space.
            var older = success.Metadata.SequenceNr - 1;
            DeleteSnapshots(new SnapshotSelectionCriteria(older));
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning(
            failure.Cause,
            "Snapshot of {0} at sequence {1} failed; recovery replays more events until the next one succeeds",
            PersistenceId,
            failure.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(
            failure.Cause, "Deleting old snapshots of {0} failed; they stay in the snapshot table", PersistenceId));
    }

    private void OnRecordExposure(RecordExposure command)
    {
        if (_flagIds.Contains(command.FlagId))
        {
            Sender.Tell(new ExposureAck(_personKey, command.FlagId, Duplicate: true));
            return;
        }

        var recorded = new ExposureRecorded(
            command.FlagId, command.Colour, command.RaisedAt, command.QuarantineEnds, command.Rule, command.CaseKey);

        // Persist, not PersistAsync: it stashes later commands until this event is applied, so a
        // redelivery queued behind it already sees the id.
        Persist(recorded, e =>
        {
            Apply(e);
            Sender.Tell(new ExposureAck(_personKey, e.FlagId, Duplicate: false));
            SnapshotIfDue();
        });
    }

    private void OnRecordDeclaration(RecordDeclaration command)
    {
        if (_declarationIds.Contains(command.RecordId))
        {
            Sender.Tell(new DeclarationAck(_personKey, command.RecordId, Duplicate: true));
            return;
        }

        var recorded = new DeclarationRecorded(command.RecordId, command.DeclaredAt, command.Abnormal);
        Persist(recorded, e =>
        {
            Apply(e);
            Sender.Tell(new DeclarationAck(_personKey, e.RecordId, Duplicate: false));
            SnapshotIfDue();
        });
    }

    private void Apply(ExposureRecorded recorded)
    {
        _flagIds.Add(recorded.FlagId);
        _state = _state.With(recorded);
    }

    private void Apply(DeclarationRecorded recorded)
    {
        _declarationIds.Add(recorded.RecordId);
        _state = _state.With(recorded);
    }

    private void Restore(PersonState state)
    {
        _state = state;
        _flagIds.Clear();
        _flagIds.UnionWith(state.Exposures.Select(e => e.FlagId));
        _declarationIds.Clear();
        _declarationIds.UnionWith(state.Declarations.Select(d => d.RecordId));
    }

    private void SnapshotIfDue()
    {
        if (LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_state);
        }
    }
}
