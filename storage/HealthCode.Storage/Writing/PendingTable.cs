using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HealthCode.Storage.Writing;

/// <summary>The buffered events of one type and the tables they go to.</summary>
/// <typeparam name="T">The canonical event type.</typeparam>
internal sealed class PendingTable<T> : IPendingTable
{
    private readonly IAnalyticsStore _store;
    private readonly TableMapping<T> _mapping;
    private readonly int _batchSize;
    private readonly TimeSpan _slowThreshold;
    private readonly ILogger _logger;
    private readonly List<T> _buffer = [];

    /// <summary>Creates a buffer whose events go to every table of <paramref name="mapping"/>.</summary>
    public PendingTable(IAnalyticsStore store, StorageSettings settings, ILogger logger, TableMapping<T> mapping)
    {
        _store = store;
        _mapping = mapping;
        _batchSize = settings.BatchSize;
        _slowThreshold = settings.SlowBatchThreshold;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name => typeof(T).Name;

    /// <inheritdoc/>
    public int Count => _buffer.Count;

    /// <summary>True when a full batch is waiting.</summary>
    public bool IsFull => _buffer.Count >= _batchSize;

    /// <summary>Checks and buffers events; throws before buffering any when one cannot be stored.</summary>
    public void Add(IReadOnlyList<T> events)
    {
        _mapping.Validate(events);
        _buffer.AddRange(events);
    }

    /// <inheritdoc/>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(1, cancellationToken);

    /// <summary>Inserts full batches only, leaving a partial batch for the timer or the next flush.</summary>
    public Task FlushFullBatchesAsync(CancellationToken cancellationToken) =>
        FlushAsync(_batchSize, cancellationToken);

    private async Task FlushAsync(int minimum, CancellationToken cancellationToken)
    {
        while (_buffer.Count >= minimum && _buffer.Count > 0)
        {
            var batch = Math.Min(_buffer.Count, _batchSize);
            var stopwatch = Stopwatch.StartNew();

            // A failure leaves the batch buffered; if it failed on the second table the retry inserts the first
            // again, which the tables' deduplication (record id, flag id, person and sequence) makes harmless.
            using (var block = _mapping.Encode(_buffer.GetRange(0, batch)))
            {
                await _store.InsertAsync(_mapping.Tables, block, cancellationToken).ConfigureAwait(false);
            }

            _buffer.RemoveRange(0, batch);
            Report(batch, stopwatch.Elapsed);
        }
    }

    private void Report(int rows, TimeSpan elapsed)
    {
        var tables = string.Join(", ", _mapping.Tables);

        if (elapsed > _slowThreshold)
        {
            StorageLog.SlowBatch(
                _logger, tables, rows, (long)elapsed.TotalMilliseconds, (long)_slowThreshold.TotalMilliseconds);
        }
        else
        {
            StorageLog.BatchInserted(_logger, tables, rows, (long)elapsed.TotalMilliseconds);
        }
    }
}
