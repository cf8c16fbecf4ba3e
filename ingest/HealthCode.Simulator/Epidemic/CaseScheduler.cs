using HealthCode.Simulator.Population;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Epidemic;

/// <summary>
/// Turns infections into courses and case reports. Every report it schedules lies at least two days after the
/// infection that causes it, so a day plan can rely on the reports known when its day begins.
/// </summary>
internal sealed class CaseScheduler
{
    private const int Day = SimClock.SecondsPerDay;
    private const int Hour = 3600;
    private const int FirstReportTime = 6 * Hour;

    private readonly ulong _seed;
    private readonly IReadOnlyList<Person> _people;
    private readonly EpidemicState _state;

    public CaseScheduler(ulong seed, IReadOnlyList<Person> people, EpidemicState state)
    {
        _seed = seed;
        _people = people;
        _state = state;
    }

    /// <summary>Infects a susceptible person by contact and schedules their reports, if any.</summary>
    public InfectionCourse Infect(int person, int infectedAt, int source, int placeId, int exposureFrom,
        int exposureTo)
    {
        var rng = Rng.For(_seed, RandomStream.Disease, person);
        var symptomatic = !rng.Chance(DiseaseParameters.AsymptomaticShare);
        var onset = symptomatic ? infectedAt + (int)(Incubation(ref rng) * Day) : InfectionCourse.Never;
        var course = BuildCourse(person, infectedAt, source, placeId, exposureFrom, exposureTo, onset, ref rng);

        // A false alarm planned for a later day gives way to the real illness; today's plan already happened.
        _state.RemoveEpisodesFrom(person, (SimClock.DayOf(infectedAt) + 1) * Day, falseAlarmsOnly: true);
        Register(course, ref rng);
        return course;
    }

    /// <summary>
    /// Seeds infections caught before the start, with onsets around it. The outbreak is noticed only once the
    /// simulation runs, so no seed is reported before its first hours.
    /// </summary>
    public void SeedInfections(int count)
    {
        var rng = Rng.For(_seed, RandomStream.Seeds);
        var chosen = new HashSet<int>();

        while (chosen.Count < Math.Min(count, _people.Count))
        {
            chosen.Add(rng.Next(_people.Count));
        }

        foreach (var person in chosen.Order())
        {
            var own = Rng.For(_seed, RandomStream.Disease, person);
            var symptomatic = !own.Chance(DiseaseParameters.AsymptomaticShare * 0.5);
            var onset = symptomatic ? (int)(own.Uniform(-1.0, 2.5) * Day) : InfectionCourse.Never;
            var infectedAt = symptomatic
                ? onset - (int)(Incubation(ref own) * Day)
                : -(int)(own.Uniform(1.0, 4.0) * Day);
            var course = BuildCourse(person, infectedAt, -1, -1, infectedAt, infectedAt, onset, ref own);
            Register(course, ref own);
        }
    }

    /// <summary>Plans fevers that are not the disease: reported suspected, then cleared after a test.</summary>
    public void ScheduleFalseAlarms(int days)
    {
        var chance = 1 - Math.Pow(1 - DiseaseParameters.FalseSuspectPerDay, days);

        for (var person = 0; person < _people.Count; person++)
        {
            var rng = Rng.For(_seed, RandomStream.FalseSuspect, person);

            if (!_state.IsSusceptible(person) || !rng.Chance(chance))
            {
                continue;
            }

            var clinic = (int)rng.Uniform(1 * Hour, 2 * Hour);
            var reported = AvoidConflicts(person, ReportSlot(rng.Next(days) * Day, ref rng), clinic, ref rng);
            var cleared = reported + (int)rng.Uniform(12 * Hour, 48 * Hour);

            _state.AddEpisode(person, new CaseEpisode
            {
                ReportedAt = reported,
                FirstStatus = CaseStatus.Suspected,
                ConfirmedAt = InfectionCourse.Never,
                ClearedAt = cleared,
                HomeQuarantineUntil = cleared,
                ClinicSeconds = clinic,
                IsInfection = false,
            });
        }
    }

    private static double Incubation(ref Rng rng) =>
        Math.Clamp(rng.LogNormal(DiseaseParameters.IncubationMedianDays, DiseaseParameters.IncubationSigma),
            DiseaseParameters.MinIncubationDays, 14.0);

