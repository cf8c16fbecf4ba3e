using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace HealthCode.Kafka.Consuming;

/// <summary>
/// One Confluent consumer, the dedicated thread that polls it, and the hand-over queue to the source stage.
/// </summary>
/// <remarks>
/// Why a dedicated thread rather than polling from the stage: <c>Consume</c> blocks, the rebalance callbacks run
/// inside it and block on purpose (they wait for in-flight records and commit synchronously), and the consumer must
/// keep polling while downstream back-pressures or it is evicted from its group. On the stage's actor that would
/// block a dispatcher thread and could deadlock with a committer fused into the same actor. So this thread owns
/// every consumer call except <c>StoreOffset</c> (thread-safe in librdkafka), hands records to the stage through a
/// lock-free queue, and wakes the stage with an async callback only when it waits idle.
/// <para>
/// Back-pressure: while the hand-over queue is full the thread stops consuming, so librdkafka's own pre-fetch
/// limits (<c>queued.max.messages.kbytes</c>) stop the fetching. Only when downstream stays stalled for
/// <see cref="KafkaSourceSettings.PauseAfter"/> does it pause the partitions and poll again, to keep serving
/// rebalances; pausing is kept for that case because librdkafka discards the pre-fetched records of a paused
/// partition and resumes fetching only about a second later.
/// </para>
/// </remarks>
internal sealed class ConsumerSession
{
    private const int Running = 0;

    private const int Draining = 1;

    private const int Stopping = 2;

    private const int MaxRecordsPerWake = 512;

    private static readonly TimeSpan ShutdownPollTimeout = TimeSpan.FromMilliseconds(10);

    private readonly ConsumerConfig _config;

    private readonly IReadOnlyList<string> _topics;

    private readonly KafkaSourceSettings _settings;

    private readonly ILogger _logger;

    private readonly ConcurrentQueue<KafkaRecord> _buffer = new();

    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly object _progressGate = new();

    private readonly object _roomGate = new();

    private int _buffered;

    private int _downstreamWaiting;

    private int _roomWaiting;

    private int _progressWaiters;

    private int _mode = Running;

    private volatile bool _emissionStopped;

    private volatile ConsumerLag _lag = ConsumerLag.Empty;

    private volatile IReadOnlyList<TopicPartition> _assignment = [];

    private volatile IConsumer<byte[]?, byte[]>? _consumer;

    private Action? _recordsAvailable;

    private Action<Exception?>? _finishStage;

    private Error? _fatalError;

    private bool _paused;

    private bool _assignmentChanged;

    private long _nextLagRefresh;

    private long _pauseDeadline;

    private long _skipped;

    public ConsumerSession(
        ConsumerConfig config, IReadOnlyList<string> topics, KafkaSourceSettings settings, ILogger logger)
    {
        _config = config;
        _topics = topics;
        _settings = settings;
        _logger = logger;
        GroupId = config.GroupId;
    }

    public string GroupId { get; }

    public ILogger Logger => _logger;

    public Task Completion => _completion.Task;

    public ConsumerLag Lag => _lag;

    public IReadOnlyList<TopicPartition> Assignment => _assignment;

    private int Mode => Volatile.Read(ref _mode);

    private int LowWaterMark => _settings.MaxBufferedRecords / 2;

    /// <summary>
    /// Connects the stage's async callbacks and starts polling; called once from the stage's PreStart.
    /// </summary>
    public void Start(Action recordsAvailable, Action<Exception?> finishStage)
    {
        _recordsAvailable = recordsAvailable;
        _finishStage = finishStage;

        var thread = new Thread(Run) { IsBackground = true, Name = $"kafka-consumer-{GroupId}" };
        thread.Start();

        // A shutdown requested before the stage was attached could not complete it; do that now.
        if (Mode != Running)
        {
            finishStage(null);
        }
    }

    /// <summary>Takes the next buffered record; called by the stage only.</summary>
    public bool TryTake(out KafkaRecord record)
    {
        if (!_buffer.TryDequeue(out record!))
        {
            return false;
        }

        // Every count passes through the low-water mark once on its way down, so this wakes a waiting poller once.
        if (Interlocked.Decrement(ref _buffered) == LowWaterMark && Volatile.Read(ref _roomWaiting) == 1)
        {
            lock (_roomGate)
            {
                Monitor.PulseAll(_roomGate);
            }
        }

        return true;
    }

