using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Mobility;

/// <summary>
/// Plans one person's day as a true trajectory. The plan is a pure function of the person, the day and the
/// case reports known at the start of that day, so the same day can be re-planned later (for ground truth and
/// investigations) and comes out identical.
/// </summary>
internal sealed class DayPlanner
{
    private const int Day = SimClock.SecondsPerDay;

    private readonly World _world;
    private readonly EpidemicState _state;
    private readonly RoutinePlanner _routine;
    private readonly TripDayPlanner _trips;

    public DayPlanner(World world, EpidemicState state)
    {
        _world = world;
        _state = state;
        _routine = new RoutinePlanner(world);
        _trips = new TripDayPlanner(world);
    }

    public Segment[] Plan(int personIndex, int day, TrajectoryBuilder builder)
    {
        var person = _world.People[personIndex];
        var dayStart = day * Day;
        builder.Begin(dayStart, NightPlace(person, dayStart));

        if (_state.EpisodeTouching(personIndex, dayStart, dayStart + Day) is { } episode)
        {
            PlanIsolation(person, episode, builder);
            return builder.Finish();
        }

        if (person.Trip is { } trip && trip.Touches(day) && IsTripTaken(person, trip))
        {
            _trips.Plan(person, trip, day, builder);
            return builder.Finish();
        }

        if (!IsSickDay(person, day))
        {
            var rng = Rng.For(_world.Seed, RandomStream.Plan, personIndex, day);
            _routine.Plan(person, day, ref rng, builder);
        }

        return builder.Finish();
    }

    /// <summary>
    /// A trip goes ahead unless isolation touches any of its days. Reports are never scheduled inside a trip,
    /// so this answer cannot change once the trip has begun.
    /// </summary>
    public bool IsTripTaken(Person person, TripPlan trip) =>
        !_state.IsIsolatedDuring(person.Index, trip.OutDay * Day, (trip.ReturnDay + 1) * Day);

    /// <summary>Where the person is at a midnight: ward, home quarantine, a hotel while away, or home.</summary>
    public int NightPlace(Person person, int time)
    {
        foreach (var episode in _state.EpisodesOf(person.Index))
        {
            if (time >= episode.ReportedAt && time < episode.ClearedAt)
            {
                return person.Ward;
            }

            if (time >= episode.ClearedAt && time < episode.HomeQuarantineUntil)
            {
                return person.HomePlace;
            }
        }

        var day = SimClock.DayOf(time);

        if (person.Trip is { IsDayTrip: false } trip && day > trip.OutDay && day <= trip.ReturnDay
            && IsTripTaken(person, trip))
        {
            return trip.Hotel;
        }

        return person.HomePlace;
    }

    /// <summary>Some people with symptoms stay home until they are tested.</summary>
    private bool IsSickDay(Person person, int day)
    {
        if (_state.CourseOf(person.Index) is not { Symptomatic: true } course)
        {
            return false;
        }

        var onsetDay = SimClock.DayOf(course.OnsetAt);
        return day >= onsetDay && day <= onsetDay + 4
            && SeedMixer.Unit(_world.Seed, RandomStream.SickDay, person.Index, day) < DiseaseParameters.SickDayShare;
    }

    /// <summary>Report day: home, fever clinic, ward. Then the ward until cleared, then home.</summary>
    private static void PlanIsolation(Person person, CaseEpisode episode, TrajectoryBuilder builder)
    {
        var clinicStart = episode.IsolationFrom;

        if (clinicStart >= builder.DayStart && clinicStart < builder.DayEnd)
        {
            builder.StayUntil(clinicStart - builder.TravelSecondsTo(person.Hospital));
            builder.GoTo(person.Hospital);
            builder.StayUntil(episode.ReportedAt);
            builder.GoTo(person.Ward);
        }

        if (builder.PlaceId == person.Ward)
        {
            builder.StayUntil(episode.ClearedAt);
            builder.GoTo(person.HomePlace);
        }
    }
}
