namespace HealthCode.Simulator.Travel;

/// <summary>The rail lines and flights that connect a city with the rest of the country.</summary>
internal sealed class TravelNetwork
{
    public TravelNetwork(TransitNode homeStation, TransitNode homeAirport, IReadOnlyList<RailRoute> railRoutes,
        IReadOnlyList<FlightRoute> flightRoutes)
    {
        HomeStation = homeStation;
        HomeAirport = homeAirport;
        RailRoutes = railRoutes;
        FlightRoutes = flightRoutes;

        var nodes = new List<TransitNode> { homeStation, homeAirport };
        nodes.AddRange(railRoutes.SelectMany(r => r.Stops).Concat(flightRoutes.Select(f => f.Destination)));
        Nodes = nodes.Distinct().ToList();
    }

    public TransitNode HomeStation { get; }

    public TransitNode HomeAirport { get; }

    public IReadOnlyList<RailRoute> RailRoutes { get; }

    public IReadOnlyList<FlightRoute> FlightRoutes { get; }

    /// <summary>Every station and airport, each once, home nodes first.</summary>
    public IReadOnlyList<TransitNode> Nodes { get; }
}
