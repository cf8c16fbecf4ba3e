using System.Security.Cryptography;
using System.Text;

namespace HealthCode.Ingest.Identity;

/// <summary>
/// Derives the keys that replace raw identifiers: the first 16 bytes of HMAC-SHA256(pepper, id), as hex.
/// </summary>
/// <remarks>
/// The derivation is fixed by DESIGN bit for bit, because every role and every partner-side join depends on it.
/// Instances are not thread-safe: each ingest pipeline owns one, with its own cache.
/// </remarks>
public sealed class Pseudonymiser
{
    /// <summary>Length of a key in hex characters (16 bytes).</summary>
    public const int KeyLength = 32;

    private const int MaxIdBytes = 256;

    private readonly byte[] _pepper;
    private readonly IncrementalHash _hmac;
    private readonly Dictionary<string, string> _cache;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly SubscriberKeyCache _subscribers;
    private readonly int _cacheCapacity;

    /// <summary>Creates a pseudonymiser for a pepper, caching up to <paramref name="cacheCapacity"/> keys.</summary>
    /// <remarks>
    /// The limit holds for each of the two caches: E.164 numbers, keyed by their digits, and all other ids.
    /// </remarks>
    public Pseudonymiser(string pepper, int cacheCapacity = 1 << 20)
    {
        ArgumentException.ThrowIfNullOrEmpty(pepper);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheCapacity);

        _pepper = Encoding.UTF8.GetBytes(pepper);

        // One keyed HMAC reused for every miss: the one-shot HMACSHA256.HashData sets up the key pads on every
        // call, which costs several times the hashing of a short identifier.
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _pepper);
        _cacheCapacity = cacheCapacity;
        _cache = new Dictionary<string, string>(StringComparer.Ordinal);
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _subscribers = new SubscriberKeyCache(cacheCapacity);
    }

    /// <summary>The person key of an <c>id_number</c>: trimmed and upper-cased before hashing.</summary>
    public string PersonKey(ReadOnlySpan<char> idNumber)
    {
        var trimmed = idNumber.Trim();
        Span<char> upper = trimmed.Length <= MaxIdBytes ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        trimmed.ToUpperInvariant(upper);
        return Cached(upper);
    }

    /// <summary>The subscriber key of an <c>msisdn</c>: trimmed, kept in its E.164 form.</summary>
    public string SubscriberKey(ReadOnlySpan<char> msisdn)
    {
        var trimmed = msisdn.Trim();

        // Numbers in E.164 form, all of them once parsers have validated, take the cache keyed by their
        // digits; anything else keeps the string cache, so the key stays the HMAC of exactly the trimmed text.
        if (!SubscriberKeyCache.TryPack(trimmed, out var number))
        {
            return Cached(trimmed);
        }

        if (_subscribers.Find(number) is { } key)
        {
            return key;
        }

        key = DeriveReusing(trimmed);
        _subscribers.Add(number, key);
        return key;
    }

    /// <summary>Computes a key without the cache, straight from the definition.</summary>
    public static string Derive(ReadOnlySpan<byte> pepper, ReadOnlySpan<char> normalisedId)
    {
        var byteCount = Encoding.UTF8.GetByteCount(normalisedId);
        Span<byte> idBytes = byteCount <= MaxIdBytes * 3 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(normalisedId, idBytes);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(pepper, idBytes, mac);

        return Convert.ToHexStringLower(mac[..16]);
    }

    private string DeriveReusing(ReadOnlySpan<char> normalisedId)
    {
        var byteCount = Encoding.UTF8.GetByteCount(normalisedId);
        Span<byte> idBytes = byteCount <= MaxIdBytes * 3 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(normalisedId, idBytes);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.AppendData(idBytes);
        _hmac.GetHashAndReset(mac);

        return Convert.ToHexStringLower(mac[..16]);
    }

    private string Cached(ReadOnlySpan<char> normalised)
    {
        if (_lookup.TryGetValue(normalised, out var key))
        {
            return key;
        }

        key = DeriveReusing(normalised);

        // A full cache is dropped whole: cheaper than LRU bookkeeping, and pings from one SIM come in runs.
        if (_cache.Count >= _cacheCapacity)
        {
            _cache.Clear();
        }

        if (_cacheCapacity > 0)
        {
            _lookup[normalised] = key;
        }

        return key;
    }
}
