namespace HealthCode.Simulator.Tests;

public sealed class SimulationSettingsTests
{
    [Fact]
    public void Validate_Defaults_Passes()
    {
        var settings = new SimulationSettings();

        settings.Validate();

        Assert.Equal(CityProfile.Hangzhou, settings.City);
        Assert.Equal(10, settings.ResolvedInitialInfections);
    }

    public static TheoryData<SimulationSettings, string> OutOfRange => new()
    {
        { new SimulationSettings { People = 0 }, nameof(SimulationSettings.People) },
        { new SimulationSettings { People = SimulationSettings.MaxPeople + 1 }, nameof(SimulationSettings.People) },
        { new SimulationSettings { Days = 0 }, nameof(SimulationSettings.Days) },
        { new SimulationSettings { Days = SimulationSettings.MaxDays + 1 }, nameof(SimulationSettings.Days) },
        { new SimulationSettings { MalformedPerFeed = -1 }, nameof(SimulationSettings.MalformedPerFeed) },
        {
            new SimulationSettings { People = 10, InitialInfections = 11 },
            nameof(SimulationSettings.InitialInfections)
        },
        { new SimulationSettings { TravelShare = 0.9 }, nameof(SimulationSettings.TravelShare) },
        { new SimulationSettings { PingIntervalMinutes = 1 }, nameof(SimulationSettings.PingIntervalMinutes) },
        { new SimulationSettings { TransmissionScale = -1 }, nameof(SimulationSettings.TransmissionScale) },
        { new SimulationSettings { MaxDegreeOfParallelism = -2 }, nameof(SimulationSettings.MaxDegreeOfParallelism) },
        { new SimulationSettings { StartDate = new DateOnly(1999, 12, 31) }, nameof(SimulationSettings.StartDate) },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_OutOfRange_ThrowsNamingTheSetting(SimulationSettings settings, string name)
    {
        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal(name, error.ParamName);
        Assert.Contains("SimulationSettings." + name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromName_KnownCityAnyCase_ReturnsProfile()
    {
        Assert.Same(CityProfile.Hangzhou, CityProfile.FromName(" hangzhou "));
        Assert.Equal(TimeSpan.FromHours(8), CityProfile.Hangzhou.UtcOffset);
    }

    [Fact]
    public void FromName_UnknownCity_ThrowsListingKnownCities()
    {
        var error = Assert.Throws<ArgumentException>(() => CityProfile.FromName("Atlantis"));

        Assert.Contains("Hangzhou", error.Message, StringComparison.Ordinal);
    }
}
