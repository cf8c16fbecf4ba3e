using System.Globalization;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses plain decimal numbers such as <c>30.274118</c> exactly, and fast.</summary>
/// <remarks>
/// Carrier coordinates are short decimals. When the digits fit in 2^53 and there are at most 22 after the point,
/// both the digits and the power of ten are exact doubles, so one IEEE division gives the correctly rounded value
/// (Clinger's fast path): the same double the framework's parser returns, at a fraction of its cost. Anything else
/// (exponents, long mantissas) goes to the framework's parser.
/// </remarks>
internal static class DecimalText
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ];

    private const ulong MaxExactMantissa = 1UL << 53;

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        text = text.Trim((byte)' ');

        if (TryFastPath(text, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryFastPath(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;

        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var fractionDigits = -1;

        for (; i < text.Length; i++)
        {
            var c = text[i];

            if (c == '.' && fractionDigits < 0)
            {
                fractionDigits = 0;
                continue;
            }

            var digit = (uint)(c - '0');

            if (digit > 9 || ++digits > 18)
            {
                return false;
            }

            mantissa = mantissa * 10 + digit;

            if (fractionDigits >= 0)
            {
                fractionDigits++;
            }
        }

        if (digits == 0 || mantissa > MaxExactMantissa || fractionDigits >= PowersOfTen.Length)
        {
            return false;
        }

        value = fractionDigits > 0 ? mantissa / PowersOfTen[fractionDigits] : mantissa;
        value = negative ? -value : value;
        return true;
    }
}