    private static InfectionCourse BuildCourse(int person, int infectedAt, int source, int placeId,
        int exposureFrom, int exposureTo, int onset, ref Rng rng)
    {
        var symptomatic = onset != InfectionCourse.Never;
        int infectiousFrom;
        int infectiousTo;

        if (symptomatic)
        {
            // Never infectious on the day of infection itself, so one day's transmissions cannot chain.
            infectiousFrom = Math.Max(infectedAt + Day, onset - (int)(DiseaseParameters.PresymptomaticDays * Day));
            infectiousTo = onset + (int)(DiseaseParameters.InfectiousAfterOnsetDays * Day);
        }
        else
        {
            infectiousFrom = infectedAt + (int)(rng.Uniform(2, 4) * Day);
            infectiousTo = infectiousFrom + (int)(rng.Uniform(5, 8) * Day);
        }

        return new InfectionCourse
        {
            Person = person,
            InfectedAt = infectedAt,
            Source = source,
            PlaceId = placeId,
            ExposureFrom = exposureFrom,
            ExposureTo = exposureTo,
            InfectiousFrom = infectiousFrom,
            InfectiousTo = infectiousTo,
            Infectivity = symptomatic ? 1.0 : DiseaseParameters.AsymptomaticInfectivity,
            Symptomatic = symptomatic,
            OnsetAt = onset,
            FeverUntil = symptomatic ? onset + (int)(rng.Uniform(2, 5) * Day) : InfectionCourse.Never,
            SymptomsUntil = symptomatic ? onset + (int)(rng.Uniform(5, 10) * Day) : InfectionCourse.Never,
        };
    }

    private void Register(InfectionCourse course, ref Rng rng)
    {
        _state.AddInfection(course);

        if (!course.Symptomatic || rng.Chance(DiseaseParameters.UnreportedShare))
        {
            return;
        }

        var delay = Math.Clamp(
            rng.LogNormal(DiseaseParameters.ReportDelayMedianDays, DiseaseParameters.ReportDelaySigma), 0.3, 5.0);
        var clinic = (int)rng.Uniform(1 * Hour, 3 * Hour);
        var reported = ReportSlot(Math.Max(course.OnsetAt + (int)(delay * Day), FirstReportTime), ref rng);
        reported = AvoidConflicts(course.Person, Math.Max(reported, course.InfectedAt + 2 * Day), clinic, ref rng);
        var direct = rng.Chance(DiseaseParameters.DirectlyConfirmedShare);
        var confirmed = direct ? reported : reported + (int)rng.Uniform(4 * Hour, 30 * Hour);
        var recoveryDay = SimClock.DayOf(course.OnsetAt + (long)(rng.Uniform(12, 20) * Day));
        var cleared = Math.Max(recoveryDay * Day + (int)rng.Uniform(10 * Hour, 16 * Hour), confirmed + 2 * Day);

        _state.AddEpisode(course.Person, new CaseEpisode
        {
            ReportedAt = reported,
            FirstStatus = direct ? CaseStatus.Confirmed : CaseStatus.Suspected,
            ConfirmedAt = confirmed,
            ClearedAt = cleared,
            HomeQuarantineUntil = cleared + DiseaseParameters.HomeQuarantineDays * Day,
            ClinicSeconds = clinic,
            IsInfection = true,
        });
    }

    /// <summary>A report time between 09:00 and 21:00, on the day of the earliest time or the next.</summary>
    private static int ReportSlot(int earliest, ref Rng rng)
    {
        var day = SimClock.DayOf(earliest);
        var slot = day * Day + 9 * Hour + (int)rng.Uniform(0, 12 * Hour);
        return slot < earliest ? slot + Day : slot;
    }

    /// <summary>
    /// Moves a report out of the person's trip (reports are made at home) and clear of earlier episodes, so
    /// clinic visits, wards and trips never overlap.
    /// </summary>
    private int AvoidConflicts(int person, int reported, int clinic, ref Rng rng)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var moved = false;

            if (_people[person].Trip is { } trip && reported >= trip.OutDay * Day
                && reported < (trip.ReturnDay + 1) * Day)
            {
                reported = ReportSlot((trip.ReturnDay + 1) * Day, ref rng);
                moved = true;
            }

            foreach (var other in _state.EpisodesOf(person))
            {
                if (reported - clinic < other.IsolationUntil + 2 * Hour && reported + Day > other.IsolationFrom)
                {
                    reported = ReportSlot(other.IsolationUntil + 2 * Hour, ref rng);
                    moved = true;
                }
            }

            if (!moved)
            {
                break;
            }
        }

        return reported;
    }
}
