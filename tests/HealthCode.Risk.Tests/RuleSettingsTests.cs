namespace HealthCode.Risk.Tests;

public sealed class RuleSettingsTests
{
    [Fact]
    public void Default_Values_MatchTheDesign()
    {
        var settings = RuleSettings.Default;

        Assert.Equal(800.0, settings.CellMetres);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.StayGap);
        Assert.Equal(TimeSpan.FromDays(14), settings.ExposureWindow);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.CompanionMinOverlap);
        Assert.Equal(3, settings.FlightRowDistance);
        Assert.Equal(TimeSpan.FromDays(14), settings.CaseClearedQuarantine);
        Assert.Equal(TimeSpan.FromDays(14), settings.FlightCloseContactQuarantine);
        Assert.Equal(TimeSpan.FromDays(14), settings.RailCloseContactQuarantine);
        Assert.Equal(TimeSpan.FromDays(7), settings.CompanionQuarantine);
        Assert.Equal(TimeSpan.FromDays(7), settings.FellowTravellerQuarantine);
        Assert.Equal(37.3, settings.AbnormalTemperatureC);
        Assert.Equal(TimeSpan.FromHours(24), settings.DeclarationWindow);
        Assert.Equal(TimeSpan.FromDays(14), settings.AbnormalRestart);
    }

    [Fact]
    public void Init_InvalidValue_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RuleSettings.Default with { StayGap = default });

        Assert.Equal(nameof(RuleSettings.StayGap), error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleSettings { FlightRowDistance = -1 });
        Assert.Throws<ArgumentException>(() => new RuleSettings { Version = " " });
    }
}
