using Confluent.Kafka;
using HealthCode.Node.Risk;

namespace HealthCode.Node.Tests.Risk;

public sealed class DeliveryCountdownTests
{
    [Fact]
    public void Seal_NothingProduced_CompletesAtOnce()
    {
        var countdown = new DeliveryCountdown();

        Assert.True(countdown.Seal().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Seal_EveryReportDelivered_Completes()
    {
        var countdown = new DeliveryCountdown();
        countdown.Add();
        countdown.Add();

        // A report may come back before the run is sealed.
        countdown.Handler(Report(ErrorCode.NoError));
        var sealedRun = countdown.Seal();
        Assert.False(sealedRun.IsCompleted);

        countdown.Handler(Report(ErrorCode.NoError));
        await sealedRun.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(sealedRun.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Seal_OneReportFailed_FaultsWithItsError()
    {
        var countdown = new DeliveryCountdown();
        countdown.Add();
        countdown.Add();

        countdown.Handler(Report(ErrorCode.Local_MsgTimedOut));
        countdown.Handler(Report(ErrorCode.NoError));

        var error = await Assert.ThrowsAsync<ProduceException<byte[]?, byte[]>>(
            () => countdown.Seal().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, error.Error.Code);
    }

    [Fact]
    public void Seal_CancelledMessage_IsNotWaitedFor()
    {
        var countdown = new DeliveryCountdown();
        countdown.Add();
        countdown.Cancel();

        Assert.True(countdown.Seal().IsCompletedSuccessfully);
    }

    private static DeliveryReport<byte[]?, byte[]> Report(ErrorCode code) => new()
    {
        Error = new Error(code),
        Status = code == ErrorCode.NoError ? PersistenceStatus.Persisted : PersistenceStatus.NotPersisted,
        TopicPartitionOffset = new TopicPartitionOffset("contacts", 0, 0),
    };
}
