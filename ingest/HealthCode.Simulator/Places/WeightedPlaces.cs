using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Places;

/// <summary>Draws places in proportion to their capacity (a big employer hires more people).</summary>
internal sealed class WeightedPlaces
{
    private readonly PlaceTable _places;
    private readonly List<int> _ids = [];
    private readonly List<double> _cumulative = [];

    public WeightedPlaces(PlaceTable places, IEnumerable<PlaceKind> kinds)
    {
        _places = places;
        var total = 0.0;

        foreach (var kind in kinds)
        {
            foreach (var id in places.OfKind(kind))
            {
                total += Math.Max(1, places[id].Capacity);
                _ids.Add(id);
                _cumulative.Add(total);
            }
        }
    }

    public int Pick(ref Rng rng)
    {
        if (_ids.Count == 0)
        {
            return -1;
        }

        var target = rng.NextDouble() * _cumulative[^1];
        var index = _cumulative.BinarySearch(target);
        return _ids[Math.Min(index < 0 ? ~index : index, _ids.Count - 1)];
    }

    /// <summary>The nearest of a few capacity-weighted draws: people prefer jobs closer to home.</summary>
    public int PickNearest(GeoPoint home, int draws, ref Rng rng)
    {
        var best = -1;
        var bestDistance = double.MaxValue;

        for (var i = 0; i < draws; i++)
        {
            var id = Pick(ref rng);

            if (id < 0)
            {
                continue;
            }

            var distance = GeoMath.DistanceMeters(home, _places[id].Position);

            if (distance < bestDistance)
            {
                best = id;
                bestDistance = distance;
            }
        }

        return best;
    }
}
