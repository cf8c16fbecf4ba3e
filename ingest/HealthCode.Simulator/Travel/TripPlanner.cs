using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Travel;

/// <summary>
/// Plans trips by household: now and then a worker goes on business alone, or a whole household travels
/// together (so they share a service and sit side by side). Trains serve nearby cities, flights distant ones.
/// </summary>
internal sealed class TripPlanner
{
    private const int Minute = 60;
    private const double RailShare = 0.7;
    private const double FamilyShareOfTravel = 0.35;

    private readonly ulong _seed;
    private readonly TravelNetwork _network;
    private readonly Timetable _timetable;
    private readonly PlaceTable _places;
    private readonly IReadOnlyDictionary<TransitNode, int> _terminals;
    private readonly IReadOnlyDictionary<string, DestinationPlaces> _destinations;
    private readonly int _days;

    public TripPlanner(ulong seed, TravelNetwork network, Timetable timetable, PlaceTable places,
        IReadOnlyDictionary<TransitNode, int> terminals, IReadOnlyDictionary<string, DestinationPlaces> destinations,
        int days)
    {
        _seed = seed;
        _network = network;
        _timetable = timetable;
        _places = places;
        _terminals = terminals;
        _destinations = destinations;
        _days = days;
    }

    /// <summary>Plans trips for a share of people per week; returns the parties (rides of one booking each).</summary>
    public List<List<Ride>> Plan(IReadOnlyList<Person> people, double weeklyShare)
    {
        var parties = new List<List<Ride>>();
        var share = Math.Min(0.9, weeklyShare * _days / 7.0);
        var start = 0;

        while (start < people.Count)
        {
            var end = start;

            while (end < people.Count && people[end].Household == people[start].Household)
            {
                end++;
            }

            var household = people.Skip(start).Take(end - start).ToList();
            var rng = Rng.For(_seed, RandomStream.Trip, people[start].Household);

            if (rng.Chance(share * FamilyShareOfTravel))
            {
                AddParty(household, TripPurpose.Family, ref rng, parties);
            }
            else
            {
                foreach (var member in household)
                {
                    if (member.Role == PersonRole.Worker && rng.Chance(share))
                    {
                        AddParty([member], TripPurpose.Business, ref rng, parties);
                        break;
                    }
                }
            }

            start = end;
        }

        return parties;
    }

    private void AddParty(List<Person> party, TripPurpose purpose, ref Rng rng, List<List<Ride>> parties)
    {
        var byRail = rng.Chance(RailShare);
        var (routeIndex, stop) = byRail ? PickRailStop(ref rng) : (PickFlight(ref rng), 1);
        var nights = Nights(purpose, byRail, routeIndex, stop, ref rng);
        var outDay = rng.Next(_days);

        if (!TryPickServices(byRail, routeIndex, stop, outDay, ref nights, purpose, ref rng, out var outbound,
                out var inbound))
        {
            return;
        }

        var destination = outbound.Stops[byRail ? stop : 1];
        var places = _destinations[destination.CityName];
        var hotel = places.Hotels[rng.Next(places.Hotels.Count)];
        var dayPlace = purpose == TripPurpose.Business
            ? places.MeetingPlaces[rng.Next(places.MeetingPlaces.Count)]
            : places.Attractions[rng.Next(places.Attractions.Count)];
        var homeTerminal = _terminals[outbound.Stops[0]];
        var awayTerminal = _terminals[destination];
        var wait = (byRail ? rng.Next(15, 35) : rng.Next(75, 110)) * Minute;
        var linger = (byRail ? rng.Next(5, 15) : rng.Next(20, 40)) * Minute;
        var home = _places[party[0].HomePlace].Position;
        var rides = new List<Ride>();

        foreach (var person in party)
        {
            var outRide = new Ride(outbound, person.Index, 0, outbound.StopIndex(destination));
            var backRide = new Ride(inbound, person.Index, inbound.StopIndex(destination), inbound.Stops.Count - 1);
            rides.Add(outRide);
            rides.Add(backRide);

            person.Trip = new TripPlan
            {
                Purpose = purpose,
                Destination = destination,
                OutDay = outDay,
                ReturnDay = outDay + nights,
                Outbound = outRide,
                Return = backRide,
                Hotel = hotel,
                DayPlace = dayPlace,
                HomeTerminal = homeTerminal,
                AwayTerminal = awayTerminal,
                WaitSeconds = wait,
                LingerSeconds = linger,
                LeaveHomeAt = outRide.Departs - wait - TravelTimes.Seconds(home, _places[homeTerminal].Position),
            };
        }

        parties.Add(rides);
    }

