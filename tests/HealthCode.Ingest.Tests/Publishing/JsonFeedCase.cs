using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>How to write good lines of one JSON feed, what they must become, and bad lines to reject.</summary>
/// <param name="Feed">The feed.</param>
/// <param name="Good">The fields of a valid line, for a raw id_number and its index among the good lines.</param>
/// <param name="ExpectedKey">The Kafka key of the good line with this index and person key.</param>
/// <param name="PersonKeyOf">Reads the person key out of a canonical record value.</param>
/// <param name="Bad">Invalid lines and the field each must blame (null: the whole line).</param>
/// <param name="OtherIdentifier">A raw identifier of the good line with this index besides id_number, if any.</param>
internal sealed record JsonFeedCase(
    Feed Feed,
    Func<string, int, IReadOnlyList<(string Name, object? Value)>> Good,
    Func<int, string, string> ExpectedKey,
    Func<byte[], string> PersonKeyOf,
    IReadOnlyList<(string Line, string? Field)> Bad,
    Func<int, string?> OtherIdentifier);
