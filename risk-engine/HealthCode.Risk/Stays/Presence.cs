using HealthCode.Contracts.Geo;

namespace HealthCode.Risk.Stays;

/// <summary>
/// A span of time one person spent in one cell: a stay built from pings, or one cell of a case location.
/// </summary>
public sealed record Presence
{
    /// <summary>Creates a presence; record ids are kept sorted and distinct so equal facts compare equal.</summary>
    public Presence(string personKey, CellKey cell, Interval span, IEnumerable<string> recordIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        ArgumentNullException.ThrowIfNull(recordIds);

        PersonKey = personKey;
        Cell = cell;
        Span = span;
        RecordIds = RecordIdSet.Of(recordIds);
    }

    /// <summary>The person who was there.</summary>
    public string PersonKey { get; }

    /// <summary>The cell.</summary>
    public CellKey Cell { get; }

    /// <summary>From the first to the last moment the person is known to have been in the cell.</summary>
    public Interval Span { get; }

    /// <summary>The ids of the feed records behind this presence, sorted ordinally.</summary>
    public IReadOnlyList<string> RecordIds { get; }

    /// <inheritdoc/>
    public bool Equals(Presence? other) => other is not null
        && PersonKey == other.PersonKey
        && Cell == other.Cell
        && Span == other.Span
        && RecordIdSet.SequenceEqual(RecordIds, other.RecordIds);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PersonKey, Cell, Span, RecordIds.Count);
}
