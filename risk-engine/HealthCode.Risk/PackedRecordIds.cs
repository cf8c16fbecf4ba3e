using System.Buffers;
using System.Collections;
using HealthCode.Risk.Engine;

namespace HealthCode.Risk;

/// <summary>
/// A canonical list of feed record ids (sorted, distinct, each 32 lowercase hex digits) kept as their 128-bit
/// values; reading an id makes its hex.
/// </summary>
/// <remarks>
/// A new case at 100,000 people raises about 40,000 flags with some 80 record ids each. As strings, every ping of
/// every companion's stay became a new object of 88 bytes that the flags kept alive, and the GC marked and copied
/// them all: collections paused a case for about half a second (risk-e2e). Values in one array are 16 bytes each
/// and hold no reference. Ordinal order of fixed-width lowercase hex is the order of the values, so lists merge
/// and compare as numbers with the same result. The journal and the flag ids read <see cref="Values"/> directly.
/// </remarks>
public sealed class PackedRecordIds : IReadOnlyList<string>
{
    /// <summary>The characters of one id: 32 lowercase hex digits.</summary>
    public const int IdLength = 32;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly UInt128[] _values;

    /// <summary>
    /// Packs ids given as text, each 32 lowercase hex digits in strictly ascending order: how a serializer that
    /// knows only the list's items (Akka's default one, between nodes) rebuilds it.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not in that form, or out of order.</exception>
    public PackedRecordIds(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids as IReadOnlyList<string> ?? [.. ids];
        _values = TryPack(list)?._values ?? throw new ArgumentException(
            "Packed record ids must each be 32 lowercase hex digits, in strictly ascending order.", nameof(ids));
    }

    private PackedRecordIds(UInt128[] values) => _values = values;

    /// <summary>The ids as values, in order.</summary>
    public ReadOnlySpan<UInt128> Values => _values;

    /// <inheritdoc/>
    public int Count => _values.Length;

    /// <inheritdoc/>
    public string this[int index] => RecordKeys.ToHex(_values[index]);

    /// <summary>
    /// Takes <paramref name="values"/> without copying when they are strictly ascending; null otherwise. The caller
    /// gives the array up and must not change it.
    /// </summary>
    public static PackedRecordIds? Adopt(UInt128[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1] >= values[i])
            {
                return null;
            }
        }

        return new PackedRecordIds(values);
    }

    /// <summary>
    /// <paramref name="ids"/> as values when each is 32 lowercase hex digits and they ascend strictly; null otherwise.
    /// </summary>
    public static PackedRecordIds? TryPack(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids is PackedRecordIds packed)
        {
            return packed;
        }

        var values = new UInt128[ids.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!IsCanonical(ids[i]))
            {
                return null;
            }

            values[i] = RecordKeys.FromHex(ids[i]);
        }

        return Adopt(values);
    }

    /// <summary>Whether <paramref name="id"/> is 32 lowercase hex digits, the form feed record ids take.</summary>
    public static bool IsCanonical(string id) =>
        id is { Length: IdLength } && !id.AsSpan().ContainsAnyExcept(LowerHex);

    /// <summary>
    /// The text of id <paramref name="index"/> of <paramref name="ids"/>, without a new string when they are packed
    /// (then written into <paramref name="hex"/>, of at least <see cref="IdLength"/> characters).
    /// </summary>
    public static ReadOnlySpan<char> TextOf(IReadOnlyList<string> ids, int index, Span<char> hex) =>
        ids is PackedRecordIds packed ? RecordKeys.Format(packed._values[index], hex) : ids[index];

    /// <summary>The union of two packed lists, packed.</summary>
    internal static PackedRecordIds Union(PackedRecordIds first, PackedRecordIds second)
    {
        var merged = new UInt128[UnionCount(first._values, second._values)];
        Merge(first._values, second._values, merged);
        return new PackedRecordIds(merged);
    }

    /// <summary>The union of three packed lists, packed, without keeping the union of the first two.</summary>
    internal static PackedRecordIds Union(PackedRecordIds first, PackedRecordIds second, PackedRecordIds third)
    {
        var scratch = ArrayPool<UInt128>.Shared.Rent(first.Count + second.Count);

        try
        {
            var both = scratch.AsSpan(0, Merge(first._values, second._values, scratch));
            var merged = new UInt128[UnionCount(both, third._values)];
            Merge(both, third._values, merged);
            return new PackedRecordIds(merged);
        }
        finally
        {
            ArrayPool<UInt128>.Shared.Return(scratch);
        }
    }

    private static int UnionCount(ReadOnlySpan<UInt128> a, ReadOnlySpan<UInt128> b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var order = a[i].CompareTo(b[j]);
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
            n++;
        }

        return n + (a.Length - i) + (b.Length - j);
    }

    /// <summary>Merges two ascending runs into <paramref name="into"/>, each value once; the count written.</summary>
    private static int Merge(ReadOnlySpan<UInt128> a, ReadOnlySpan<UInt128> b, Span<UInt128> into)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length || j < b.Length)
        {
            var order = i == a.Length ? 1 : j == b.Length ? -1 : a[i].CompareTo(b[j]);
            into[n++] = order <= 0 ? a[i] : b[j];
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        return n;
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        foreach (var value in _values)
        {
            yield return RecordKeys.ToHex(value);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
