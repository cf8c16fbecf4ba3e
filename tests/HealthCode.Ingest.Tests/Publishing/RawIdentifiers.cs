using System.Text;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>Checks that raw identifiers never reach a canonical topic, in keys or values.</summary>
internal static class RawIdentifiers
{
    /// <summary>
    /// Fails if any identifier's UTF-8 bytes occur in a record. Protobuf stores strings as plain UTF-8, so a leaked
    /// identifier would show up verbatim; msisdns are also searched without their plus sign.
    /// </summary>
    public static void AssertAbsent(IEnumerable<ConsumedRecord> records, IEnumerable<string> identifiers)
    {
        var needles = identifiers
            .SelectMany(id => new[] { id, id.TrimStart('+'), id.Trim(), id.Trim().ToUpperInvariant() })
            .Where(id => id.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .Select(Encoding.UTF8.GetBytes)
            .ToList();

        foreach (var record in records)
        {
            foreach (var needle in needles)
            {
                Assert.False(record.Value.AsSpan().IndexOf(needle) >= 0,
                    $"raw identifier {Encoding.UTF8.GetString(needle)} in the value at [{record.Partition}]@"
                    + record.Offset);
                Assert.False(record.Key is not null && record.Key.AsSpan().IndexOf(needle) >= 0,
                    $"raw identifier {Encoding.UTF8.GetString(needle)} in the key at [{record.Partition}]@"
                    + record.Offset);
            }
        }
    }
}
