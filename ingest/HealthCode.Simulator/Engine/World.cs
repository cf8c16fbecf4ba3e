using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Engine;

/// <summary>The static side of a simulation: city, people, SIMs, timetable and planned trips.</summary>
internal sealed class World
{
    public required SimulationSettings Settings { get; init; }

    public required ulong Seed { get; init; }

    public required SimClock Clock { get; init; }

    public required PlaceTable Places { get; init; }

    public required IReadOnlyList<Person> People { get; init; }

    public required IReadOnlyList<SimCard> Sims { get; init; }

    public required Timetable Timetable { get; init; }

    /// <summary>Every ride of every planned trip, including trips later cancelled by isolation.</summary>
    public required IReadOnlyList<Ride> Rides { get; init; }

    /// <summary>The place of each station and airport.</summary>
    public required IReadOnlyDictionary<TransitNode, int> Terminals { get; init; }

    /// <summary>Hotels, business centres and sights of each destination city, by city name.</summary>
    public required IReadOnlyDictionary<string, DestinationPlaces> Destinations { get; init; }

    /// <summary>Seat row of a passenger on an aircraft place, for the row-distance rule of transmission.</summary>
    public required IReadOnlyDictionary<(int Person, int Place), int> AircraftRows { get; init; }

    public required ContactGrid Grid { get; init; }

    public CityProfile City => Settings.City;
}
