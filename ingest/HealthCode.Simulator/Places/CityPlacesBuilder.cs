using HealthCode.Simulator.Cities;
using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Places;

/// <summary>
/// Creates the non-home places: workplaces sized for the workforce, venues scaled to the population (one
/// restaurant per 150 people and so on), hospitals with their isolation wards, terminals and destinations.
/// </summary>
internal sealed class CityPlacesBuilder
{
    private readonly CityProfile _city;
    private readonly PlaceTable _places;
    private readonly CitySampler _sampler;
    private readonly ulong _seed;
    private int _named;

    public CityPlacesBuilder(CityProfile city, PlaceTable places, ulong seed)
    {
        _city = city;
        _places = places;
        _sampler = new CitySampler(city);
        _seed = seed;
    }

    /// <summary>Ward place of each hospital place.</summary>
    public Dictionary<int, int> Wards { get; } = [];

    public Dictionary<TransitNode, int> AddTerminals(TravelNetwork network)
    {
        var terminals = new Dictionary<TransitNode, int>();

        foreach (var node in network.Nodes)
        {
            var kind = node.IsAirport ? PlaceKind.Airport : PlaceKind.RailStation;
            terminals[node] = _places.Add(kind, node.Position, node.Name).Id;
        }

        return terminals;
    }

    public Dictionary<string, DestinationPlaces> AddDestinations(TravelNetwork network)
    {
        var result = new Dictionary<string, DestinationPlaces>();
        var cities = network.Nodes.Where(n => n.CityName != _city.Name).GroupBy(n => n.CityName).ToList();

        for (var i = 0; i < cities.Count; i++)
        {
            var rng = Rng.For(_seed, RandomStream.Destination, i);
            var centre = cities[i].First().CityCentre;
            result[cities[i].Key] = new DestinationPlaces(
                Scatter(PlaceKind.Hotel, cities[i].Key, centre, 12, 3_000, ref rng),
                Scatter(PlaceKind.MeetingPlace, cities[i].Key, centre, 8, 4_000, ref rng),
                Scatter(PlaceKind.Attraction, cities[i].Key, centre, 6, 6_000, ref rng));
        }

        return result;
    }

    public void AddWorkplaces(int officeWorkers, int factoryWorkers, int students)
    {
        var rng = Rng.For(_seed, RandomStream.City, 1);
        AddBySize(PlaceKind.Office, _city.Business, officeWorkers * 1.15, 15, 1.0, 3, 400, ref rng);
        AddBySize(PlaceKind.Factory, _city.Industrial, factoryWorkers * 1.15, 60, 0.7, 10, 600, ref rng);
        AddCount(PlaceKind.School, _city.Residential, Math.Max(1, students / 500), 40, ref rng);
    }

    public void AddVenues(int people)
    {
        var rng = Rng.For(_seed, RandomStream.City, 2);
        var mixed = _city.Residential.Concat(_city.Business).ToList();

        // The floors keep a small sample's city from having one supermarket an hour and a half away.
        AddCount(PlaceKind.Restaurant, mixed, Math.Max(30, people / 150), 6, ref rng);
        AddCount(PlaceKind.Shop, mixed, Math.Max(20, people / 250), 3, ref rng);
        AddCount(PlaceKind.Supermarket, _city.Residential, Math.Max(8, people / 1_500), 15, ref rng);
        AddCount(PlaceKind.Mall, mixed, Math.Max(3, people / 8_000), 60, ref rng);
        AddCount(PlaceKind.Gym, mixed, Math.Max(6, people / 1_200), 5, ref rng);
        AddCount(PlaceKind.Cinema, _city.Business, Math.Max(2, people / 10_000), 10, ref rng);
        AddCount(PlaceKind.Park, _city.Residential, Math.Max(6, people / 3_000), 2, ref rng);
        var hospitals = AddCount(PlaceKind.Hospital, _city.Residential, Math.Max(3, people / 6_000), 120, ref rng);

        foreach (var hospital in hospitals)
        {
            var place = _places[hospital];
            Wards[hospital] = _places.Add(PlaceKind.IsolationWard, place.Position, place.Name + " Isolation Ward").Id;
        }
    }

    private List<int> AddCount(PlaceKind kind, IReadOnlyList<District> districts, int count, int capacity,
        ref Rng rng)
    {
        var ids = new List<int>(count);

        for (var i = 0; i < count; i++)
        {
            var position = _sampler.Sample(districts, ref rng);
            ids.Add(_places.Add(kind, position, NextName(kind, ref rng), capacity).Id);
        }

        return ids;
    }

    private void AddBySize(PlaceKind kind, IReadOnlyList<District> districts, double totalCapacity, double median,
        double sigma, int min, int max, ref Rng rng)
    {
        var capacity = 0.0;

        while (capacity < totalCapacity)
        {
            var size = (int)Math.Clamp(rng.LogNormal(median, sigma), min, max);
            var position = _sampler.Sample(districts, ref rng);
            _places.Add(kind, position, NextName(kind, ref rng), size);
            capacity += size;
        }
    }

    private List<int> Scatter(PlaceKind kind, string city, GeoPoint centre, int count, double spreadMeters,
        ref Rng rng)
    {
        var ids = new List<int>(count);

        for (var i = 0; i < count; i++)
        {
            var position = GeoMath.Offset(centre, rng.Normal(0, spreadMeters), rng.Normal(0, spreadMeters));
            ids.Add(_places.Add(kind, position, PlaceNames.ForDestination(kind, city, ++_named)).Id);
        }

        return ids;
    }

    private string NextName(PlaceKind kind, ref Rng rng) => PlaceNames.For(kind, _city.StreetNames, ++_named, ref rng);
}
