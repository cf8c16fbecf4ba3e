namespace HealthCode.Risk.Inputs;

/// <summary>One passenger's journey on one train, from the <c>rail</c> manifest feed.</summary>
/// <param name="RecordId">The feed record id, carried into evidence.</param>
/// <param name="PersonKey">The passenger's key.</param>
/// <param name="Train">The train number.</param>
/// <param name="ServiceDate">The scheduled service date, as the feed gives it.</param>
/// <param name="Carriage">The carriage (coach) number.</param>
/// <param name="DepartsAt">When the passenger boarded.</param>
/// <param name="ArrivesAt">When the passenger got off.</param>
public sealed record RailTrip(
    string RecordId,
    string PersonKey,
    string Train,
    string ServiceDate,
    int Carriage,
    DateTimeOffset DepartsAt,
    DateTimeOffset ArrivesAt);
