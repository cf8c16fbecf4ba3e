namespace HealthCode.Risk.Inputs;

/// <summary>A place and time where case investigation put a case, from the <c>case_locations</c> feed.</summary>
/// <param name="RecordId">The feed record id, carried into evidence.</param>
/// <param name="CaseKey">The key of the case.</param>
/// <param name="Lat">Latitude of the circle's centre in degrees.</param>
/// <param name="Lon">Longitude of the circle's centre in degrees.</param>
/// <param name="RadiusMetres">Radius of the circle in metres.</param>
/// <param name="From">When the case arrived.</param>
/// <param name="To">When the case left.</param>
/// <param name="Venue">The venue's name, when investigators gave one.</param>
public sealed record CaseLocation(
    string RecordId,
    string CaseKey,
    double Lat,
    double Lon,
    double RadiusMetres,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Venue = null);
