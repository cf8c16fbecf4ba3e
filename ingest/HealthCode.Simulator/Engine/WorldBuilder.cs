using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Engine;

/// <summary>Builds the world in dependency order: terminals, people, workplaces, venues, identities, trips.</summary>
internal static class WorldBuilder
{
    /// <summary>The contact grid cell size of the design, in metres.</summary>
    public const double CellMeters = 800;

    public static World Build(SimulationSettings settings)
    {
        var seed = unchecked((ulong)settings.Seed);
        var city = settings.City;
        var clock = new SimClock(settings.StartDate, city.UtcOffset, settings.Days);
        var places = new PlaceTable();
        var cityPlaces = new CityPlacesBuilder(city, places, seed);
        var terminals = cityPlaces.AddTerminals(city.Travel);
        var destinations = cityPlaces.AddDestinations(city.Travel);

        var population = new PopulationBuilder(city, places, seed, settings.StartDate);
        var people = population.CreateHouseholds(settings.People);
        var workers = people.Count(p => p.Role == PersonRole.Worker);
        cityPlaces.AddWorkplaces((int)(workers * 0.8), (int)(workers * 0.2),
            people.Count(p => p.Role == PersonRole.Student));
        cityPlaces.AddVenues(settings.People);
        population.AssignPlaces(people, cityPlaces.Wards);

        var sims = new IdentityAssigner(seed, city, clock).Assign(people);
        var timetable = new Timetable(city.Travel, settings.Days);
        var planner = new TripPlanner(seed, city.Travel, timetable, places, terminals, destinations, settings.Days);
        var parties = planner.Plan(people, settings.TravelShare);
        var seats = new SeatAssigner(seed, places);
        seats.Assign(parties);

        return new World
        {
            Settings = settings,
            Seed = seed,
            Clock = clock,
            Places = places,
            People = people,
            Sims = sims,
            Timetable = timetable,
            Rides = parties.SelectMany(p => p).ToList(),
            Terminals = terminals,
            Destinations = destinations,
            AircraftRows = seats.AircraftRows,
            Grid = new ContactGrid(CellMeters),
        };
    }
}