    private (int Route, int Stop) PickRailStop(ref Rng rng)
    {
        Span<double> weights = stackalloc double[_network.RailRoutes.Count];

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = _network.RailRoutes[i].Popularity;
        }

        var route = rng.PickWeighted(weights);
        var stops = _network.RailRoutes[route].Stops.Count;

        // The terminus is the usual destination; intermediate stops get a share each.
        return (route, rng.Chance(0.6) ? stops - 1 : rng.Next(1, stops));
    }

    private int PickFlight(ref Rng rng)
    {
        Span<double> weights = stackalloc double[_network.FlightRoutes.Count];

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = _network.FlightRoutes[i].Popularity;
        }

        return rng.PickWeighted(weights);
    }

    private int Nights(TripPurpose purpose, bool byRail, int route, int stop, ref Rng rng)
    {
        if (purpose == TripPurpose.Family)
        {
            return rng.Next(1, 5);
        }

        var near = byRail && _network.RailRoutes[route].MinutesFromOrigin[stop] <= 90;
        return near && rng.Chance(0.4) ? 0 : 1 + rng.PickWeighted([0.5, 0.3, 0.2]);
    }

    /// <summary>
    /// Picks the outbound and return services. A day trip needs five hours between arrival and the train back
    /// (enough for the way to a meeting and back to the station); otherwise it becomes an overnight trip.
    /// </summary>
    private bool TryPickServices(bool byRail, int route, int stop, int outDay, ref int nights, TripPurpose purpose,
        ref Rng rng, out Service outbound, out Service inbound)
    {
        outbound = null!;
        inbound = null!;
        var slots = byRail
            ? _network.RailRoutes[route].DepartureMinutes.Count
            : _network.FlightRoutes[route].DepartureMinutes.Count;
        var outSlot = nights == 0 || purpose == TripPurpose.Business ? rng.Next(Math.Min(2, slots)) : rng.Next(slots);
        var found = FirstService(byRail, route, inbound: false, outDay, outSlot);

        if (found is null)
        {
            return false;
        }

        outbound = found;
        var arrival = outbound.Arrivals[byRail ? stop : 1];

        if (nights == 0)
        {
            for (var slot = 0; slot < slots; slot++)
            {
                var candidate = _timetable.Find(route, !byRail, true, outDay, slot);

                if (candidate is not null && candidate.Departures[candidate.StopIndex(outbound.Stops[stop])]
                    >= arrival + 5 * 3600)
                {
                    inbound = candidate;
                    return true;
                }
            }

            nights = 1;
        }

        var backSlot = purpose == TripPurpose.Business ? rng.Next(slots / 2, slots) : rng.Next(1, slots);
        found = FirstService(byRail, route, inbound: true, outDay + nights, backSlot);

        if (found is null)
        {
            return false;
        }

        inbound = found;
        return true;
    }

    /// <summary>The service of a slot, or of the nearest earlier slot when late ones do not run.</summary>
    private Service? FirstService(bool byRail, int route, bool inbound, int day, int slot)
    {
        for (var s = slot; s >= 0; s--)
        {
            if (_timetable.Find(route, !byRail, inbound, day, s) is { } service)
            {
                return service;
            }
        }

        return null;
    }
}
