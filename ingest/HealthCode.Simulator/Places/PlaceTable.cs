using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Places;

/// <summary>Every place of the simulation, addressed by dense integer id, with a list per kind.</summary>
internal sealed class PlaceTable
{
    private readonly List<Place> _places = [];
    private readonly List<int>[] _byKind = Enum.GetValues<PlaceKind>().Select(_ => new List<int>()).ToArray();

    public int Count => _places.Count;

    public Place this[int id] => _places[id];

    public IReadOnlyList<int> OfKind(PlaceKind kind) => _byKind[(int)kind];

    public Place Add(PlaceKind kind, GeoPoint position, string name, int capacity = 0)
    {
        var place = new Place(_places.Count, kind, position, name, capacity);
        _places.Add(place);
        _byKind[(int)kind].Add(place.Id);
        return place;
    }
}
