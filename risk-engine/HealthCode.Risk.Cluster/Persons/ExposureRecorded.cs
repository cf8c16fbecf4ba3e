using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The journaled fact that a contact rule flagged the person.</summary>
/// <param name="FlagId">The flag's id, which makes a redelivered <see cref="RecordExposure"/> a no-op.</param>
/// <param name="Colour">The colour the flag asks for.</param>
/// <param name="RaisedAt">When, in event time, the exposure happened.</param>
/// <param name="QuarantineEnds">When the quarantine the flag asks for ends.</param>
/// <param name="Rule">The rule that raised the flag.</param>
/// <param name="CaseKey">The key of the case behind the flag.</param>
public sealed record ExposureRecorded(
    string FlagId,
    CodeColour Colour,
    DateTimeOffset RaisedAt,
    DateTimeOffset QuarantineEnds,
    Rule Rule,
    string CaseKey);
