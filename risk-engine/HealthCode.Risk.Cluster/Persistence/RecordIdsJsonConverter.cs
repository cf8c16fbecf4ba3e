using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthCode.Risk;
using HealthCode.Risk.Engine;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>
/// Writes a list of record ids as one string: the ids' bytes packed in base64 when every id is 32 lowercase hex
/// digits (as feed record ids are), else the ids joined by commas; reads those or a plain array.
/// </summary>
/// <remarks>
/// <para>
/// A case raises tens of thousands of flags with about 80 record ids each, and the person groups journal every one
/// of them. Written one string each, the ids were a third of the journal's serializing time (a profile of
/// risk-e2e); joined by commas they were still most of it, since the joined text was built, checked for escapes
/// and transcoded to UTF-8. Packed, an id is 16 bytes of base64 (21⅓ characters instead of 33) written straight to
/// the output, with nothing to escape; the engine's <see cref="PackedRecordIds"/> are written from their values and
/// read back as such.
/// </para>
/// <para>
/// Inside a document (<see cref="BeginDocument"/>, as <see cref="PersonSerializer"/> writes every message), a list
/// met again, the same object, is written as <c>~#</c> and the number of the earlier list: a journaled change
/// carries each new flag's ids twice, in the flag and in the code change's evidence, and a snapshot holds each
/// person's flags and last change alike. Read back, both places hold the one list.
/// </para>
/// <para>
/// The packed form starts with <c>~</c>, which neither hex nor base64 contains. Ids the joined text could not give
/// back (one with a comma, an empty one, a first one starting with the mark) are written as an array instead, so
/// nothing is lost.
/// </para>
/// </remarks>
public sealed class RecordIdsJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    private const byte PackedMark = (byte)'~';
    private const byte ReferenceMark = (byte)'#';
    private const int IdBytes = 16;

    // The lists of the document being written (by object) or read (in order) on this thread.
    [ThreadStatic]
    private static Dictionary<IReadOnlyList<string>, int>? t_written;

    [ThreadStatic]
    private static List<IReadOnlyList<string>>? t_read;

    /// <summary>
    /// Starts a document on this thread in which a list met again is written (and read) as a reference to the first;
    /// disposing it ends the document. Inside a document already, it changes nothing.
    /// </summary>
    public static Document BeginDocument()
    {
        if (t_written is not null)
        {
            return default;
        }

        t_written = new Dictionary<IReadOnlyList<string>, int>(ReferenceEqualityComparer.Instance);
        t_read = [];
        return new Document(owner: true);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = !reader.ValueIsEscaped && !reader.HasValueSequence
                ? reader.ValueSpan
                : Encoding.UTF8.GetBytes(reader.GetString()!);
            if (text.Length > 1 && text[0] == PackedMark && text[1] == ReferenceMark)
            {
                return Earlier(text[2..]);
            }

            return Seen(FromText(text));
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Record ids must be a string or an array, not {reader.TokenType}.");
        }

        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(reader.GetString() ?? throw new JsonException("A record id is null."));
        }

        return Seen(ids);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        if (t_written is { } written)
        {
            if (written.TryGetValue(value, out var earlier))
            {
                writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"~#{earlier}"));
                return;
            }

            written.Add(value, written.Count);
        }

        if (value is PackedRecordIds packed)
        {
            WritePacked(writer, packed);
            return;
        }

        if (value.Count > 0 && value.All(PackedRecordIds.IsCanonical))
        {
            WritePacked(writer, value);
            return;
        }

        if (!Joinable(value))
        {
            writer.WriteStartArray();
            foreach (var id in value)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStringValue(string.Join(',', value));
    }

    /// <summary>
    /// Whether the joined text reads back as these ids: none empty (an empty text is no ids), none with a comma, and
    /// not starting with the packed form's mark.
    /// </summary>
    private static bool Joinable(IReadOnlyList<string> ids) =>
        (ids.Count == 0 || !ids[0].StartsWith((char)PackedMark))
        && ids.All(id => id.Length > 0 && !id.Contains(',', StringComparison.Ordinal));

    private static void WritePacked(Utf8JsonWriter writer, IReadOnlyList<string> ids)
    {
        var raw = ArrayPool<byte>.Shared.Rent(ids.Count * IdBytes);

        try
        {
            for (var i = 0; i < ids.Count; i++)
            {
                Convert.FromHexString(ids[i], raw.AsSpan(i * IdBytes, IdBytes), out _, out _);
            }

            WritePacked(writer, raw.AsSpan(0, ids.Count * IdBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static void WritePacked(Utf8JsonWriter writer, PackedRecordIds ids)
    {
        var raw = ArrayPool<byte>.Shared.Rent(ids.Count * IdBytes);

        try
        {
            var at = 0;
            foreach (var value in ids.EnumerateValues())
            {
                BinaryPrimitives.WriteUInt128BigEndian(raw.AsSpan(at, IdBytes), value);
                at += IdBytes;
            }

            WritePacked(writer, raw.AsSpan(0, at));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static void WritePacked(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
    {
        // Quote, mark, base64, quote.
        var text = ArrayPool<byte>.Shared.Rent(3 + Base64.GetMaxEncodedToUtf8Length(raw.Length));

        try
        {
            text[0] = (byte)'"';
            text[1] = PackedMark;
            Base64.EncodeToUtf8(raw, text.AsSpan(2), out _, out var written);
            text[2 + written] = (byte)'"';

            // Base64 needs no escaping inside a JSON string, so the writer need not look at it again.
            writer.WriteRawValue(text.AsSpan(0, 3 + written), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private static IReadOnlyList<string> Seen(IReadOnlyList<string> ids)
    {
        t_read?.Add(ids);
        return ids;
    }

    private static IReadOnlyList<string> Earlier(ReadOnlySpan<byte> number)
    {
        if (t_read is not { } read)
        {
            throw new JsonException("Record ids refer to an earlier list outside a document that can hold one.");
        }

        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= read.Count)
        {
            throw new JsonException(
                $"Record ids refer to earlier list '{Encoding.UTF8.GetString(number)}' of {read.Count} read so far.");
        }

        return read[index];
    }

    private static IReadOnlyList<string> FromText(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return [];
        }

        if (text[0] != PackedMark)
        {
            return Encoding.UTF8.GetString(text).Split(',');
        }

        return Unpack(text[1..]);
    }

    /// <summary>The ids as values when they ascend, as the engine's always do; else their hex in the order given.
    /// </summary>
    private static IReadOnlyList<string> Unpack(ReadOnlySpan<byte> base64)
    {
        var raw = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(base64.Length));

        try
        {
            var status = Base64.DecodeFromUtf8(base64, raw, out _, out var written);
            if (status != OperationStatus.Done || written % IdBytes != 0)
            {
                throw new JsonException(
                    $"Packed record ids are not base64 of 16-byte ids ({status}, {written} bytes).");
            }

            var values = new UInt128[written / IdBytes];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadUInt128BigEndian(raw.AsSpan(i * IdBytes, IdBytes));
            }

            return (IReadOnlyList<string>?)PackedRecordIds.Adopt(values) ?? [.. values.Select(RecordKeys.ToHex)];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>The document <see cref="BeginDocument"/> started; disposing it ends it.</summary>
    public readonly struct Document : IDisposable
    {
        private readonly bool _owner;

        internal Document(bool owner) => _owner = owner;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (_owner)
            {
                t_written = null;
                t_read = null;
            }
        }
    }
}
