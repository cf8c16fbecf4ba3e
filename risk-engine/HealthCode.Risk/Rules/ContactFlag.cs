namespace HealthCode.Risk.Rules;

/// <summary>A person's exposure to a case: a colour that runs from when it was raised to its quarantine end.</summary>
/// <param name="PersonKey">The exposed person.</param>
/// <param name="Colour">Red for close contacts, yellow for companions and fellow travellers.</param>
/// <param name="RaisedAt">
/// The event time from which the flag exists: the later of the case's report and the end of the evidence span,
/// since both the case and the shared time must be known before anyone can be flagged.
/// </param>
/// <param name="QuarantineEnds">When the quarantine of this flag ends, before health monitoring.</param>
/// <param name="Evidence">Why the flag was raised.</param>
public sealed record ContactFlag(
    string PersonKey, CodeColour Colour, DateTimeOffset RaisedAt, DateTimeOffset QuarantineEnds, Evidence Evidence);
