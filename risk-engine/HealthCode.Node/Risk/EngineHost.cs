using Akka.Actor;
using Akka.Event;

namespace HealthCode.Node.Risk;

/// <summary>
/// The cluster singleton that runs the detection pipeline: started on the oldest risk node, and on another one
/// when that node leaves or is downed. The pipeline drains (commits what was acknowledged) before a hand-over.
/// </summary>
/// <remarks>
/// A pipeline whose stream fails (a partition lost with its node, a journal that stopped answering) starts again
/// after a pause when it rebuilds from the stored history; without one (a replay) a new run would start empty, so
/// the failure is reported instead.
/// </remarks>
internal sealed class EngineHost : ReceiveActor, IWithTimers
{
    /// <summary>How long a failed start waits before the next attempt.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<DetectionPipeline>> _start;
    private readonly Action<DetectionPipeline?, Exception?> _report;
    private readonly bool _restartOnFailure;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private Task<DetectionPipeline>? _starting;

    /// <summary>
    /// Creates the host; <paramref name="report"/> tells the local risk role of the running pipeline (or of the
    /// failure of a start) and of its end (null, null).
    /// </summary>
    public EngineHost(Func<CancellationToken, Task<DetectionPipeline>> start,
        Action<DetectionPipeline?, Exception?> report, bool restartOnFailure)
    {
        _start = start;
        _report = report;
        _restartOnFailure = restartOnFailure;

        Receive<Start>(_ => BeginStart());
        Receive<StartFailed>(failed =>
        {
            _log.Error(failed.Cause, "The detection engine failed to start; trying again in {0}", RetryAfter);
            _report(null, failed.Cause);
            Timers.StartSingleTimer("retry", Start.Instance, RetryAfter);
        });
        ReceiveAsync<PipelineFailed>(OnPipelineFailedAsync);
        ReceiveAsync<Stop>(_ => StopAsync());
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the host.</summary>
    public static Props Props(Func<CancellationToken, Task<DetectionPipeline>> start,
        Action<DetectionPipeline?, Exception?> report, bool restartOnFailure) =>
        Akka.Actor.Props.Create(() => new EngineHost(start, report, restartOnFailure));

    /// <inheritdoc/>
    protected override void PreStart() => Self.Tell(Start.Instance);

    /// <inheritdoc/>
    protected override void PostStop()
    {
        // Without a hand-over (the actor system stops) the role drains the pipeline itself; just stop a start.
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void BeginStart()
    {
        // Only a failure needs the actor again (to retry); a start cut short by Stop ends cancelled, quietly.
        var self = Self;
        _starting = StartAndReportAsync(_stopping.Token);
        _starting.ContinueWith(
            failed => self.Tell(new StartFailed(failed.Exception!.GetBaseException())),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Starts the pipeline and reports it at once, not through a message: a caller that waits for the group to
    /// catch up may ask the role for the engine's figures before a message would be handled.
    /// </summary>
    private async Task<DetectionPipeline> StartAndReportAsync(CancellationToken cancellationToken)
    {
        // Taken before the await: the rest runs outside the actor's context.
        var self = Self;
        var pipeline = await _start(cancellationToken).ConfigureAwait(false);
        _report(pipeline, null);

        _ = pipeline.Completion.ContinueWith(
            failed => self.Tell(new PipelineFailed(pipeline, failed.Exception!.GetBaseException())),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        return pipeline;
    }

    private async Task OnPipelineFailedAsync(PipelineFailed failed)
    {
        if (_starting is not { IsCompletedSuccessfully: true } || _starting.Result != failed.Pipeline)
        {
            return;
        }

        await failed.Pipeline.DisposeAsync();
        if (!_restartOnFailure)
        {
            _log.Error(failed.Cause, "The detection engine failed; it has no stored history to start again from");
            _report(null, failed.Cause);
            return;
        }

        _log.Error(failed.Cause, "The detection engine failed; starting again from the stored history in {0}",
            RetryAfter);
        _report(null, null);
        Timers.StartSingleTimer("retry", Start.Instance, RetryAfter);
    }

    private async Task StopAsync()
    {
        _stopping.Cancel();

        // Awaited in the actor's context (no ConfigureAwait): Context.Stop below needs it. A start that failed or
        // was cut short has nothing to drain.
        if (_starting is not null)
        {
            await Task.WhenAny(_starting);
            if (_starting.IsCompletedSuccessfully)
            {
                await _starting.Result.DisposeAsync();
            }
        }

        _report(null, null);
        Context.Stop(Self);
    }

    /// <summary>Starts (or retries starting) the pipeline.</summary>
    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private sealed record StartFailed(Exception Cause);

    private sealed record PipelineFailed(DetectionPipeline Pipeline, Exception Cause);

    /// <summary>The singleton's termination message: drain, then stop, so the next node starts after.</summary>
    internal sealed class Stop
    {
        public static readonly Stop Instance = new();
    }
}
