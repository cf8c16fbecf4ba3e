using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>A contact flag as the journal keeps it, with a stable id derived from its content.</summary>
/// <param name="FlagId">32 hex digits of a hash over everything the flag says (<see cref="ContactFlag.Id"/>).</param>
/// <param name="Colour">The colour it asks for.</param>
/// <param name="RaisedAtMs">When it was raised, Unix milliseconds.</param>
/// <param name="QuarantineEndsMs">When its quarantine ends, Unix milliseconds.</param>
/// <param name="Evidence">Why it was raised.</param>
public sealed record StoredFlag(
    string FlagId, CodeColour Colour, long RaisedAtMs, long QuarantineEndsMs, StoredEvidence Evidence)
{
    // The flag this stands for, once known: the one it was made from, or the one rebuilt on first use after a
    // recovery, so a group evaluating a person's code after every update does not rebuild every flag each time.
    // A field rather than a table beside the flags: the weak table's entries were a GC handle each, 1.5 million
    // after 23 cases of risk-e2e, scanned by every collection.
    private ContactFlag? _flag;

    private StoredFlag(StoredFlag original)
    {
        // A copy made by 'with' may differ in any field, so it finds its flag again itself.
        FlagId = original.FlagId;
        Colour = original.Colour;
        RaisedAtMs = original.RaisedAtMs;
        QuarantineEndsMs = original.QuarantineEndsMs;
        Evidence = original.Evidence;
    }

    /// <summary>The journal form of <paramref name="flag"/>, with its content id.</summary>
    public static StoredFlag From(ContactFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new StoredFlag(flag.Id, flag.Colour, flag.RaisedAt.ToUnixTimeMilliseconds(),
            flag.QuarantineEnds.ToUnixTimeMilliseconds(), StoredEvidence.From(flag.Evidence))
        {
            _flag = flag,
        };
    }

    /// <summary>The flag this stands for, of <paramref name="personKey"/>.</summary>
    public ContactFlag ToFlag(string personKey)
    {
        if (_flag is { } known && known.PersonKey == personKey)
        {
            return known;
        }

        // Two groups never share a journal form, so a race here could only build the same flag twice.
        var flag = new ContactFlag(personKey, Colour, DateTimeOffset.FromUnixTimeMilliseconds(RaisedAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(QuarantineEndsMs), Evidence.ToEvidence());
        _flag = flag;
        return flag;
    }

    /// <inheritdoc/>
    public bool Equals(StoredFlag? other) => ReferenceEquals(this, other) || (other is not null
        && FlagId == other.FlagId
        && Colour == other.Colour
        && RaisedAtMs == other.RaisedAtMs
        && QuarantineEndsMs == other.QuarantineEndsMs
        && Evidence.Equals(other.Evidence));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FlagId, Colour, RaisedAtMs, QuarantineEndsMs, Evidence);
}
