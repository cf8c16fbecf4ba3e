using System.Collections.Concurrent;
using System.Text;

namespace HealthCode.Kafka.Tests.Support;

/// <summary>Collects the records a pipeline handled, keyed by partition and offset.</summary>
internal sealed class RecordCollector
{
    private readonly ConcurrentDictionary<(int Partition, long Offset), string> _records = new();

    private int _deliveries;

    public int Distinct => _records.Count;

    public int Deliveries => Volatile.Read(ref _deliveries);

    public IReadOnlyCollection<string> Values => [.. _records.Values];

    public IReadOnlyCollection<(int Partition, long Offset)> Positions => [.. _records.Keys];

    public void Add(KafkaRecord record)
    {
        _records[(record.Partition, record.Offset)] = Encoding.UTF8.GetString(record.Value);
        Interlocked.Increment(ref _deliveries);
    }

    public void AddRange(IEnumerable<KafkaRecord> records)
    {
        foreach (var record in records)
        {
            Add(record);
        }
    }

    public Task WaitForDistinctAsync(int count) =>
        Eventually.WaitUntilAsync(() => Distinct >= count, $"{count} distinct records (have {Distinct})");
}
