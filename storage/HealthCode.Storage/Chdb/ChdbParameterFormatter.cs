using System.Collections;
using System.Globalization;
using System.Text;

namespace HealthCode.Storage.Chdb;

/// <summary>Turns <see cref="QueryParameters"/> into the text chDB parses for <c>{name:Type}</c>.</summary>
/// <remarks>
/// chDB reads a placeholder value the way the HTTP interface reads <c>param_*</c>: as a value in the escaped
/// (TabSeparated) text form of the placeholder's type. So a backslash must be doubled and a newline written as
/// <c>\n</c> (a raw newline fails with BAD_QUERY_PARAMETER). An Array value, though, is read as a literal
/// (<c>['a\'b']</c>) with no escaped layer around it: escaping it once more fails to parse.
/// </remarks>
internal static class ChdbParameterFormatter
{
    /// <summary>Formats every bound value; null when there are none.</summary>
    public static IReadOnlyList<ChdbQueryParameter>? Format(QueryParameters? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return null;
        }

        return parameters.Select(p => new ChdbQueryParameter(p.Key, FormatValue(p.Key, p.Value))).ToArray();
    }

    private static string FormatValue(string name, object? value) => value switch
    {
        null => "\\N",
        string s => Escape(s),
        IEnumerable sequence and not byte[] => FormatArray(name, sequence),
        _ => FormatScalar(name, value),
    };

    private static string FormatArray(string name, IEnumerable sequence)
    {
        var text = new StringBuilder("[");

        foreach (var item in sequence)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(item switch
            {
                null => "NULL",
                string s => Quote(s),
                DateTime or DateTimeOffset or DateOnly or Guid => Quote(FormatScalar(name, item)),
                _ => FormatScalar(name, item),
            });
        }

        // An Array value is read as literals, without the escaped-text layer a top-level String goes through.
        return text.Append(']').ToString();
    }

    private static string FormatScalar(string name, object value) => value switch
    {
        bool b => b ? "true" : "false",
        float f => FormatFloat(f),
        double d => FormatFloat(d),
        DateTime t => FormatTime(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t),
        DateTimeOffset o => FormatTime(o.UtcDateTime),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        IFormattable f when IsNumber(value) => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(
            $"Query parameter '{name}' has a {value.GetType().Name}, which has no ClickHouse text form here; " +
            "bind a string, number, time, Guid or a sequence of them.", nameof(value)),
    };

    private static bool IsNumber(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal or Int128 or UInt128;

    private static string FormatFloat(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // Whole seconds parse into both DateTime and DateTime64 placeholders; milliseconds only into DateTime64.
    private static string FormatTime(DateTime utc) => utc.Ticks % TimeSpan.TicksPerSecond == 0
        ? utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        "'" + Escape(value).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\t\n\r\0") < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);

        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
