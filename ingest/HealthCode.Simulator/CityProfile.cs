using HealthCode.Simulator.Cities;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator;

/// <summary>
/// A real city the simulation can populate: its extent, UTC offset, districts and transport links. Only
/// built-in profiles exist, because each needs curated geography.
/// </summary>
public sealed class CityProfile
{
    internal CityProfile()
    {
    }

    /// <summary>Hangzhou, Zhejiang (lat 30.15 to 30.40, lon 120.00 to 120.35, UTC+08:00).</summary>
    public static CityProfile Hangzhou { get; } = HangzhouProfile.Create();

    /// <summary>Every built-in profile.</summary>
    public static IReadOnlyList<CityProfile> Known { get; } = [Hangzhou];

    /// <summary>The city's English name, e.g. <c>Hangzhou</c>.</summary>
    public string Name { get; internal init; } = string.Empty;

    /// <summary>The southern edge of the populated extent, in degrees.</summary>
    public double MinLatitude { get; internal init; }

    /// <summary>The northern edge of the populated extent, in degrees.</summary>
    public double MaxLatitude { get; internal init; }

    /// <summary>The western edge of the populated extent, in degrees.</summary>
    public double MinLongitude { get; internal init; }

    /// <summary>The eastern edge of the populated extent, in degrees.</summary>
    public double MaxLongitude { get; internal init; }

    /// <summary>The local UTC offset that every timestamp of the feeds carries.</summary>
    public TimeSpan UtcOffset { get; internal init; }

    internal IReadOnlyList<District> Residential { get; init; } = [];

    internal IReadOnlyList<District> Business { get; init; } = [];

    internal IReadOnlyList<District> Industrial { get; init; } = [];

    internal IReadOnlyList<WaterArea> Water { get; init; } = [];

    internal IReadOnlyList<string> LocalAreaCodes { get; init; } = [];

    internal IReadOnlyList<string> MigrantAreaCodes { get; init; } = [];

    internal IReadOnlyList<string> StreetNames { get; init; } = [];

    internal TravelNetwork Travel { get; init; } = null!;

    /// <summary>Finds a built-in profile by name, ignoring case.</summary>
    /// <exception cref="ArgumentException">No built-in profile has that name.</exception>
    public static CityProfile FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = Known.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

        return match ?? throw new ArgumentException(
            $"Unknown city '{name}'; the simulator knows: {string.Join(", ", Known.Select(c => c.Name))}.",
            nameof(name));
    }

    /// <summary>Whether a position lies inside the populated extent.</summary>
    public bool Contains(double latitude, double longitude) =>
        latitude >= MinLatitude && latitude <= MaxLatitude && longitude >= MinLongitude && longitude <= MaxLongitude;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
