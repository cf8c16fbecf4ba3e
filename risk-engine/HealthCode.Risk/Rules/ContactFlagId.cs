using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace HealthCode.Risk.Rules;

/// <summary>
/// The content id of a flag: the XxHash128 of every field joined by '|' (instants as Unix milliseconds, the record
/// ids joined by ','), as 32 lowercase hex digits.
/// </summary>
/// <remarks>
/// The journal keeps flags by this id and an update's flag set is compared with the held one by it, so the text
/// hashed must never change. It is fed to the hash a few kilobytes at a time: a flag's record ids run to thousands
/// of characters, and building the joined text first was most of the cost of handing a case's flags over.
/// </remarks>
internal static class ContactFlagId
{
    private const int BufferBytes = 4096;

    // One hash per thread, reset for each flag: a new XxHash128 was a sixth of what a case allocated (risk-e2e).
    [ThreadStatic]
    private static XxHash128? t_hash;

    /// <summary>The id of <paramref name="flag"/>.</summary>
    public static string Of(ContactFlag flag)
    {
        var evidence = flag.Evidence;
        var hash = t_hash ??= new XxHash128();
        hash.Reset();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var used = 0;

        void Append(ReadOnlySpan<char> text)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (used + needed > buffer.Length)
            {
                hash.Append(buffer.AsSpan(0, used));
                used = 0;
            }

            if (needed > buffer.Length)
            {
                hash.Append(Encoding.UTF8.GetBytes(text.ToString()));
                return;
            }

            used += Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
        }

        try
        {
            Append(string.Join('|', flag.PersonKey, flag.Colour, flag.RaisedAt.ToUnixTimeMilliseconds(),
                flag.QuarantineEnds.ToUnixTimeMilliseconds(), evidence.Rule, evidence.CaseKey, evidence.Place,
                evidence.Span.Start.ToUnixTimeMilliseconds(), evidence.Span.End.ToUnixTimeMilliseconds(),
                evidence.RuleSetVersion));
            Append("|");

            Span<char> hex = stackalloc char[PackedRecordIds.IdLength];
            for (var i = 0; i < evidence.RecordIds.Count; i++)
            {
                if (i > 0)
                {
                    Append(",");
                }

                Append(PackedRecordIds.TextOf(evidence.RecordIds, i, hex));
            }

            hash.Append(buffer.AsSpan(0, used));
            return Convert.ToHexStringLower(hash.GetCurrentHash());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
