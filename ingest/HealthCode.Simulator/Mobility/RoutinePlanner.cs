using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Mobility;

/// <summary>
/// Ordinary days at home in the city: commuting to work or school, lunch, an evening out, weekend outings and
/// the slower days of the retired. Every day ends at home before midnight.
/// </summary>
internal sealed class RoutinePlanner
{
    private const int Hour = 3600;
    private const int Minute = 60;

    /// <summary>Nobody crosses the city for longer than this to shop or eat; such an outing is dropped.</summary>
    private const int MaxOutingTravelSeconds = 45 * Minute;

    private static readonly (PlaceKind Kind, Habit Habit, double Weight)[] EveningChoices =
    [
        (PlaceKind.Restaurant, Habit.RestaurantNearHome, 0.4), (PlaceKind.Mall, Habit.Mall, 0.2),
        (PlaceKind.Gym, Habit.Gym, 0.2), (PlaceKind.Shop, Habit.Shop, 0.1), (PlaceKind.Cinema, Habit.Cinema, 0.1),
    ];

    private static readonly (PlaceKind Kind, Habit Habit, double Weight)[] WeekendChoices =
    [
        (PlaceKind.Mall, Habit.Mall, 0.25), (PlaceKind.Restaurant, Habit.RestaurantNearHome, 0.25),
        (PlaceKind.Park, Habit.Park, 0.2), (PlaceKind.Supermarket, Habit.Supermarket, 0.15),
        (PlaceKind.Cinema, Habit.Cinema, 0.05), (PlaceKind.Gym, Habit.Gym, 0.1),
    ];

    private static readonly (PlaceKind Kind, Habit Habit, double Weight)[] AfternoonChoices =
    [
        (PlaceKind.Shop, Habit.Shop, 0.3), (PlaceKind.Restaurant, Habit.RestaurantNearHome, 0.2),
        (PlaceKind.Park, Habit.Park, 0.25), (PlaceKind.Supermarket, Habit.Supermarket, 0.25),
    ];

    private readonly World _world;

    public RoutinePlanner(World world)
    {
        _world = world;
    }

    public void Plan(Person person, int day, ref Rng rng, TrajectoryBuilder builder)
    {
        var dayOfWeek = _world.Clock.DayOfWeek(day);
        var weekend = dayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var employed = person.WorkPlace >= 0;

        switch (person.Role)
        {
            case PersonRole.Worker when employed && !weekend:
                WorkDay(person, ref rng, builder);
                break;
            case PersonRole.ShiftWorker when employed && !person.IsRestDay(dayOfWeek):
                ShiftDay(person, ref rng, builder);
                break;
            case PersonRole.Student when employed && !weekend:
                SchoolDay(person, ref rng, builder);
                break;
            case PersonRole.Retired:
                RetiredDay(person, ref rng, builder);
                break;
            default:
                LeisureDay(person, ref rng, builder);
                break;
        }

        builder.GoTo(person.HomePlace);
    }

    private static int At(TrajectoryBuilder builder, double hours) => builder.DayStart + (int)(hours * Hour);

    private void WorkDay(Person person, ref Rng rng, TrajectoryBuilder builder)
    {
        builder.StayUntil(At(builder, 7) + person.LeaveOffsetSeconds + (int)rng.Normal(0, 10 * Minute));
        builder.GoTo(person.WorkPlace);
        var workEnd = builder.Now + 9 * Hour + (int)rng.Normal(0, 20 * Minute);

        if (rng.Chance(person.LunchOutProbability))
        {
            var lunch = At(builder, 12) + (int)rng.Normal(0, 10 * Minute);
            var venue = Venue(person, PlaceKind.Restaurant, Habit.RestaurantNearWork, ref rng);

            if (venue >= 0 && lunch > builder.Now + 30 * Minute && lunch < workEnd - Hour)
            {
                builder.StayUntil(lunch);
                builder.GoTo(venue);
                builder.StayUntil(builder.Now + rng.Next(30 * Minute, 60 * Minute));
                builder.GoTo(person.WorkPlace);
            }
        }

        builder.StayUntil(workEnd);
        EveningOut(person, person.EveningOutProbability, ref rng, builder);
    }

    private void ShiftDay(Person person, ref Rng rng, TrajectoryBuilder builder)
    {
        var isHospital = _world.Places[person.WorkPlace].Kind == PlaceKind.Hospital;
        var shiftStart = At(builder, isHospital ? 7.5 : 9.5) + person.LeaveOffsetSeconds / 4
            + (int)rng.Normal(0, 5 * Minute);
        builder.StayUntil(shiftStart - builder.TravelSecondsTo(person.WorkPlace));
        builder.GoTo(person.WorkPlace);
        builder.StayUntil(builder.Now + (isHospital ? 9 : 10) * Hour + (int)rng.Normal(0, 10 * Minute));
        EveningOut(person, person.EveningOutProbability / 2, ref rng, builder);
    }

