using HealthCode.Risk.Cluster.Journal;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// One person inside its group: the state, and the record ids it has seen, so that an update repeated by the
/// engine (or by a redelivered batch) adds nothing.
/// </summary>
internal sealed class PersonEntry
{
    // Up to this many pairs of flags (32 flags, held and wanted together) are compared one by one, not hashed.
    private const int PairwiseLimit = 1024;

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
        var (added, removed) = update.Flags is null ? ([], []) : FlagChanges(State.Flags, update.Flags);
        StoredReport[] reports = update.Reports.Length == 0
            ? []
            : [.. update.Reports
                .Where(r => !_reportIds.Contains(r.RecordId))
                .DistinctBy(r => r.RecordId, StringComparer.Ordinal)];
        StoredDeclaration[] declarations = update.Declarations.Length == 0
            ? []
            : [.. update.Declarations
                .Where(d => !_declarationIds.Contains(d.RecordId))
                .DistinctBy(d => d.RecordId, StringComparer.Ordinal)];

        var facts = new PersonChanged(added, removed, reports, declarations, null);
        return facts.HasFacts ? facts : null;
    }

    /// <summary>
    /// The flags of <paramref name="wanted"/> that <paramref name="held"/> lacks (the first of each id) and the ids
    /// of held flags that wanted lacks (each once, in ordinal order).
    /// </summary>
    /// <remarks>
    /// A new case updates some 20,000 persons, nearly all with a few flags; two hash sets and their queries each
    /// were among the most numerous objects a case allocated (risk-e2e allocation samples), so short lists are
    /// compared pairwise.
    /// </remarks>
    internal static (StoredFlag[] Added, string[] Removed) FlagChanges(StoredFlag[] held, StoredFlag[] wanted)
    {
        // Each list is also checked against itself for repeats, so the bound is on both together.
        var together = held.Length + wanted.Length;
        if (together * together > PairwiseLimit)
        {
            var heldIds = held.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
            var wantedIds = wanted.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
            return (
                [.. wanted.Where(f => !heldIds.Contains(f.FlagId)).DistinctBy(f => f.FlagId)],
                [.. heldIds.Where(id => !wantedIds.Contains(id)).Order(StringComparer.Ordinal)]);
        }

        List<StoredFlag>? added = null;
        for (var i = 0; i < wanted.Length; i++)
        {
            if (!Holds(held, held.Length, wanted[i].FlagId) && !Holds(wanted, i, wanted[i].FlagId))
            {
                (added ??= []).Add(wanted[i]);
            }
        }

        List<string>? removed = null;
        for (var i = 0; i < held.Length; i++)
        {
            if (!Holds(wanted, wanted.Length, held[i].FlagId) && !Holds(held, i, held[i].FlagId))
            {
                (removed ??= []).Add(held[i].FlagId);
            }
        }

        removed?.Sort(StringComparer.Ordinal);
        return (added is null ? [] : [.. added], removed is null ? [] : [.. removed]);
    }

    /// <summary>Whether one of the first <paramref name="count"/> flags has the id.</summary>
    private static bool Holds(StoredFlag[] flags, int count, string flagId)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(flags[i].FlagId, flagId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
