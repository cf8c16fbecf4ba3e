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
    string PersonKey, CodeColour Colour, DateTimeOffset RaisedAt, DateTimeOffset QuarantineEnds, Evidence Evidence)
{
    // Hashed once per flag object: the engine hands an unchanged flag over again with every flag set of its person,
    // and hashing its record ids each time was a large part of handing a case's flags to the person groups.
    private string? _id;

    private ContactFlag(ContactFlag original)
    {
        // A copy made by 'with' may differ in any field, so it hashes its own id.
        PersonKey = original.PersonKey;
        Colour = original.Colour;
        RaisedAt = original.RaisedAt;
        QuarantineEnds = original.QuarantineEnds;
        Evidence = original.Evidence;
    }

    /// <summary>
    /// 32 hex digits of a hash over everything the flag says: equal flags have equal ids in every run.
    /// </summary>
    public string Id => _id ??= ContactFlagId.Of(this);

    /// <inheritdoc/>
    public bool Equals(ContactFlag? other) => ReferenceEquals(this, other) || (other is not null
        && PersonKey == other.PersonKey
        && Colour == other.Colour
        && RaisedAt == other.RaisedAt
        && QuarantineEnds == other.QuarantineEnds
        && Evidence.Equals(other.Evidence));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PersonKey, Colour, RaisedAt, QuarantineEnds, Evidence);
}
