using HealthCode.Contracts.Feeds;

namespace HealthCode.Contracts.Tests.Feeds;

public sealed class KeyPartitionerTests
{
    [Fact]
    public void PartitionOf_HexKey_UsesItsFirst32Bits()
    {
        Assert.Equal((int)(0x8172089eu % 6), KeyPartitioner.PartitionOf("8172089eef2266c3381d8f0f3d34178b", 6));
    }

    [Fact]
    public void PartitionOf_ServiceKey_IsStableAndInRange()
    {
        var first = KeyPartitioner.PartitionOf("G7311/2026-11-02", 12);

        Assert.InRange(first, 0, 11);
        Assert.Equal(first, KeyPartitioner.PartitionOf("G7311/2026-11-02", 12));
    }

    [Fact]
    public void TopicNames_CaseLocations_FollowTheContract()
    {
        Assert.Equal("case_locations", Topics.Canonical(Feed.CaseLocations));
        Assert.Equal("case_locations.dead-letter", Topics.DeadLetter(Feed.CaseLocations));
        Assert.Equal("pings.csv", Feed.Pings.FileName());
        Assert.True(FeedNames.TryParse("declarations", out var feed));
        Assert.Equal(Feed.Declarations, feed);
    }
}
