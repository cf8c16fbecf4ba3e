using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Cities;

/// <summary>Draws plausible positions in a city: near a weighted district centre, on land, in the extent.</summary>
internal sealed class CitySampler
{
    private const int MaxAttempts = 30;

    private readonly CityProfile _city;

    public CitySampler(CityProfile city)
    {
        _city = city;
    }

    public GeoPoint Sample(IReadOnlyList<District> districts, ref Rng rng)
    {
        Span<double> weights = stackalloc double[districts.Count];

        for (var i = 0; i < districts.Count; i++)
        {
            weights[i] = districts[i].Weight;
        }

        var district = districts[rng.PickWeighted(weights)];
        return Near(district.Centre, district.SpreadMeters, ref rng);
    }

    /// <summary>A point scattered normally around a centre, redrawn until it is on land inside the extent.</summary>
    public GeoPoint Near(GeoPoint centre, double spreadMeters, ref Rng rng)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var point = GeoMath.Offset(centre, rng.Normal(0, spreadMeters), rng.Normal(0, spreadMeters));

            if (IsHabitable(point))
            {
                return point;
            }
        }

        return centre;
    }

    public bool IsHabitable(GeoPoint point) =>
        _city.Contains(point.Lat, point.Lon) && !_city.Water.Any(w => w.Contains(point));
}
