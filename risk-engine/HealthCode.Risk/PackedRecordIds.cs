using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
using HealthCode.Risk.Engine;

namespace HealthCode.Risk;

/// <summary>
/// A canonical list of feed record ids (sorted, distinct, each 32 lowercase hex digits) kept as their 128-bit
/// values; reading an id makes its hex.
/// </summary>
/// <remarks>
/// <para>
/// A new case at 100,000 people raises about 40,000 flags with some 80 record ids each. As strings, every ping of
/// every companion's stay became a new object of 88 bytes that the flags kept alive, and the GC marked and copied
/// them all: collections paused a case for about half a second (risk-e2e). Values in one array are 16 bytes each
/// and hold no reference. Ordinal order of fixed-width lowercase hex is the order of the values, so lists merge
/// and compare as numbers with the same result.
/// </para>
/// <para>
/// A union of packed lists is a view over their arrays (at most <see cref="MaxParts"/>), read in order through
/// <see cref="EnumerateValues"/>: a companion's evidence is a case's report, one of its presences and a stay, and
/// the presence's ids were copied into a new array for each of its hundreds of flags (without them a case needed
/// one gen1 collection fewer in four, risk-e2e). Readers that need one array (<see cref="Values"/>, the indexer)
/// make it once, on first use.
/// </para>
/// </remarks>
public sealed class PackedRecordIds : IReadOnlyList<string>
{
    /// <summary>The characters of one id: 32 lowercase hex digits.</summary>
    public const int IdLength = 32;

    /// <summary>The most arrays a union keeps as a view; a union of more is merged into one array.</summary>
    public const int MaxParts = 3;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    // The values in one run (an array, or a slice of a block, RecordIdBlocks), or the first part of a view.
    private readonly ArraySegment<UInt128> _values;

    // A view's second and third parts, empty when it has fewer. Each part is strictly ascending and none is empty,
    // but parts may share ids. Fields rather than an array of parts: a case makes some 60,000 views, and every
    // object a case allocates is one more for its gen1 collections to walk (risk-e2e allocation samples).
    private readonly ArraySegment<UInt128> _second;
    private readonly ArraySegment<UInt128> _third;
    private readonly int _partCount;

    // A view's values merged into one array, once someone asked for one.
    private UInt128[]? _merged;
    private readonly int _count;

    /// <summary>
    /// Packs ids given as text, each 32 lowercase hex digits in strictly ascending order: how a serializer that
    /// knows only the list's items (Akka's default one, between nodes) rebuilds it.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not in that form, or out of order.</exception>
    public PackedRecordIds(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids as IReadOnlyList<string> ?? [.. ids];
        _values = TryPack(list)?.Flat() ?? throw new ArgumentException(
            "Packed record ids must each be 32 lowercase hex digits, in strictly ascending order.", nameof(ids));
        _count = _values.Count;
    }

    private PackedRecordIds(ArraySegment<UInt128> values)
    {
        _values = values;
        _partCount = 1;
        _count = values.Count;
    }

    private PackedRecordIds(ArraySegment<UInt128> first, ArraySegment<UInt128> second, ArraySegment<UInt128> third)
    {
        _values = first;
        _second = second;
        _third = third;
        _partCount = third.Count > 0 ? 3 : 2;
        var count = 0;
        foreach (var _ in new ValueEnumerator(first, second, third))
        {
            count++;
        }

        _count = count;
    }

    /// <summary>The ids as values, in order, in one array (made on first use when this is a union).</summary>
    public ReadOnlySpan<UInt128> Values => Flat();

    /// <summary>The number of arrays behind the list: one, or the parts of a union kept as a view.</summary>
    public int PartCount => _partCount;

    /// <inheritdoc/>
    public int Count => _count;

    /// <inheritdoc/>
    public string this[int index] => RecordKeys.ToHex(Flat()[index]);

