using HealthCode.Risk.Inputs;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Inputs;

public sealed class DeclarationTests
{
    [Theory]
    [InlineData(37.3, true)]
    [InlineData(37.29, false)]
    [InlineData(36.5, false)]
    public void IsAbnormal_TemperatureAroundThreshold_IsAbnormalFromThreshold(double temperature, bool abnormal)
    {
        var declaration = new Declaration("d1", PersonKey, Day(0), temperature, []);

        Assert.Equal(abnormal, declaration.IsAbnormal(Settings));
    }

    [Fact]
    public void IsAbnormal_ConfiguredThreshold_IsUsed()
    {
        var declaration = new Declaration("d1", PersonKey, Day(0), 37.3, []);

        Assert.False(declaration.IsAbnormal(Settings with { AbnormalTemperatureC = 37.5 }));
    }
}
