using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using HealthCode.Risk.Engine;

namespace HealthCode.Risk.Rules;

/// <summary>
/// The content id of a flag: the XxHash128 of every field joined by '|' (instants as Unix milliseconds, the record
/// ids joined by ','), as 32 lowercase hex digits.
/// </summary>
/// <remarks>
/// The journal keeps flags by this id and an update's flag set is compared with the held one by it, so the text
/// hashed must never change. Its UTF-8 is written straight into a pooled buffer and fed to the hash a few kilobytes
/// at a time: a flag's record ids run to thousands of characters, and building the joined text, or formatting each
/// id as characters and transcoding it, was a large part of handing a case's flags over (risk-e2e profiles).
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

        try
        {
            var text = new HashedText(hash, buffer);
            text.Append(flag.PersonKey);
            text.Separator();
            // The generic GetName gives ToString's text without boxing the value.
            text.Append(Enum.GetName(flag.Colour));
            text.Separator();
            text.Append(flag.RaisedAt.ToUnixTimeMilliseconds());
            text.Separator();
            text.Append(flag.QuarantineEnds.ToUnixTimeMilliseconds());
            text.Separator();
            text.Append(Enum.GetName(evidence.Rule));
            text.Separator();
            text.Append(evidence.CaseKey);
            text.Separator();
            text.Append(evidence.Place);
            text.Separator();
            text.Append(evidence.Span.Start.ToUnixTimeMilliseconds());
            text.Separator();
            text.Append(evidence.Span.End.ToUnixTimeMilliseconds());
            text.Separator();
            text.Append(evidence.RuleSetVersion);
            text.Separator();
            AppendIds(ref text, evidence.RecordIds);
            text.Flush();

            // Into the stack: a new 16-byte array per flag was 40,000 objects a case for the GC to walk.
            Span<byte> digest = stackalloc byte[16];
            hash.GetCurrentHash(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void AppendIds(ref HashedText text, IReadOnlyList<string> ids)
    {
        if (ids is PackedRecordIds packed)
        {
            var first = true;
            foreach (var value in packed.EnumerateValues())
            {
                text.Comma(first);
                text.Append(value);
                first = false;
            }

            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            text.Comma(i == 0);
            text.Append(ids[i]);
        }
    }

    /// <summary>The UTF-8 of the joined text, written into a buffer that is handed to the hash when full.</summary>
    private ref struct HashedText(XxHash128 hash, byte[] buffer)
    {
        // The longest number written: a long's digits and sign.
        private const int MaxNumberBytes = 20;

        private int _used;

        public void Separator() => Byte((byte)'|');

        public void Comma(bool first)
        {
            if (!first)
            {
                Byte((byte)',');
            }
        }

        public void Append(string? value)
        {
            // string.Join writes a null as nothing.
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (needed > buffer.Length)
            {
                Flush();
                hash.Append(Encoding.UTF8.GetBytes(value));
                return;
            }

            Room(needed);
            _used += Encoding.UTF8.GetBytes(value, buffer.AsSpan(_used));
        }

        public void Append(long value)
        {
            Room(MaxNumberBytes);
            value.TryFormat(buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
            _used += written;
        }

        public void Append(UInt128 id)
        {
            Room(PackedRecordIds.IdLength);
            _used += RecordKeys.FormatUtf8(id, buffer.AsSpan(_used));
        }

        public void Flush()
        {
            hash.Append(buffer.AsSpan(0, _used));
            _used = 0;
        }

        private void Byte(byte value)
        {
            Room(1);
            buffer[_used++] = value;
        }

        private void Room(int bytes)
        {
            if (_used + bytes > buffer.Length)
            {
                Flush();
            }
        }
    }
}
