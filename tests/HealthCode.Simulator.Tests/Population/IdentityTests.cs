using HealthCode.Simulator.Population;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests.Population;

[Collection(SimulationCollection.Name)]
public sealed class IdentityTests
{
    private readonly SimulationFixture _fixture;

    public IdentityTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void CheckCharacter_PublishedExamples_Match(string id)
    {
        Assert.Equal(id[17], ResidentIdNumber.CheckCharacter(id.AsSpan(0, 17)));
        Assert.True(ResidentIdNumber.IsValid(id));
    }

    [Fact]
    public void IsValid_WrongCheckCharacter_False()
    {
        Assert.False(ResidentIdNumber.IsValid("110105194912310021"));
        Assert.False(ResidentIdNumber.IsValid("11010519491231002"));
    }

    [Fact]
    public void Subscribers_IdNumbers_ValidUniquePerPersonAndSometimesX()
    {
        var records = _fixture.Valid(FeedNames.Subscribers);
        var ids = records.Select(r => r.GetProperty("id_number").GetString()!).ToList();
        var people = ids.Distinct().ToList();

        Assert.Equal(SimulationFixture.Settings.People, people.Count);
        Assert.All(people, id => Assert.True(ResidentIdNumber.IsValid(id), id));
        Assert.Contains(people, id => id.EndsWith('X'));
        Assert.All(ids.GroupBy(id => id), g => Assert.InRange(g.Count(), 1, 2));
    }

    [Fact]
    public void Subscribers_Msisdns_UniqueChineseMobileNumbersOfThreeCarriers()
    {
        var records = _fixture.Valid(FeedNames.Subscribers);
        var numbers = records.Select(r => r.GetProperty("msisdn").GetString()!).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^\\+861[3-9][0-9]{9}$", n));
        Assert.Equal(["China Mobile", "China Telecom", "China Unicom"],
            records.Select(r => r.GetProperty("carrier").GetString()).Distinct().Order());
    }
}
