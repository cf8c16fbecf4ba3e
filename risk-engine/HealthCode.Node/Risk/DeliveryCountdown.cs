using Confluent.Kafka;

namespace HealthCode.Node.Risk;

/// <summary>
/// Waits for the delivery reports of a run of produced messages through one shared handler, and fails with the
/// first message that was not delivered.
/// </summary>
/// <remarks>
/// A case raises about 40,000 contacts. With <c>ProduceAsync</c> each of them was a task, its state machine and
/// a delivery shim: a tenth of the objects a case allocated (risk-e2e allocation samples), and every gen1
/// collection's cost grows with the objects it has to walk.
/// </remarks>
internal sealed class DeliveryCountdown
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // One count stays held by the producing side until Seal, so reports that come back early cannot end the run.
    private int _pending = 1;

    /// <summary>Creates a countdown with nothing pending.</summary>
    public DeliveryCountdown() => Handler = OnDelivered;

    /// <summary>The delivery handler to produce each counted message with.</summary>
    public Action<DeliveryReport<byte[]?, byte[]>> Handler { get; }

    /// <summary>Counts one more message, just before it is produced.</summary>
    public void Add() => Interlocked.Increment(ref _pending);

    /// <summary>Takes back the count of a message that was not queued after all.</summary>
    public void Cancel() => Release();

    /// <summary>Ends the run: completes once every counted message is delivered; faults on the first failure.</summary>
    public Task Seal()
    {
        Release();
        return _done.Task;
    }

    private void OnDelivered(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _done.TrySetException(new ProduceException<byte[]?, byte[]>(report.Error, report));
        }

        Release();
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult();
        }
    }
}
