using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Rules;

public sealed class CaseExposureTests
{
    [Fact]
    public void Of_SuspectedReport_CoversThe14DaysBefore()
    {
        var exposure = CaseExposure.Of(Report(CaseStatus.Suspected, Day(20)), Settings);

        Assert.NotNull(exposure);
        Assert.Equal(new Interval(Day(6), Day(20)), exposure.Window);
    }

    [Fact]
    public void Of_ClearedReport_IsNull()
    {
        Assert.Null(CaseExposure.Of(Report(CaseStatus.Cleared, Day(20)), Settings));
    }
}
