namespace HealthCode.Simulator.Travel;

/// <summary>One train or flight on one service date, with its stops in travel order and times per stop.</summary>
internal sealed class Service
{
    public Service(int id, string number, bool isFlight, int day, IReadOnlyList<TransitNode> stops,
        IReadOnlyList<int> arrivals, IReadOnlyList<int> departures, int carriages, int rows, string seatLetters)
    {
        Id = id;
        Number = number;
        IsFlight = isFlight;
        Day = day;
        Stops = stops;
        Arrivals = arrivals;
        Departures = departures;
        Carriages = carriages;
        Rows = rows;
        SeatLetters = seatLetters;
    }

    public int Id { get; }

    /// <summary>Train number (<c>G7311</c>) or flight number (<c>MU5101</c>).</summary>
    public string Number { get; }

    public bool IsFlight { get; }

    /// <summary>The day index of the service date: the day the service leaves its first stop.</summary>
    public int Day { get; }

    public IReadOnlyList<TransitNode> Stops { get; }

    /// <summary>Simulation seconds of arrival at each stop (the first equals its departure).</summary>
    public IReadOnlyList<int> Arrivals { get; }

    /// <summary>Simulation seconds of departure from each stop (the last equals its arrival).</summary>
    public IReadOnlyList<int> Departures { get; }

    /// <summary>Carriages of a train; 0 for a flight.</summary>
    public int Carriages { get; }

    /// <summary>Seat rows per carriage, or of the aircraft.</summary>
    public int Rows { get; }

    /// <summary>Seat letters of one row, with aisles between blocks implied by <see cref="SeatBlocks"/>.</summary>
    public string SeatLetters { get; }

    /// <summary>Groups of adjacent seat letters a party can share, e.g. ABC and DF on a train.</summary>
    public IReadOnlyList<string> SeatBlocks => SeatLetters switch
    {
        "ABCDF" => ["ABC", "DF"],
        "ABCDEF" => ["ABC", "DEF"],
        _ => ["ABC", "DEFG", "HJK"],
    };

    public int StopIndex(TransitNode node)
    {
        for (var i = 0; i < Stops.Count; i++)
        {
            if (Stops[i] == node)
            {
                return i;
            }
        }

        return -1;
    }
}
