using HealthCode.Contracts.Events.V1;
using Microsoft.Extensions.Logging;

namespace HealthCode.Storage.Writing;

/// <summary>Buffers events and risk decisions and inserts them in large batches; a replayed one counts once.</summary>
/// <remarks>
/// <para>
/// A batch is inserted when a table has <see cref="StorageSettings.BatchSize"/> rows waiting, when
/// <see cref="StorageSettings.FlushInterval"/> passes, on <see cref="FlushAsync"/> and on dispose. Events are
/// durable only once a flush has returned: a Kafka consumer commits its offsets after <see cref="FlushAsync"/>,
/// never after <c>WriteAsync</c>. A failed insert keeps its events buffered and the next flush retries them;
/// retrying is safe because every table deduplicates: events on the record id, contacts on the flag id and
/// code changes on person and sequence.
/// </para>
/// <para>
/// Calls are serialised: a writer waiting on a full batch's insert is how back-pressure reaches the consumer.
/// </para>
/// </remarks>
public sealed class EventWriter : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly PendingTable<Subscriber> _subscribers;
    private readonly PendingTable<Ping> _pings;
    private readonly PendingTable<RailTrip> _railTrips;
    private readonly PendingTable<FlightTrip> _flightTrips;
    private readonly PendingTable<CaseReport> _caseReports;
    private readonly PendingTable<CaseLocation> _caseLocations;
    private readonly PendingTable<Declaration> _declarations;
    private readonly PendingTable<Contact> _contacts;
    private readonly PendingTable<CodeChange> _codeChanges;
    private readonly IPendingTable[] _all;
    private readonly CancellationTokenSource _stopping = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _timedFlushes;
    private int _disposed;

    /// <summary>Creates a writer into <paramref name="store"/> batching as <paramref name="settings"/> say.</summary>
    public EventWriter(
        IAnalyticsStore store, StorageSettings settings, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _logger = logger;

        _subscribers = new(store, settings, logger, EventMappings.Subscribers);
        _pings = new(store, settings, logger, EventMappings.Pings);
        _railTrips = new(store, settings, logger, EventMappings.RailTrips);
        _flightTrips = new(store, settings, logger, EventMappings.FlightTrips);
        _caseReports = new(store, settings, logger, EventMappings.CaseReports);
        _caseLocations = new(store, settings, logger, EventMappings.CaseLocations);
        _declarations = new(store, settings, logger, EventMappings.Declarations);
        _contacts = new(store, settings, logger, EventMappings.Contacts);
        _codeChanges = new(store, settings, logger, EventMappings.CodeChanges);
        _all =
        [
            _subscribers, _pings, _railTrips, _flightTrips, _caseReports, _caseLocations, _declarations, _contacts,
            _codeChanges,
        ];

        _timer = new PeriodicTimer(settings.FlushInterval, timeProvider ?? TimeProvider.System);
        _timedFlushes = RunTimedFlushesAsync();
    }

    /// <summary>Events buffered and not yet inserted, over all types.</summary>
    public int Pending => _all.Sum(t => t.Count);

    /// <summary>Buffers subscriber registrations (stored by subscriber key and by person).</summary>
    public Task WriteAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken cancellationToken = default) =>
        AddAsync(_subscribers, subscribers, cancellationToken);

    /// <summary>Buffers pings (stored by cell and by subscriber).</summary>
    public Task WriteAsync(IReadOnlyList<Ping> pings, CancellationToken cancellationToken = default) =>
        AddAsync(_pings, pings, cancellationToken);

    /// <summary>Buffers rail passengers.</summary>
    public Task WriteAsync(IReadOnlyList<RailTrip> trips, CancellationToken cancellationToken = default) =>
        AddAsync(_railTrips, trips, cancellationToken);

    /// <summary>Buffers flight passengers.</summary>
    public Task WriteAsync(IReadOnlyList<FlightTrip> trips, CancellationToken cancellationToken = default) =>
        AddAsync(_flightTrips, trips, cancellationToken);

    /// <summary>Buffers case reports.</summary>
    public Task WriteAsync(IReadOnlyList<CaseReport> reports, CancellationToken cancellationToken = default) =>
        AddAsync(_caseReports, reports, cancellationToken);

    /// <summary>Buffers case locations.</summary>
    public Task WriteAsync(IReadOnlyList<CaseLocation> locations, CancellationToken cancellationToken = default) =>
        AddAsync(_caseLocations, locations, cancellationToken);

    /// <summary>Buffers health declarations.</summary>
    public Task WriteAsync(IReadOnlyList<Declaration> declarations, CancellationToken cancellationToken = default) =>
        AddAsync(_declarations, declarations, cancellationToken);

    /// <summary>Buffers contact flags; a redelivered version counts once, the newest version of a flag wins.</summary>
    public Task WriteAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken = default) =>
        AddAsync(_contacts, contacts, cancellationToken);

    /// <summary>Buffers code changes; a redelivered change (same person and sequence) counts once.</summary>
    public Task WriteAsync(IReadOnlyList<CodeChange> changes, CancellationToken cancellationToken = default) =>
        AddAsync(_codeChanges, changes, cancellationToken);

    /// <summary>Inserts everything buffered; when it returns, every event written before is stored.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            foreach (var table in _all)
            {
                await table.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the timer and flushes the buffers; a failed final flush throws rather than lose rows.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        await _timedFlushes.ConfigureAwait(false);

        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _disposed = 1;
            _stopping.Dispose();
        }
    }

    private async Task AddAsync<T>(PendingTable<T> table, IReadOnlyList<T> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            table.Add(events);

            if (table.IsFull)
            {
                await table.FlushFullBatchesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RunTimedFlushesAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await FlushDueAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposal stops the timer; the final flush happens in DisposeAsync.
        }
    }

    private async Task FlushDueAsync()
    {
        await _gate.WaitAsync(_stopping.Token).ConfigureAwait(false);

        try
        {
            foreach (var table in _all)
            {
                try
                {
                    await table.FlushAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The events stay buffered; the next tick, write or flush retries and a caller sees the error.
                    StorageLog.TimedFlushFailed(_logger, e, table.Name, table.Count);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
