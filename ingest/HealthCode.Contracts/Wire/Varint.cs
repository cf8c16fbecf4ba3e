namespace HealthCode.Contracts.Wire;

/// <summary>
/// Protobuf's base-128 varints, for the writers that put wire bytes together without message objects.
/// </summary>
public static class Varint
{
    /// <summary>The bytes <paramref name="value"/> takes as a varint.</summary>
    public static int Size(uint value) => value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3
        : value < 1 << 28 ? 4 : 5;

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="output"/>; the bytes written.</summary>
    public static int Write(Span<byte> output, uint value)
    {
        var at = 0;

        while (value >= 0x80)
        {
            output[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[at++] = (byte)value;
        return at;
    }
}
