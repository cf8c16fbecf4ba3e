using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using static HealthCode.Risk.Tests.Engine.EngineScenario;

namespace HealthCode.Risk.Tests.Engine.Partitions;

public sealed class PartitionRecordsTests
{
    [Fact]
    public void Chunk_MoreRecordsThanOnePart_SplitsIntoBoundedPartsKeepingEveryRecordInOrder()
    {
        var records = new PartitionRecords();
        for (var i = 0; i < 7; i++)
        {
            records.Registrations.Add(new SubscriberRegistration($"reg-{i}", $"sim-{i}", $"p{i}", Day(0)));
            records.Reports.Add(new CaseReport($"report-{i}", $"p{i}", CaseStatus.Confirmed, Day(1)));
        }

        for (var i = 0; i < 25; i++)
        {
            records.Pings.Add(new RoutedPing($"sim-{i % 7}", (UInt128)i, i * 60_000L, CellX.Packed));
        }

        var parts = records.Chunk(10);

        Assert.All(parts, p => Assert.InRange(p.Count, 1, 10));
        Assert.Equal(4, parts.Count);
        Assert.Equal(records.Registrations, parts.SelectMany(p => p.Registrations));
        Assert.Equal(records.Reports, parts.SelectMany(p => p.Reports));
        Assert.Equal(records.Pings, parts.SelectMany(p => p.Pings));
    }

    [Fact]
    public void Chunk_FewRecords_IsTheRecordsThemselves()
    {
        var records = new PartitionRecords();
        records.Pings.Add(new RoutedPing("sim", 1, 0, CellX.Packed));

        Assert.Same(records, Assert.Single(records.Chunk(10)));
    }
}
