using System.Text;
using System.Text.Json;
using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Parsing;

/// <summary>
/// The fields of one JSON Lines record, read once, with typed accessors that record the first error.
/// </summary>
/// <remarks>
/// Accessors return a default and remember the first problem instead of throwing, so a flood of bad lines costs
/// no more than good ones. Unknown fields are skipped, as the contract requires. Not thread-safe: each parser
/// owns one and reuses it line after line.
/// </remarks>
internal sealed class JsonFields
{
    private readonly Feed _feed;
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly JsonTokenType[] _types;
    private readonly string?[] _strings;
    private readonly double[] _numbers;
    private readonly List<string>?[] _lists;
    private readonly string?[] _raw;

    public JsonFields(Feed feed, params string[] names)
    {
        _feed = feed;
        _names = names;
        _utf8Names = names.Select(Encoding.UTF8.GetBytes).ToArray();
        _types = new JsonTokenType[names.Length];
        _strings = new string?[names.Length];
        _numbers = new double[names.Length];
        _lists = new List<string>?[names.Length];
        _raw = new string?[names.Length];
    }

    public long Line { get; private set; }

    public ParseError? Error { get; private set; }

    /// <summary>Reads a line; false (with <see cref="Error"/> set) when it is not one JSON object.</summary>
    public bool Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        Line = lineNumber;
        Error = null;
        Array.Clear(_types);

        try
        {
            var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow };
            var reader = new Utf8JsonReader(line, options);

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail(ParseError.ForLine(_feed, lineNumber, "expected a JSON object"));
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = IndexOf(ref reader);
                reader.Read();

                if (index < 0)
                {
                    reader.Skip();
                    continue;
                }

                if (!Capture(ref reader, index))
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Fail(ParseError.ForLine(_feed, lineNumber, "text after the JSON object"));
            }
        }
        catch (JsonException ex)
        {
            return Fail(ParseError.ForLine(_feed, lineNumber, "not valid JSON: " + FirstSentence(ex.Message)));
        }

        return true;
    }

    /// <summary>A required, non-blank string.</summary>
    public string Text(int field)
    {
        if (!Present(field, required: true))
        {
            return string.Empty;
        }

        if (_types[field] != JsonTokenType.String)
        {
            return Invalid(field, "must be a string", string.Empty);
        }

        var value = _strings[field]!;
        return string.IsNullOrWhiteSpace(value) ? Invalid(field, "must not be empty", string.Empty) : value.Trim();
    }

    /// <summary>An optional string: empty when absent or null.</summary>
    public string OptionalString(int field)
    {
        if (_types[field] is JsonTokenType.None or JsonTokenType.Null)
        {
            return string.Empty;
        }

        return _types[field] == JsonTokenType.String
            ? _strings[field]!.Trim()
            : Invalid(field, "must be a string", "");
    }

    /// <summary>A required finite number.</summary>
    public double Number(int field)
    {
        if (!Present(field, required: true))
        {
            return 0;
        }

        return _types[field] == JsonTokenType.Number ? _numbers[field] : Invalid(field, "must be a number", 0.0);
    }

    /// <summary>A required whole number.</summary>
    public long Integer(int field)
    {
        var value = Number(field);

        if (Error is null && (value != Math.Floor(value) || Math.Abs(value) > int.MaxValue))
        {
            return Invalid(field, "must be a whole number", 0L);
        }

        return (long)value;
    }

    /// <summary>A required ISO-8601 timestamp with an offset, in unix milliseconds.</summary>
    public long Timestamp(int field)
    {
        var text = Text(field);

        if (Error is not null)
        {
            return 0;
        }

        return Iso8601.TryParseUnixMs(text.AsSpan(), out var ms)
            ? ms
            : Invalid(field, "must be an ISO-8601 timestamp with an offset", 0L);
    }

    /// <summary>A required calendar date <c>YYYY-MM-DD</c>.</summary>
    public string Date(int field)
    {
        var text = Text(field);

        if (Error is not null)
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return Iso8601.TryParseDate(bytes, out _) ? text : Invalid(field, "must be a date YYYY-MM-DD", text);
    }

    /// <summary>A required list of strings (may be empty).</summary>
    public IReadOnlyList<string> StringList(int field)
    {
        if (!Present(field, required: true))
        {
            return [];
        }

        return _types[field] == JsonTokenType.StartArray && _lists[field] is { } list
            ? list
            : Invalid<IReadOnlyList<string>>(field, "must be a list of strings", []);
    }

    /// <summary>Records a rule violation on a field, keeping only the first error of the line.</summary>
    public T Invalid<T>(int field, string reason, T fallback)
    {
        Error ??= ParseError.ForField(_feed, Line, _names[field], _raw[field], reason);
        return fallback;
    }

    private bool Present(int field, bool required)
    {
        if (Error is not null)
        {
            return false;
        }

        if (_types[field] is JsonTokenType.None or JsonTokenType.Null)
        {
            if (required)
            {
                Error = ParseError.ForField(_feed, Line, _names[field], null, "is missing");
            }

            return false;
        }

        return true;
    }

    private bool Capture(ref Utf8JsonReader reader, int index)
    {
        _types[index] = reader.TokenType;
        _lists[index] = null;

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                _strings[index] = reader.GetString();
                _raw[index] = _strings[index];
                break;
            case JsonTokenType.Number:
                _raw[index] = Encoding.UTF8.GetString(reader.ValueSpan);
                _numbers[index] = reader.TryGetDouble(out var number) && double.IsFinite(number) ? number : double.NaN;

                if (double.IsNaN(_numbers[index]))
                {
                    return Fail(ParseError.ForField(_feed, Line, _names[index], _raw[index], "number out of range"));
                }

                break;
            case JsonTokenType.StartArray:
                _lists[index] = ReadStringList(ref reader);
                _raw[index] = "[...]";
                break;
            case JsonTokenType.StartObject:
                _raw[index] = "{...}";
                reader.Skip();
                break;
            default:
                _raw[index] = Encoding.UTF8.GetString(reader.ValueSpan);
                break;
        }

        return true;
    }

    private static List<string>? ReadStringList(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        var allStrings = true;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                list.Add(reader.GetString()!);
            }
            else
            {
                allStrings = false;
                reader.Skip();
            }
        }

        return allStrings ? list : null;
    }

    private int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (reader.ValueTextEquals(_utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Fail(ParseError error)
    {
        Error = error;
        return false;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
