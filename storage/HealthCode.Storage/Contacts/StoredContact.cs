using HealthCode.Contracts.Events.V1;

namespace HealthCode.Storage.Contacts;

/// <summary>The newest, not withdrawn version of one contact flag, as <see cref="ContactQuery"/> reads it.</summary>
/// <param name="FlagId">The flag's stable id: a content hash of rule, case report and the records behind it.</param>
/// <param name="PersonKey">The flagged contact.</param>
/// <param name="CaseKey">The case the contact was exposed to.</param>
/// <param name="Rule">The rule that raised the flag (companion, flight_close_contact, ...).</param>
/// <param name="Colour">The colour the flag gives the contact.</param>
/// <param name="Place">Where the exposure happened: a cell or a service.</param>
/// <param name="From">The start of the exposure (UTC, millisecond precision).</param>
/// <param name="To">The end of the exposure (UTC, millisecond precision).</param>
/// <param name="RaisedAt">When the flag was raised.</param>
/// <param name="QuarantineEnds">When the contact's quarantine for this flag ends.</param>
/// <param name="RecordIds">Lowercase hex record ids of the feed records behind the flag, sorted.</param>
/// <param name="RuleSetVersion">The version of the rules that decided it.</param>
/// <param name="DecidedAt">The wall-clock time of the decision this version records.</param>
public sealed record StoredContact(
    string FlagId,
    string PersonKey,
    string CaseKey,
    string Rule,
    CodeColour Colour,
    string Place,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset RaisedAt,
    DateTimeOffset QuarantineEnds,
    IReadOnlyList<string> RecordIds,
    string RuleSetVersion,
    DateTimeOffset DecidedAt);
