using HealthCode.Risk.Cluster.Journal;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// One person inside its group: the state, and the record ids it has seen, so that an update repeated by the
/// engine (or by a redelivered batch) adds nothing.
/// </summary>
internal sealed class PersonEntry
{
    private readonly HashSet<string> _reportIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declarationIds = new(StringComparer.Ordinal);

    /// <summary>Creates the entry of a person with <paramref name="state"/>.</summary>
    public PersonEntry(PersonState state)
    {
        State = state;
        _reportIds.UnionWith(state.Reports.Select(r => r.RecordId));
        _declarationIds.UnionWith(state.Declarations.Select(d => d.RecordId));
    }

    /// <summary>What is known of the person.</summary>
    public PersonState State { get; private set; }

    /// <summary>The colour of the latest change; green while there was none.</summary>
    public CodeColour Colour => State.LastChange?.NewColour ?? CodeColour.Green;

    /// <summary>
    /// What <paramref name="update"/> adds: flags the state does not hold, ids of flags its set no longer holds,
    /// and reports and declarations not seen before; null when it adds nothing.
    /// </summary>
    public PersonChanged? NewFacts(UpdatePerson update)
    {
        var held = State.Flags.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
        var wanted = update.Flags?.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
        var added = update.Flags is null
            ? []
            : update.Flags.Where(f => !held.Contains(f.FlagId)).DistinctBy(f => f.FlagId).ToArray();
        var removed = wanted is null
            ? []
            : held.Where(id => !wanted.Contains(id)).Order(StringComparer.Ordinal).ToArray();
        var reports = update.Reports
            .Where(r => !_reportIds.Contains(r.RecordId))
            .DistinctBy(r => r.RecordId, StringComparer.Ordinal)
            .ToArray();
        var declarations = update.Declarations
            .Where(d => !_declarationIds.Contains(d.RecordId))
            .DistinctBy(d => d.RecordId, StringComparer.Ordinal)
            .ToArray();

        var facts = new PersonChanged(added, removed, reports, declarations, null);
        return facts.HasFacts ? facts : null;
    }

    /// <summary>Applies a journaled change.</summary>
    public void Apply(PersonChanged changed)
    {
        State = State.With(changed);
        _reportIds.UnionWith(changed.Reports.Select(r => r.RecordId));
        _declarationIds.UnionWith(changed.Declarations.Select(d => d.RecordId));
    }

    /// <summary>Drops every fact, keeping the last change's colour and sequence.</summary>
    public void Forget()
    {
        State = State.Forgotten();
        _reportIds.Clear();
        _declarationIds.Clear();
    }

    /// <summary>Applies the journaled delivery of the changes up to <paramref name="sequence"/>.</summary>
    public void Published(long sequence) => State = State.WithPublishedUpTo(sequence);
}
