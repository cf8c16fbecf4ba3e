using HealthCode.Contracts.Geo;

namespace HealthCode.Ingest.Identity;

/// <summary>Subscriber keys by E.164 number, the number's digits packed in a <see cref="ulong"/>.</summary>
/// <remarks>
/// An open-addressing table of (number, key) pairs side by side: a lookup reads one cache line in the common
/// case, where a string dictionary reads the bucket array, the entry and the stored string to compare it, each
/// a likely cache miss once 100,000 SIMs are cached. The digits of an E.164 number start with a non-zero digit,
/// so the packed value is unique per number and never 0, which marks an empty slot.
/// </remarks>
internal sealed class SubscriberKeyCache
{
    private const int InitialSlots = 1 << 10;

    private readonly int _capacity;
    private Entry[] _entries = new Entry[InitialSlots];
    private int _count;

    /// <summary>Creates a cache that is dropped whole when it holds <paramref name="capacity"/> keys.</summary>
    public SubscriberKeyCache(int capacity) => _capacity = capacity;

    /// <summary>Packs the digits after the plus sign of <c>+</c> and 7 to 19 digits, the first non-zero.</summary>
    public static bool TryPack(ReadOnlySpan<char> msisdn, out ulong number)
    {
        number = 0;

        // 19 digits always fit a ulong; E.164 allows 15, so anything longer goes the general way.
        if (msisdn.Length is < 2 or > 20 || msisdn[0] != '+' || msisdn[1] == '0')
        {
            return false;
        }

        foreach (var c in msisdn[1..])
        {
            var digit = (uint)(c - '0');

            if (digit > 9)
            {
                return false;
            }

            number = number * 10 + digit;
        }

        return true;
    }

    /// <summary>The cached key of a packed number, or null.</summary>
    public string? Find(ulong number)
    {
        var entries = _entries;
        var mask = entries.Length - 1;

        for (var slot = (int)CellKey.Mix(number) & mask; ; slot = (slot + 1) & mask)
        {
            ref var entry = ref entries[slot];

            if (entry.Number == number)
            {
                return entry.Key;
            }

            if (entry.Number == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Stores the key of a packed number that <see cref="Find"/> did not have.</summary>
    public void Add(ulong number, string key)
    {
        if (_capacity == 0)
        {
            return;
        }

        // A full cache is dropped whole: cheaper than LRU bookkeeping, and pings from one SIM come in runs.
        if (_count >= _capacity)
        {
            Array.Clear(_entries);
            _count = 0;
        }

        // Kept at most half full, so that probe runs stay short.
        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Insert(_entries, number, key);
        _count++;
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];

        foreach (var entry in _entries)
        {
            if (entry.Number != 0)
            {
                Insert(entries, entry.Number, entry.Key!);
            }
        }

        _entries = entries;
    }

    private static void Insert(Entry[] entries, ulong number, string key)
    {
        var mask = entries.Length - 1;
        var slot = (int)CellKey.Mix(number) & mask;

        while (entries[slot].Number != 0)
        {
            slot = (slot + 1) & mask;
        }

        entries[slot] = new Entry(number, key);
    }

    private readonly record struct Entry(ulong Number, string? Key);
}
