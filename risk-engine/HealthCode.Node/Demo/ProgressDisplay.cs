using System.Diagnostics;
using System.Text;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Publishing;
using HealthCode.Node.Risk;
using HealthCode.Node.Roles;

namespace HealthCode.Node.Demo;

/// <summary>
/// A live line on stderr every second: records per second by feed, storage and risk consumer lag, dead letters.
/// </summary>
/// <remarks>
/// Reads the same Prometheus counters that <c>/metrics</c> serves, so the screen and the dashboards agree. On a
/// terminal the line is redrawn in place; in a log (CI, a pipe) a new line is written every five seconds.
/// </remarks>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    private readonly Func<StorageRole?> _storage;
    private readonly Func<RiskRole?> _risk;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Dictionary<Feed, double> _last = [];

    /// <summary>Starts drawing; the roles are read on every tick, and a role not running is left out.</summary>
    public ProgressDisplay(Func<StorageRole?> storage, Func<RiskRole?> risk)
    {
        _storage = storage;
        _risk = risk;
        _loop = RunAsync();
    }

    /// <summary>Stops drawing and ends the redrawn line.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);

        if (_interactive)
        {
            Console.Error.WriteLine();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var interval = _interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        using var timer = new PeriodicTimer(interval);
        var clock = Stopwatch.StartNew();
        var lastSeconds = 0.0;

        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var seconds = clock.Elapsed.TotalSeconds;
                var line = Render(seconds - lastSeconds, seconds);
                lastSeconds = seconds;
                Console.Error.Write(_interactive ? "\r" + line.PadRight(Width()) : line + "\n");
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    }

    /// <summary>The terminal's width less one, so a redrawn line never wraps; some terminals report 0.</summary>
    private static int Width()
    {
        try
        {
            return Math.Max(Console.BufferWidth - 1, 0);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private string Render(double intervalSeconds, double totalSeconds)
    {
        var text = new StringBuilder($"[{totalSeconds,5:F0} s] rec/s");
        double deadLetters = 0;

        foreach (var feed in FeedNames.All)
        {
            var total = IngestMetrics.Records.WithLabels(feed.Name()).Value;
            var rate = (total - _last.GetValueOrDefault(feed)) / Math.Max(intervalSeconds, 1e-3);
            _last[feed] = total;
            deadLetters += IngestMetrics.DeadLetters.WithLabels(feed.Name()).Value;
            text.Append(' ').Append(Short(feed)).Append(' ').Append(Human(rate));
        }

        var storage = _storage();
        storage?.PublishLag();
        text.Append(" | lag ").Append(storage?.Lag ?? 0);

        if (_risk() is { } risk)
        {
            text.Append(" | risk lag ").Append(risk.Lag);
        }

        text.Append(" | dead letters ").Append(deadLetters);
        return text.ToString();
    }

    private static string Short(Feed feed) => feed switch
    {
        Feed.Subscribers => "subs",
        Feed.CaseLocations => "caseloc",
        Feed.Declarations => "decl",
        _ => feed.Name(),
    };

    private static string Human(double rate) => rate >= 1000 ? $"{rate / 1000:F0}k" : $"{rate:F0}";
}
