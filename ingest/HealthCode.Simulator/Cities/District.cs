using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Cities;

/// <summary>A cluster of homes, offices or factories: a centre, a relative weight and a spread.</summary>
internal sealed record District(string Name, GeoPoint Centre, double Weight, double SpreadMeters);
