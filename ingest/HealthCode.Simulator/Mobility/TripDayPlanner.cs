using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Mobility;

/// <summary>Days of a trip: to the terminal and away, days at the destination, and the way back home.</summary>
internal sealed class TripDayPlanner
{
    private const int Hour = 3600;

    private readonly World _world;

    public TripDayPlanner(World world)
    {
        _world = world;
    }

    public void Plan(Person person, TripPlan trip, int day, TrajectoryBuilder builder)
    {
        if (day == trip.OutDay)
        {
            Depart(trip, builder);

            if (trip.IsDayTrip)
            {
                builder.GoTo(trip.DayPlace);
                ComeHome(person, trip, builder);
            }
            else
            {
                builder.GoTo(trip.Hotel);
            }
        }
        else if (day == trip.ReturnDay)
        {
            LastMorning(trip, builder);
            ComeHome(person, trip, builder);
        }
        else
        {
            var rng = Rng.For(_world.Seed, RandomStream.Plan, person.Index, day);
            AwayDay(trip, ref rng, builder);
        }
    }

    private static void Depart(TripPlan trip, TrajectoryBuilder builder)
    {
        builder.StayUntil(trip.LeaveHomeAt);
        builder.GoTo(trip.HomeTerminal);
        builder.StayUntil(trip.Outbound.Departs);
        builder.Ride(trip.Outbound.Segments, trip.AwayTerminal);
        builder.StayUntil(trip.Outbound.Arrives + trip.LingerSeconds);
    }

    /// <summary>From wherever the traveller is in the other city to the terminal in time, then home.</summary>
    private static void ComeHome(Person person, TripPlan trip, TrajectoryBuilder builder)
    {
        var back = trip.Return;
        builder.StayUntil(back.Departs - trip.WaitSeconds - builder.TravelSecondsTo(trip.AwayTerminal));
        builder.GoTo(trip.AwayTerminal);
        builder.StayUntil(back.Departs);
        builder.Ride(back.Segments, trip.HomeTerminal);
        builder.StayUntil(back.Arrives + trip.LingerSeconds);
        builder.GoTo(person.HomePlace);
    }

    /// <summary>Before an afternoon departure home, the morning goes to the meeting or the first sight.</summary>
    private static void LastMorning(TripPlan trip, TrajectoryBuilder builder)
    {
        if (trip.Return.Departs - builder.DayStart >= 15 * Hour)
        {
            builder.StayUntil(builder.DayStart + 9 * Hour);
            builder.GoTo(trip.DayPlace);
        }
    }

    private void AwayDay(TripPlan trip, ref Rng rng, TrajectoryBuilder builder)
    {
        builder.StayUntil(builder.DayStart + (int)(8.5 * Hour) + rng.Next(Hour));

        if (trip.Purpose == TripPurpose.Business)
        {
            builder.GoTo(trip.DayPlace);
            builder.StayUntil(builder.DayStart + 17 * Hour + rng.Next(90 * 60));
        }
        else
        {
            var sights = _world.Destinations[trip.Destination.CityName].Attractions;
            var sightseeing = rng.Chance(0.6) ? 2 : 1;

            for (var i = 0; i < sightseeing; i++)
            {
                builder.GoTo(sights[rng.Next(sights.Count)]);
                builder.StayUntil(builder.Now + 2 * Hour + rng.Next(2 * Hour));
            }
        }

        builder.GoTo(trip.Hotel);
    }
}
