using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>Records that a contact rule flagged the person; answered by <see cref="ExposureAck"/>.</summary>
/// <param name="PersonKey">The flagged person's key.</param>
/// <param name="FlagId">The flag's id; a second command with the same id is acked without effect.</param>
/// <param name="Colour">The colour the flag asks for.</param>
/// <param name="RaisedAt">When, in event time, the exposure happened.</param>
/// <param name="QuarantineEnds">When the quarantine the flag asks for ends.</param>
/// <param name="Rule">The rule that raised the flag.</param>
/// <param name="CaseKey">The key of the case behind the flag.</param>
public sealed record RecordExposure(
    string PersonKey,
    string FlagId,
    CodeColour Colour,
    DateTimeOffset RaisedAt,
    DateTimeOffset QuarantineEnds,
    Rule Rule,
    string CaseKey) : IPersonMessage;
