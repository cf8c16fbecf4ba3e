using HealthCode.Risk.Cluster.Journal;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// What the detector found for a person: its complete flag set (when it changed) and new reports and
/// declarations. Sent to the person's group inside <see cref="UpdatePersons"/>.
/// </summary>
/// <remarks>
/// Applying the same update twice, or an older flag set after a newer one from the same detector, is harmless:
/// flags are replaced as a whole and reports and declarations are kept by record id.
/// </remarks>
/// <param name="PersonKey">The person.</param>
/// <param name="Flags">The complete flag set, or null when unchanged.</param>
/// <param name="Reports">Case reports about the person.</param>
/// <param name="Declarations">Declarations of the person.</param>
public sealed record UpdatePerson(
    string PersonKey, StoredFlag[]? Flags, StoredReport[] Reports, StoredDeclaration[] Declarations);
