using System.Text.Json.Serialization;
using HealthCode.Risk.Cluster.Journal;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>What a person group knows of one person: its flags, reports, declarations and code changes.</summary>
/// <remarks>
/// It is journaled in the group's snapshot (<see cref="Persistence.PersonSerializer"/>), so it holds plain arrays,
/// which any serializer rebuilds as they were.
/// </remarks>
/// <param name="Flags">The current contact flags.</param>
/// <param name="Reports">Every case report about the person.</param>
/// <param name="Declarations">Every declaration of the person.</param>
/// <param name="LastChange">The latest code change; null while the code has always been green.</param>
/// <param name="Unpublished">Changes journaled but not yet confirmed on the topic, oldest first.</param>
public sealed record PersonState(
    StoredFlag[] Flags,
    StoredReport[] Reports,
    StoredDeclaration[] Declarations,
    CodeChanged? LastChange,
    CodeChanged[] Unpublished)
{
    /// <summary>The state of a person nothing has been recorded for.</summary>
    public static PersonState Empty { get; } = new([], [], [], null, []);

    /// <summary>The sequence number of the latest change; 0 when none.</summary>
    [JsonIgnore]
    public long LastSequence => LastChange?.Sequence ?? 0;

    /// <summary>This state with <paramref name="changed"/> applied.</summary>
    public PersonState With(PersonChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);

        // Lists a change leaves alone are shared, not copied: this runs twice for each of a case's 20,000 updates.
        var removed = changed.RemovedFlagIds;
        var flags = changed.AddedFlags.Length == 0 && removed.Length == 0
            ? Flags
            : [.. Kept(Flags, removed), .. changed.AddedFlags];

        return new PersonState(
            flags,
            changed.Reports.Length == 0 ? Reports : [.. Reports, .. changed.Reports],
            changed.Declarations.Length == 0 ? Declarations : [.. Declarations, .. changed.Declarations],
            changed.Change ?? LastChange,
            changed.Change is null ? Unpublished : [.. Unpublished, changed.Change]);
    }

    private static IEnumerable<StoredFlag> Kept(StoredFlag[] flags, string[] removed)
    {
        if (removed.Length <= 16)
        {
            return flags.Where(f => Array.IndexOf(removed, f.FlagId) < 0);
        }

        var ids = new HashSet<string>(removed, StringComparer.Ordinal);
        return flags.Where(f => !ids.Contains(f.FlagId));
    }

    /// <summary>The newest instant any fact of this state speaks of; null when it holds none.</summary>
    [JsonIgnore]
    public long? NewestFactMs => Flags.Select(f => (long?)f.QuarantineEndsMs)
        .Concat(Reports.Select(r => (long?)r.ReportedAtMs))
        .Concat(Declarations.Select(d => (long?)d.DeclaredAtMs))
        .Max();

    /// <summary>
    /// What is kept of a person once forgotten: no facts, and the last change without its evidence, so that the
    /// next change still counts on from its sequence.
    /// </summary>
    public PersonState Forgotten() =>
        new([], [], [], LastChange is null ? null : LastChange with { Evidence = [] }, []);

    /// <summary>This state with every change up to <paramref name="upToSequence"/> confirmed on the topic.</summary>
    public PersonState WithPublishedUpTo(long upToSequence) =>
        this with { Unpublished = [.. Unpublished.Where(c => c.Sequence > upToSequence)] };
}
