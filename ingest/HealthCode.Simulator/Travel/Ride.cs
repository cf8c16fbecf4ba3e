using System.Globalization;
using HealthCode.Simulator.Mobility;

namespace HealthCode.Simulator.Travel;

/// <summary>One passenger's seat on one service, between a boarding and an alighting stop.</summary>
internal sealed class Ride
{
    public Ride(Service service, int personIndex, int board, int alight)
    {
        Service = service;
        PersonIndex = personIndex;
        Board = board;
        Alight = alight;
    }

    public Service Service { get; }

    public int PersonIndex { get; }

    /// <summary>Stop index in <see cref="Service.Stops"/> where the passenger boards.</summary>
    public int Board { get; }

    public int Alight { get; }

    /// <summary>1-based carriage of a train; 0 on a flight.</summary>
    public int Carriage { get; set; }

    public int SeatRow { get; set; }

    public char SeatLetter { get; set; }

    /// <summary>The carriage or aircraft as a place, where passengers infect each other.</summary>
    public int PlaceId { get; set; } = -1;

    /// <summary>The true trajectory of the ride, built once the seat is known.</summary>
    public Segment[] Segments { get; set; } = [];

    public int Departs => Service.Departures[Board];

    public int Arrives => Service.Arrivals[Alight];

    public TransitNode From => Service.Stops[Board];

    public TransitNode To => Service.Stops[Alight];

    /// <summary>A train seat is zero-padded (<c>05F</c>), a flight seat is not (<c>32A</c>).</summary>
    public string SeatLabel => Service.IsFlight
        ? string.Create(CultureInfo.InvariantCulture, $"{SeatRow}{SeatLetter}")
        : string.Create(CultureInfo.InvariantCulture, $"{SeatRow:00}{SeatLetter}");
}
