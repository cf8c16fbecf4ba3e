namespace HealthCode.Simulator.Mobility;

/// <summary>How a person spends one piece of a day.</summary>
internal enum SegmentKind
{
    /// <summary>At a place, not moving.</summary>
    Stay,

    /// <summary>Between places on the ground (walk, bus, car); nobody is infected on the way.</summary>
    Move,

    /// <summary>On a train, moving or standing at a station; the place is the carriage.</summary>
    Ride,

    /// <summary>In the air; phones are off, so a flight yields no pings.</summary>
    Flight,
}
