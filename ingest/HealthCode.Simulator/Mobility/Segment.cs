using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Mobility;

/// <summary>
/// A piece of a true trajectory: from <see cref="Start"/> to <see cref="End"/> (simulation seconds) the person
/// goes linearly from <see cref="From"/> to <see cref="To"/> (equal for a stay), at <see cref="PlaceId"/>.
/// </summary>
/// <param name="Start">First second of the segment.</param>
/// <param name="End">The second after the last; the next segment starts here.</param>
/// <param name="From">True position at <paramref name="Start"/>.</param>
/// <param name="To">True position at <paramref name="End"/>.</param>
/// <param name="PlaceId">The place shared with others, or -1 while moving between places.</param>
/// <param name="Kind">Stay, ground move, train ride or flight.</param>
internal readonly record struct Segment(int Start, int End, GeoPoint From, GeoPoint To, int PlaceId, SegmentKind Kind)
{
    public bool IsStationary => From == To;

    public GeoPoint PositionAt(int time) =>
        IsStationary || End <= Start ? From : GeoPoint.Lerp(From, To, (time - Start) / (double)(End - Start));
}
