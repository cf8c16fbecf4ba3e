namespace HealthCode.Risk.Inputs;

/// <summary>One carrier location record of a person, already linked from its SIM to the person.</summary>
/// <param name="RecordId">The feed record id, carried into evidence.</param>
/// <param name="ObservedAt">When the network saw the SIM.</param>
/// <param name="Lat">Latitude in degrees.</param>
/// <param name="Lon">Longitude in degrees.</param>
public sealed record Ping(string RecordId, DateTimeOffset ObservedAt, double Lat, double Lon);
