using HealthCode.Contracts.Geo;
using HealthCode.Risk.Stays;

namespace HealthCode.Risk.Rules;

/// <summary>
/// The companion rule: a person's stay in the same cell as a case's stay or case location, overlapping the part of
/// it inside the case's exposure window by at least the minimum overlap, is yellow until the configured span after
/// the end of the overlap.
/// </summary>
public sealed class CompanionRule
{
    private readonly RuleSettings _settings;

    /// <summary>Creates the rule with the thresholds of <paramref name="settings"/>.</summary>
    public CompanionRule(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>
    /// The flags for one person from the case's presences (its stays and case-location cells, in any order) and the
    /// person's stays. One flag per overlapping pair; none when the person is the case.
    /// </summary>
    public IReadOnlyList<ContactFlag> Evaluate(
        CaseExposure exposure, IEnumerable<Presence> casePresences, IEnumerable<Presence> personStays)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        ArgumentNullException.ThrowIfNull(casePresences);
        ArgumentNullException.ThrowIfNull(personStays);

        var staysByCell = personStays
            .Where(s => s.PersonKey != exposure.CaseKey)
            .ToLookup(s => s.Cell);
        var flags = new List<ContactFlag>();

        foreach (var presence in casePresences)
        {
            // Only what the case did inside its window counts, so the overlap is taken against the clipped span.
            var clipped = exposure.Clip(RequireCase(exposure, presence));
            if (clipped is null)
            {
                continue;
            }

            foreach (var stay in staysByCell[clipped.Cell])
            {
                var overlap = stay.Span.Intersect(clipped.Span);
                if (overlap is { } shared && shared.Duration >= _settings.CompanionMinOverlap)
                {
                    flags.Add(ToFlag(exposure, PlaceOf(clipped.Cell), clipped.RecordIds, stay, shared));
                }
            }
        }

        return flags;
    }

    /// <summary>
    /// The flag of one stay against one of the case's presences, already clipped to the exposure window
    /// (<see cref="CaseExposure.Clip"/>), with its place text made once (<see cref="PlaceOf"/>); null when they
    /// do not overlap long enough. The engine's way in: it evaluates thousands of such pairs per case.
    /// </summary>
    internal ContactFlag? EvaluatePair(CaseExposure exposure, Presence clippedPresence, string place, Presence stay)
    {
        if (stay.PersonKey == exposure.CaseKey || stay.Cell != clippedPresence.Cell)
        {
            return null;
        }

        var overlap = stay.Span.Intersect(clippedPresence.Span);
        return overlap is { } shared && shared.Duration >= _settings.CompanionMinOverlap
            ? ToFlag(exposure, place, clippedPresence.RecordIds, stay, shared)
            : null;
    }

    /// <summary>The place of a companion's evidence in <paramref name="cell"/>.</summary>
    internal static string PlaceOf(CellKey cell) => $"cell {cell}";

    private ContactFlag ToFlag(
        CaseExposure exposure, string place, IReadOnlyList<string> caseIds, Presence stay, Interval overlap)
    {
        var evidence = new Evidence(
            Rule.Companion,
            exposure.CaseKey,
            place,
            overlap,
            RecordIdSet.Union(exposure.ReportIds, caseIds, stay.RecordIds),
            _settings.Version);

        return new ContactFlag(
            stay.PersonKey,
            CodeColour.Yellow,
            exposure.RaisedAt(overlap),
            overlap.End + _settings.CompanionQuarantine,
            evidence);
    }

    private static Presence RequireCase(CaseExposure exposure, Presence presence) =>
        presence.PersonKey == exposure.CaseKey
            ? presence
            : throw new ArgumentException(
                $"A presence of {presence.PersonKey} was given as a presence of case {exposure.CaseKey}.",
                nameof(presence));
}
