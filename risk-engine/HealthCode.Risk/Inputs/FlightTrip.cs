namespace HealthCode.Risk.Inputs;

/// <summary>One passenger's seat on one flight, from the <c>flights</c> manifest feed.</summary>
/// <param name="RecordId">The feed record id, carried into evidence.</param>
/// <param name="PersonKey">The passenger's key.</param>
/// <param name="Flight">The flight number.</param>
/// <param name="ServiceDate">The scheduled service date, as the feed gives it.</param>
/// <param name="SeatRow">The seat's row number.</param>
/// <param name="DepartsAt">When the flight left.</param>
/// <param name="ArrivesAt">When the flight arrived.</param>
public sealed record FlightTrip(
    string RecordId,
    string PersonKey,
    string Flight,
    string ServiceDate,
    int SeatRow,
    DateTimeOffset DepartsAt,
    DateTimeOffset ArrivesAt);
