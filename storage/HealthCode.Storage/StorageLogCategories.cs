namespace HealthCode.Storage;

/// <summary>The log categories of the storage role, in one place so operators can filter them.</summary>
public static class StorageLogCategories
{
    /// <summary>The embedded engine: opening, closing, staging.</summary>
    public const string Chdb = "HealthCode.Storage.Chdb";

    /// <summary>The ClickHouse server client.</summary>
    public const string Server = "HealthCode.Storage.Server";

    /// <summary>Schema creation at start-up.</summary>
    public const string Schema = "HealthCode.Storage.Schema";

    /// <summary>The batching event writer.</summary>
    public const string Writer = "HealthCode.Storage.Writing";
}
