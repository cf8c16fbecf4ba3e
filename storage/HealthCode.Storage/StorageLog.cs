using Microsoft.Extensions.Logging;

namespace HealthCode.Storage;

/// <summary>Every log message of the storage role, as source-generated named templates.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "chDB opened on {DataPath} from {LibraryPath} in {ElapsedMs} ms")]
    public static partial void ChdbOpened(ILogger logger, string dataPath, string libraryPath, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "chDB closed on {DataPath}")]
    public static partial void ChdbClosed(ILogger logger, string dataPath);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Embedded inserts stage their batches in {StagingPath}")]
    public static partial void StagingChosen(ILogger logger, string stagingPath);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information,
        Message = "Storage schema ready: database {Database}, {TableCount} tables, {Mode} mode, in {ElapsedMs} ms")]
    public static partial void SchemaReady(
        ILogger logger, string database, int tableCount, StorageMode mode, long elapsedMs);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug,
        Message = "Inserted {Rows} rows into {Table} in {ElapsedMs} ms")]
    public static partial void BatchInserted(ILogger logger, string table, int rows, long elapsedMs);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning,
        Message = "Slow insert into {Table}: {Rows} rows took {ElapsedMs} ms, over the {ThresholdMs} ms of " +
                  "StorageSettings.SlowBatchThreshold; ClickHouse may be merging or the disk may be slow")]
    public static partial void SlowBatch(ILogger logger, string table, int rows, long elapsedMs, long thresholdMs);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Error,
        Message = "Timed flush of {Table} failed; its {Rows} rows stay buffered and the next flush retries them")]
    public static partial void TimedFlushFailed(ILogger logger, Exception exception, string table, int rows);
}
