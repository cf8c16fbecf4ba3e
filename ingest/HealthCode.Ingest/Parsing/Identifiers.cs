namespace HealthCode.Ingest.Parsing;

/// <summary>Shape checks for the raw identifiers of the contract.</summary>
internal static class Identifiers
{
    /// <summary>
    /// E.164: a plus sign, a non-zero digit, at most 15 digits in all (at least 7, the shortest plan).
    /// </summary>
    public static bool IsE164(ReadOnlySpan<char> msisdn)
    {
        if (msisdn.Length is < 8 or > 16 || msisdn[0] != '+' || msisdn[1] == '0')
        {
            return false;
        }

        foreach (var c in msisdn[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An identity document number: 4 to 32 ASCII letters or digits (resident ids, passports).</summary>
    public static bool IsIdNumber(ReadOnlySpan<char> idNumber)
    {
        if (idNumber.Length is < 4 or > 32)
        {
            return false;
        }

        foreach (var c in idNumber)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
