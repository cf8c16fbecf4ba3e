namespace HealthCode.Simulator.Places;

/// <summary>The places a traveller uses in another city.</summary>
internal sealed record DestinationPlaces(
    IReadOnlyList<int> Hotels,
    IReadOnlyList<int> MeetingPlaces,
    IReadOnlyList<int> Attractions);
