using HealthCode.Kafka.Embedded;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>
/// A pacing hook that takes a partition leader down from a background task part-way through a file, and brings
/// it back a second later.
/// </summary>
/// <remarks>
/// The hook waits until the broker is really down before ingest goes on, then lingers on each call while it is
/// down, so that the rest of the file is produced into the outage rather than in its first milliseconds. With
/// <c>loseAcks</c> the leader starts answering late two pacing calls before it goes down, so it goes down owing
/// acknowledgements for batches it has appended, and the producer must send those again.
/// </remarks>
internal sealed class LeaderOutage
{
    private static readonly TimeSpan AckDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Length = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _down = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EmbeddedKafkaCluster _cluster;
    private readonly int _brokerId;
    private readonly int _atPaceCall;
    private readonly bool _loseAcks;
    private int _calls;
    private volatile bool _over;

    public LeaderOutage(EmbeddedKafkaCluster cluster, int brokerId, int atPaceCall, bool loseAcks = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atPaceCall, 3);

        _cluster = cluster;
        _brokerId = brokerId;
        _atPaceCall = atPaceCall;
        _loseAcks = loseAcks;
        Ended = Task.Run(RunAsync);
    }

    /// <summary>Completes when the broker is back up and answering promptly.</summary>
    public Task Ended { get; }

    public bool Began { get; private set; }

    public async ValueTask PaceAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);

        if (call == _atPaceCall - 2 && _loseAcks)
        {
            _cluster.SetBrokerRoundTripTime(_brokerId, AckDelay);
        }
        else if (call == _atPaceCall)
        {
            _reached.SetResult();
            await _down.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (call > _atPaceCall && !_over)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(40), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        await _reached.Task.ConfigureAwait(false);
        _cluster.SetBrokerDown(_brokerId);
        Began = true;
        _down.SetResult();

        await Task.Delay(Length).ConfigureAwait(false);
        _cluster.SetBrokerUp(_brokerId);
        _cluster.SetBrokerRoundTripTime(_brokerId, TimeSpan.Zero);
        _over = true;
    }
}
