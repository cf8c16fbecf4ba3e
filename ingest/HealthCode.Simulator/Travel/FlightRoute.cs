namespace HealthCode.Simulator.Travel;

/// <summary>A daily flight pair between the home airport and one destination.</summary>
internal sealed record FlightRoute(
    string Airline,
    int NumberBase,
    TransitNode Destination,
    int DurationMinutes,
    int Rows,
    string SeatLetters,
    IReadOnlyList<int> DepartureMinutes,
    double Popularity);
