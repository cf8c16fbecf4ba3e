using HealthCode.Storage.Schema;

namespace HealthCode.Storage;

/// <summary>How many days of each table ClickHouse keeps (a TTL on the event time); 0 keeps rows forever.</summary>
public sealed record RetentionSettings
{
    /// <summary>Days of <c>subscribers</c> (and <c>subscribers_by_person</c>) kept, by registration time.</summary>
    public int SubscribersDays { get; init; } = StorageDefaults.SubscribersRetentionDays;

    /// <summary>Days of <c>pings</c> (and <c>pings_by_subscriber</c>) kept, by observation time.</summary>
    public int PingsDays { get; init; } = StorageDefaults.PingsRetentionDays;

    /// <summary>Days of <c>rail_trips</c> kept, by departure time.</summary>
    public int RailTripsDays { get; init; } = StorageDefaults.RailTripsRetentionDays;

    /// <summary>Days of <c>flight_trips</c> kept, by departure time.</summary>
    public int FlightTripsDays { get; init; } = StorageDefaults.FlightTripsRetentionDays;

    /// <summary>Days of <c>case_reports</c> kept, by report time.</summary>
    public int CaseReportsDays { get; init; } = StorageDefaults.CaseReportsRetentionDays;

    /// <summary>Days of <c>case_locations</c> kept, by the end of the visit.</summary>
    public int CaseLocationsDays { get; init; } = StorageDefaults.CaseLocationsRetentionDays;

    /// <summary>Days of <c>declarations</c> kept, by declaration time.</summary>
    public int DeclarationsDays { get; init; } = StorageDefaults.DeclarationsRetentionDays;

    /// <summary>Days of <c>contacts</c> kept, by the end of the exposure (<c>to_at</c>).</summary>
    public int ContactsDays { get; init; } = StorageDefaults.ContactsRetentionDays;

    /// <summary>Days of <c>code_changes</c> kept, by the time the new colour holds from (<c>changed_at</c>).</summary>
    public int CodeChangesDays { get; init; } = StorageDefaults.CodeChangesRetentionDays;

    /// <summary>The retention in days of a table named in <see cref="StorageTables"/>.</summary>
    public int DaysFor(string table) => table switch
    {
        StorageTables.Subscribers or StorageTables.SubscribersByPerson => SubscribersDays,
        StorageTables.Pings or StorageTables.PingsBySubscriber => PingsDays,
        StorageTables.RailTrips => RailTripsDays,
        StorageTables.FlightTrips => FlightTripsDays,
        StorageTables.CaseReports => CaseReportsDays,
        StorageTables.CaseLocations => CaseLocationsDays,
        StorageTables.Declarations => DeclarationsDays,
        StorageTables.Contacts => ContactsDays,
        StorageTables.CodeChanges => CodeChangesDays,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a HealthCode storage table."),
    };

    internal IEnumerable<(string Setting, int Days)> All()
    {
        yield return (nameof(SubscribersDays), SubscribersDays);
        yield return (nameof(PingsDays), PingsDays);
        yield return (nameof(RailTripsDays), RailTripsDays);
        yield return (nameof(FlightTripsDays), FlightTripsDays);
        yield return (nameof(CaseReportsDays), CaseReportsDays);
        yield return (nameof(CaseLocationsDays), CaseLocationsDays);
        yield return (nameof(DeclarationsDays), DeclarationsDays);
        yield return (nameof(ContactsDays), ContactsDays);
        yield return (nameof(CodeChangesDays), CodeChangesDays);
    }
}
