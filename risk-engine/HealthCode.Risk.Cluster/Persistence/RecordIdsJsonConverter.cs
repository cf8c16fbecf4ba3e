using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

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
/// the output, with nothing to escape.
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
    private const int IdBytes = 16;
    private const int IdChars = 32;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <inheritdoc/>
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                return FromText(reader.ValueSpan);
            }

            return FromText(Encoding.UTF8.GetBytes(reader.GetString()!));
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

        return ids;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        if (value.Count > 0 && AllCanonical(value))
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

    private static bool AllCanonical(IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i].Length != IdChars || ids[i].AsSpan().ContainsAnyExcept(LowerHex))
            {
                return false;
            }
        }

        return true;
    }

    private static void WritePacked(Utf8JsonWriter writer, IReadOnlyList<string> ids)
    {
        var rawLength = ids.Count * IdBytes;
        // Quote, mark, base64, quote.
        var textLength = 3 + Base64.GetMaxEncodedToUtf8Length(rawLength);
        var raw = ArrayPool<byte>.Shared.Rent(rawLength);
        var text = ArrayPool<byte>.Shared.Rent(textLength);

        try
        {
            for (var i = 0; i < ids.Count; i++)
            {
                Convert.FromHexString(ids[i], raw.AsSpan(i * IdBytes, IdBytes), out _, out _);
            }

            text[0] = (byte)'"';
            text[1] = PackedMark;
            Base64.EncodeToUtf8(raw.AsSpan(0, rawLength), text.AsSpan(2), out _, out var written);
            text[2 + written] = (byte)'"';

            // Base64 needs no escaping inside a JSON string, so the writer need not look at it again.
            writer.WriteRawValue(text.AsSpan(0, 3 + written), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private static string[] FromText(ReadOnlySpan<byte> text)
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

    private static string[] Unpack(ReadOnlySpan<byte> base64)
    {
        var raw = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(base64.Length));

        try
        {
            var status = Base64.DecodeFromUtf8(base64, raw, out _, out var written);
            if (status != OperationStatus.Done || written % IdBytes != 0)
            {
                throw new JsonException($"Packed record ids are not base64 of 16-byte ids ({status}, {written} bytes).");
            }

            var ids = new string[written / IdBytes];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = Convert.ToHexStringLower(raw.AsSpan(i * IdBytes, IdBytes));
            }

            return ids;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }
}
