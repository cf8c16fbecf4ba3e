using System.Diagnostics.Tracing;
using System.Globalization;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// Listens to the runtime's own GC events in the process, so that a case's figures can say what each collection
/// promoted and how long it took.
/// </summary>
/// <remarks>
/// What it showed (risk-e2e, 2026-12-04): with 7 GB of pings on the heap an idle gen1 collection takes 2 ms, and
/// the marking of a busy one is over after about 20 ms; the rest of its 50-400 ms follows the 40-90 MB it promotes.
/// </remarks>
internal sealed class GcWatch : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly Lock _gate = new();
    private readonly List<Collection> _collections = [];
    private Collection? _open;
    private DateTime? _suspending;
    private TimeSpan _suspended;

    private readonly Dictionary<string, (double Bytes, double Objects)> _allocated = [];
    private EventSource? _runtime;
    private volatile bool _counting;

    /// <summary>
    /// Starts listening; with <paramref name="allocations"/> also to the runtime's allocation samples (one per
    /// 100 KB allocated, naming the type of the object that crossed it), which slows the process a little.
    /// </summary>
    public GcWatch(bool allocations = false)
    {
        // The base constructor has already announced the runtime's source, before this class's fields were set.
        if (allocations && _runtime is not null)
        {
            EnableEvents(_runtime, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    /// <summary>Whether allocation samples are added up now (only for the measured cases).</summary>
    public bool CountAllocations
    {
        get => _counting;
        set => _counting = value;
    }

    /// <summary>The sampled allocations by type, largest first: megabytes and an estimate of the objects.</summary>
    public IReadOnlyList<(string Type, double Bytes, double Objects)> Allocations()
    {
        lock (_gate)
        {
            return [.. _allocated.Select(a => (a.Key, a.Value.Bytes, a.Value.Objects)).OrderByDescending(a => a.Bytes)];
        }
    }

    /// <summary>The collections seen so far, oldest first.</summary>
    public IReadOnlyList<Collection> Collections()
    {
        lock (_gate)
        {
            return [.. _collections];
        }
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            _runtime = eventSource;
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)GcKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        lock (_gate)
        {
            switch (eventData.EventName)
            {
                case "GCStart_V2":
                    _open = new Collection(Value(eventData, "Depth"), eventData.TimeStamp);
                    break;
                case "GCEnd_V1" when _open is not null:
                    _open.Ended = eventData.TimeStamp;
                    break;
                case "GCAllocationTick_V4" when _counting:
                    AddAllocation(eventData);
                    break;
                case "GCSuspendEEBegin_V1":
                    _suspending = eventData.TimeStamp;
                    break;
                case "GCSuspendEEEnd_V1" when _suspending is { } began:
                    _suspended = eventData.TimeStamp - began;
                    _suspending = null;
                    break;
                case "GCMarkWithType" when _open is not null:
                    // Each root kind's marking ends with one event, so the gaps between them time the stages.
                    _open.Marks.Add((MarkName(Value(eventData, "Type")), eventData.TimeStamp,
                        Value(eventData, "Bytes")));
                    break;
                case "GCHeapStats_V2" when _open is not null:
                    // The heap's statistics close a collection: they come after its end.
                    _open.Promoted0 = Value(eventData, "TotalPromotedSize0");
                    _open.Promoted1 = Value(eventData, "TotalPromotedSize1");
                    _open.Handles = Value(eventData, "GCHandleCount");
                    _open.Suspension = _suspended;
                    _collections.Add(_open);
                    _open = null;
                    break;
            }
        }
    }

    private void AddAllocation(EventWrittenEventArgs e)
    {
        var type = e.Payload![e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        double amount = Value(e, "AllocationAmount64");
        var size = Math.Max(1, Value(e, "ObjectSize"));
        _allocated.TryGetValue(type, out var sum);
        _allocated[type] = (sum.Bytes + amount, sum.Objects + amount / size);
    }

    private static string MarkName(long type) => type switch
    {
        0 => "stack",
        1 => "finalizer",
        2 => "handles",
        3 => "older",
        6 => "dependent",
        _ => $"kind{type}",
    };

    private static long Value(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames!.IndexOf(name);
        return index < 0 ? -1 : Convert.ToInt64(e.Payload![index], CultureInfo.InvariantCulture);
    }

    /// <summary>One collection: its generation, duration, what it promoted out of gen0 and gen1, GC handles.</summary>
    internal sealed class Collection(long depth, DateTime started)
    {
        public long Depth { get; } = depth;

        public DateTime Started { get; } = started;

        public DateTime Ended { get; set; }

        public long Promoted0 { get; set; }

        public long Promoted1 { get; set; }

        public long Handles { get; set; }

        /// <summary>How long the runtime took to stop the threads before this collection.</summary>
        public TimeSpan Suspension { get; set; }

        /// <summary>Each marking stage as it ended: its root kind, when, and the bytes it marked.</summary>
        public List<(string Kind, DateTime At, long Bytes)> Marks { get; } = [];

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"gen{Depth} {(Ended - Started).TotalMilliseconds:F0} ms promoting {Promoted0 / 1e6:F0}+" +
            $"{Promoted1 / 1e6:F0} MB ({Handles:N0} handles; suspend {Suspension.TotalMilliseconds:F1} ms; " +
            $"{MarkStages()})");

        private string MarkStages()
        {
            var parts = new List<string>();
            var from = Started;
            foreach (var (kind, at, bytes) in Marks)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{kind} {(at - from).TotalMilliseconds:F0} ms/{bytes / 1e6:F0} MB"));
                from = at;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"rest {(Ended - from).TotalMilliseconds:F0} ms"));
            return string.Join(", ", parts);
        }
    }
}
