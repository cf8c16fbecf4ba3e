namespace HealthCode.Storage;

/// <summary>Where the analytics tables live.</summary>
public enum StorageMode
{
    /// <summary>chDB inside this process: the ClickHouse engine as a library, writing to a local data path.</summary>
    Embedded,

    /// <summary>A ClickHouse server reached over HTTP with ClickHouse.Driver.</summary>
    Server,
}
