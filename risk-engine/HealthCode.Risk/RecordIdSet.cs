using System.Collections.ObjectModel;

namespace HealthCode.Risk;

/// <summary>Normalises lists of feed record ids so that the same set always has the same list.</summary>
/// <remarks>
/// Evidence is built for every contact of a case, and most of its ids come from lists that are canonical
/// already (a stay's, a case presence's, a union of those). Lists this class made are passed on as they are:
/// copying them again for every presence and piece of evidence was a tenth of a new case's CPU at 100,000
/// people (risk-e2e profile), the more so as every copied reference costs a GC write barrier on a heap of
/// several gigabytes. Any other list passes through in one comparison per id instead of a sort. The ids of
/// pings stay values (<see cref="PackedRecordIds"/>) from the stay to the journal.
/// </remarks>
internal static class RecordIdSet
{
    /// <summary>The distinct ids, sorted ordinally, in a list that callers cannot cast back and change.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> ids)
    {
        if (ids is CanonicalIds or PackedRecordIds)
        {
            return (IReadOnlyList<string>)ids;
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
    /// Record ids given as their values, kept packed (<see cref="PackedRecordIds"/>); sorted and made distinct first
    /// unless they ascend already. The caller gives the array up and must not change it.
    /// </summary>
    public static IReadOnlyList<string> Adopt(UInt128[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Adopt(new ArraySegment<UInt128>(values));
    }

    /// <summary>The same for a slice of an array (<see cref="RecordIdBlocks"/>).</summary>
    public static IReadOnlyList<string> Adopt(ArraySegment<UInt128> values)
    {
        if (PackedRecordIds.Adopt(values) is { } packed)
        {
            return packed;
        }

        return PackedRecordIds.Adopt([.. values.Distinct().Order()])!;
    }

    /// <summary>The union of lists that are each canonical (sorted ordinally, distinct), as one canonical list.
    /// </summary>
    /// <remarks>
    /// Packed when one side is packed and the other's ids all have the feed's form (a case's report id with the
    /// ids of its stay, say): the values merge in the same order as their hex.
    /// </remarks>
    public static IReadOnlyList<string> Union(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        if ((first is PackedRecordIds || second is PackedRecordIds)
            && PackedRecordIds.TryPack(first) is { } a && PackedRecordIds.TryPack(second) is { } b)
        {
            return PackedRecordIds.Union(a, b);
        }

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

    /// <summary>The union of three canonical lists, as one canonical list.</summary>
    /// <remarks>
    /// When they pack, a view over their arrays (<see cref="PackedRecordIds"/>): evidence joins a case's report, one
    /// of its presences and a stay, and the presence's ids are shared by hundreds of flags.
    /// </remarks>
    public static IReadOnlyList<string> Union(
        IReadOnlyList<string> first, IReadOnlyList<string> second, IReadOnlyList<string> third)
    {
        if ((first is PackedRecordIds || second is PackedRecordIds || third is PackedRecordIds)
            && PackedRecordIds.TryPack(first) is { } a && PackedRecordIds.TryPack(second) is { } b
            && PackedRecordIds.TryPack(third) is { } c)
        {
            return PackedRecordIds.Union(a, b, c);
        }

        return Union(Union(first, second), third);
    }

    /// <summary>Whether two canonical lists hold the same ids; packed lists compare their values.</summary>
    public static bool SequenceEqual(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        if (ReferenceEquals(first, second))
        {
            return true;
        }

        if (first is PackedRecordIds a && second is PackedRecordIds b)
        {
            return PackedRecordIds.SequenceEqual(a, b);
        }

        return first.Count == second.Count && first.SequenceEqual(second, StringComparer.Ordinal);
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
