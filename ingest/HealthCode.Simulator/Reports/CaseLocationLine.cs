using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Reports;

/// <summary>One line of the <c>case_locations</c> feed; <see cref="Venue"/> is null for the case's home.</summary>
internal sealed record CaseLocationLine(int Person, GeoPoint Position, int RadiusMeters, int From, int To,
    string? Venue, int ReportedAt);
