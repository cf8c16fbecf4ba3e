using HealthCode.Simulator.Cities;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Population;

/// <summary>
/// Creates households (sizes as in an urban census), their homes, and members with roles and ages; then, once
/// workplaces exist, gives everyone a workplace or school, a hospital and favourite venues.
/// </summary>
internal sealed class PopulationBuilder
{
    private static readonly double[] HouseholdSizeWeights = [0.25, 0.30, 0.25, 0.13, 0.07];

    private static readonly PlaceKind[] ShiftWorkplaces =
    [
        PlaceKind.Restaurant, PlaceKind.Shop, PlaceKind.Supermarket, PlaceKind.Mall, PlaceKind.Gym,
        PlaceKind.Cinema, PlaceKind.Park, PlaceKind.Hospital, PlaceKind.School,
    ];

    private readonly CityProfile _city;
    private readonly PlaceTable _places;
    private readonly ulong _seed;
    private readonly DateOnly _start;

    public PopulationBuilder(CityProfile city, PlaceTable places, ulong seed, DateOnly start)
    {
        _city = city;
        _places = places;
        _seed = seed;
        _start = start;
    }

    public List<Person> CreateHouseholds(int people)
    {
        var sampler = new CitySampler(_city);
        var sizes = Rng.For(_seed, RandomStream.Household);
        var result = new List<Person>(people);

        for (var household = 0; result.Count < people; household++)
        {
            var size = Math.Min(people - result.Count, 1 + sizes.PickWeighted(HouseholdSizeWeights));
            var homeRng = Rng.For(_seed, RandomStream.Household, household + 1);
            var home = _places.Add(PlaceKind.Home, sampler.Sample(_city.Residential, ref homeRng),
                "home " + household);

            for (var member = 0; member < size; member++)
            {
                var rng = Rng.For(_seed, RandomStream.Person, result.Count);
                var role = RoleOf(member, ref rng);
                var age = role switch
                {
                    PersonRole.Student => rng.Next(12, 23),
                    PersonRole.Retired => rng.Next(60, 86),
                    _ => rng.Next(22, 61),
                };
                var birth = _start.AddYears(-age).AddDays(-rng.Next(365));
                result.Add(new Person(result.Count, household, home.Id, role, birth, rng.Chance(0.5)));
            }
        }

        return result;
    }

    /// <summary>Workplaces, hospitals, habits and favourite venues; needs every place to exist.</summary>
    public void AssignPlaces(IReadOnlyList<Person> people, IReadOnlyDictionary<int, int> wards)
    {
        var venueKinds = Enum.GetValues<Habit>().Select(KindOf).Append(PlaceKind.School)
            .Append(PlaceKind.Hospital).Distinct().ToList();
        var index = new VenueIndex(_places, venueKinds);
        var officeJobs = new WeightedPlaces(_places, [PlaceKind.Office, PlaceKind.Factory]);
        var shiftJobs = new WeightedPlaces(_places, ShiftWorkplaces);

        foreach (var person in people)
        {
            var rng = Rng.For(_seed, RandomStream.Person, person.Index, 1);
            var home = _places[person.HomePlace].Position;

            person.WorkPlace = person.Role switch
            {
                PersonRole.Worker => officeJobs.PickNearest(home, 3, ref rng),
                PersonRole.ShiftWorker => shiftJobs.PickNearest(home, 3, ref rng),
                PersonRole.Student => index.PickNear(PlaceKind.School, home, ref rng, 3),
                _ => -1,
            };

            person.Hospital = index.PickNear(PlaceKind.Hospital, home, ref rng, 1);
            person.Ward = wards[person.Hospital];
            person.LeaveOffsetSeconds = rng.Next(0, 2 * 3600);
            person.LunchOutProbability = rng.Uniform(0.1, 0.6);
            person.EveningOutProbability = rng.Uniform(0.1, 0.45);
            var firstRest = rng.Next(7);
            person.RestDays = (1 << firstRest) | (1 << ((firstRest + 1 + rng.Next(6)) % 7));

            var work = person.WorkPlace >= 0 ? _places[person.WorkPlace].Position : home;
            person.Favourites = Enum.GetValues<Habit>()
                .Select(h => index.PickNear(KindOf(h), h == Habit.RestaurantNearWork ? work : home, ref rng, 4))
                .ToArray();
        }
    }

    private static PersonRole RoleOf(int member, ref Rng rng)
    {
        ReadOnlySpan<double> weights = member switch
        {
            0 => [0.62, 0.18, 0.0, 0.20],
            1 => [0.55, 0.15, 0.10, 0.20],
            _ => [0.15, 0.05, 0.55, 0.25],
        };

        return (PersonRole)rng.PickWeighted(weights);
    }

    private static PlaceKind KindOf(Habit habit) => habit switch
    {
        Habit.RestaurantNearHome or Habit.RestaurantNearWork => PlaceKind.Restaurant,
        Habit.Supermarket => PlaceKind.Supermarket,
        Habit.Shop => PlaceKind.Shop,
        Habit.Mall => PlaceKind.Mall,
        Habit.Gym => PlaceKind.Gym,
        Habit.Cinema => PlaceKind.Cinema,
        _ => PlaceKind.Park,
    };
}
