namespace HealthCode.Simulator.Travel;

/// <summary>
/// A high-speed line out of the home city: its stops (the first is the home station), the minutes from the
/// first stop to each, the trains' carriage count and the daily departure slots in each direction.
/// </summary>
internal sealed record RailRoute(
    string Prefix,
    int NumberBase,
    IReadOnlyList<TransitNode> Stops,
    IReadOnlyList<int> MinutesFromOrigin,
    int Carriages,
    IReadOnlyList<int> DepartureMinutes,
    double Popularity)
{
    /// <summary>Minutes a train stands at an intermediate stop.</summary>
    public const int DwellMinutes = 2;

    public int TotalMinutes => MinutesFromOrigin[^1];
}
