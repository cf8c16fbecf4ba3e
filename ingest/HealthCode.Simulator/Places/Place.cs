using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Places;

/// <summary>A location people spend time at: a home, a workplace, a venue, a station, a train carriage.</summary>
/// <param name="Id">Index in the <see cref="PlaceTable"/>.</param>
/// <param name="Kind">What the place is.</param>
/// <param name="Position">Where everyone at the place is taken to be.</param>
/// <param name="Name">Plain-ASCII name, used as the venue of case locations.</param>
/// <param name="Capacity">Staff or pupils it takes (0 when it employs nobody).</param>
internal sealed record Place(int Id, PlaceKind Kind, GeoPoint Position, string Name, int Capacity)
{
    /// <summary>Snake-case kind for the truth files, e.g. <c>isolation_ward</c>.</summary>
    public string KindName => PlaceKinds.SnakeCase(Kind);
}