    /// <summary>
    /// Asks to be woken when records arrive; returns true if some arrived meanwhile and the caller should take them.
    /// </summary>
    public bool AwaitRecords()
    {
        // The exchange is a full fence, so the emptiness check below cannot be reordered before the flag is set.
        Interlocked.Exchange(ref _downstreamWaiting, 1);

        return !_buffer.IsEmpty && Interlocked.Exchange(ref _downstreamWaiting, 0) == 1;
    }

    /// <summary>Tells the session that the stage will not emit any more records.</summary>
    public void StopEmission() => _emissionStopped = true;

    /// <summary>
    /// Asks the polling thread to drain (wait for in-flight records) or stop, then commit and close.
    /// </summary>
    public void RequestShutdown(bool drain)
    {
        var wanted = drain ? Draining : Stopping;
        int current;
        do
        {
            current = Mode;
            if (current >= wanted)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _mode, wanted, current) != current);

        // Completing the source lets downstream flush partial batches into the committer.
        if (current == Running && !_emissionStopped)
        {
            _finishStage?.Invoke(null);
        }
    }

    /// <summary>
    /// Stops the consumer if nothing asked for a shutdown before: the stage ended without saying why.
    /// </summary>
    public void StopIfRunning() => Interlocked.CompareExchange(ref _mode, Stopping, Running);

    /// <summary>Stores an offset for the next commit; false when librdkafka no longer owns the partition.</summary>
    public bool TryStoreOffset(TopicPartitionOffset offset)
    {
        var consumer = _consumer;
        if (consumer is null)
        {
            return false;
        }

        try
        {
            consumer.StoreOffset(offset);
            return true;
        }
        catch (KafkaException ex)
        {
            KafkaLog.StoreRefused(
                _logger, GroupId, offset.Topic, offset.Partition.Value, offset.Offset.Value, ex.Error.Code);
            return false;
        }
    }

    /// <summary>Records this consumer never saw because the broker no longer had them when it read on.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Counts and logs offsets <paramref name="first"/> to <paramref name="last"/> as lost.</summary>
    public void ReportSkipped(TopicPartition partition, long first, long last)
    {
        Interlocked.Add(ref _skipped, last - first + 1);
        KafkaLog.RecordsSkipped(_logger, GroupId, partition.Topic, partition.Partition.Value, first, last);
    }

    /// <summary>Wakes a polling thread that waits for in-flight records to be handled.</summary>
    public void SignalProgress()
    {
        if (Volatile.Read(ref _progressWaiters) > 0)
        {
            lock (_progressGate)
            {
                Monitor.PulseAll(_progressGate);
            }
        }
    }

    private void Run()
    {
        Exception? failure = null;
        IConsumer<byte[]?, byte[]>? consumer = null;
        try
        {
            consumer = Build();
            _consumer = consumer;
            consumer.Subscribe(_topics);
            KafkaLog.ConsumerSubscribed(_logger, GroupId, _config.ClientId, string.Join(",", _topics));

            while (Mode == Running && _fatalError is null)
            {
                if (_paused || Volatile.Read(ref _buffered) >= _settings.MaxBufferedRecords)
                {
                    WaitForDemand(consumer);
                }
                else
                {
                    PollOnce(consumer);
                }

                if (Stopwatch.GetTimestamp() >= _nextLagRefresh)
                {
                    RefreshLag(consumer);
                }
            }

            if (_fatalError is null)
            {
                DrainBeforeClose(consumer);
            }

            KafkaLog.ConsumerClosing(_logger, GroupId, _partitions.Count);
            consumer.Close();
            failure = _fatalError is null ? null : new KafkaException(_fatalError);
        }
        catch (Exception ex)
        {
            KafkaLog.ConsumerFailed(_logger, ex, GroupId);
            failure = ex;
        }
        finally
        {
            Finish(consumer, failure);
        }
    }

    private IConsumer<byte[]?, byte[]> Build() =>
        new ConsumerBuilder<byte[]?, byte[]>(_config)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .SetOffsetsCommittedHandler((_, committed) => OnCommitted(committed))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(
                _logger, ToLogLevel(message.Level), message.Name, message.Facility, message.Message))
            .Build();

    private void PollOnce(IConsumer<byte[]?, byte[]> consumer)
    {
        // After the first (waiting) poll, take what librdkafka already has queued without waiting, so the stage is
        // woken once per burst rather than once per record; the burst ends at the buffer limit.
        var timeout = _settings.PollTimeout;
        var room = Math.Min(MaxRecordsPerWake, _settings.MaxBufferedRecords - Volatile.Read(ref _buffered));
        for (var taken = 0; taken < room; taken++)
        {
            var result = Consume(consumer, timeout);
            if (result is null)
            {
                break;
            }

            Enqueue(result);
            timeout = TimeSpan.Zero;
        }

        WakeStage();
    }

    private void WaitForDemand(IConsumer<byte[]?, byte[]> consumer)
    {
        if (!_paused)
        {
            if (_pauseDeadline == 0)
            {
                _pauseDeadline = Deadline(_settings.PauseAfter);
            }

            // Wake up for lag refreshes too, so the lag snapshot stays current while downstream is slow.
            if (AwaitRoom(Math.Min(_pauseDeadline, _nextLagRefresh)))
            {
                _pauseDeadline = 0;
                return;
            }

            if (Stopwatch.GetTimestamp() < _pauseDeadline)
            {
                return;
            }

            _pauseDeadline = 0;
            Pause(consumer);
            _paused = true;
            _assignmentChanged = false;
            KafkaLog.ConsumerPaused(_logger, GroupId, Volatile.Read(ref _buffered), _settings.PauseAfter);
        }

        // Paused partitions return no records, so this poll only serves rebalances and client events.
        var result = Consume(consumer, _settings.PollTimeout);
        if (result is not null)
        {
            Enqueue(result);
            WakeStage();
        }

        if (_assignmentChanged)
        {
            // Newly assigned partitions start unpaused; keep them quiet until downstream catches up.
            Pause(consumer);
            _assignmentChanged = false;
        }

        var buffered = Volatile.Read(ref _buffered);
        if (buffered <= LowWaterMark)
        {
            Resume(consumer);
            _paused = false;
            KafkaLog.ConsumerResumed(_logger, GroupId, buffered);
        }
    }

    private bool AwaitRoom(long deadline)
    {
        // The exchange is a full fence: the stage either sees the flag or this thread sees the lower count.
        Interlocked.Exchange(ref _roomWaiting, 1);
        try
        {
            while (Volatile.Read(ref _buffered) > LowWaterMark)
            {
                if (Mode != Running || Stopwatch.GetTimestamp() >= deadline)
                {
                    return false;
                }

                lock (_roomGate)
                {
                    if (Volatile.Read(ref _buffered) > LowWaterMark)
                    {
                        Monitor.Wait(_roomGate, _settings.PollTimeout);
                    }
                }
            }

            return true;
        }
        finally
        {
            Volatile.Write(ref _roomWaiting, 0);
        }
    }

    private void WakeStage()
    {
        if (Volatile.Read(ref _downstreamWaiting) == 1 && !_buffer.IsEmpty
            && Interlocked.Exchange(ref _downstreamWaiting, 0) == 1)
        {
            _recordsAvailable?.Invoke();
        }
    }

    private ConsumeResult<byte[]?, byte[]>? Consume(IConsumer<byte[]?, byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            var result = consumer.Consume(timeout);
            return result is null || result.IsPartitionEOF ? null : result;
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            var topic = ex.ConsumerRecord?.Topic;
            var partition = ex.ConsumerRecord?.Partition.Value;
            KafkaLog.ConsumeFailed(_logger, GroupId, topic, partition, ex.Error.Code, ex.Error.Reason);
            return null;
        }
        catch (KafkaException ex)
        {
            if (ex.Error.IsFatal)
            {
                _fatalError = ex.Error;
            }
            else
            {
                KafkaLog.ConsumeFailed(_logger, GroupId, null, null, ex.Error.Code, ex.Error.Reason);
            }

            return null;
        }
    }

    private void Enqueue(ConsumeResult<byte[]?, byte[]> result)
    {
        if (!_partitions.TryGetValue(result.TopicPartition, out var state))
        {
            // librdkafka only returns records of assigned partitions; anything else cannot be committed anyway.
            return;
        }

        var message = result.Message;
        var record = new KafkaRecord(
            state,
            result.Offset.Value,
            result.LeaderEpoch,
            message.Key,
            message.Value ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds(message.Timestamp.UnixTimestampMs));

        // Counted before it is queued, so the stage can never take it first and drive the count below zero.
        Interlocked.Increment(ref _buffered);
        _buffer.Enqueue(record);
    }

    private void Pause(IConsumer<byte[]?, byte[]> consumer)
    {
        try
        {
            consumer.Pause(consumer.Assignment);
        }
        catch (KafkaException ex)
        {
            KafkaLog.FlowControlFailed(_logger, GroupId, "pause", ex.Error.Code, ex.Error.Reason);
        }
    }

    private void Resume(IConsumer<byte[]?, byte[]> consumer)
    {
        try
        {
            consumer.Resume(consumer.Assignment);
        }
        catch (KafkaException ex)
        {
            KafkaLog.FlowControlFailed(_logger, GroupId, "resume", ex.Error.Code, ex.Error.Reason);
        }
    }

    private void DrainBeforeClose(IConsumer<byte[]?, byte[]> consumer)
    {
        Pause(consumer);

        var deadline = Deadline(Mode == Draining ? _settings.DrainTimeout : TimeSpan.Zero);
        while (Mode == Draining && !(_emissionStopped && _partitions.Values.All(state => state.IsSettled)))
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                KafkaLog.DrainTimedOut(_logger, GroupId, _settings.DrainTimeout);
                break;
            }

            // Keep polling so the group keeps this member and rebalance callbacks run; records polled now are
            // dropped unstored, so the next owner of their partition reads them again.
            Consume(consumer, ShutdownPollTimeout);
            if (_assignmentChanged)
            {
                Pause(consumer);
                _assignmentChanged = false;
            }
        }
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var topicPartition in partitions)
        {
            if (_partitions.Remove(topicPartition, out var stale))
            {
                stale.Close();
            }

            _partitions[topicPartition] = new PartitionState(this, topicPartition);
            KafkaLog.PartitionAssigned(_logger, GroupId, topicPartition.Topic, topicPartition.Partition.Value);
        }

        _assignmentChanged = true;
        PublishAssignment();
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        var states = new List<PartitionState>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (_partitions.TryGetValue(partition.TopicPartition, out var state))
            {
                state.BeginClosing();
                states.Add(state);
            }

            KafkaLog.PartitionRevoked(_logger, GroupId, partition.Topic, partition.Partition.Value);
        }

        // While shutting down, the drain before close has already waited as long as it may.
        if (Mode == Running && !AwaitSettled(states, _settings.RevokeDrainTimeout))
        {
            KafkaLog.RevokeDrainTimedOut(_logger, GroupId, states.Count, _settings.RevokeDrainTimeout);
        }

        var offsets = new List<TopicPartitionOffset>(states.Count);
        foreach (var state in states)
        {
            var next = state.Close();
            if (next >= 0)
            {
                offsets.Add(new TopicPartitionOffset(state.TopicPartition, next));
            }

            _partitions.Remove(state.TopicPartition);
        }

        Commit(consumer, offsets);
        _assignmentChanged = true;
        PublishAssignment();
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_partitions.Remove(partition.TopicPartition, out var state))
            {
                state.Close();
            }

            KafkaLog.PartitionLost(_logger, GroupId, partition.Topic, partition.Partition.Value);
        }

        _assignmentChanged = true;
        PublishAssignment();
    }

    private void OnCommitted(CommittedOffsets committed)
    {
        // Auto-commit reports "no offset" whenever nothing new was handled; that is not a failure.
        if (committed.Error.IsError && committed.Error.Code != ErrorCode.Local_NoOffset)
        {
            KafkaLog.CommitFailed(_logger, GroupId, committed.Error.Code, committed.Error.Reason);
        }

        foreach (var offset in committed.Offsets)
        {
            if (!offset.Error.IsError && offset.Offset.Value >= 0
                && _partitions.TryGetValue(offset.TopicPartition, out var state))
            {
                state.Committed = offset.Offset.Value;
                state.CommittedLookedUp = true;
            }
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            _fatalError = error;
            KafkaLog.ConsumerFatalError(_logger, GroupId, error.Code, error.Reason);
        }
        else
        {
            KafkaLog.ConsumerError(_logger, GroupId, error.Code, error.Reason);
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            foreach (var committed in offsets)
            {
                KafkaLog.OffsetCommitted(
                    _logger, GroupId, committed.Topic, committed.Partition.Value, committed.Offset.Value);
            }
        }
        catch (KafkaException ex)
        {
            // The stored offsets are still committed by librdkafka's own commit on revocation when it can be.
            KafkaLog.CommitFailed(_logger, GroupId, ex.Error.Code, ex.Error.Reason);
        }
    }

    private bool AwaitSettled(List<PartitionState> states, TimeSpan timeout)
    {
        var deadline = Deadline(timeout);

        Interlocked.Increment(ref _progressWaiters);
        try
        {
            while (!states.TrueForAll(state => state.IsSettled))
            {
                if (Mode == Stopping || Stopwatch.GetTimestamp() >= deadline)
                {
                    return false;
                }

                lock (_progressGate)
                {
                    Monitor.Wait(_progressGate, ShutdownPollTimeout);
                }
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _progressWaiters);
        }
    }

    private void RefreshLag(IConsumer<byte[]?, byte[]> consumer)
    {
        _nextLagRefresh = Deadline(_settings.LagRefreshInterval);
        if (_partitions.Count == 0)
        {
            _lag = ConsumerLag.Empty;
            return;
        }

        LookUpCommitted(consumer);

        var partitions = new List<PartitionLag>(_partitions.Count);
        foreach (var state in _partitions.Values)
        {
            var watermarks = Watermarks(consumer, state.TopicPartition);
            var position = consumer.Position(state.TopicPartition);

            partitions.Add(new PartitionLag(
                state.Topic,
                state.Partition,
                watermarks?.Low.Value ?? -1,
                watermarks?.High.Value ?? -1,
                position.IsSpecial ? -1 : position.Value,
                state.Committed));
        }

        _lag = new ConsumerLag(partitions);
    }

    private void LookUpCommitted(IConsumer<byte[]?, byte[]> consumer)
    {
        var unknown = _partitions.Values.Where(state => !state.CommittedLookedUp).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        // Looked up once per assignment; after that the commit callback keeps the figure current without a
        // broker round trip, which matters when a broker is down and every query would wait for its timeout.
        foreach (var state in unknown)
        {
            state.CommittedLookedUp = true;
        }

        try
        {
            var partitions = unknown.Select(state => state.TopicPartition);
            var committed = consumer.Committed(partitions, _settings.LagQueryTimeout);
            foreach (var offset in committed)
            {
                if (!offset.Offset.IsSpecial && _partitions.TryGetValue(offset.TopicPartition, out var state))
                {
                    state.Committed = offset.Offset.Value;
                }
            }
        }
        catch (KafkaException ex)
        {
            KafkaLog.LagQueryFailed(_logger, GroupId, ex.Error.Code, ex.Error.Reason);
        }
    }

    private WatermarkOffsets? Watermarks(IConsumer<byte[]?, byte[]> consumer, TopicPartition topicPartition)
    {
        var cached = consumer.GetWatermarkOffsets(topicPartition);
        var fetching = !_paused && Volatile.Read(ref _buffered) < _settings.MaxBufferedRecords;
        if (fetching && !cached.High.IsSpecial)
        {
            return cached;
        }

        // Stalled or paused partitions are not fetched, so the cached high watermark would stop while lag grows.
        try
        {
            return consumer.QueryWatermarkOffsets(topicPartition, _settings.LagQueryTimeout);
        }
        catch (KafkaException ex)
        {
            KafkaLog.LagQueryFailed(_logger, GroupId, ex.Error.Code, ex.Error.Reason);
            return cached.High.IsSpecial ? null : cached;
        }
    }

    private void PublishAssignment() => _assignment = [.. _partitions.Keys];

    private void Finish(IConsumer<byte[]?, byte[]>? consumer, Exception? failure)
    {
        // Close every assignment before the handle goes, so a late committer call is refused, not a use-after-free.
        foreach (var state in _partitions.Values)
        {
            state.Close();
        }

        _partitions.Clear();
        _assignment = [];
        _consumer = null;
        consumer?.Dispose();

        if (!_emissionStopped)
        {
            _finishStage?.Invoke(failure);
        }

        if (failure is null)
        {
            KafkaLog.ConsumerClosed(_logger, GroupId);
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(failure);
        }
    }

    private static long Deadline(TimeSpan timeout) =>
        Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
