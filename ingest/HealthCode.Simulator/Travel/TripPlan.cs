namespace HealthCode.Simulator.Travel;

/// <summary>One person's trip out of the city: the two rides, where they stay, when they leave and return.</summary>
internal sealed class TripPlan
{
    public required TripPurpose Purpose { get; init; }

    public required TransitNode Destination { get; init; }

    public required int OutDay { get; init; }

    public required int ReturnDay { get; init; }

    public required Ride Outbound { get; init; }

    public required Ride Return { get; init; }

    /// <summary>Hotel at the destination; unused on a day trip.</summary>
    public required int Hotel { get; init; }

    /// <summary>Where a business traveller spends the day, or the first sight of a family.</summary>
    public required int DayPlace { get; init; }

    /// <summary>Station or airport of departure from home, and of arrival at the destination.</summary>
    public required int HomeTerminal { get; init; }

    public required int AwayTerminal { get; init; }

    /// <summary>Seconds spent at the terminal before each departure.</summary>
    public required int WaitSeconds { get; init; }

    /// <summary>Seconds spent at the terminal after each arrival.</summary>
    public required int LingerSeconds { get; init; }

    /// <summary>When the traveller leaves home for the terminal on the day out.</summary>
    public required int LeaveHomeAt { get; init; }

    public bool IsDayTrip => OutDay == ReturnDay;

    public bool Touches(int day) => day >= OutDay && day <= ReturnDay;
}