    /// <summary>
    /// Takes <paramref name="values"/> without copying when they are strictly ascending; null otherwise. The caller
    /// gives the array up and must not change it.
    /// </summary>
    public static PackedRecordIds? Adopt(UInt128[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Adopt(new ArraySegment<UInt128>(values));
    }

    /// <summary>
    /// Takes the slice <paramref name="values"/> without copying when it is strictly ascending; null otherwise. The
    /// caller gives the slice up and must not change it.
    /// </summary>
    public static PackedRecordIds? Adopt(ArraySegment<UInt128> values)
    {
        if (values.Array is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        for (var i = 1; i < values.Count; i++)
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

    /// <summary>The ids as values in ascending order, without making one array of a union.</summary>
    public ValueEnumerator EnumerateValues() => new(_values, _second, _third);

    /// <summary>Whether two packed lists hold the same ids.</summary>
    public static bool SequenceEqual(PackedRecordIds first, PackedRecordIds second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first._count != second._count)
        {
            return false;
        }

        if (first._partCount == 1 && second._partCount == 1)
        {
            return first._values.AsSpan().SequenceEqual(second._values);
        }

        var other = second.EnumerateValues();
        foreach (var value in first.EnumerateValues())
        {
            if (!other.MoveNext() || other.Current != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The union of packed lists: a view over their arrays when they are few enough, else one array.</summary>
    internal static PackedRecordIds Union(params ReadOnlySpan<PackedRecordIds> lists)
    {
        var withIds = 0;
        var partCount = 0;
        PackedRecordIds? only = null;
        foreach (var list in lists)
        {
            if (list._count > 0)
            {
                withIds++;
                partCount += list._partCount;
                only = withIds == 1 ? list : null;
            }
        }

        // One list with ids is the union itself; none leaves the empty list.
        if (withIds <= 1)
        {
            return only ?? new PackedRecordIds(Array.Empty<UInt128>());
        }

        // A view's parts are gathered on the stack; only a union of more is merged through an array.
        var buffer = default(PartBuffer);
        Span<ArraySegment<UInt128>> parts = partCount <= MaxParts ? buffer : new ArraySegment<UInt128>[partCount];
        var at = 0;
        foreach (var list in lists)
        {
            for (var i = 0; list._count > 0 && i < list._partCount; i++)
            {
                parts[at++] = list.Part(i);
            }
        }

        if (partCount <= MaxParts)
        {
            return new PackedRecordIds(parts[0], parts[1], partCount > 2 ? parts[2] : ArraySegment<UInt128>.Empty);
        }

        // More parts than a view keeps: merged into one array, two at a time.
        var merged = parts[0];
        for (var i = 1; i < parts.Length; i++)
        {
            merged = new PackedRecordIds(merged, parts[i], ArraySegment<UInt128>.Empty).Flat();
        }

        return new PackedRecordIds(merged);
    }

    [InlineArray(MaxParts)]
    private struct PartBuffer
    {
        private ArraySegment<UInt128> _part;
    }

    private ArraySegment<UInt128> Part(int index) => index switch
    {
        0 => _values,
        1 => _second,
        _ => _third,
    };

    /// <summary>The values in one array, merged from the parts on first use.</summary>
    private ArraySegment<UInt128> Flat()
    {
        if (_partCount == 1)
        {
            return _values;
        }

        if (Volatile.Read(ref _merged) is { } done)
        {
            return done;
        }

        var merged = new UInt128[_count];
        var at = 0;
        foreach (var value in EnumerateValues())
        {
            merged[at++] = value;
        }

        // Flags are read on several threads; two that merge at once make equal arrays, and one of them is kept.
        return Interlocked.CompareExchange(ref _merged, merged, null) ?? merged;
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        // A struct enumerator cannot live across a yield in a method of the list, so the values come one at a time.
        var values = EnumerateValues();
        while (values.MoveNext())
        {
            yield return RecordKeys.ToHex(values.Current);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values of one array or of the parts of a union, in ascending order, each once.</summary>
    public struct ValueEnumerator
    {
        private readonly ArraySegment<UInt128> _first;
        private readonly ArraySegment<UInt128> _second;
        private readonly ArraySegment<UInt128> _third;
        private int _i;
        private int _j;
        private int _k;

        internal ValueEnumerator(ArraySegment<UInt128> first, ArraySegment<UInt128> second,
            ArraySegment<UInt128> third)
        {
            // A view has at most three parts (Union); a missing one is empty.
            _first = first;
            _second = second;
            _third = third;
        }

        /// <summary>The current value.</summary>
        public UInt128 Current { get; private set; }

        /// <summary>This enumerator, so that <c>foreach</c> can take it.</summary>
        public readonly ValueEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next value; false after the last.</summary>
        public bool MoveNext()
        {
            var hasFirst = _i < _first.Count;
            var hasSecond = _j < _second.Count;
            var hasThird = _k < _third.Count;
            if (!hasFirst && !hasSecond && !hasThird)
            {
                return false;
            }

            var least = UInt128.MaxValue;
            least = hasFirst && _first[_i] < least ? _first[_i] : least;
            least = hasSecond && _second[_j] < least ? _second[_j] : least;
            least = hasThird && _third[_k] < least ? _third[_k] : least;

            // The greatest value itself may be an id, so each part is compared rather than the sentinel trusted.
            _i += hasFirst && _first[_i] == least ? 1 : 0;
            _j += hasSecond && _second[_j] == least ? 1 : 0;
            _k += hasThird && _third[_k] == least ? 1 : 0;
            Current = least;
            return true;
        }
    }
}
