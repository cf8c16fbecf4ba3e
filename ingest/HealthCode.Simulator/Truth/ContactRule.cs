namespace HealthCode.Simulator.Truth;

/// <summary>The contact rules of the design, as named in <c>truth/contacts.jsonl</c>.</summary>
internal enum ContactRule
{
    /// <summary>Same 800 m cell as the case for at least 10 minutes inside its exposure window.</summary>
    Companion,

    /// <summary>Same train, service date and carriage, with overlapping journeys.</summary>
    Rail,

    /// <summary>Same flight and service date, seat row within three rows of the case's.</summary>
    Flight,

    /// <summary>Same train in another carriage, or same flight further away.</summary>
    FellowTraveller,
}
