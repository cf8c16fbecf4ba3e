namespace HealthCode.Simulator.Population;

/// <summary>What shapes a person's week.</summary>
internal enum PersonRole
{
    /// <summary>Office or factory hours, Monday to Friday.</summary>
    Worker,

    /// <summary>Works at a venue (shop, restaurant, hospital) in shifts, including weekends.</summary>
    ShiftWorker,

    Student,

    Retired,
}
