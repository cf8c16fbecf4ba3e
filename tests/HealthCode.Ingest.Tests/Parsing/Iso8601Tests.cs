using System.Text;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Tests.Parsing;

public sealed class Iso8601Tests
{
    [Theory]
    [InlineData("2026-11-02T08:13:05+08:00")]
    [InlineData("2026-11-02T00:13:05Z")]
    [InlineData("2026-11-01T19:13:05-05:00")]
    [InlineData("2026-11-02T00:13:05.000+00:00")]
    public void TryParseUnixMs_EquivalentInstants_GiveTheSameValue(string text)
    {
        Assert.True(Iso8601.TryParseUnixMs(Encoding.UTF8.GetBytes(text), out var ms));

        Assert.Equal(DateTimeOffset.Parse("2026-11-02T00:13:05Z").ToUnixTimeMilliseconds(), ms);
    }

    [Fact]
    public void TryParseUnixMs_Fraction_KeepsMilliseconds()
    {
        Assert.True(Iso8601.TryParseUnixMs("1970-01-01T00:00:01.2345Z"u8, out var ms));

        Assert.Equal(1234, ms);
    }

    [Theory]
    [InlineData("2026-11-02T08:13:05")]
    [InlineData("2026-11-02 08:13")]
    [InlineData("2026-11-31T08:13:05Z")]
    [InlineData("2026-11-02T24:00:00Z")]
    [InlineData("2026-11-02T08:13:05+8")]
    [InlineData("2026-11-02T08:13:05.+08:00")]
    [InlineData("02/11/2026 08:13:05")]
    public void TryParseUnixMs_NotIsoWithOffset_IsRejected(string text)
    {
        Assert.False(Iso8601.TryParseUnixMs(Encoding.UTF8.GetBytes(text), out _));
    }
}
