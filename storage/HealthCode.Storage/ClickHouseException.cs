using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthCode.Storage;

/// <summary>An error ClickHouse (embedded or server) reported for a query, with its message and the query.</summary>
public sealed partial class ClickHouseException : Exception
{
    /// <summary>Creates an exception from ClickHouse's own error text and the query it was raised for.</summary>
    public ClickHouseException(string clickHouseMessage, string query, Exception? innerException = null)
        : base(BuildMessage(clickHouseMessage, query), innerException)
    {
        ClickHouseMessage = clickHouseMessage;
        Query = query;
        (ErrorCode, ErrorName) = ParseCode(clickHouseMessage);
    }

    /// <summary>The error text exactly as ClickHouse produced it, e.g. <c>Code: 60. DB::Exception: ...</c>.</summary>
    public string ClickHouseMessage { get; }

    /// <summary>The query that failed; bulk inserts carry their INSERT statement, never the data.</summary>
    public string Query { get; }

    /// <summary>ClickHouse's numeric error code (60 is UNKNOWN_TABLE), or 0 when the text carried none.</summary>
    public int ErrorCode { get; }

    /// <summary>ClickHouse's symbolic error name, e.g. <c>UNKNOWN_TABLE</c>; empty when the text has none.</summary>
    public string ErrorName { get; }

    private static string BuildMessage(string clickHouseMessage, string query)
    {
        // Queries can be long (schema DDL); the first line is enough to tell which statement failed.
        var firstLine = query.AsSpan().TrimStart();
        var newline = firstLine.IndexOfAny('\r', '\n');
        var shown = newline < 0 ? firstLine : firstLine[..newline];

        if (shown.Length > 200)
        {
            shown = shown[..200];
        }

        return $"ClickHouse rejected the query: {clickHouseMessage.Trim()} Query: {shown}";
    }

    private static (int Code, string Name) ParseCode(string message)
    {
        var code = CodePattern().Match(message);
        var name = NamePattern().Match(message);
        var number = code.Success ? int.Parse(code.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
        return (number, name.Success ? name.Groups[1].Value : string.Empty);
    }

    [GeneratedRegex(@"Code:\s*(\d+)")]
    private static partial Regex CodePattern();

    // ClickHouse ends its messages with the error name in parentheses, sometimes followed by "(version ...)".
    [GeneratedRegex(@"\(([A-Z][A-Z0-9_]+)\)(?:\s*\(version[^)]*\))?\.?\s*$")]
    private static partial Regex NamePattern();
}
