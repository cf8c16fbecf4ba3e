namespace HealthCode.Risk;

/// <summary>Normalises lists of feed record ids so that the same set always has the same list.</summary>
internal static class RecordIdSet
{
    /// <summary>The distinct ids, sorted ordinally, in a list that callers cannot cast back and change.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray().AsReadOnly();
}
