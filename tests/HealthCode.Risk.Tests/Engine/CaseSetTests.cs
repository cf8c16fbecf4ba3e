using HealthCode.Risk.Engine;

namespace HealthCode.Risk.Tests.Engine;

public sealed class CaseSetTests
{
    [Fact]
    public void Add_RepeatedAndNewCases_HoldsEachOnceInTheOrderAdded()
    {
        var set = new CaseSet("c2");

        set.Add("c2");
        set.Add("c1");
        set.Add("c3");
        set.Add("c1");

        Assert.Equal(3, set.Count);
        Assert.Equal(["c2", "c1", "c3"], [.. set]);
        var walked = new List<string>();
        foreach (var caseKey in set)
        {
            walked.Add(caseKey);
        }

        Assert.Equal(["c2", "c1", "c3"], walked);
    }

    [Fact]
    public void Contains_OneCase_AnswersForItAlone()
    {
        var set = new CaseSet("c1");

        Assert.True(set.Contains("c1"));
        Assert.False(set.Contains("c2"));
        Assert.Equal(["c1"], [.. set]);
    }
}
