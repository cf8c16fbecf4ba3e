namespace HealthCode.Storage;

/// <summary>The default of every storage setting, in one place so the reference configuration can quote it.</summary>
public static class StorageDefaults
{
    /// <summary>Embedded chDB: a single machine needs no ClickHouse server.</summary>
    public const StorageMode Mode = StorageMode.Embedded;

    /// <summary>The chDB data directory, relative to the working directory.</summary>
    public const string DataPath = "data/clickhouse";

    /// <summary>The ClickHouse database holding every table.</summary>
    public const string Database = "healthcode";

    /// <summary>Rows a table buffers before the writer sends them as one insert.</summary>
    /// <remarks>ClickHouse wants few large inserts: each insert makes a part that later merges cost.</remarks>
    public const int BatchSize = 100_000;

    /// <summary>The longest a buffered row waits for its batch to fill before it is flushed anyway.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>An insert slower than this is logged as a warning.</summary>
    public static readonly TimeSpan SlowBatchThreshold = TimeSpan.FromSeconds(2);

    /// <summary>Days of SIM registrations kept; 0 is forever, as a SIM stays linked until re-registered.</summary>
    public const int SubscribersRetentionDays = 0;

    /// <summary>Days of pings kept: contact tracing looks back 14 days, research a few weeks more.</summary>
    public const int PingsRetentionDays = 60;

    /// <summary>Days of rail manifests kept, counted from departure.</summary>
    public const int RailTripsRetentionDays = 60;

    /// <summary>Days of flight manifests kept, counted from departure.</summary>
    public const int FlightTripsRetentionDays = 60;

    /// <summary>Days of case reports kept: a case's clearance can come months after its report.</summary>
    public const int CaseReportsRetentionDays = 180;

    /// <summary>Days of case locations kept, counted from the end of the visit.</summary>
    public const int CaseLocationsRetentionDays = 180;

    /// <summary>Days of health declarations kept.</summary>
    public const int DeclarationsRetentionDays = 60;

    /// <summary>Days of contact flags kept, counted from the end of the exposure, as long as case reports.</summary>
    public const int ContactsRetentionDays = 180;

    /// <summary>Days of code changes kept, counted from the time the new colour holds.</summary>
    public const int CodeChangesRetentionDays = 180;
}
