namespace HealthCode.Storage.Schema;

/// <summary>The analytics tables' names: one per canonical event, two lookup copies, two risk decisions.</summary>
public static class StorageTables
{
    /// <summary>Real-name SIM registrations, ordered by subscriber key.</summary>
    public const string Subscribers = "subscribers";

    /// <summary>The same registrations ordered by person key.</summary>
    public const string SubscribersByPerson = "subscribers_by_person";

    /// <summary>Carrier location pings, ordered by grid cell and time.</summary>
    public const string Pings = "pings";

    /// <summary>The same pings ordered by subscriber key and time.</summary>
    public const string PingsBySubscriber = "pings_by_subscriber";

    /// <summary>Rail passengers, ordered by train, service date and carriage.</summary>
    public const string RailTrips = "rail_trips";

    /// <summary>Flight passengers, ordered by flight, service date and seat row.</summary>
    public const string FlightTrips = "flight_trips";

    /// <summary>Case reports, ordered by person and report time.</summary>
    public const string CaseReports = "case_reports";

    /// <summary>Case locations from investigation, ordered by the case's person and start time.</summary>
    public const string CaseLocations = "case_locations";

    /// <summary>Health declarations, ordered by person and declaration time.</summary>
    public const string Declarations = "declarations";

    /// <summary>The risk engine's contact flags, every version, ordered by case, person and flag id.</summary>
    public const string Contacts = "contacts";

    /// <summary>The risk engine's code changes, ordered by person and change sequence.</summary>
    public const string CodeChanges = "code_changes";

    /// <summary>Every table, in the order the schema creates them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Subscribers, SubscribersByPerson, Pings, PingsBySubscriber, RailTrips, FlightTrips, CaseReports,
        CaseLocations, Declarations, Contacts, CodeChanges,
    ];
}