    private void SchoolDay(Person person, ref Rng rng, TrajectoryBuilder builder)
    {
        builder.StayUntil(At(builder, 7) + rng.Next(30 * Minute));
        builder.GoTo(person.WorkPlace);
        builder.StayUntil(At(builder, 16.5) + (int)rng.Normal(0, 15 * Minute));
        EveningOut(person, person.EveningOutProbability / 2, ref rng, builder);
    }

    private void LeisureDay(Person person, ref Rng rng, TrajectoryBuilder builder)
    {
        builder.StayUntil(At(builder, 8) + rng.Next(3 * Hour));
        var outings = rng.PickWeighted([0.2, 0.4, 0.3, 0.1]);

        for (var i = 0; i < outings && builder.Now < At(builder, 20.5); i++)
        {
            var venue = Pick(person, WeekendChoices, ref rng);

            if (!IsReachable(venue, builder))
            {
                continue;
            }

            builder.GoTo(venue);
            builder.StayUntil(Math.Min(builder.Now + rng.Next(60 * Minute, 180 * Minute), At(builder, 22)));

            if (rng.Chance(0.4))
            {
                builder.GoTo(person.HomePlace);
                builder.StayUntil(builder.Now + rng.Next(30 * Minute, 120 * Minute));
            }
        }
    }

    private void RetiredDay(Person person, ref Rng rng, TrajectoryBuilder builder)
    {
        if (rng.Chance(0.65))
        {
            builder.StayUntil(At(builder, 6.5) + rng.Next(2 * Hour));
            var kind = rng.Chance(0.5) ? (PlaceKind.Park, Habit.Park) : (PlaceKind.Supermarket, Habit.Supermarket);
            Visit(person, Venue(person, kind.Item1, kind.Item2, ref rng), 60, 120, ref rng, builder);
        }

        if (rng.Chance(0.02))
        {
            builder.StayUntil(At(builder, 9));
            Visit(person, person.Hospital, 60, 150, ref rng, builder);
        }

        if (rng.Chance(0.35))
        {
            builder.StayUntil(At(builder, 14) + rng.Next(2 * Hour));
            Visit(person, Pick(person, AfternoonChoices, ref rng), 45, 120, ref rng, builder);
        }
    }

    private void EveningOut(Person person, double probability, ref Rng rng, TrajectoryBuilder builder)
    {
        if (!rng.Chance(probability) || builder.Now > At(builder, 20.5))
        {
            return;
        }

        var venue = Pick(person, EveningChoices, ref rng);

        if (IsReachable(venue, builder))
        {
            builder.GoTo(venue);
            builder.StayUntil(Math.Min(builder.Now + rng.Next(45 * Minute, 150 * Minute), At(builder, 22)));
        }
    }

    private static void Visit(Person person, int venue, int minMinutes, int maxMinutes, ref Rng rng,
        TrajectoryBuilder builder)
    {
        if (!IsReachable(venue, builder))
        {
            return;
        }

        builder.GoTo(venue);
        builder.StayUntil(builder.Now + rng.Next(minMinutes * Minute, maxMinutes * Minute));
        builder.GoTo(person.HomePlace);
    }

    private static bool IsReachable(int venue, TrajectoryBuilder builder) =>
        venue >= 0 && builder.TravelSecondsTo(venue) <= MaxOutingTravelSeconds;

    private int Pick(Person person, (PlaceKind Kind, Habit Habit, double Weight)[] choices, ref Rng rng)
    {
        Span<double> weights = stackalloc double[choices.Length];

        for (var i = 0; i < choices.Length; i++)
        {
            weights[i] = choices[i].Weight;
        }

        var choice = choices[rng.PickWeighted(weights)];
        return Venue(person, choice.Kind, choice.Habit, ref rng);
    }

    /// <summary>Usually the person's own favourite, sometimes any venue of the kind in the city.</summary>
    private int Venue(Person person, PlaceKind kind, Habit habit, ref Rng rng)
    {
        var all = _world.Places.OfKind(kind);

        if (all.Count == 0)
        {
            return -1;
        }

        return rng.Chance(0.7) && person.Favourites[(int)habit] >= 0
            ? person.Favourites[(int)habit]
            : all[rng.Next(all.Count)];
    }
}
