using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Parsing;

/// <summary>Why one partner line was rejected: feed, line number, field, offending value and reason.</summary>
public sealed record ParseError(Feed Feed, long Line, string? Field, string? Value, string Reason)
{
    /// <summary>
    /// Longest offending value kept in an error, so that a corrupt line cannot flood the dead letters.
    /// </summary>
    public const int MaxValueLength = 120;

    /// <summary>An error for a field with its value, shortened when long.</summary>
    public static ParseError ForField(Feed feed, long line, string field, string? value, string reason) =>
        new(feed, line, field, Shorten(value), reason);

    /// <summary>An error about the line as a whole.</summary>
    public static ParseError ForLine(Feed feed, long line, string reason) => new(feed, line, null, null, reason);

    /// <inheritdoc/>
    public override string ToString()
    {
        var where = $"{Feed.Name()} line {Line}";

        if (Field is null)
        {
            return $"{where}: {Reason}";
        }

        return Value is null
            ? $"{where}: field '{Field}': {Reason}"
            : $"{where}: field '{Field}' = '{Value}': {Reason}";
    }

    private static string? Shorten(string? value) =>
        value is { Length: > MaxValueLength } ? value[..MaxValueLength] + "..." : value;
}
