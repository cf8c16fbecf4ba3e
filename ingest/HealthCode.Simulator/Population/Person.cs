using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Population;

/// <summary>
/// One resident: identity, SIMs, home, workplace and habits. Filled in by the world builder, read-only while the
/// simulation runs (day plans are pure functions of a person, a day and the epidemic state).
/// </summary>
internal sealed class Person
{
    public Person(int index, int household, int homePlace, PersonRole role, DateOnly birthDate, bool isMale)
    {
        Index = index;
        Household = household;
        HomePlace = homePlace;
        Role = role;
        BirthDate = birthDate;
        IsMale = isMale;
    }

    public int Index { get; }

    public int Household { get; }

    public int HomePlace { get; }

    public PersonRole Role { get; }

    public DateOnly BirthDate { get; }

    public bool IsMale { get; }

    public string IdNumber { get; set; } = string.Empty;

    public IReadOnlyList<SimCard> Sims { get; set; } = [];

    /// <summary>Office, factory, school or venue; -1 for the retired.</summary>
    public int WorkPlace { get; set; } = -1;

    /// <summary>The nearest hospital: fever clinic for this person, and its isolation ward.</summary>
    public int Hospital { get; set; } = -1;

    public int Ward { get; set; } = -1;

    /// <summary>Seconds after 07:00 (or 09:00 for shift workers) at which this person usually leaves home.</summary>
    public int LeaveOffsetSeconds { get; set; }

    public double LunchOutProbability { get; set; }

    public double EveningOutProbability { get; set; }

    /// <summary>Bit per <see cref="DayOfWeek"/> on which a shift worker is off.</summary>
    public int RestDays { get; set; }

    /// <summary>Usual venues, indexed by <see cref="Habit"/>; -1 where the city has none.</summary>
    public int[] Favourites { get; set; } = [];

    public TripPlan? Trip { get; set; }

    public bool IsRestDay(DayOfWeek day) => (RestDays & (1 << (int)day)) != 0;
}
