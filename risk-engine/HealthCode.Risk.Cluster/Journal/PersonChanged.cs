namespace HealthCode.Risk.Cluster.Journal;

/// <summary>
/// The one journal event of an update: the facts that were new, and the code change they made, if any.
/// </summary>
/// <remarks>One event per update keeps a busy person to one journal row per batch, whatever changed.</remarks>
/// <param name="Flags">The complete flag set that replaces the previous one; null when it did not change.</param>
/// <param name="Reports">Case reports not seen before.</param>
/// <param name="Declarations">Declarations not seen before.</param>
/// <param name="Change">The code change the update made; null when the code stayed the same.</param>
public sealed record PersonChanged(
    StoredFlag[]? Flags, StoredReport[] Reports, StoredDeclaration[] Declarations, CodeChanged? Change);
