using System.Text;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Tests.Identity;

public sealed class PseudonymiserTests
{
    // Vectors computed independently: hmac.new(pepper, id, sha256).hexdigest()[:32] in Python.
    [Theory]
    [InlineData("test-pepper", "11010519491231002X", "8172089eef2266c3381d8f0f3d34178b")]
    [InlineData("秘密", "A1234567", "bd37f1f130ff453a9f5217df9ba335b0")]
    public void PersonKey_KnownVector_MatchesHmacDefinition(string pepper, string id, string expected)
    {
        Assert.Equal(expected, new Pseudonymiser(pepper).PersonKey(id));
    }

    [Fact]
    public void PersonKey_LowerCaseAndPadded_NormalisesBeforeHashing()
    {
        var pseudonymiser = new Pseudonymiser("test-pepper");

        Assert.Equal("8172089eef2266c3381d8f0f3d34178b", pseudonymiser.PersonKey("  11010519491231002x "));
    }

    [Fact]
    public void SubscriberKey_KnownVector_MatchesHmacDefinition()
    {
        var key = new Pseudonymiser("test-pepper").SubscriberKey(" +8613800138000");

        Assert.Equal("41d1c44cd4dbc506033bbbbb75a46f8b", key);
    }

    [Fact]
    public void PersonKey_OtherPepper_GivesOtherKey()
    {
        Assert.NotEqual(new Pseudonymiser("a").PersonKey("A1234567"), new Pseudonymiser("b").PersonKey("A1234567"));
    }

    [Fact]
    public void PersonKey_CacheFullAndCleared_StillGivesTheDefinition()
    {
        var pseudonymiser = new Pseudonymiser("test-pepper", cacheCapacity: 2);

        for (var i = 0; i < 10; i++)
        {
            pseudonymiser.PersonKey($"ID{i:D6}");
        }

        var expected = Pseudonymiser.Derive(Encoding.UTF8.GetBytes("test-pepper"), "11010519491231002X");
        Assert.Equal(expected, pseudonymiser.PersonKey("11010519491231002X"));
    }

    [Fact]
    public void SubscriberKey_CacheFullAndCleared_StillGivesTheDefinition()
    {
        var pseudonymiser = new Pseudonymiser("test-pepper", cacheCapacity: 2);

        for (var i = 0; i < 10; i++)
        {
            pseudonymiser.SubscriberKey($"+86138{10_000_000 + i}");
        }

        Assert.Equal("41d1c44cd4dbc506033bbbbb75a46f8b", pseudonymiser.SubscriberKey("+8613800138000"));
        Assert.Equal("41d1c44cd4dbc506033bbbbb75a46f8b", pseudonymiser.SubscriberKey("+8613800138000"));
    }

    [Theory]
    [InlineData("+8613800138000")]
    [InlineData("+1")]
    [InlineData("+0123")]
    [InlineData("+12345678901234567890123")]
    [InlineData("8613800138000")]
    [InlineData("+86 138")]
    public void SubscriberKey_AnyText_IsTheHmacOfTheTrimmedText(string msisdn)
    {
        var pseudonymiser = new Pseudonymiser("test-pepper");
        var expected = Pseudonymiser.Derive(Encoding.UTF8.GetBytes("test-pepper"), msisdn);

        Assert.Equal(expected, pseudonymiser.SubscriberKey(" " + msisdn));
        Assert.Equal(expected, pseudonymiser.SubscriberKey(msisdn));
    }

    [Fact]
    public void SubscriberKey_ManyNumbers_CachedKeysMatchTheDefinition()
    {
        var pseudonymiser = new Pseudonymiser("test-pepper");
        var numbers = Enumerable.Range(0, 5000).Select(i => $"+{1 + i * 7919L % 1_000_000_000_000}").ToArray();

        // Twice over, so the second pass reads every key back from the grown table.
        var first = numbers.Select(n => pseudonymiser.SubscriberKey(n)).ToArray();
        var second = numbers.Select(n => pseudonymiser.SubscriberKey(n)).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(numbers.Select(n => Pseudonymiser.Derive(Encoding.UTF8.GetBytes("test-pepper"), n)), second);
    }
}
