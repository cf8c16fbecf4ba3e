using System.Globalization;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Places;

/// <summary>Plain-ASCII names for venues, built from the city's street names and a running number.</summary>
internal static class PlaceNames
{
    private static readonly string[] Restaurants =
        ["Noodle House", "Hotpot", "Dumpling Bar", "Tea House", "Canteen", "Bistro", "Rice Kitchen", "Grill"];

    private static readonly string[] Shops =
        ["Convenience Store", "Pharmacy", "Bakery", "Phone Shop", "Bookshop", "Fruit Shop", "Hair Salon"];

    private static readonly string[] Supermarkets = ["Fresh Market", "Supermarket", "Hypermarket"];

    /// <summary>A name in another city, e.g. <c>Shanghai Hotel #812</c>.</summary>
    public static string ForDestination(PlaceKind kind, string city, int number)
    {
        var rng = new Rng((ulong)number);
        return For(kind, [city], number, ref rng);
    }

    public static string For(PlaceKind kind, IReadOnlyList<string> streets, int number, ref Rng rng)
    {
        var street = streets[rng.Next(streets.Count)];
        var noun = kind switch
        {
            PlaceKind.Restaurant => Restaurants[rng.Next(Restaurants.Length)],
            PlaceKind.Shop => Shops[rng.Next(Shops.Length)],
            PlaceKind.Supermarket => Supermarkets[rng.Next(Supermarkets.Length)],
            PlaceKind.Mall => "Plaza",
            PlaceKind.Gym => "Fitness",
            PlaceKind.Cinema => "Cinema",
            PlaceKind.Park => "Park",
            PlaceKind.Hospital => "Hospital",
            PlaceKind.Office => "Tower",
            PlaceKind.Factory => "Works",
            PlaceKind.School => "School",
            PlaceKind.Hotel => "Hotel",
            PlaceKind.MeetingPlace => "Business Centre",
            PlaceKind.Attraction => "Scenic Area",
            _ => kind.ToString(),
        };

        return string.Create(CultureInfo.InvariantCulture, $"{street} {noun} #{number}");
    }
}
