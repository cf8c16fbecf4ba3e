using System.Globalization;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Population;

/// <summary>
/// Gives each person a unique resident id number and one or two SIMs with unique numbers. Draws come from
/// per-person streams; collisions are resolved in person order, so the result is the same for a seed.
/// </summary>
internal sealed class IdentityAssigner
{
    private const double SecondSimShare = 0.22;
    private const double NewSimDuringRunShare = 0.05;
    private const double LocalShare = 0.75;

    private readonly ulong _seed;
    private readonly CityProfile _city;
    private readonly SimClock _clock;

    public IdentityAssigner(ulong seed, CityProfile city, SimClock clock)
    {
        _seed = seed;
        _city = city;
        _clock = clock;
    }

    public List<SimCard> Assign(IReadOnlyList<Person> people)
    {
        var ids = new HashSet<string>(people.Count);
        var numbers = new HashSet<string>(people.Count * 5 / 4);
        var sims = new List<SimCard>(people.Count * 5 / 4);

        foreach (var person in people)
        {
            var rng = Rng.For(_seed, RandomStream.Identity, person.Index);
            person.IdNumber = UniqueIdNumber(person, ids, ref rng);

            var count = rng.Chance(SecondSimShare) ? 2 : 1;
            var own = new List<SimCard>(count);

            for (var i = 0; i < count; i++)
            {
                var carrier = (Carrier)rng.PickWeighted(CarrierCatalog.Shares);
                var msisdn = UniqueMsisdn(carrier, numbers, ref rng);
                var sim = new SimCard(sims.Count, person.Index, msisdn, carrier, RegisteredAt(person, i, ref rng));
                sims.Add(sim);
                own.Add(sim);
            }

            person.Sims = own;
        }

        return sims;
    }

    private string UniqueIdNumber(Person person, HashSet<string> taken, ref Rng rng)
    {
        var areas = rng.Chance(LocalShare) ? _city.LocalAreaCodes : _city.MigrantAreaCodes;
        var area = areas[rng.Next(areas.Count)];

        // The sequence's last digit is odd for men; stepping by two keeps the sex while avoiding a taken number.
        var sequence = rng.Next(500) * 2 + (person.IsMale ? 1 : 0);

        for (var attempt = 0; ; attempt++)
        {
            var id = ResidentIdNumber.Create(area, person.BirthDate, (sequence + 2 * attempt) % 1000);

            if (taken.Add(id))
            {
                return id;
            }
        }
    }

    private static string UniqueMsisdn(Carrier carrier, HashSet<string> taken, ref Rng rng)
    {
        var prefixes = CarrierCatalog.PrefixesOf(carrier);

        while (true)
        {
            var number = string.Create(CultureInfo.InvariantCulture,
                $"+86{prefixes[rng.Next(prefixes.Count)]}{rng.Next(100_000_000):00000000}");

            if (taken.Add(number))
            {
                return number;
            }
        }
    }

    /// <summary>Most SIMs were registered years ago; a few second SIMs are bought during the simulation.</summary>
    private long RegisteredAt(Person person, int simIndex, ref Rng rng)
    {
        if (simIndex > 0 && rng.Chance(NewSimDuringRunShare))
        {
            return rng.Next(_clock.Days) * (long)SimClock.SecondsPerDay + rng.Next(9 * 3600, 21 * 3600);
        }

        var earliest = new DateOnly(Math.Max(2012, person.BirthDate.Year + 14), 1, 1);
        var earliestDays = Math.Min(earliest.DayNumber - _clock.StartDate.DayNumber, -2);
        var day = rng.Next(earliestDays, -1);
        return day * (long)SimClock.SecondsPerDay + rng.Next(8 * 3600, 22 * 3600);
    }
}
