using System.Globalization;

namespace HealthCode.Risk.Engine;

/// <summary>Converts between 16-byte record ids and the lowercase hex the evidence carries.</summary>
public static class RecordKeys
{
    /// <summary>The record id of 16 bytes, read big-endian so that its hex reads like the bytes.</summary>
    public static UInt128 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            throw new ArgumentException($"A record id has 16 bytes, not {bytes.Length}.", nameof(bytes));
        }

        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return new UInt128(high, low);
    }

    /// <summary>Parses 32 hex digits.</summary>
    public static UInt128 FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return UInt128.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>The 32 lowercase hex digits of a record id given as its 16 bytes.</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes) => ToHex(FromBytes(bytes));

    /// <summary>The 32 lowercase hex digits of a record id.</summary>
    /// <remarks>
    /// Formatted from its bytes: UInt128's own formatting was the costliest step of building a stay, and two 64-bit
    /// halves formatted as numbers still took a tenth of it.
    /// </remarks>
    public static string ToHex(UInt128 id) => string.Create(32, id, static (chars, value) => Format(value, chars));

    /// <summary>Writes the 32 lowercase hex digits of <paramref name="id"/> into <paramref name="chars"/>.</summary>
    /// <returns>The digits written: the first 32 characters of <paramref name="chars"/>.</returns>
    public static ReadOnlySpan<char> Format(UInt128 id, Span<char> chars)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, id);
        if (!Convert.TryToHexStringLower(bytes, chars, out var written))
        {
            throw new ArgumentException("A record id needs 32 characters.", nameof(chars));
        }

        return chars[..written];
    }

    /// <summary>
    /// Writes the 32 lowercase hex digits of <paramref name="id"/> as UTF-8 into <paramref name="utf8"/>, of at least
    /// 32 bytes; the bytes written.
    /// </summary>
    public static int FormatUtf8(UInt128 id, Span<byte> utf8)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, id);
        if (!Convert.TryToHexStringLower(bytes, utf8, out var written))
        {
            throw new ArgumentException("A record id needs 32 bytes.", nameof(utf8));
        }

        return written;
    }
}
