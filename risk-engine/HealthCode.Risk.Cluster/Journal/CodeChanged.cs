namespace HealthCode.Risk.Cluster.Journal;

/// <summary>A change of the person's colour, with the valid-until and evidence of the new code.</summary>
/// <param name="Sequence">
/// 1, 2, 3, ... for this person; with the person key it identifies the change downstream.
/// </param>
/// <param name="OldColour">The colour before.</param>
/// <param name="NewColour">The colour after.</param>
/// <param name="ChangedAtMs">The engine clock's instant of the evaluation, Unix milliseconds.</param>
/// <param name="ValidUntilMs">When the new code is next due to change; null when nothing is scheduled.</param>
/// <param name="AwaitingDeclaration">Whether the colour is held until a normal declaration.</param>
/// <param name="Evidence">The evidence behind the new colour, in canonical order.</param>
/// <param name="DecidedAtMs">Wall-clock instant of the decision, for detection latency.</param>
public sealed record CodeChanged(
    long Sequence,
    CodeColour OldColour,
    CodeColour NewColour,
    long ChangedAtMs,
    long? ValidUntilMs,
    bool AwaitingDeclaration,
    StoredEvidence[] Evidence,
    long DecidedAtMs);
