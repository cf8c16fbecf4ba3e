using System.Collections.ObjectModel;

namespace HealthCode.Risk;

/// <summary>Normalises lists of feed record ids so that the same set always has the same list.</summary>
/// <remarks>
/// Evidence is built for every contact of a case, and most of its ids come from lists that are canonical
/// already (a stay's, a case presence's, a union of those). Lists this class made are passed on as they are:
/// copying them again for every presence and piece of evidence was a tenth of a new case's CPU at 100,000
/// people (risk-e2e profile), the more so as every copied reference costs a GC write barrier on a heap of
/// several gigabytes. Any other list passes through in one comparison per id instead of a sort.
/// </remarks>
internal static class RecordIdSet
{
    /// <summary>The distinct ids, sorted ordinally, in a list that callers cannot cast back and change.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> ids)
    {
        if (ids is CanonicalIds canonical)
        {
            return canonical;
        }

        var array = ids.ToArray();
        if (IsCanonical(array))
        {
            return new CanonicalIds(array);
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

        return new CanonicalIds(distinct == array.Length ? array : array[..distinct]);
    }

    /// <summary>
    /// Takes <paramref name="sorted"/> without copying when it is sorted ordinally and distinct (else as
    /// <see cref="Of"/> does); the caller gives the array up and must not change it.
    /// </summary>
    public static IReadOnlyList<string> Adopt(string[] sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return IsCanonical(sorted) ? new CanonicalIds(sorted) : Of(sorted.AsEnumerable());
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

        return new CanonicalIds(merged);
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

    /// <summary>A read-only list known to be canonical, so it is never checked or copied again.</summary>
    private sealed class CanonicalIds(IList<string> ids) : ReadOnlyCollection<string>(ids);
}
