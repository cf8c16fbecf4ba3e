using System.Globalization;

namespace HealthCode.Storage.Formats;

/// <summary>A parsed ClickHouse type name such as <c>Array(Nullable(DateTime64(3, 'UTC')))</c>.</summary>
internal sealed class ClickHouseType
{
    private ClickHouseType(ClickHouseTypeKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>What the type is.</summary>
    public ClickHouseTypeKind Kind { get; }

    /// <summary>The type name as ClickHouse wrote it.</summary>
    public string Name { get; }

    /// <summary>The element type of Nullable and Array.</summary>
    public ClickHouseType? Inner { get; private init; }

    /// <summary>FixedString's byte length, DateTime64's and Decimal's scale.</summary>
    public int Size { get; private init; }

    /// <summary>Decimal's byte width (4, 8 or 16).</summary>
    public int Width { get; private init; }

    /// <summary>Enum values by their stored number.</summary>
    public IReadOnlyDictionary<int, string>? EnumNames { get; private init; }

    /// <summary>Parses a type name; throws <see cref="NotSupportedException"/> for types it cannot decode.</summary>
    public static ClickHouseType Parse(string name)
    {
        var text = name.Trim();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var head = open < 0 ? text : text[..open];
        var arguments = open < 0 ? string.Empty : text[(open + 1)..text.LastIndexOf(')')];

        return head switch
        {
            "LowCardinality" => Parse(arguments),
            "Nullable" => new(ClickHouseTypeKind.Nullable, text) { Inner = Parse(arguments) },
            "Array" => new(ClickHouseTypeKind.Array, text) { Inner = Parse(arguments) },
            "FixedString" => new(ClickHouseTypeKind.FixedString, text) { Size = ParseInt(arguments) },
            "DateTime64" => new(ClickHouseTypeKind.DateTime64, text) { Size = ParseInt(arguments.Split(',')[0]) },
            "DateTime" => new(ClickHouseTypeKind.DateTime, text),
            "Decimal" => Decimal(text, arguments),
            "Enum8" => new(ClickHouseTypeKind.Enum8, text) { EnumNames = ParseEnum(arguments) },
            "Enum16" => new(ClickHouseTypeKind.Enum16, text) { EnumNames = ParseEnum(arguments) },
            _ when Enum.TryParse<ClickHouseTypeKind>(Simple(head), out var kind) && open < 0 => new(kind, text),
            _ => throw new NotSupportedException(
                $"ClickHouse type '{name}' is not decoded by the RowBinary reader; cast it in the query " +
                "(e.g. toString) or read the result as JSONEachRow."),
        };
    }

    private static string Simple(string head) => head switch
    {
        "UUID" => nameof(ClickHouseTypeKind.Uuid),
        "Bool" or "UInt8" or "UInt16" or "UInt32" or "UInt64" or "Int8" or "Int16" or "Int32" or "Int64" => head,
        "Float32" or "Float64" or "String" or "Date" or "Date32" => head,
        _ => string.Empty,
    };

    private static ClickHouseType Decimal(string text, string arguments)
    {
        var parts = arguments.Split(',');
        var precision = ParseInt(parts[0]);

        if (precision > 18)
        {
            throw new NotSupportedException(
                $"ClickHouse type '{text}' is wider than 18 digits; cast it in the query.");
        }

        return new(ClickHouseTypeKind.Decimal, text) { Size = ParseInt(parts[1]), Width = precision > 9 ? 8 : 4 };
    }

    private static int ParseInt(string text) =>
        int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static Dictionary<int, string> ParseEnum(string arguments)
    {
        // Enum8('a' = 1, 'b' = 2): names are quoted and may hold escaped quotes, so scan rather than split.
        var names = new Dictionary<int, string>();
        var i = 0;

        while (i < arguments.Length)
        {
            var start = arguments.IndexOf('\'', i);

            if (start < 0)
            {
                break;
            }

            var name = new System.Text.StringBuilder();
            var j = start + 1;

            for (; arguments[j] != '\''; j++)
            {
                name.Append(arguments[j] == '\\' ? arguments[++j] : arguments[j]);
            }

            var equals = arguments.IndexOf('=', j);
            var comma = arguments.IndexOf(',', equals);
            var end = comma < 0 ? arguments.Length : comma;
            names[ParseInt(arguments[(equals + 1)..end])] = name.ToString();
            i = end + 1;
        }

        return names;
    }
}
