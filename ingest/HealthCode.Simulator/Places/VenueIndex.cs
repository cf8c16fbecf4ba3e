using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Places;

/// <summary>
/// Finds venues of a kind near a point. Each kind has its own square buckets, sized so that a bucket holds
/// about two venues: dense kinds (restaurants) get small buckets, rare ones (hospitals) large ones.
/// </summary>
internal sealed class VenueIndex
{
    private const int MaxRings = 40;
    private const double VenuesPerBucket = 2.0;

    private readonly PlaceTable _places;
    private readonly Dictionary<PlaceKind, KindBuckets> _kinds = [];

    public VenueIndex(PlaceTable places, IEnumerable<PlaceKind> kinds)
    {
        _places = places;

        foreach (var kind in kinds)
        {
            _kinds[kind] = new KindBuckets(places, places.OfKind(kind), VenuesPerBucket);
        }
    }

    /// <summary>One of the <paramref name="candidates"/> nearest venues of a kind, or -1 when there is none.</summary>
    public int PickNear(PlaceKind kind, GeoPoint point, ref Rng rng, int candidates)
    {
        var all = _places.OfKind(kind);

        if (all.Count == 0)
        {
            return -1;
        }

        // Rare kinds (one cinema in a small town) are searched directly instead of ring by ring.
        candidates = Math.Min(candidates, all.Count);
        var found = new List<int>();

        if (all.Count > 2 * candidates)
        {
            var buckets = _kinds[kind];

            // Rings grow until enough candidates are found; one ring further guards against a closer venue
            // just across a bucket edge.
            for (var ring = 0; ring <= MaxRings && found.Count < candidates; ring++)
            {
                buckets.Collect(point, ring, found);

                if (found.Count >= candidates)
                {
                    buckets.Collect(point, ring + 1, found);
                }
            }
        }

        if (found.Count < candidates)
        {
            found = [.. all];
        }

        var distances = new double[found.Count];

        for (var i = 0; i < found.Count; i++)
        {
            distances[i] = GeoMath.DistanceMeters(point, _places[found[i]].Position);
        }

        var ids = found.ToArray();

        // Array.Sort is deterministic for a given input, so equal distances cannot vary between runs.
        Array.Sort(distances, ids);
        return ids[rng.Next(candidates)];
    }
}
