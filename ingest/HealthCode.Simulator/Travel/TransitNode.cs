using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Travel;

/// <summary>A railway station or an airport, with the city it serves.</summary>
/// <param name="Code">The station code or IATA code.</param>
/// <param name="Name">The name written to manifests for stations (airports use <paramref name="Code"/>).</param>
/// <param name="Position">Where the station or airport is.</param>
/// <param name="IsAirport">An airport rather than a railway station.</param>
/// <param name="CityName">The city served; travellers stay there.</param>
/// <param name="CityCentre">The centre of that city, around which its hotels and sights lie.</param>
internal sealed record TransitNode(string Code, string Name, GeoPoint Position, bool IsAirport, string CityName,
    GeoPoint CityCentre)
{
    /// <summary>What a manifest's <c>from</c> and <c>to</c> say: a station name or an IATA code.</summary>
    public string ManifestName => IsAirport ? Code : Name;
}
