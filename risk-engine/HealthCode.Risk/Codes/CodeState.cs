using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Codes;

/// <summary>A person's health code at one instant, with the evidence for its colour.</summary>
public sealed record CodeState
{
    /// <summary>Creates a state; evidence is kept in its canonical order so equal states compare equal.</summary>
    public CodeState(
        CodeColour colour, DateTimeOffset? validUntil, bool isAwaitingDeclaration, IEnumerable<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);

        var list = evidence.Distinct().ToList();
        list.Sort(Rules.Evidence.Compare);

        Colour = colour;
        ValidUntil = validUntil;
        IsAwaitingDeclaration = isAwaitingDeclaration;
        Evidence = list.AsReadOnly();
    }

    /// <summary>The code of someone with no running quarantine.</summary>
    public static CodeState Green { get; } = new(CodeColour.Green, null, false, []);

    /// <summary>The colour.</summary>
    public CodeColour Colour { get; }

    /// <summary>
    /// When this colour is next due to change: the latest end among the running quarantines of this colour. Null
    /// when no change is scheduled: green, a case not yet cleared, or a quarantine waiting for a normal declaration.
    /// </summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>Whether the colour is held past its quarantine's end until a normal declaration.</summary>
    public bool IsAwaitingDeclaration { get; }

    /// <summary>The evidence behind the colour, in canonical order; empty for green.</summary>
    public IReadOnlyList<Evidence> Evidence { get; }

    /// <inheritdoc/>
    public bool Equals(CodeState? other) => other is not null
        && Colour == other.Colour
        && ValidUntil == other.ValidUntil
        && IsAwaitingDeclaration == other.IsAwaitingDeclaration
        && Evidence.SequenceEqual(other.Evidence);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Colour, ValidUntil, IsAwaitingDeclaration, Evidence.Count);
}
