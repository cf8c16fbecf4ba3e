namespace HealthCode.Risk;

/// <summary>Normalises lists of feed record ids so that the same set always has the same list.</summary>
/// <remarks>
/// Evidence is built for every contact of a case, and most of its ids come from lists that are canonical
/// already (a stay's, a case presence's): those pass through in one comparison per id instead of a sort.
/// </remarks>
internal static class RecordIdSet
{
    /// <summary>The distinct ids, sorted ordinally, in a list that callers cannot cast back and change.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> ids)
    {
        var array = ids.ToArray();
        if (IsCanonical(array))
        {
            return Array.AsReadOnly(array);
        }

        Array.Sort(array, StringComparer.Ordinal);
        var distinct = 0;
        for (var i = 0; i < array.Length; i++)
        {
            if (distinct == 0 || !string.Equals(array[i], array[distinct - 1], StringComparison.Ordinal))
            {
                array[distinct++] = array[i];
            }
        }

        return Array.AsReadOnly(distinct == array.Length ? array : array[..distinct]);
    }

    /// <summary>The union of lists that are each canonical (sorted ordinally, distinct), as one canonical list.
    /// </summary>
    public static IReadOnlyList<string> Union(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var merged = new List<string>(first.Count + second.Count);
        int i = 0, j = 0;

        while (i < first.Count || j < second.Count)
        {
            var order = i == first.Count ? 1 : j == second.Count ? -1 : string.CompareOrdinal(first[i], second[j]);
            merged.Add(order <= 0 ? first[i] : second[j]);
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        return merged.AsReadOnly();
    }

    private static bool IsCanonical(string[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            if (string.CompareOrdinal(ids[i - 1], ids[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
