using System.Text.Json.Serialization;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>
/// The one journal event of an update: the facts that were new, and the code change they made, if any.
/// </summary>
/// <remarks>
/// One event per update keeps a busy person to one journal row per batch, whatever changed. Flags are journaled
/// as the difference to the state before, not as the whole set: a person near a case gets a new flag set with
/// almost every batch of pings, and the whole set with its evidence made each row tens of kilobytes.
/// </remarks>
/// <param name="AddedFlags">Flags of the new set that the state did not hold.</param>
/// <param name="RemovedFlagIds">Ids of the flags the new set no longer holds.</param>
/// <param name="Reports">Case reports not seen before.</param>
/// <param name="Declarations">Declarations not seen before.</param>
/// <param name="Change">The code change the update made; null when the code stayed the same.</param>
public sealed record PersonChanged(
    StoredFlag[] AddedFlags,
    string[] RemovedFlagIds,
    StoredReport[] Reports,
    StoredDeclaration[] Declarations,
    CodeChanged? Change)
{
    /// <summary>Whether it records any new fact (a code change alone has none).</summary>
    [JsonIgnore]
    public bool HasFacts =>
        AddedFlags.Length > 0 || RemovedFlagIds.Length > 0 || Reports.Length > 0 || Declarations.Length > 0;
}
