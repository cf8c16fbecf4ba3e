using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;

namespace HealthCode.Risk.Engine;

/// <summary>A case's presence in one cell, already clipped to one of its exposure windows.</summary>
/// <param name="Exposure">The exposure window it lies in.</param>
/// <param name="Presence">A stay of the case or one cell of a case location, inside the window.</param>
internal sealed record CasePresence(CaseExposure Exposure, Presence Presence)
{
    public string CaseKey => Exposure.CaseKey;

    public long StartMs { get; } = Presence.Span.Start.ToUnixTimeMilliseconds();

    public long EndMs { get; } = Presence.Span.End.ToUnixTimeMilliseconds();

    /// <summary>The place of the companions' evidence here, made once for all of them.</summary>
    public string Place { get; } = CompanionRule.PlaceOf(Presence.Cell);
}
