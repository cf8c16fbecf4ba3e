using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Places;

namespace HealthCode.Simulator.Mobility;

/// <summary>
/// Builds one day of a trajectory as contiguous segments: stays at places, with ground moves inserted between
/// them, and rides appended as given. One builder per thread; <see cref="Finish"/> hands back a copy.
/// </summary>
internal sealed class TrajectoryBuilder
{
    private readonly PlaceTable _places;
    private readonly List<Segment> _segments = new(16);
    private int _dayEnd;

    public TrajectoryBuilder(PlaceTable places)
    {
        _places = places;
    }

    public int Now { get; private set; }

    public int PlaceId { get; private set; }

    public GeoPoint Position { get; private set; }

    public int DayStart { get; private set; }

    public int DayEnd => _dayEnd;

    public void Begin(int dayStart, int placeId)
    {
        _segments.Clear();
        DayStart = dayStart;
        _dayEnd = dayStart + Time.SimClock.SecondsPerDay;
        Now = dayStart;
        PlaceId = placeId;
        Position = _places[placeId].Position;
    }

    public int TravelSecondsTo(int placeId) => TravelTimes.Seconds(Position, _places[placeId].Position);

    /// <summary>Stays at the current place until a time; earlier times are ignored, later ones capped.</summary>
    public void StayUntil(int time)
    {
        var end = Math.Min(time, _dayEnd);

        if (end <= Now)
        {
            return;
        }

        if (_segments.Count > 0 && _segments[^1] is { Kind: SegmentKind.Stay } last && last.PlaceId == PlaceId)
        {
            _segments[^1] = last with { End = end };
        }
        else
        {
            _segments.Add(new Segment(Now, end, Position, Position, PlaceId, SegmentKind.Stay));
        }

        Now = end;
    }

    /// <summary>Moves to a place by ground. A place in the same building is reached without a move segment.</summary>
    public void GoTo(int placeId)
    {
        if (placeId == PlaceId || Now >= _dayEnd)
        {
            return;
        }

        var target = _places[placeId].Position;
        var seconds = TravelTimes.Seconds(Position, target);

        if (seconds > 0)
        {
            var end = Math.Min(Now + seconds, _dayEnd);
            _segments.Add(new Segment(Now, end, Position, target, -1, SegmentKind.Move));
            Now = end;
        }

        PlaceId = placeId;
        Position = target;
    }

    /// <summary>Appends a ride's segments, which must start now; the traveller ends at the arrival terminal.</summary>
    public void Ride(IReadOnlyList<Segment> rideSegments, int arrivalTerminal)
    {
        if (rideSegments.Count == 0 || rideSegments[0].Start != Now)
        {
            throw new InvalidOperationException(
                $"A ride must start when the traveller is at the terminal (now {Now}).");
        }

        _segments.AddRange(rideSegments);
        Now = rideSegments[^1].End;
        PlaceId = arrivalTerminal;
        Position = _places[arrivalTerminal].Position;
    }

    /// <summary>Stays put until midnight and returns the day's segments.</summary>
    public Segment[] Finish()
    {
        StayUntil(_dayEnd);
        return _segments.ToArray();
    }
}
